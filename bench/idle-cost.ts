/**
 * 4. Idle cost: the element online, no calls, 60 polls against a short-poll mock (holdMs 0).
 * Lit renders (updated() calls and shadow-DOM mutations) and main-thread CPU per poll (CDP
 * Performance.getMetrics TaskDuration and ScriptDuration deltas).
 */
import { createHash } from 'node:crypto';
import { startMockServer } from '../src/node/index.js';
import { BaseParam, ClientType, Endpoint, LOGIN_TYPE, Method } from '../src/protocol/index.js';
import { BenchPage } from './lib/browser.js';
import { AGENT, elementConfig, type BenchContext } from './lib/context.js';
import type { Figure, Measurement } from './lib/report.js';
import { round, sleep, until } from './lib/stats.js';

export const CPU_PER_POLL_LIMIT_MS = 0.5;

interface IdleRun {
  transport: string;
  polls: number;
  elapsedMs: number;
  renders: number;
  mutations: number;
  perPollMs: { task: number; script: number; compile: number; styleAndLayout: number };
  otherRequests: string[];
}

async function idleRun(ctx: BenchContext, transport: 'jsonp' | 'fetch', polls: number, pollInterval: number): Promise<IdleRun> {
  const browser = await ctx.browser();
  const mock = await startMockServer({ holdMs: 0 });
  const context = await browser.newContext();
  let count = 0;
  mock.on('request', (entry) => {
    if (entry.user === AGENT.user && entry.method === Method.Waterline) count++;
  });
  const otherRequests: string[] = [];
  try {
    // share-tabs left at its default (on): a lone tab leads, as on an agent's CRM page.
    const config = { ...elementConfig(mock.url, { 'poll-interval': pollInterval, ...(transport === 'fetch' ? { transport } : {}) }), 'bench-trace': 'off' };
    const page = await BenchPage.open(context, ctx.site.pageUrl(config));
    if (!(await page.waitOnline())) throw new Error(`idle (${transport}): the element did not come online`);
    await until(() => count >= 3, 10_000, 20); // past the first poll and its look-back
    await sleep(200);
    const cdp = await context.newCDPSession(page.page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await page.stats();
    const m0 = await metrics();
    const start = count;
    mock.on('request', (entry) => {
      if (entry.method !== Method.Waterline) otherRequests.push(entry.method);
    });
    const startedAt = Date.now();
    await until(() => count - start >= polls, polls * pollInterval * 3, 20);
    const m1 = await metrics();
    const after = await page.stats();
    const ran = count - start;
    const perPoll = (name: string): number => (((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000) / ran;
    const run: IdleRun = {
      transport,
      polls: ran,
      elapsedMs: Date.now() - startedAt,
      renders: after.updates - before.updates,
      mutations: after.mutations - before.mutations,
      perPollMs: {
        task: perPoll('TaskDuration'),
        script: perPoll('ScriptDuration'),
        compile: perPoll('V8CompileDuration'),
        styleAndLayout: perPoll('LayoutDuration') + perPoll('RecalcStyleDuration'),
      },
      otherRequests,
    };
    ctx.log(
      `idle ${transport}: ${ran} polls in ${(run.elapsedMs / 1000).toFixed(0)} s, ${run.renders} renders, ` +
        `${run.perPollMs.task.toFixed(3)} ms task / ${run.perPollMs.script.toFixed(3)} ms script per poll`,
    );
    return run;
  } finally {
    await context.close();
    await mock.close();
  }
}

/** A page without the widget doing one plain JSONP getLongWaterLine every `pollInterval`. */
async function floorRun(ctx: BenchContext, requests: number, pollInterval: number): Promise<{ requests: number; taskMs: number; scriptMs: number }> {
  const browser = await ctx.browser();
  const mock = await startMockServer({ holdMs: 0 });
  const context = await browser.newContext();
  let count = 0;
  mock.on('request', () => count++);
  try {
    const page = await BenchPage.open(context, ctx.site.pageUrl({ autostart: 0, 'bench-trace': 'off' }));
    const params = new URLSearchParams({
      [BaseParam.Method]: Method.Waterline,
      [BaseParam.User]: AGENT.user,
      [BaseParam.Password]: createHash('md5').update(AGENT.password).digest('hex'),
      [BaseParam.LoginType]: LOGIN_TYPE,
      client: String(ClientType.Web),
      waterLine: '0',
    });
    const url = `${mock.url}${Endpoint.Jsonp}?${params}`;
    await page.page.evaluate(([u, ms]) => void window.__bench.requestLoop(u, ms), [url, pollInterval] as const);
    await until(() => count >= 3, 10_000, 20);
    const cdp = await context.newCDPSession(page.page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const m0 = await metrics();
    const start = count;
    await until(() => count - start >= requests, requests * pollInterval * 3, 20);
    const m1 = await metrics();
    const ran = count - start;
    const perRequest = (name: string): number => (((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000) / ran;
    return { requests: ran, taskMs: perRequest('TaskDuration'), scriptMs: perRequest('ScriptDuration') };
  } finally {
    await context.close();
    await mock.close();
  }
}

export async function measureIdleCost(ctx: BenchContext): Promise<Measurement> {
  const pollInterval = 250;
  const jsonp = await idleRun(ctx, 'jsonp', ctx.quick ? 20 : 60, pollInterval);
  const fetch = await idleRun(ctx, 'fetch', ctx.quick ? 10 : 20, pollInterval);
  const floor = await floorRun(ctx, ctx.quick ? 10 : 20, pollInterval);
  ctx.log(`idle floor: a bare JSONP request every ${pollInterval} ms costs ${floor.taskMs.toFixed(3)} ms task / ${floor.scriptMs.toFixed(3)} ms script`);
  const ms = (v: number): string => `${v.toFixed(2)} ms`;
  const figures: Figure[] = [
    {
      id: 'idle.renders',
      label: `Lit renders over ${jsonp.polls} idle polls`,
      value: jsonp.renders,
      unit: '',
      shown: `${jsonp.renders} (${jsonp.mutations} shadow mutations)`,
      target: '0',
      met: jsonp.renders === 0 && jsonp.mutations === 0,
    },
    {
      id: 'idle.cpu-per-poll',
      label: 'main-thread CPU per poll (JS part)',
      value: round(jsonp.perPollMs.task, 3),
      unit: 'ms',
      shown: `${ms(jsonp.perPollMs.task)} (${ms(jsonp.perPollMs.script)})`,
      target: `< ${CPU_PER_POLL_LIMIT_MS} ms`,
      met: jsonp.perPollMs.task < CPU_PER_POLL_LIMIT_MS,
    },
    {
      id: 'idle.cpu-per-poll.fetch',
      label: '  same with transport="fetch"',
      value: round(fetch.perPollMs.task, 3),
      unit: 'ms',
      shown: `${ms(fetch.perPollMs.task)} (${ms(fetch.perPollMs.script)}), ${fetch.renders} renders`,
    },
    {
      id: 'idle.floor',
      label: '  floor: bare JSONP request, no widget',
      value: round(floor.taskMs, 3),
      unit: 'ms',
      shown: `${ms(floor.taskMs)} (${ms(floor.scriptMs)})`,
    },
  ];
  return {
    name: 'idle',
    title: 'Idle cost: renders and CPU per poll when nothing changes',
    figures,
    details: { pollInterval, jsonp, fetch, floor },
    notes: [
      `poll-interval ${pollInterval} ms against holdMs 0 (each poll answered at once): the cost per poll does not depend on the interval, and 60 polls take 15 s instead of 60.`,
      'CPU: CDP Performance.getMetrics (thread ticks) TaskDuration delta ÷ polls: every main-thread task of the page, the JSONP <script> element, its load, compile and run included; ScriptDuration (in brackets) is the JavaScript part. The worker clock runs on its own thread and is not included.',
      'Renders: calls of VoipSoftphone.prototype.updated (patched in the bench page) and MutationObserver records on the shadow root.',
      'The floor: a page without the widget that appends one plain JSONP <script> for getLongWaterLine every interval (bench-page.js requestLoop). What it costs is Chromium\'s price of one request; the widget\'s own share is the difference.',
      'transport="fetch" is measured for comparison only (cross-origin fetch works against the mock, which answers CORS *; the real 800ing server needs JSONP or a same-origin proxy).',
    ],
  };
}
