/**
 * 6. Start-up: from the element connected (appended to the document) to `voip-status` online,
 * against the mock on loopback, 20 runs, each in a fresh browser context and page. Also in round
 * trips: the JSONP answers that completed in between (Resource Timing), checked against the
 * requests the mock saw.
 */
import { startMockServer } from '../src/node/index.js';
import { BenchPage } from './lib/browser.js';
import { AGENT, elementConfig, type BenchContext } from './lib/context.js';
import type { StartupResult } from './lib/page-api.js';
import type { Figure, Measurement } from './lib/report.js';
import { round, summarize } from './lib/stats.js';

export const STARTUP_ROUND_TRIPS = 2;
export const STARTUP_SLACK_MS = 50;

type Run = StartupResult & { mockRequests: number };

/** `runs` start-ups, each in a fresh context and page; `extra` attributes on top of the defaults. */
async function series(ctx: BenchContext, runs: number, extra: Record<string, string>): Promise<Run[]> {
  const browser = await ctx.browser();
  const mock = await startMockServer({ holdMs: 25_000 });
  const results: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      try {
        // The page loads without the element; then it is built, connected and timed in the page.
        const page = await BenchPage.open(context, ctx.site.pageUrl({ ...elementConfig(mock.url), autostart: 0 }));
        let seen = 0;
        const onRequest = (entry: { user: string }): void => {
          if (entry.user === AGENT.user) seen++;
        };
        mock.on('request', onRequest);
        const result = await page.page.evaluate((config) => window.__bench.startTimed(config), elementConfig(mock.url, extra));
        mock.off('request', onRequest);
        results.push({ ...result, mockRequests: seen });
      } finally {
        await context.close();
      }
    }
  } finally {
    await mock.close();
  }
  return results;
}

/**
 * The floor: a bare JSONP round trip started at connect in the same kind of fresh page, alone
 * and beside the smallest widget (three nodes in a shadow root). No widget that shows anything can
 * be online sooner than the second; the start-up minus it is ours (our script, render and layout).
 */
async function floorSeries(ctx: BenchContext, runs: number, beside: boolean): Promise<number[]> {
  const browser = await ctx.browser();
  const mock = await startMockServer({ holdMs: 25_000 });
  const results: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      try {
        const page = await BenchPage.open(context, ctx.site.pageUrl({ ...elementConfig(mock.url), autostart: 0 }));
        results.push(await page.page.evaluate(([server, b]) => window.__bench.floorTimed(server, b), [mock.url, beside] as const));
      } finally {
        await context.close();
      }
    }
  } finally {
    await mock.close();
  }
  return results;
}

export async function measureStartup(ctx: BenchContext): Promise<Measurement> {
  // share-tabs at its default (on): the Web Locks election is part of a real start.
  const results = await series(ctx, ctx.quick ? 5 : 20, {});
  // For comparison: the same without the tab election (share-tabs="false").
  const alone = await series(ctx, ctx.quick ? 3 : 6, { 'share-tabs': 'false' });
  const aloneMs = summarize(alone.map((r) => r.ms));
  const floorBare = summarize(await floorSeries(ctx, ctx.quick ? 3 : 10, false));
  const floorBeside = summarize(await floorSeries(ctx, ctx.quick ? 3 : 20, true));
  const aloneFirst = summarize(alone.map((r) => r.firstRequestMs ?? Number.NaN));
  const runs = results.length;
  const ms = summarize(results.map((r) => r.ms));
  const trips = summarize(results.map((r) => r.roundTrips));
  const rtt = summarize(results.flatMap((r) => r.rttMs));
  const limit = STARTUP_ROUND_TRIPS * (rtt.p50 ?? 0) + STARTUP_SLACK_MS;
  // Where the time goes: connected → first request starts; the requests; last answer → online.
  const phases = {
    // The session is created in the element's first update, before it renders: status `connecting`.
    toConnectingP50: round(summarize(results.map((r) => r.statuses.find((st) => st.status === 'connecting')?.ms ?? Number.NaN)).p50),
    toFirstRequestP50: round(summarize(results.map((r) => r.firstRequestMs ?? Number.NaN)).p50),
    requestsP50: round(summarize(results.map((r) => r.rttMs.reduce((a, b) => a + b, 0))).p50),
    answerToOnlineP50: round(summarize(results.map((r) => r.ms - (r.firstRequestMs ?? 0) - r.rttMs.reduce((a, b) => a + b, 0))).p50),
    firstRun: results[0] ? round(results[0].ms) : null,
  };
  ctx.log(`startup: p50 ${round(ms.p50)} ms, p95 ${round(ms.p95)} ms, round trips max ${trips.max}, loopback RTT p50 ${round(rtt.p50)} ms`);
  const figures: Figure[] = [
    {
      id: 'startup.ms.p95',
      label: 'connected → online p50/p95',
      value: round(ms.p95),
      unit: 'ms',
      shown: `${round(ms.p50)} / ${round(ms.p95)} ms`,
      target: `p95 ≤ 2 RTT + 50 = ${round(limit)} ms`,
      met: ms.p95 !== null && ms.p95 <= limit,
    },
    {
      id: 'startup.round-trips',
      label: 'round trips before online (max)',
      value: trips.max,
      unit: '',
      shown: `${trips.p50} (max ${trips.max}; ${[...new Set(results.flatMap((r) => r.methods))].join(', ')})`,
      target: `≤ ${STARTUP_ROUND_TRIPS}`,
      met: trips.max !== null && trips.max <= STARTUP_ROUND_TRIPS,
    },
    {
      id: 'startup.share-tabs-off',
      label: '  same, share-tabs="false": p50/p95',
      value: round(aloneMs.p95),
      unit: 'ms',
      shown: `${round(aloneMs.p50)} / ${round(aloneMs.p95)} ms (first request after ${round(aloneFirst.p50)} ms, with share-tabs ${phases.toFirstRequestP50} ms)`,
    },
    {
      id: 'startup.floor',
      label: '  floor: a bare JSONP at connect, alone / beside a 3-node widget, p50/p95',
      value: round(floorBeside.p95),
      unit: 'ms',
      shown: `${round(floorBare.p50)} / ${round(floorBare.p95)} ms alone; ${round(floorBeside.p50)} / ${round(floorBeside.p95)} ms beside`,
    },
    {
      id: 'startup.ours',
      label: '  ours: connected → online minus the floor beside, p50',
      value: round((ms.p50 ?? Number.NaN) - (floorBeside.p50 ?? Number.NaN)),
      unit: 'ms',
      shown: `${round((ms.p50 ?? Number.NaN) - (floorBeside.p50 ?? Number.NaN))} ms`,
    },
  ];
  return {
    name: 'startup',
    title: 'Start-up: element connected → status online',
    figures,
    details: { runs, ms, phases, floor: { alone: floorBare, besideFirstRender: floorBeside }, roundTrips: trips, loopbackRttMs: rtt, limitMs: limit, results, shareTabsOff: { ms: aloneMs, toFirstRequestMs: aloneFirst, results: alone } },
    notes: [
      'Each run: a fresh browser context and page that loads the IIFE; the element is created with its attributes (the password is hashed then), and the clock starts right before it is appended.',
      'A round trip is a JSONP answer that completed between the two moments (Resource Timing); the RTT in the target is the median duration of those answers on loopback.',
      'share-tabs is at its default (on), so the Web Locks election of the only tab is included; 6 more runs with share-tabs="false" show its share.',
      'details.phases: connected → status connecting (the session is created in the first update, before the render), → first request started (the login; it does not wait for the Web Locks election, which can take ~100 ms in a fresh page), the requests themselves (Resource Timing: until the last byte reached the network stack), last answer → online.',
      'The floor (same fresh pages): one bare JSONP request to the mock started at connect, with nothing else (alone), and started in the same task as connecting the smallest widget: a shadow root with a status text, an input and a button, no script (beside). Beside it the answer runs only after the fresh page\'s first frame (style, the first text layout, paint), which Chromium runs first: that, not the session, is most of "last answer → online". Ours = the start-up p50 minus the floor-beside p50: our script before the request, our render, our larger layout.',
    ],
  };
}
