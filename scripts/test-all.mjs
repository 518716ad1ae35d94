#!/usr/bin/env node
/**
 * `npm test`: every suite, in order, each one run even if an earlier one failed:
 *   (a) typecheck      tsc -p tsconfig.json --noEmit                 1 passed or 1 failed
 *   (b) build          npm run build (the size-budget test needs dist/) 1 passed or 1 failed
 *   (c) node           node --test over test/node/*.test.ts          counts from its TAP report
 *   (d) browser        web-test-runner (test/browser/**)              its `N passed, N failed`
 *   (e) e2e            playwright test (test/e2e/**)                  test-results/e2e.json stats
 * Before (d) and (e) it finds (or, as root/CI, installs) Chromium once and hands the path to both
 * through CHROME_PATH. A suite without test files counts 0/0 and does not fail.
 *
 * Children's output is streamed as it comes. The output ends with a table per suite and then,
 * as the very last line, `N passed, N failed` (`, N skipped` when any were skipped) over all
 * suites. The exit code is 0 only if nothing failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'test-results');
const NODE_TAP = join(RESULTS, 'node.tap');
const E2E_JSON = join(RESULTS, 'e2e.json');
const BIN = join(ROOT, 'node_modules', '.bin');
/** A suite still running after this is stopped and counted as failed (CI has 90 minutes in all). */
const SUITE_TIMEOUT_MS = 15 * 60_000;

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, note: string }} SuiteResult */
/** @type {SuiteResult[]} */
const results = [];

function record(name, counts, note = '') {
  results.push({ name, passed: 0, failed: 0, skipped: 0, ...counts, note });
}

function header(title) {
  console.log(`\n${'='.repeat(78)}\n== ${title}\n${'='.repeat(78)}`);
}

/** Test files under `dir` (recursively) whose names end with `suffix`, relative to the root. */
function testFiles(dir, suffix, { recursive }) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(ROOT, join(entry.parentPath ?? entry.path ?? abs, entry.name)))
    .filter((file) => !file.split(/[\\/]/).includes('node_modules'))
    .sort();
}

const stripAnsi = (text) => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');

/**
 * Runs a command with its output streamed live (and kept, to parse).
 * @returns {Promise<{ code: number, output: string, timedOut: boolean }>}
 */
function run(command, args, { env = {} } = {}) {
  const shown = (arg) => (arg === process.execPath ? 'node' : arg.startsWith(`${ROOT}/`) ? relative(ROOT, arg) : arg);
  console.log(`$ ${[command, ...args].map(shown).join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout ends the browsers and servers it started
    });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n!! ${command} still running after ${SUITE_TIMEOUT_MS / 60_000} minutes: stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5_000).unref();
      } catch {
        // already gone
      }
    }, SUITE_TIMEOUT_MS);
    child.on('error', (error) => {
      output += `\n${error.message}`;
      console.error(`!! could not run ${command}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), output, timedOut });
    });
  });
}

/** The last match of `pattern` (global, multiline) in `text`, or undefined. */
function lastMatch(text, pattern) {
  let last;
  for (const match of text.matchAll(pattern)) last = match;
  return last;
}

// (a) ---------------------------------------------------------------------------------------
async function typecheck() {
  header('(a) typecheck: tsc -p tsconfig.json --noEmit');
  const { code } = await run(join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  record('typecheck', code === 0 ? { passed: 1 } : { failed: 1 }, code === 0 ? '' : `tsc exited ${code}`);
}

// (b) ---------------------------------------------------------------------------------------
async function nodeTests() {
  const files = testFiles('test/node', '.test.ts', { recursive: false });
  header(`(b) node tests: node --test, ${files.length} file(s) in test/node`);
  if (files.length === 0) {
    console.log('no test/node/*.test.ts files: nothing to run');
    record('node', {}, 'no test files');
    return;
  }
  rmSync(NODE_TAP, { force: true });
  const { code } = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${relative(ROOT, NODE_TAP)}`,
    ...files,
  ]);
  const tap = existsSync(NODE_TAP) ? readFileSync(NODE_TAP, 'utf8') : '';
  const count = (name) => Number(lastMatch(tap, new RegExp(`^# ${name} (\\d+)\\s*$`, 'gm'))?.[1] ?? 0);
  const counts = {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  };
  let note = '';
  if (!/^# pass \d+/m.test(tap)) note = 'no TAP summary';
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1; // the runner failed without a failing test to show for it
    note = `node exited ${code}${note ? `, ${note}` : ''}`;
  }
  record('node', counts, note);
}

// (c) ---------------------------------------------------------------------------------------
async function build() {
  header('(c) build: npm run build');
  const { code } = await run('npm', ['run', 'build']);
  record('build', code === 0 ? { passed: 1 } : { failed: 1 }, code === 0 ? '' : `npm run build exited ${code}`);
}

// Chromium for (d) and (e) ------------------------------------------------------------------
/** @returns {{ path?: string, error?: string }} */
function chromium() {
  header('Chromium for the browser and end-to-end tests');
  try {
    const path = findChromium({ install: true });
    console.log(`using ${path}`);
    return { path };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message);
    return { error: message };
  }
}

// (d) ---------------------------------------------------------------------------------------
async function browserTests(files, browser) {
  header(`(d) browser tests: web-test-runner, ${files.length} file(s) in test/browser`);
  if (files.length === 0) {
    console.log('no test/browser/**/*.test.ts files: nothing to run');
    record('browser', {}, 'no test files');
    return;
  }
  if (!browser.path) {
    record('browser', { failed: 1 }, 'no Chromium');
    return;
  }
  const { code, output, timedOut } = await run(join(BIN, 'web-test-runner'), [], { env: { CHROME_PATH: browser.path } });
  const summary = lastMatch(stripAnsi(output), /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g);
  const counts = summary
    ? { passed: Number(summary[1]), failed: Number(summary[2]), skipped: Number(summary[3] ?? 0) }
    : { passed: 0, failed: 0, skipped: 0 };
  let note = summary ? '' : 'no summary';
  if (timedOut) note = 'timed out';
  if (code !== 0 && counts.failed === 0) {
    // e.g. a test file that could not be imported: web-test-runner fails without a failed test.
    counts.failed = 1;
    note = `web-test-runner exited ${code}${note ? `, ${note}` : ''}`;
  }
  record('browser', counts, note);
}

// (e) ---------------------------------------------------------------------------------------
async function e2eTests(files, browser) {
  header(`(e) end-to-end tests: playwright test, ${files.length} file(s) in test/e2e`);
  if (files.length === 0) {
    console.log('no test/e2e/**/*.spec.ts files: nothing to run');
    record('e2e', {}, 'no test files');
    return;
  }
  if (!browser.path) {
    record('e2e', { failed: 1 }, 'no Chromium');
    return;
  }
  rmSync(E2E_JSON, { force: true });
  const { code, timedOut } = await run(join(BIN, 'playwright'), ['test'], { env: { CHROME_PATH: browser.path } });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  let note = '';
  try {
    const { stats } = JSON.parse(readFileSync(E2E_JSON, 'utf8'));
    counts = {
      passed: stats.expected ?? 0,
      failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
      skipped: stats.skipped ?? 0,
    };
  } catch (error) {
    note = `no readable ${relative(ROOT, E2E_JSON)}: ${error instanceof Error ? error.message : error}`;
  }
  if (timedOut) note = 'timed out';
  if (code !== 0 && counts.failed === 0) {
    // e.g. the web server did not start, or a spec file did not load.
    counts.failed = 1;
    note = `playwright exited ${code}${note ? `, ${note}` : ''}`;
  }
  record('e2e', counts, note);
}

// ------------------------------------------------------------------------------------------
function printSummary() {
  header('Summary');
  const rows = [['suite', 'passed', 'failed', 'skipped', ''], ...results.map((r) => [r.name, r.passed, r.failed, r.skipped, r.note])];
  const widths = [10, 7, 7, 8];
  for (const [name, ...rest] of rows) {
    const cells = rest.slice(0, 3).map((value, i) => String(value).padStart(widths[i + 1]));
    console.log(`${String(name).padEnd(widths[0])}${cells.join('')}  ${rest[3]}`.trimEnd());
  }
  const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
  const passed = total('passed');
  const failed = total('failed');
  const skipped = total('skipped');
  console.log('');
  // The last line of all: the combined count CI reads.
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return failed;
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  await typecheck();
  // The build comes before the node tests: the size-budget test reads dist/.
  await build();
  await nodeTests();
  const browserFiles = testFiles('test/browser', '.test.ts', { recursive: true });
  const e2eFiles = testFiles('test/e2e', '.spec.ts', { recursive: true });
  const browser = browserFiles.length > 0 || e2eFiles.length > 0 ? chromium() : {};
  await browserTests(browserFiles, browser);
  await e2eTests(e2eFiles, browser);
  const failed = printSummary();
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  // A bug in this script: still end with the summary line, counting it as a failure.
  console.error(error);
  record('test-all', { failed: 1 }, 'crashed');
  printSummary();
  process.exitCode = 1;
});
