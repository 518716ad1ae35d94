#!/usr/bin/env node
/**
 * Finds a Chromium for web-test-runner and Playwright, installing Debian's when allowed.
 *
 * Browser downloads (`npx playwright install`) cannot work on our machines: only the npm registry
 * and Debian's packages are reachable. So we drive whatever Chromium is there, in this order:
 *   1. $CHROME_PATH (must exist);
 *   2. Playwright's own Chromium (`chromium.executablePath()`), if its file exists;
 *   3. /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome.
 * With none, and `install` allowed, and root with apt-get (or CI=true with passwordless sudo), it
 * runs `apt-get update && apt-get install -y chromium` and looks again.
 *
 *   node scripts/find-chromium.mjs            prints the path, or exits 1 saying what to do
 *   node scripts/find-chromium.mjs --install  installs Debian's Chromium first if none is found
 *
 * Plain JS, no dependencies, synchronous: usable from web-test-runner.config.mjs,
 * playwright.config.ts and scripts/test-all.mjs alike. Progress goes to stderr, so the CLI's
 * stdout is only the path.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Flags for every Chromium we launch. The background-networking ones matter on a closed network:
 * without them Chromium keeps trying to reach Google's update, sync and component services.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--mute-audio',
]);

export const SYSTEM_CHROMIUM_PATHS = Object.freeze(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);

const HOW_TO_FIX =
  'Install Debian\'s Chromium with `sudo apt-get install chromium` ' +
  '(or run `node scripts/find-chromium.mjs --install` as root), ' +
  'or set CHROME_PATH to the executable of a Chromium or Chrome you already have.';

function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's bundled Chromium, when someone managed to install it (e.g. a machine with internet). */
function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright');
    const path = chromium.executablePath();
    return path && isExecutableFile(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, command))) return true;
  }
  return false;
}

/** Where a Chromium is right now, or undefined; throws only for a CHROME_PATH that is not there. */
function locate() {
  const fromEnv = process.env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but that is not an executable file. ${HOW_TO_FIX}`);
  }
  return playwrightChromium() ?? SYSTEM_CHROMIUM_PATHS.find(isExecutableFile);
}

/** How to run apt-get here: directly as root, through `sudo -n` on CI; undefined if we may not. */
function aptPrefix() {
  if (!onPath('apt-get')) return undefined;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) return [];
  if (process.env.CI === 'true' && onPath('sudo')) return ['sudo', '-n'];
  return undefined;
}

function run(argv) {
  const [command, ...args] = argv;
  console.error(`find-chromium: $ ${argv.join(' ')}`);
  // stdout of apt-get goes to our stderr: the CLI's stdout is only the path.
  const result = spawnSync(command, args, {
    stdio: ['ignore', 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw new Error(`find-chromium: could not run ${command}: ${result.error.message}. ${HOW_TO_FIX}`);
  if (result.status !== 0) {
    throw new Error(`find-chromium: \`${argv.join(' ')}\` exited with ${result.status ?? result.signal}. ${HOW_TO_FIX}`);
  }
}

/**
 * The path of a Chromium executable.
 * @param {{ install?: boolean }} [options] install: may run apt-get when none is found.
 * @returns {string}
 * @throws {Error} saying what to do, when there is none (and it may not or could not install one).
 */
export function findChromium({ install = false } = {}) {
  const found = locate();
  if (found) return found;

  const prefix = install ? aptPrefix() : undefined;
  if (!prefix) {
    const why = install
      ? 'it cannot be installed from here (apt-get needs root, or CI=true with passwordless sudo)'
      : 'installing was not asked for';
    throw new Error(
      `No Chromium found (looked at CHROME_PATH, Playwright's Chromium, ${SYSTEM_CHROMIUM_PATHS.join(', ')}) ` +
        `and ${why}. ${HOW_TO_FIX}`,
    );
  }

  console.error('find-chromium: no Chromium found; installing Debian\'s chromium package (about a minute)…');
  run([...prefix, 'apt-get', 'update']);
  run([...prefix, 'apt-get', 'install', '-y', 'chromium']);
  const installed = locate();
  if (!installed) throw new Error(`find-chromium: apt-get installed chromium, but no executable was found. ${HOW_TO_FIX}`);
  console.error(`find-chromium: installed ${installed}`);
  return installed;
}

const invokedAsCli = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedAsCli) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--install');
  if (unknown.length > 0) {
    console.error('usage: node scripts/find-chromium.mjs [--install]');
    process.exit(2);
  }
  try {
    console.log(findChromium({ install: args.includes('--install') }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
