/**
 * Fault suite, case 6 in real Chromium: the element removed and re-added, moved in the DOM, two
 * elements for two accounts on one page, attributes changed at runtime. Afterwards: one poller
 * per account (the mock holds each poll for HOLD_MS, so one poller's polls are at least that far
 * apart: two closer polls would be a second poller), no cross-talk, no timer and no JSONP callback
 * left once an element is gone.
 *
 * This file turns Web Workers off before the first element is made: the session's timers then run
 * on the page's own setTimeout (src/session/worker-clock.ts falls back to it, as under a CSP
 * without `worker-src blob:`), where the TimerCounter sees every one of them.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { VoipSoftphone } from '../../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from '../helpers/mock.js';
import {
  AGENT_B,
  PASSWORD,
  TimerCounter,
  USER,
  jsonpGlobals,
  online,
  polling,
  record,
  requests,
  ring,
  sleep,
  type LoggedRequest,
} from './helpers.js';

const HOLD_MS = 1000;

/** Polls of `user` that arrived in the window, and the smallest gap between two of them. */
async function pollGaps(mock: MockHandle, user: string, fromAt: number): Promise<{ polls: LoggedRequest[]; minGap: number }> {
  const polls = (await requests(mock, { user, method: 'getLongWaterLine' })).filter((r) => r.at >= fromAt);
  let minGap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < polls.length; i++) minGap = Math.min(minGap, polls[i]!.at - polls[i - 1]!.at);
  return { polls, minGap };
}

/** One poller for `user` over the next `ms`: polls come one after another, each held HOLD_MS. */
async function expectOnePoller(mock: MockHandle, user: string, ms = 2500): Promise<void> {
  const from = Date.now();
  await sleep(ms);
  const { polls, minGap } = await pollGaps(mock, user, from);
  expect(polls.length, `${user}: polls in ${ms} ms`).to.be.within(1, Math.ceil(ms / HOLD_MS) + 1);
  expect(minGap, `${user}: two polls ${minGap} ms apart = two pollers`).to.be.at.least(HOLD_MS - 100);
}

/** No request for `user` from now on. */
async function expectSilent(mock: MockHandle, user: string): Promise<void> {
  // The poll held when the element went may still be answered; nothing new is asked after it.
  await sleep(200);
  const from = Date.now();
  await sleep(HOLD_MS + 300);
  const after = (await requests(mock, { user })).filter((r) => r.at >= from);
  expect(after.map((r) => r.method), `no request for ${user} once removed`).to.deep.equal([]);
}

/** Nothing of the page's (last) element is left: no request for `user`, no timer, no JSONP callback. */
async function expectGone(mock: MockHandle, timers: TimerCounter, user = USER): Promise<void> {
  // The poll that was held when the element went is answered within HOLD_MS; its no-op goes then.
  await waitUntil(() => jsonpGlobals().length === 0, `JSONP callbacks left: ${jsonpGlobals().join()}`, { timeout: HOLD_MS + 2000 });
  await waitUntil(() => timers.live().length === 0, `timers left: ${timers.live().join('; ')}`, { timeout: 2000 });
  await expectSilent(mock, user);
}

describe('faults: the element removed, moved, doubled and reconfigured', () => {
  let mock: MockHandle;
  let timers: TimerCounter;
  let savedWorker: typeof Worker;
  before(() => {
    savedWorker = window.Worker;
    Object.defineProperty(window, 'Worker', { value: undefined, configurable: true, writable: true });
  });
  after(() => {
    Object.defineProperty(window, 'Worker', { value: savedWorker, configurable: true, writable: true });
  });
  beforeEach(async () => {
    mock = await startMock({ holdMs: HOLD_MS, outboundConnectMs: -1, accounts: [AGENT_B] });
    timers = new TimerCounter().install();
  });
  afterEach(async () => {
    timers.uninstall();
    await stopMock(mock.port);
  });

  it('removed: offline at once, then no request, no timer, no callback left; re-added: one poller again', async () => {
    const el = await online(mock);
    const seen = record(el);
    const parent = el.parentElement!;
    el.remove();
    expect(el.status).to.equal('offline');
    await expectGone(mock, timers);

    parent.append(el);
    await waitUntil(() => el.status === 'online', 'online again', { timeout: 5000 });
    await polling(mock);
    await expectOnePoller(mock, USER);
    const cdrId = await ring(mock, '13800000901');
    await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seen.events.length === 2, 'hang-up', { timeout: 3000 });
    expect(seen.events).to.deep.equal(['ring:13800000901', 'hangup:13800000901']);
    el.remove();
    await expectGone(mock, timers);
  });

  it('removed and re-added in the same task, and moved to another parent: still one poller, calls pop once', async () => {
    const el = await online(mock);
    const seen = record(el);
    const parent = el.parentElement!;
    const other = await fixture<HTMLElement>(html`<section></section>`);
    el.remove();
    parent.append(el);
    other.append(el);
    parent.append(el);
    other.append(el);
    await waitUntil(() => el.status === 'online', 'online after the moves', { timeout: 5000 });
    await polling(mock);
    await expectOnePoller(mock, USER);
    const cdrId = await ring(mock, '13800000902');
    await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
    await control(mock.url, 'answer', { cdrId });
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seen.events.length === 3, 'answer and hang-up', { timeout: 3000 });
    await sleep(300);
    expect(seen.events).to.deep.equal(['ring:13800000902', 'answer:13800000902', 'hangup:13800000902']);
    el.remove();
    await expectGone(mock, timers);
  });

  // CONTRACT.md: at most one voip-ring / voip-answer per call in a page's life, also when the
  // element is moved (it keeps its session) or reconfigured (a new session shows the call again;
  // the element does not announce it twice).
  for (const [what, change] of [
    ['moved to another parent', (el: VoipSoftphone, other: HTMLElement) => other.append(el)],
    ['given a new poll-interval', (el: VoipSoftphone) => el.setAttribute('poll-interval', '60')],
  ] as const) {
    it(`${what} in the middle of a call: the call is not announced a second time`, async () => {
      const el = await online(mock);
      const seen = record(el);
      const other = await fixture<HTMLElement>(html`<section></section>`);
      const cdrId = await ring(mock, '13800000903');
      await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
      await control(mock.url, 'answer', { cdrId });
      await waitUntil(() => seen.events.length === 2, 'answer', { timeout: 3000 });
      change(el, other);
      await sleep(HOLD_MS + 500);
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.events.includes('hangup:13800000903'), 'hang-up', { timeout: 3000 });
      expect(seen.events).to.deep.equal(['ring:13800000903', 'answer:13800000903', 'hangup:13800000903']);
    });
  }

  // The page heard voip-ring; the call ended while the element was away: it must hear the end.
  for (const [what, away] of [
    ['removed', (el: VoipSoftphone) => el.remove()],
    ['logged out', (el: VoipSoftphone) => void el.logout()],
  ] as const) {
    it(`${what} while a call rings and the caller hangs up meanwhile: back, the page hears the hang-up once`, async () => {
      const el = await online(mock);
      const seen = record(el);
      const parent = el.parentElement!;
      const cdrId = await ring(mock, '13800000904');
      await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
      away(el);
      expect(el.status).to.equal('offline');
      await control(mock.url, 'hangup', { cdrId });
      await sleep(300);
      if (el.isConnected) el.password = PASSWORD;
      else parent.append(el);
      await waitUntil(() => seen.events.length === 2, `hang-up after coming back (events: ${seen.events.join()})`, { timeout: 5000 });
      await sleep(HOLD_MS + 300); // a later poll must not repeat anything
      expect(seen.events).to.deep.equal(['ring:13800000904', 'hangup:13800000904']);
      expect(el.call?.state, 'the card shows the call ended').to.equal('ended');
    });
  }

  it('moved in the middle of a call that goes on: the card comes back, nothing is announced twice, the hang-up arrives', async () => {
    const el = await online(mock);
    const seen = record(el);
    const other = await fixture<HTMLElement>(html`<section></section>`);
    const cdrId = await ring(mock, '13800000905');
    await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
    el.remove();
    await control(mock.url, 'answer', { cdrId });
    await sleep(300);
    other.append(el);
    await waitUntil(() => seen.events.length === 2, 'the answer made while away', { timeout: 5000 });
    expect(el.call?.state).to.equal('talking');
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seen.events.length === 3, 'hang-up', { timeout: 3000 });
    expect(seen.events).to.deep.equal(['ring:13800000905', 'answer:13800000905', 'hangup:13800000905']);
  });

  it('two elements for two accounts on one page: one poller each, a ring for A never pops on B', async () => {
    const a = await online(mock);
    const b = await online(mock, { user: AGENT_B.user, password: AGENT_B.password });
    const seenA = record(a);
    const seenB = record(b);
    await Promise.all([expectOnePoller(mock, USER), expectOnePoller(mock, AGENT_B.user)]);

    const forA = await ring(mock, '13800000904', USER);
    await waitUntil(() => seenA.events.length === 1, 'ring on A', { timeout: 3000 });
    const forB = await ring(mock, '13800000905', AGENT_B.user);
    await waitUntil(() => seenB.events.length === 1, 'ring on B', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId: forA });
    await control(mock.url, 'hangup', { cdrId: forB });
    await waitUntil(() => seenA.events.length === 2 && seenB.events.length === 2, 'both hang-ups', { timeout: 3000 });
    await sleep(300);
    expect(seenA.events).to.deep.equal(['ring:13800000904', 'hangup:13800000904']);
    expect(seenB.events).to.deep.equal(['ring:13800000905', 'hangup:13800000905']);
    expect(a.agent!.extension).to.equal('100008800');
    expect(b.agent!.extension).to.equal(AGENT_B.user);
    a.remove();
    await expectSilent(mock, USER); // B still polls: its own callback and timers are in use
    expect(b.status, 'B goes on when A goes').to.equal('online');
    await expectOnePoller(mock, AGENT_B.user, 1500);
    b.remove();
    await expectGone(mock, timers, AGENT_B.user);
  });

  it('two elements for the same account on one page: one poller between them, each shows the call once', async () => {
    const a = await online(mock);
    const b = await online(mock);
    const seenA = record(a);
    const seenB = record(b);
    await expectOnePoller(mock, USER);
    const cdrId = await ring(mock, '13800000906');
    await waitUntil(() => seenA.events.length === 1 && seenB.events.length === 1, 'ring on both', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seenA.events.length === 2 && seenB.events.length === 2, 'hang-up on both', { timeout: 3000 });
    await sleep(300);
    expect(seenA.events).to.deep.equal(['ring:13800000906', 'hangup:13800000906']);
    expect(seenB.events).to.deep.equal(['ring:13800000906', 'hangup:13800000906']);
    // The one that polls goes: the other takes over, still one poller.
    a.remove();
    await sleep(300);
    await expectOnePoller(mock, USER);
    const again = await ring(mock, '13800000907');
    await waitUntil(() => seenB.events.length === 3, 'ring after the takeover', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId: again });
    await waitUntil(() => seenB.events.length === 4, 'hang-up after the takeover', { timeout: 3000 });
    expect(seenB.events.slice(2)).to.deep.equal(['ring:13800000907', 'hangup:13800000907']);
    expect(seenA.events, 'nothing on the removed one').to.have.length(2);
    b.remove();
    await expectGone(mock, timers, USER);
  });

  it('two elements for the same account: the one that follows leaves while a call rings, the caller hangs up: back, it hears the hang-up', async () => {
    const a = await online(mock);
    const b = await online(mock);
    const seenB = record(b);
    const parent = b.parentElement!;
    const cdrId = await ring(mock, '13800000908');
    await waitUntil(() => seenB.events.length === 1, 'ring on the follower', { timeout: 3000 });
    b.remove();
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => a.call?.state === 'ended', 'the poller sees the hang-up', { timeout: 3000 });
    parent.append(b);
    await waitUntil(() => seenB.events.length === 2, `hang-up on the follower (events: ${seenB.events.join()})`, { timeout: 3000 });
    expect(seenB.events).to.deep.equal(['ring:13800000908', 'hangup:13800000908']);
    expect(b.call?.state).to.equal('ended');
  });

  it('attributes changed at runtime: a new user, server and poll-interval each replace the poller, never add one', async () => {
    const second = await startMock({ holdMs: HOLD_MS, outboundConnectMs: -1, accounts: [AGENT_B] });
    try {
      const el = await online(mock);
      const seen = record(el);

      // Another account: the old one's poller stops, the new one's starts.
      el.setAttribute('password', AGENT_B.password);
      el.setAttribute('user', AGENT_B.user);
      await waitUntil(() => el.agent?.extension === AGENT_B.user, 'logged in as B', { timeout: 5000 });
      await polling(mock, AGENT_B.user);
      const switched = Date.now();
      await expectOnePoller(mock, AGENT_B.user);
      const stale = (await requests(mock, { user: USER })).filter((r) => r.at > switched + HOLD_MS);
      expect(stale.map((r) => r.method), 'nothing more for the old account').to.deep.equal([]);
      const forA = await ring(mock, '13800000908', USER);
      const forB = await ring(mock, '13800000909', AGENT_B.user);
      await waitUntil(() => seen.events.length === 1, 'ring for B', { timeout: 3000 });
      await control(mock.url, 'hangup', { cdrId: forB });
      await control(mock.url, 'hangup', { cdrId: forA });
      await waitUntil(() => seen.events.length === 2, 'hang-up for B', { timeout: 3000 });

      // A new poll-interval: the same account, still one poller.
      el.pollInterval = 200;
      await sleep(300);
      await expectOnePoller(mock, AGENT_B.user);

      // Another server: the old one hears nothing more.
      el.server = second.url;
      await waitUntil(() => el.status === 'online', 'online on the second server', { timeout: 5000 });
      await polling(second, AGENT_B.user);
      const moved = Date.now();
      await expectOnePoller(second, AGENT_B.user);
      const left = (await requests(mock, { user: AGENT_B.user })).filter((r) => r.at > moved + HOLD_MS);
      expect(left, 'nothing more for the old server').to.deep.equal([]);
      const there = await ring(second, '13800000910', AGENT_B.user);
      await waitUntil(() => seen.events.length === 3, 'ring on the second server', { timeout: 3000 });
      await control(second.url, 'hangup', { cdrId: there });
      await waitUntil(() => seen.events.length === 4, 'hang-up on the second server', { timeout: 3000 });
      await sleep(300);
      expect(seen.events).to.deep.equal([
        'ring:13800000909',
        'hangup:13800000909',
        'ring:13800000910',
        'hangup:13800000910',
      ]);
      el.remove();
      await expectGone(second, timers, AGENT_B.user);
    } finally {
      await stopMock(second.port);
    }
  });
});
