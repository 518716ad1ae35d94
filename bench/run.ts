/**
 * `npm run bench`: builds (unless --no-build), then runs each measurement in turn against the
 * mock server and a headless Chromium, all on 127.0.0.1; prints one table and writes
 * bench/results/<name>.json per measurement plus bench/results/summary.json.
 *
 *   npm run bench                       everything (about 7 minutes on 2 cores)
 *   npm run bench -- --no-build         reuse dist/
 *   npm run bench -- --only=size,pop    some measurements only (names below)
 *   npm run bench -- --quick            fewer calls, shorter windows: to try it, not to quote
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright';
import { measureCapacity } from './capacity.js';
import { measureIdleCost } from './idle-cost.js';
import { launchBrowser } from './lib/browser.js';
import type { BenchContext } from './lib/context.js';
import { IIFE_PATH, ROOT } from './lib/paths.js';
import { environment, renderTable, writeMeasurement, writeSummary, type Measurement } from './lib/report.js';
import { startStaticServer } from './lib/static-server.js';
import { measureLongRun } from './long-run.js';
import { measurePopLatency } from './pop-latency.js';
import { measureProxy } from './proxy.js';
import { measureSize } from './size.js';
import { measureStartup } from './startup.js';
import { measureTabs } from './tabs.js';

/** No measurement may take longer than this (each bounds itself well below it). */
const MEASUREMENT_LIMIT_MS = 5 * 60_000;

const MEASUREMENTS: { name: string; run: (ctx: BenchContext) => Promise<Measurement> }[] = [
  { name: 'size', run: measureSize },
  { name: 'pop', run: measurePopLatency },
  { name: 'long-run', run: measureLongRun },
  { name: 'idle', run: measureIdleCost },
  { name: 'capacity', run: measureCapacity },
  { name: 'startup', run: measureStartup },
  { name: 'tabs', run: measureTabs },
  { name: 'proxy', run: measureProxy },
];

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});

const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((name) => !MEASUREMENTS.some((m) => m.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown measurement(s): ${unknown.join(', ')}; known: ${MEASUREMENTS.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const selected = MEASUREMENTS.filter((m) => !only || only.includes(m.name));

const t0 = Date.now();
const elapsed = (): string => `${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s`;
const log = (line: string): void => console.log(`[${elapsed()}] ${line}`);

let buildMs: number | null = null;
if (!values['no-build']) {
  log('npm run build');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  buildMs = Date.now() - started;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    console.error('bench: `npm run build` failed; nothing measured.');
    process.exit(1);
  }
  log(`built in ${(buildMs / 1000).toFixed(1)} s`);
}
if (!existsSync(IIFE_PATH)) {
  console.error(`bench: ${relative(ROOT, IIFE_PATH)} is missing: run \`npm run build\` (or drop --no-build).`);
  process.exit(1);
}

const site = await startStaticServer(readFileSync(IIFE_PATH));
let browser: Browser | undefined;
const ctx: BenchContext = {
  quick: values.quick,
  site,
  browser: async () => (browser ??= await launchBrowser()),
  log,
};
const chromiumVersion = (await ctx.browser()).version();
const env = environment(chromiumVersion);
log(
  `machine: ${env.machine.os}, ${env.machine.cpus} × ${env.machine.cpuModel}, ${(env.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB; ` +
    `Node ${env.versions.node}, Chromium ${env.versions.chromium}, Playwright ${env.versions.playwright}, Lit ${env.versions.lit}, Vite ${env.versions.vite}`,
);

const done: Measurement[] = [];
const failed: { name: string; error: string }[] = [];
try {
  for (const m of selected) {
    const before = loadavg().map((v) => Math.round(v * 100) / 100);
    log(`── ${m.name} (load average ${before.join(' ')})`);
    if (before[0]! > cpus().length) log(`warning: the machine is busy (load ${before[0]} on ${cpus().length} CPUs): timings will be worse than on a quiet machine`);
    const started = Date.now();
    try {
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        m.run(ctx),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${m.name} took more than ${MEASUREMENT_LIMIT_MS / 60_000} minutes`)), MEASUREMENT_LIMIT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      result.durationMs = Date.now() - started;
      result.loadAverage = { before, after: loadavg().map((v) => Math.round(v * 100) / 100) };
      done.push(result);
      const file = writeMeasurement(env, result);
      log(`${m.name}: done in ${(result.durationMs / 1000).toFixed(0)} s → ${relative(ROOT, file)}`);
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failed.push({ name: m.name, error: text });
      log(`${m.name}: FAILED: ${text}`);
    }
  }
} finally {
  await browser?.close();
  await site.close();
}

const summaryFile = writeSummary(env, done, { buildMs, quick: values.quick, only: only ?? null, totalMs: Date.now() - t0, failed });
console.log(`\n${renderTable(done)}\n`);
const withTarget = done.flatMap((m) => m.figures).filter((f) => f.target !== undefined);
const met = withTarget.filter((f) => f.met === true).length;
console.log(
  `${met} of ${withTarget.length} targets met${failed.length ? `; ${failed.length} measurement(s) failed: ${failed.map((f) => f.name).join(', ')}` : ''}` +
    `${values.quick ? ' (--quick: not for the record)' : ''}. Total ${elapsed().trim()}. Results: ${relative(ROOT, summaryFile)} and bench/results/*.json`,
);
// Exit now: a measurement that timed out may have left servers or browsers behind.
process.exit(failed.length > 0 ? 1 : 0);
