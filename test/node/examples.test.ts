/**
 * examples/react and examples/vue type-check and build, with the repository's own node_modules
 * (no npm install in the examples) and the repository's own build (dist/, which `npm test` builds
 * before the node tests): `tsc` checks the React app against dist/types/react.d.ts, `vue-tsc`
 * checks the Vue templates against dist/types/vue.d.ts, and `vite build` bundles each app.
 * Both examples run side by side; the whole file takes well under a minute.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const OUT = mkdtempSync(join(tmpdir(), 'voip-examples-'));

after(() => rmSync(OUT, { recursive: true, force: true }));

interface Run {
  code: number | null;
  output: string;
}

/** Runs a command in `cwd`; resolves with its exit code and output (never rejects). */
function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Type-checks, then builds one example into a temporary folder; the folder. */
async function checkAndBuild(name: 'react' | 'vue'): Promise<{ outDir: string; typecheck: Run; build: Run }> {
  const dir = join(ROOT, 'examples', name);
  const outDir = join(OUT, name);
  const checker = name === 'vue' ? join(BIN, 'vue-tsc') : join(BIN, 'tsc');
  const [typecheck, build] = await Promise.all([
    run(checker, ['-p', 'tsconfig.json', '--noEmit'], dir),
    run(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], dir),
  ]);
  return { outDir, typecheck, build };
}

describe('the framework examples', () => {
  assert.ok(
    existsSync(join(ROOT, 'dist', 'index.js')) && existsSync(join(ROOT, 'dist', 'types', 'react.d.ts')),
    'dist/ is not built: run npm run build first (npm test does)',
  );
  // Started at once, so the two examples are checked and built side by side.
  const react = checkAndBuild('react');
  const vue = checkAndBuild('vue');

  for (const [name, result] of [
    ['React 19', react],
    ['Vue 3', vue],
  ] as const) {
    it(`type-checks the ${name} example, <voip-softphone> props, events and ref included`, async () => {
      const { typecheck } = await result;
      assert.equal(typecheck.code, 0, typecheck.output);
    });

    it(`builds the ${name} example into a page that loads a script with the element in it`, async () => {
      const { build, outDir } = await result;
      assert.equal(build.code, 0, build.output);
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const script = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      assert.ok(script, `no module script in the built index.html:\n${html}`);
      const bundle = readFileSync(join(outDir, script), 'utf8');
      assert.match(bundle, /customElements\.define/, 'the bundle does not register the element');
      assert.match(bundle, /voip-softphone/);
      assert.ok(readdirSync(join(outDir, 'assets')).length >= 1);
    });
  }
});
