/**
 * The published package, as a user gets it: `npm pack` of the repository (built by `npm test`
 * before the node tests), installed from the tarball into an empty folder (its dependencies, lit
 * and spark-md5, come from the npm cache: `--prefer-offline`). Checks that the tarball holds
 * exactly what users need, that every `exports` entry resolves in Node, that
 * `voip-softphone/node` starts the mock server and `voip-softphone-mock` runs, and that a bundler
 * honours `sideEffects`: `import 'voip-softphone'` keeps the registration, while `VoipClient` used
 * alone (`voip-softphone/client`) is bundled without Lit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'voip-package-'));
const APP = join(TMP, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** What users need at the top of the package; everything else lives in dist/. */
const TOP_LEVEL = ['package.json', 'README.md', 'README.zh-CN.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json', 'bin/voip-softphone-mock.js'];
/** Files a user's import, script tag or tool reaches for first. */
const MUST_SHIP = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/voip-softphone.iife.js',
  // Loaded by the IIFE on first use, from its own directory (src/ui/extras.ts).
  'dist/voip-softphone.extras.iife.js',
  'dist/ui/extras-entry.js',
  'dist/node/index.js',
  'dist/node/index.d.ts',
  'dist/client/index.js',
  'dist/element/events.d.ts',
  'dist/types/react.d.ts',
  'dist/types/vue.d.ts',
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ok = (result: Run, what: string): Run => {
  assert.equal(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
};

/** Bundles `source` (an entry module in the installed app) with Vite (Rolldown); the code. */
async function bundle(name: string, source: string): Promise<string> {
  const entry = join(APP, `${name}.js`);
  writeFileSync(entry, source);
  const output = (await build({
    root: APP,
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: name } },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  return outputs
    .flatMap((o) => o.output)
    .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
    .join('\n');
}

/** Lit's runtime announces itself in these globals (they survive minification). */
const LIT = /litHtmlVersions|reactiveElementVersions|litElementVersions/;

let files: string[] = [];
let exportsMap: Record<string, unknown> = {};

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'index.js')), 'dist/ is not built: run npm run build first (npm test does)');
  const packed = ok(await run(npm, ['pack', '--json', '--pack-destination', TMP], ROOT), 'npm pack');
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path).sort();
  exportsMap = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;

  mkdirSync(APP);
  writeFileSync(join(APP, 'package.json'), JSON.stringify({ name: 'an-empty-app', private: true, type: 'module' }));
  ok(
    await run(npm, ['install', '--prefer-offline', '--ignore-scripts', '--no-package-lock', '--loglevel=error', join(TMP, info!.filename)], APP),
    'npm install of the tarball',
  );
});

after(() => rmSync(TMP, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds only dist/, the mock CLI, the manifest, the READMEs, LICENSE, CHANGELOG and package.json', () => {
    const stray = files.filter((path) => !path.startsWith('dist/') && !TOP_LEVEL.includes(path));
    assert.deepEqual(stray, []);
    for (const path of TOP_LEVEL) assert.ok(files.includes(path), `${path} is not in the tarball`);
    for (const path of MUST_SHIP) assert.ok(files.includes(path), `${path} is not in the tarball`);
    const sources = files.filter((path) => (/\.(ts|tsx|mts|map)$/.test(path) && !path.endsWith('.d.ts')) || /(^|\/)test\//.test(path));
    assert.deepEqual(sources, [], 'sources, source maps or tests in the tarball');
  });

  it('ships every file that package.json exports', () => {
    const targets = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(targets) : [];
    const paths = targets(exportsMap).map((target) => target.replace(/^\.\//, ''));
    assert.ok(paths.length > 10, 'no exports found');
    for (const path of paths) assert.ok(files.includes(path), `exports points at ${path}, which is not in the tarball`);
  });

  it('resolves every exports entry in Node, and imports the browser entries without crashing', async () => {
    const script = `
      const entries = ${JSON.stringify(Object.keys(exportsMap).map((key) => `voip-softphone${key.slice(1)}`))};
      for (const entry of entries) import.meta.resolve(entry);
      const main = await import('voip-softphone');
      const client = await import('voip-softphone/client');
      const protocol = await import('voip-softphone/protocol');
      console.log(JSON.stringify({
        main: typeof main.VoipClient === 'function' && typeof main.VoipSoftphone === 'function',
        client: typeof client.VoipClient === 'function',
        protocol: typeof protocol.isVoipError === 'function',
      }));`;
    const result = ok(await run(process.execPath, ['--input-type=module', '-e', script], APP), 'importing the package');
    assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1)!), { main: true, client: true, protocol: true });
  });

  it('type-checks a TypeScript file against the installed package: typed events, methods and the client', async () => {
    // React's and Vue's typings (voip-softphone/types/react, /vue) are checked where those
    // frameworks are installed: in examples/react and examples/vue (test/node/examples.test.ts).
    writeFileSync(
      join(APP, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['app.ts'],
      }),
    );
    writeFileSync(
      join(APP, 'app.ts'),
      [
        "import type { Call, VoipSoftphone } from 'voip-softphone';",
        "import { VoipClient } from 'voip-softphone/client';",
        "import { isVoipError } from 'voip-softphone/protocol';",
        "const el: VoipSoftphone = document.createElement('voip-softphone');",
        "el.addEventListener('voip-ring', (e) => { const call: Call = e.detail.call; console.log(call.phone); });",
        "el.addEventListener('voip-error', (e) => { if (isVoipError(e.detail.error)) console.log(e.detail.error.code); });",
        "export const dialled: Promise<unknown> = el.dial('13812345678');",
        "export const client = new VoipClient({ server: 'https://voip.example.com', user: '100008800', password: '02367073578' });",
        '',
      ].join('\n'),
    );
    ok(await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], APP), 'tsc in the app');
  });

  it('starts the mock 800ing server from voip-softphone/node and rings a call through its control API', async () => {
    const script = `
      const { startMockServer } = await import('voip-softphone/node');
      const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
      try {
        const ring = await (await fetch(mock.url + '/mock/ring?user=100008800&phone=13812345678', { method: 'POST' })).json();
        const calls = await (await fetch(mock.url + '/mock/calls?user=100008800')).json();
        console.log(JSON.stringify({ code: ring.code, cdrId: typeof ring.cdrId, calls: calls.calls.length }));
      } finally {
        await mock.close();
      }`;
    const result = ok(await run(process.execPath, ['--input-type=module', '-e', script], APP), 'the mock server');
    assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1)!), { code: 0, cdrId: 'string', calls: 1 });
  });

  it('installs the voip-softphone-mock command', async () => {
    const result = ok(await run(join(APP, 'node_modules', '.bin', 'voip-softphone-mock'), ['--help'], APP), 'voip-softphone-mock --help');
    assert.match(result.stdout + result.stderr, /--port/);
  });

  it('keeps the registration when a bundler meets import "voip-softphone"', async () => {
    const code = await bundle('register', "import 'voip-softphone';\n");
    assert.match(code, /customElements\.define/);
    assert.match(code, LIT);
  });

  it('bundles VoipClient used alone without Lit', async () => {
    const code = await bundle('client-only', "import { VoipClient } from 'voip-softphone/client';\nexport const client = new VoipClient({ server: 'http://127.0.0.1:8800', user: '100008800', password: '02367073578' });\n");
    assert.match(code, /VoipClient/);
    assert.doesNotMatch(code, LIT, 'Lit is in a bundle that only uses VoipClient');
    assert.doesNotMatch(code, /customElements\.define/);
  });
});
