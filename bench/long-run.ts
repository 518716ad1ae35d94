/**
 * 3. Long run: 10,000 poll cycles at poll-interval 0 against a short-poll mock (holdMs 0), a call
 * every 500 cycles. Before and after (each with no card shown, after a forced GC): JS heap, DOM
 * nodes, <script> elements, window globals, live timers (page and worker clock). Then once more
 * after the element is removed. Bounded: 10,000 cycles or 3 minutes, whichever comes first.
 */
import type { CDPSession } from 'playwright';
import { startMockServer } from '../src/node/index.js';
import { Method } from '../src/protocol/index.js';
import { BenchPage } from './lib/browser.js';
import { AGENT, elementConfig, type BenchContext } from './lib/context.js';
import type { PageStats } from './lib/page-api.js';
import { formatNumber, type Figure, type Measurement } from './lib/report.js';
import { sleep, until } from './lib/stats.js';

/** How long the card of a finished call stays (src/element: ENDED_CARD_MS) plus a margin. */
const ENDED_CARD_WAIT_MS = 6_500;
export const HEAP_GROWTH_LIMIT_BYTES = 1024 * 1024;
/** What one request in flight may add to a snapshot (a script, a global, a timer, a node). */
const IN_FLIGHT = 1;

interface Snapshot extends PageStats {
  heapUsed: number;
  domCounters: { documents: number; nodes: number; jsEventListeners: number };
}

async function snapshot(page: BenchPage, cdp: CDPSession): Promise<Snapshot> {
  // Twice: the first pass can leave objects that only a second one frees (weak references).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const stats = await page.stats();
  return { ...stats, heapUsed: heap.usedSize, domCounters: { documents: dom.documents, nodes: dom.nodes, jsEventListeners: dom.jsEventListeners } };
}

export async function measureLongRun(ctx: BenchContext): Promise<Measurement> {
  const targetCycles = ctx.quick ? 2_000 : 10_000;
  const callEvery = 500;
  const limitMs = ctx.quick ? 60_000 : 180_000;
  const browser = await ctx.browser();
  const mock = await startMockServer({ holdMs: 0 });
  const context = await browser.newContext();
  let cycles = 0;
  mock.on('request', (entry) => {
    if (entry.user === AGENT.user && entry.method === Method.Waterline) cycles++;
  });
  let calls = 0;
  let missed = 0;
  const call = async (page: BenchPage, n: number): Promise<void> => {
    const phone = `1370000${String(n).padStart(4, '0')}`;
    const popped = page.pop(phone, 10_000);
    const { cdrId } = mock.ring({ user: AGENT.user, phone });
    if (!(await popped)) missed++;
    const hungUp = page.hangup(phone, 10_000);
    mock.hangup(cdrId);
    if ((await hungUp) === null) missed++;
    calls++;
  };
  try {
    const page = await BenchPage.open(context, ctx.site.pageUrl({ ...elementConfig(mock.url, { 'poll-interval': 0, 'share-tabs': 'false' }), 'bench-trace': 'off' }));
    const cdp = await context.newCDPSession(page.page);
    if (!(await page.waitOnline())) throw new Error('long run: the element did not come online');

    // Warm up: JIT, Lit's templates for the card, the first call record; then let the card go.
    await until(() => cycles >= 300, 30_000, 20);
    await call(page, 0);
    await sleep(ENDED_CARD_WAIT_MS);
    const before = await snapshot(page, cdp);
    const startCycles = cycles;
    const started = Date.now();
    ctx.log(`long run: before: heap ${formatNumber(before.heapUsed)} B, ${before.nodes} nodes; running ${targetCycles} cycles`);

    let nextCall = callEvery;
    let stoppedBy: 'cycles' | 'time' = 'cycles';
    let nextLog = 2_000;
    while (cycles - startCycles < targetCycles) {
      if (Date.now() - started > limitMs) {
        stoppedBy = 'time';
        break;
      }
      const done = cycles - startCycles;
      if (done >= nextCall) {
        nextCall += callEvery;
        if (done < targetCycles - 50) await call(page, calls);
      }
      if (done >= nextLog) {
        ctx.log(`long run: ${done} cycles, ${calls - 1} calls, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        nextLog += 2_000;
      }
      await sleep(20);
    }
    const ranCycles = cycles - startCycles;
    const runMs = Date.now() - started;
    await sleep(ENDED_CARD_WAIT_MS);
    const after = await snapshot(page, cdp);
    ctx.log(`long run: after ${ranCycles} cycles in ${(runMs / 1000).toFixed(0)} s: heap ${formatNumber(after.heapUsed)} B, ${after.nodes} nodes`);

    await page.page.evaluate(() => window.__bench.remove());
    await sleep(1_000);
    const removed = await snapshot(page, cdp);
    const requestsAfterRemoval = cycles;
    await sleep(1_000);
    const pollsAfterRemoval = cycles - requestsAfterRemoval;

    const growth = after.heapUsed - before.heapUsed;
    const timers = (s: Snapshot): string => `${s.timers.timeouts + s.timers.intervals}+${s.timers.worker}`;
    // One poll is (almost) always in flight at poll-interval 0: its <script>, its JSONP global
    // and its timeout timer may be in one snapshot and not the other. Growth beyond one is a leak.
    const flat = (key: 'scripts' | 'jsonpGlobals' | 'globals' | 'nodes'): boolean => after[key] <= before[key] + IN_FLIGHT;
    const pageTimers = (s: Snapshot): number => s.timers.timeouts + s.timers.intervals;
    const timersFlat = pageTimers(after) <= pageTimers(before) + IN_FLIGHT && after.timers.worker <= before.timers.worker + IN_FLIGHT;
    const figures: Figure[] = [
      {
        id: 'long-run.cycles',
        label: 'poll cycles run (stopped by)',
        value: ranCycles,
        unit: '',
        shown: `${formatNumber(ranCycles)} in ${(runMs / 1000).toFixed(0)} s, ${calls - 1} calls (${stoppedBy})`,
        target: `${formatNumber(targetCycles)} cycles`,
        met: ranCycles >= targetCycles && missed === 0,
      },
      {
        id: 'long-run.heap-growth',
        label: 'JS heap growth after GC',
        value: growth,
        unit: 'B',
        shown: `${growth >= 0 ? '+' : ''}${formatNumber(growth)} B (${formatNumber(before.heapUsed)} → ${formatNumber(after.heapUsed)})`,
        target: '< 1 MB',
        met: growth < HEAP_GROWTH_LIMIT_BYTES,
      },
      {
        id: 'long-run.dom-nodes',
        label: 'DOM nodes (incl. shadow), before → after',
        value: after.nodes - before.nodes,
        unit: '',
        shown: `${before.nodes} → ${after.nodes} (CDP ${before.domCounters.nodes} → ${after.domCounters.nodes})`,
        target: 'no growth (±1 in flight)',
        met: flat('nodes'),
      },
      {
        id: 'long-run.leftovers',
        label: 'scripts / globals / timers left',
        value: after.scripts + after.jsonpGlobals,
        unit: '',
        shown:
          `scripts ${before.scripts}→${after.scripts}, JSONP globals ${before.jsonpGlobals}→${after.jsonpGlobals}, ` +
          `timers (page+worker) ${timers(before)}→${timers(after)}, window keys +${after.globals - before.globals}`,
        target: 'no growth (±1 in flight)',
        met: flat('scripts') && flat('jsonpGlobals') && flat('globals') && timersFlat,
      },
      {
        id: 'long-run.removed',
        label: 'after removing the element',
        value: removed.scripts + removed.jsonpGlobals,
        unit: '',
        shown: `scripts ${removed.scripts}, JSONP globals ${removed.jsonpGlobals}, timers ${timers(removed)}, ${pollsAfterRemoval} polls in the next 1 s`,
        target: 'nothing polls',
        met: pollsAfterRemoval === 0 && removed.scripts === 0,
      },
    ];
    return {
      name: 'long-run',
      title: `Long run: ${formatNumber(targetCycles)} poll cycles at poll-interval 0, a call every ${callEvery}`,
      figures,
      details: { targetCycles, ranCycles, stoppedBy, runMs, calls: calls - 1, missed, before, after, removed, pollsAfterRemoval, limitMs },
      notes: [
        'Heap: CDP HeapProfiler.collectGarbage twice, then Runtime.getHeapUsage().usedSize; before and after are both taken with the element online, polling, and no card shown (6.5 s after the last hang-up).',
        'Timers: page setTimeout/setInterval wrapped before the IIFE loads; worker-clock timers counted from the [id, ms] / [id, -1] messages the page posts to its worker. One poll is always in flight while the element runs, so one script, one JSONP global and its timeout timer may be live in either snapshot.',
        'After removal, a JSONP request aborted in flight leaves a no-op callback and its 60 s grace timer by design (src/transport/jsonp.ts): it swallows a late answer, then removes itself.',
      ],
    };
  } finally {
    await context.close();
    await mock.close();
  }
}
