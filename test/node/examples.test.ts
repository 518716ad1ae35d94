/**
 * Every example, installed the way its README says, from a clean copy: `npm pack` of the
 * repository (built by `npm test` before the node tests) is unpacked into a temporary folder,
 * each example is copied to `examples/<name>` beside it (so its `"voip-softphone": "file:../.."`
 * dependency finds the packed package, as in a clone after `npm run build`), and each one runs its
 * own `npm ci` from its own lockfile: nothing comes from the repository's node_modules.
 *
 *   plain-html  no install: the script it loads is in the package, the server is its `?server=`
 *   react, vue  `npm run build` (tsc / vue-tsc against voip-softphone/types/react|vue, then Vite),
 *               and the server address comes from the one setting, VITE_VOIP_SERVER
 *   crm-server  `npm run typecheck` and its own `npm test` (SQLite, against the packed mock server)
 *
 * The three installs run side by side. Packages come from the npm cache when they are there
 * (`--prefer-offline`). better-sqlite3 is compiled from source (no prebuilt binary can be
 * downloaded here): a minute or two on an idle 2-core machine, many more on a busy one. So the
 * first run compiles it in the real `npm ci` and keeps the compiled module in a cache outside the
 * repository (os.tmpdir(), keyed by better-sqlite3's version and Node's ABI); later runs install
 * with `npm ci --ignore-scripts` and put that module in place of the compile. Every command is
 * bounded in time.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'voip-examples-'));
/** The packed package, unpacked: the `../..` of every copied example. */
const REPO = join(TMP, 'repo');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The mock server's address in the examples' `.env`, and another one to build with instead. */
const DEFAULT_SERVER = 'http://127.0.0.1:8800';
const OTHER_SERVER = 'https://voip.example.com';

/** Bounds for one command; the whole file stays well inside the node suite's 15 minutes. */
const INSTALL_MS = 8 * 60_000;
const STEP_MS = 3 * 60_000;
const FILE_MS = 10 * 60_000;

after(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  command: string;
  code: number | null;
  output: string;
  ms: number;
}

/**
 * The environment of the parent, without what would make a child npm or node --test act as a
 * part of this run: the node test runner's child marker, and the lower-case `npm_*` variables
 * that `npm test` exports (its prefix, `loglevel=silent`, an empty `allow_scripts`…). Upper-case
 * `NPM_CONFIG_*` variables are a user's or CI's own settings and stay.
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  return { ...env, NO_COLOR: '1', NPM_CONFIG_FUND: 'false', NPM_CONFIG_AUDIT: 'false', NPM_CONFIG_UPDATE_NOTIFIER: 'false', ...extra };
}

/** Runs a command in `cwd`, stopped after `timeoutMs`; resolves with its exit code and output (never rejects). */
function run(command: string, args: string[], cwd: string, { timeoutMs = STEP_MS, env = {} }: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<Run> {
  const shown = `${command} ${args.join(' ')}`;
  const started = Date.now();
  return new Promise((resolve) => {
    // Its own process group, so a timeout also ends what it started (node-gyp's compiler, servers).
    const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stopped = '';
    const timer = setTimeout(() => {
      stopped = `\n(stopped after ${timeoutMs} ms)`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ command: shown, code: -1, output: `${output}\n${error.message}`, ms: Date.now() - started });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ command: shown, code, output: output + stopped, ms: Date.now() - started });
    });
  });
}

/** Asserts that every command of `runs` succeeded, showing the failing one's output. */
function assertAllOk(runs: Run[]): void {
  for (const result of runs) assert.equal(result.code, 0, `${result.command} failed:\n${result.output}`);
}

/** npm 11's list of dependencies whose install scripts `allowScripts` does not cover (so it skipped them). */
const SKIPPED_SCRIPTS = /npm warn install-scripts/i;

/** The repository as a user has it after `npm run build`, reduced to what `npm pack` ships. */
async function unpackRepository(): Promise<void> {
  assert.ok(existsSync(join(ROOT, 'dist', 'index.js')), 'dist/ is not built: run npm run build first (npm test does)');
  const packed = await run(npm, ['pack', '--json', '--pack-destination', TMP], ROOT);
  assertAllOk([packed]);
  const [info] = JSON.parse(packed.output.slice(packed.output.indexOf('['))) as { filename: string }[];
  mkdirSync(REPO);
  assertAllOk([await run('tar', ['-xzf', join(TMP, info!.filename), '-C', REPO, '--strip-components=1'], TMP)]);
}

/** A copy of examples/<name> as it is in git: no node_modules, no build output. */
function copyExample(name: string): string {
  const dir = join(REPO, 'examples', name);
  cpSync(join(ROOT, 'examples', name), dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist|build-[^\\/]*)$/.test(source),
  });
  return dir;
}

/** The example's own install: `npm ci` from its own lockfile (`--ignore-scripts` to skip the install scripts). */
async function install(dir: string, { ignoreScripts = false } = {}): Promise<Run> {
  assert.ok(existsSync(join(dir, 'package-lock.json')), `${dir} has no package-lock.json of its own`);
  const args = ['ci', '--prefer-offline', '--loglevel=warn', ...(ignoreScripts ? ['--ignore-scripts'] : [])];
  return run(npm, args, dir, { timeoutMs: INSTALL_MS });
}

/** Where better-sqlite3's install script leaves the compiled module, inside an example. */
const SQLITE_MODULE = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** The cached compile of the better-sqlite3 that `lockfile` pins, for this Node's ABI and platform. */
function cachedSqliteModule(lockfile: string): string {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages['node_modules/better-sqlite3']?.version;
  assert.ok(version, 'better-sqlite3 is not in the lockfile');
  const key = `better-sqlite3-${version}-node-abi${process.versions.modules}-${process.platform}-${process.arch}.node`;
  return join(tmpdir(), 'voip-softphone-test-cache', key);
}

/** crm-server's install: the real `npm ci` the first time, then the cached compile of better-sqlite3. */
async function installCrmServer(dir: string): Promise<Run> {
  const cached = cachedSqliteModule(join(dir, 'package-lock.json'));
  if (existsSync(cached)) {
    const result = await install(dir, { ignoreScripts: true });
    if (result.code === 0) {
      mkdirSync(dirname(join(dir, SQLITE_MODULE)), { recursive: true });
      copyFileSync(cached, join(dir, SQLITE_MODULE));
    }
    return { ...result, command: `${result.command} (better-sqlite3 from ${cached})` };
  }
  const result = await install(dir);
  if (result.code === 0) {
    mkdirSync(dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}`; // renamed when complete: a cut-off copy is never used
    copyFileSync(join(dir, SQLITE_MODULE), partial);
    renameSync(partial, cached);
  }
  return result;
}

/** The page's first module script, read from a Vite build in `outDir`. */
function builtBundle(outDir: string): string {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const script = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, `no module script in the built index.html:\n${html}`);
  return readFileSync(join(outDir, script), 'utf8');
}

interface FrameworkResult {
  install: Run;
  build: Run;
  /** `vite build` again with VITE_VOIP_SERVER set in the environment. */
  otherServer: Run;
  dir: string;
}

async function installAndBuild(name: 'react' | 'vue'): Promise<FrameworkResult> {
  await unpacked;
  const dir = copyExample(name);
  const installRun = await install(dir);
  if (installRun.code !== 0) return { install: installRun, build: installRun, otherServer: installRun, dir };
  const build = await run(npm, ['run', 'build'], dir);
  const otherServer = await run(process.execPath, [join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', 'build-other-server', '--logLevel', 'warn'], dir, {
    env: { VITE_VOIP_SERVER: OTHER_SERVER },
  });
  return { install: installRun, build, otherServer, dir };
}

interface CrmResult {
  install: Run;
  typecheck: Run;
  test: Run;
}

async function installAndTestCrmServer(): Promise<CrmResult> {
  await unpacked;
  const dir = copyExample('crm-server');
  const installRun = await installCrmServer(dir);
  if (installRun.code !== 0) return { install: installRun, typecheck: installRun, test: installRun };
  const [typecheck, test] = await Promise.all([run(npm, ['run', 'typecheck'], dir), run(npm, ['test'], dir)]);
  return { install: installRun, typecheck, test };
}

// Started at once: the three installs overlap (network, cache, compiler).
const unpacked = unpackRepository();
unpacked.catch(() => {}); // reported by the first test that awaits it
const react = installAndBuild('react');
const vue = installAndBuild('vue');
const crm = installAndTestCrmServer();
for (const started of [react, vue, crm]) started.catch(() => {});

describe('the examples, each installed from a clean copy with its own lockfile', { timeout: FILE_MS }, () => {
  it('plain-html: loads the script from the package, and takes its server from ?server= (8800 by default)', async () => {
    await unpacked;
    const dir = copyExample('plain-html');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(scripts, ['../../dist/voip-softphone.iife.js']);
    for (const src of scripts) assert.ok(existsSync(join(dir, src)), `${src} is not in the packed package`);
    assert.match(html, /new URLSearchParams\(location\.search\)\.get\('server'\) \?\? 'http:\/\/127\.0\.0\.1:8800'/);
    assert.doesNotMatch(html, /<voip-softphone[^>]*\sserver=/, 'the server is set in one place, by the script');
  });

  for (const [title, result] of [
    ['react (React 19)', react],
    ['vue (Vue 3)', vue],
  ] as const) {
    it(`${title}: npm ci, then npm run build type-checks <voip-softphone> in the app's own framework types and bundles it`, async (t) => {
      const { install: installRun, build, dir } = await result;
      t.diagnostic(`npm ci ${installRun.ms} ms, npm run build ${build.ms} ms`);
      assertAllOk([installRun, build]);
      assert.doesNotMatch(installRun.output, SKIPPED_SCRIPTS, 'npm ci skipped install scripts');
      assert.ok(!existsSync(join(dir, 'node_modules', 'voip-softphone', 'node_modules')), 'voip-softphone brought its own copies of dependencies');
      const bundle = builtBundle(join(dir, 'dist'));
      assert.match(bundle, /customElements\.define/, 'the bundle does not register the element');
      assert.match(bundle, /voip-softphone/);
      assert.ok(bundle.includes(DEFAULT_SERVER), `the bundle does not log in to ${DEFAULT_SERVER} (.env)`);
    });

    it(`${title}: VITE_VOIP_SERVER in the environment points the app at another server`, async () => {
      const { otherServer, dir } = await result;
      assertAllOk([otherServer]);
      const bundle = builtBundle(join(dir, 'build-other-server'));
      assert.ok(bundle.includes(OTHER_SERVER), `the bundle does not use ${OTHER_SERVER}`);
      assert.ok(!bundle.includes(DEFAULT_SERVER), `the bundle still names ${DEFAULT_SERVER}`);
    });
  }

  it('crm-server: npm ci (better-sqlite3 compiled, or its cached compile), npm run typecheck and its own npm test pass', async (t) => {
    const { install: installRun, typecheck, test } = await crm;
    t.diagnostic(`npm ci ${installRun.ms} ms, npm run typecheck ${typecheck.ms} ms, npm test ${test.ms} ms`);
    assertAllOk([installRun, typecheck, test]);
    assert.doesNotMatch(installRun.output, SKIPPED_SCRIPTS, 'npm ci skipped install scripts');
    const passed = /^# pass (\d+)/m.exec(test.output) ?? /^ℹ pass (\d+)/m.exec(test.output);
    assert.ok(passed && Number(passed[1]) > 0, `no passing test in the example's own npm test:\n${test.output}`);
    assert.doesNotMatch(test.output, /^ℹ fail [1-9]/m);
  });

  it('every example folder is covered here', () => {
    const covered = ['crm-server', 'plain-html', 'react', 'vue'];
    assert.deepEqual(readdirSync(join(ROOT, 'examples')).sort(), covered);
  });
});
