/**
 * Proxy: how many long polls createVoipProxy holds at once and what it adds to each request.
 * A CRM with thousands of agents holds one getLongWaterLine per agent through its proxy.
 *
 * The proxy runs in a process of its own (bench/proxy-server.ts); this process plays both the
 * browsers (one keep-alive connection per agent) and a stand-in 800ing server that holds every
 * poll until released, or answers at once for a latency probe. Loopback only.
 *
 *  1. Added latency, idle: PROBES requests answered at once by the stand-in, straight to it and
 *     through the proxy, interleaved; the figure is p99(through) − p99(direct).
 *  2. HELD polls opened through the proxy and held by the stand-in past its hold (HOLD_MS); the
 *     proxy's memory before and during gives the memory per held poll.
 *  3. Added latency while they are held: the probes again.
 *  4. All held polls released at once: every one must be answered (none dropped by the proxy).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Endpoint } from '../src/protocol/index.js';
import { listen } from '../src/node/listen.js';
import type { BenchContext } from './lib/context.js';
import { ROOT } from './lib/paths.js';
import { environment, formatNumber, writeMeasurement, type Measurement } from './lib/report.js';
import { round, sleep, summarize, until } from './lib/stats.js';

export const PROXY_TARGET_HELD = 5_000;
export const PROXY_P99_ADDED_LIMIT_MS = 10;
const PROBES = 1_000;
/** Probes in flight at once: a busy CRM, not one request after another. */
const PROBE_CONCURRENCY = 20;
/** How long the stand-in holds the polls: past the vendor's usual 25-35 s hold is not needed to prove holding, 10 s is. */
const HOLD_MS = 10_000;
/** Polls opened per tick, so that the listen backlog is not overrun. */
const OPEN_BATCH = 250;

interface Usage {
  rss: number;
  heapUsed: number;
  external: number;
  lagP99Ms: number;
}

/** The stand-in 800ing server: holds `hold=1` requests until release(), answers the rest at once. */
async function startVendor(): Promise<{ url: string; held: () => number; release: () => void; close: () => Promise<void> }> {
  const held: ServerResponse[] = [];
  const answer = (res: ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"code":0,"waterline":1}');
  };
  const server = createServer((req: IncomingMessage, res) => {
    if (req.url?.includes('hold=1')) held.push(res);
    else answer(res);
  });
  server.maxHeadersCount = 100;
  const { url } = await listen(server, 0, '127.0.0.1');
  return {
    url,
    held: () => held.length,
    release: () => {
      for (const res of held.splice(0)) answer(res);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One GET; resolves with the status and the milliseconds it took. */
function get(agent: Agent, url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end();
  });
}

/** PROBES requests direct and through the proxy, interleaved; the added latency at p50/p99. */
async function probe(direct: string, proxied: string): Promise<{ direct: ReturnType<typeof summarize>; proxied: ReturnType<typeof summarize>; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: PROBE_CONCURRENCY * 2 });
  const times = { direct: [] as number[], proxied: [] as number[] };
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < PROBES) {
      const i = next++;
      const through = i % 2 === 1;
      const path = `${Endpoint.Json}?method=getLongWaterLine&probe=${i}`;
      const result = await get(agent, (through ? proxied : direct) + path);
      if (result.status !== 200) failed++;
      else (through ? times.proxied : times.direct).push(result.ms);
    }
  };
  await Promise.all(Array.from({ length: PROBE_CONCURRENCY }, worker));
  agent.destroy();
  return { direct: summarize(times.direct), proxied: summarize(times.proxied), failed };
}

function added(p: { direct: ReturnType<typeof summarize>; proxied: ReturnType<typeof summarize> }, key: 'p50' | 'p99'): number | null {
  const a = p.proxied[key];
  const b = p.direct[key];
  return a === null || b === null ? null : round(a - b, 2);
}

export async function measureProxy(ctx: BenchContext): Promise<Measurement> {
  const held = ctx.quick ? 1_000 : PROXY_TARGET_HELD;
  const vendor = await startVendor();
  const child: ChildProcess = fork(join(ROOT, 'bench', 'proxy-server.ts'), [vendor.url], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(type: string, expect: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (message: { type: string } & T): void => {
        if (message.type !== expect) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      if (type) child.send({ type });
    });
  const polls = new Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    const { url: proxyUrl } = await ask<{ url: string }>('', 'ready');
    const idle = await probe(vendor.url, proxyUrl);
    ctx.log(`proxy: idle added latency p50 ${added(idle, 'p50')} ms, p99 ${added(idle, 'p99')} ms`);
    const before = await ask<Usage>('usage', 'usage');

    const answers: Promise<{ status: number; ms: number }>[] = [];
    const errors = new Map<string, number>();
    let failedEarly = 0;
    for (let i = 0; i < held; i++) {
      answers.push(
        get(polls, `${proxyUrl}${Endpoint.Json}?method=getLongWaterLine&hold=1&agent=${i}`).then((result) => {
          if (result.status !== 200) {
            failedEarly++;
            errors.set(String(result.status), (errors.get(String(result.status)) ?? 0) + 1);
          }
          return result;
        }),
      );
      // Agents log in over minutes, not in one millisecond: open a batch, let it reach the server.
      if (i % OPEN_BATCH === OPEN_BATCH - 1) await until(() => vendor.held() + failedEarly >= i + 1 - OPEN_BATCH, 10_000, 5);
    }
    const allHeld = await until(() => vendor.held() >= held, 30_000, 20);
    ctx.log(`proxy: ${vendor.held()} of ${held} polls held at the server through the proxy`);
    await sleep(1_000); // let the opening settle before measuring memory
    const during = await ask<Usage>('usage', 'usage');
    const busy = await probe(vendor.url, proxyUrl);
    ctx.log(`proxy: added latency with ${held} held: p50 ${added(busy, 'p50')} ms, p99 ${added(busy, 'p99')} ms`);
    const heldSince = performance.now();
    await sleep(Math.max(0, HOLD_MS - 2_000));
    const stillHeld = vendor.held();
    const releasedAt = performance.now();
    vendor.release();
    const results = await Promise.all(answers);
    const releaseMs = performance.now() - releasedAt;
    const answered = results.filter((r) => r.status === 200).length;
    ctx.log(`proxy: held ${round((releasedAt - heldSince) / 1000, 1)} s; ${answered} of ${held} answered after release, in ${Math.round(releaseMs)} ms`);

    const perPollBytes = Math.round((during.rss - before.rss) / held);
    const perPollHeap = Math.round((during.heapUsed + during.external - before.heapUsed - before.external) / held);
    const p99Added = added(busy, 'p99');
    const heldOk = allHeld && stillHeld >= held && answered === held;
    return {
      name: 'proxy',
      title: 'createVoipProxy: long polls held at once, added latency, memory per held poll',
      figures: [
        {
          id: 'proxy-held',
          label: 'long polls held at once through the proxy (all answered on release)',
          value: heldOk ? held : Math.min(stillHeld, answered),
          unit: 'polls',
          target: `≥ ${formatNumber(PROXY_TARGET_HELD)}`,
          met: heldOk && held >= PROXY_TARGET_HELD,
        },
        {
          id: 'proxy-added-p99',
          label: `p99 latency the proxy adds, with ${formatNumber(held)} polls held`,
          value: p99Added,
          unit: 'ms',
          target: `< ${PROXY_P99_ADDED_LIMIT_MS} ms`,
          met: p99Added === null ? null : p99Added < PROXY_P99_ADDED_LIMIT_MS,
        },
        { id: 'proxy-added-p50', label: `p50 latency the proxy adds, with ${formatNumber(held)} polls held`, value: added(busy, 'p50'), unit: 'ms' },
        { id: 'proxy-added-p99-idle', label: 'p99 latency the proxy adds, nothing held', value: added(idle, 'p99'), unit: 'ms' },
        { id: 'proxy-memory-per-poll', label: 'proxy memory per held poll (RSS)', value: perPollBytes, unit: 'bytes', shown: `${formatNumber(perPollBytes / 1024)} KiB` },
      ],
      details: {
        held,
        holdMs: HOLD_MS,
        probes: PROBES,
        probeConcurrency: PROBE_CONCURRENCY,
        idle,
        whileHeld: busy,
        proxyMemory: { before, during, perPollRssBytes: perPollBytes, perPollHeapBytes: perPollHeap },
        release: { answered, ms: Math.round(releaseMs) },
        failuresByStatus: Object.fromEntries(errors),
      },
      notes: [
        'The proxy in its own process, the browsers and a stand-in 800ing server (holding every poll until released) in the bench process; loopback only.',
        'Added latency = p99 through the proxy − p99 straight to the stand-in, probes interleaved, 20 in flight.',
        'Memory per held poll = (proxy RSS while holding − RSS before) / held, after a GC: one browser connection, one upstream connection, their buffers.',
        'The proxy keeps no state between requests: more agents → more proxy instances behind any load balancer.',
      ],
    };
  } finally {
    polls.destroy();
    child.send({ type: 'close' });
    await new Promise((resolve) => child.once('exit', resolve));
    await vendor.close();
  }
}

// Run alone: `node --import tsx bench/proxy.ts [--quick]` writes bench/results/proxy.json.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const log = (line: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const ctx = { quick: process.argv.includes('--quick'), log } as BenchContext;
  const load = (): number[] => loadavg().map((v) => Math.round(v * 100) / 100);
  const before = load();
  const result = await measureProxy(ctx);
  result.durationMs = Date.now() - started;
  result.loadAverage = { before, after: load() };
  const file = writeMeasurement(environment('not used'), result);
  for (const figure of result.figures) log(`${figure.label}: ${figure.shown ?? formatNumber(figure.value, figure.unit)}${figure.target ? ` (target ${figure.target}: ${figure.met ? 'met' : 'MISSED'})` : ''}`);
  log(`→ ${file}`);
}
