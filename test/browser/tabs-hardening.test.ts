/**
 * Issue 14, item 1 and 4, in real Chromium against the mock on 127.0.0.1: no tab may silence
 * another, and what crosses between tabs (or from the server to the page) is checked and plain.
 * Two elements with share-tabs on in one page are two tabs to each other: they share the
 * BroadcastChannel and the Web Lock exactly as two tabs of one origin do.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import SparkMD5 from 'spark-md5';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { tabKey } from '../../src/tabs/index.js';
import { control, startMock, stopMock, type MockHandle } from './helpers/mock.js';
import { PASSWORD, USER, online, record, requests, ring, sleep } from './faults/helpers.js';

/** The poll interval of these tests: "replaced within 3 poll intervals" is measured against it. */
const POLL_MS = 200;

/** The channel and lock name tabs of this account and password share. */
function tabName(mock: MockHandle, password = PASSWORD): string {
  return `voip-softphone:${tabKey(`${mock.url}|${USER}`, SparkMD5.hash(password))}`;
}

/** An element with share-tabs on, added to `host` (not waited for). */
function tab(host: HTMLElement, mock: MockHandle, password: string): VoipSoftphone {
  const el = document.createElement('voip-softphone');
  Object.assign(el, { server: mock.url, user: USER, lang: 'en', desktopPort: 0, pollInterval: POLL_MS, ringtone: 'off' });
  el.setAttribute('password', password);
  host.append(el);
  return el;
}

/** Uncaught errors of the page while a test runs. */
function uncaught(): { errors: string[]; stop(): void } {
  const errors: string[] = [];
  const onError = (event: ErrorEvent): void => void errors.push(String(event.message));
  window.addEventListener('error', onError);
  return { errors, stop: () => window.removeEventListener('error', onError) };
}

describe('tabs: no tab may silence another (issue 14)', () => {
  let mock: MockHandle;
  let host: HTMLDivElement;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1 });
    host = await fixture<HTMLDivElement>(html`<div></div>`);
  });
  afterEach(async () => {
    host.remove();
    await stopMock(mock.port);
  });

  it('a tab with a stale password does not silence the tab with the right one: it pops every call, its login() settles', async () => {
    const stale = tab(host, mock, 'an-old-password');
    await waitUntil(() => stale.status === 'error', 'the stale tab stops on -2', { timeout: 5000 });
    const good = tab(host, mock, PASSWORD);
    const seen = record(good);
    await waitUntil(() => good.status === 'online', 'the good tab online', { timeout: 5000 });
    const agent = await Promise.race([good.login(), sleep(3000).then(() => null)]);
    expect(agent, 'login() settled').to.not.equal(null);
    expect(agent!.extension).to.equal(USER); // the login number (docs/800ing-api.md §7.1)
    await waitUntil(() => good.status === 'online', 'online again', { timeout: 5000 });
    for (const phone of ['13800001401', '13800001402']) {
      const cdrId = await ring(mock, phone);
      await waitUntil(() => seen.events.includes(`ring:${phone}`), `ring ${phone}`, { timeout: 3000 });
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.events.includes(`hangup:${phone}`), `hang-up ${phone}`, { timeout: 3000 });
    }
    expect(stale.status).to.equal('error');
  });

  it('a session stopped by an error gives up the election at once: the next tab of the account leads', async () => {
    const first = tab(host, mock, PASSWORD);
    await waitUntil(() => first.status === 'online', 'first online', { timeout: 5000 });
    const second = tab(host, mock, PASSWORD);
    await sleep(3 * POLL_MS);
    // A follower's login() settles too, with the leader's agent: its own login (slow here) is
    // dropped as soon as the leader says how it stands.
    await control(mock.url, 'fault', { method: 'getExtension', delayMs: 5000, times: 1 });
    const agent = await Promise.race([second.login(), sleep(3000).then(() => null)]);
    expect(agent?.extension, 'the follower login() settled').to.equal(USER);
    await control(mock.url, 'fault/clear');
    // The first (the leader) now meets -2 on every request: it stops with an error.
    await control(mock.url, 'fault', { method: 'getLongWaterLine', code: -2, times: 1 });
    await waitUntil(() => first.status === 'error', 'the leader stops on -2', { timeout: 5000 });
    const seen = record(second);
    const cdrId = await ring(mock, '13800001403');
    await waitUntil(() => seen.events.includes('ring:13800001403'), 'the other tab pops', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId });
  });

  it('a lock holder that does not poll (a same-origin script) is replaced within 3 poll intervals', async () => {
    let released = false;
    // Holds the account's lock for ever, and never polls or speaks on the channel.
    void navigator.locks
      .request(tabName(mock), () => new Promise<void>(() => undefined))
      .catch(() => (released = true));
    await sleep(50);
    const started = performance.now();
    const el = tab(host, mock, PASSWORD);
    const seen = record(el);
    await waitUntil(
      async () => (await requests(mock, { user: USER, method: 'getLongWaterLine' })).length > 0,
      'the element polls',
      { timeout: 5000, interval: 20 },
    );
    const took = performance.now() - started;
    expect(took, `first poll after ${Math.round(took)} ms`).to.be.below(3 * POLL_MS + 300);
    expect(released, 'the silent holder lost the lock').to.equal(true);
    const cdrId = await ring(mock, '13800001404');
    await waitUntil(() => seen.events.includes('ring:13800001404'), 'ring', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId });
  });

  it('the tab key is a digest: neither the password nor its MD5 names the channel, the lock or storage', async () => {
    const el = await online(mock, { pollInterval: POLL_MS });
    const md5 = SparkMD5.hash(PASSWORD);
    const locks = await navigator.locks.query();
    const names = [...(locks.held ?? []), ...(locks.pending ?? [])].map((lock) => lock.name ?? '');
    expect(names).to.include(tabName(mock));
    for (const text of [...names, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })]) {
      expect(text).to.not.include(md5);
      expect(text).to.not.include(PASSWORD);
    }
    el.remove();
  });
});

describe('tabs: notes between tabs are checked, server objects reach the page plain (issue 14)', () => {
  let mock: MockHandle;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1 });
  });
  afterEach(async () => {
    await stopMock(mock.port);
  });

  it('malformed or forged-shape notes are dropped and counted: no pop, no uncaught TypeError', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const leader = tab(host, mock, PASSWORD);
    await waitUntil(() => leader.status === 'online', 'leader online', { timeout: 5000 });
    const follower = tab(host, mock, PASSWORD);
    await waitUntil(() => follower.status === 'online', 'follower online', { timeout: 5000 });
    const seen = [record(leader), record(follower)];
    const page = uncaught();
    const debug: string[] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => void debug.push(args.join(' '));
    const forger = new BroadcastChannel(tabName(mock));
    try {
      for (const note of [
        null,
        'ring',
        { t: 'nope' },
        { t: 'msg' },
        { t: 'msg', message: { kind: 2, phone: null, waterLine: 1, content: '', call: { status: 0, cdrId: '9' } } },
        { t: 'msg', message: { kind: 2, phone: '13900000000', waterLine: 'x', content: '', call: { status: 0 } } },
        { t: 'state', status: 'online', agent: null, liveCalls: 5 },
        { t: 'state', status: 'online', agent: null, liveCalls: [{ phone: '13900000000', direction: 'inbound', state: 'ringing' }] },
        { t: 'status', status: 'hacked' },
        { t: 'error', error: { code: 'x' } },
        { t: 'waterline', waterline: '1e9' },
      ]) {
        forger.postMessage(note);
      }
      await waitUntil(() => debug.filter((line) => line.includes('dropped a malformed note')).length >= 11, 'every note counted', { timeout: 3000 });
      await sleep(200);
      expect(page.errors).to.deep.equal([]);
      expect(seen.map((s) => s.events)).to.deep.equal([[], []]);
      expect(follower.status).to.equal('online');
      // The tabs still work.
      const cdrId = await ring(mock, '13800001405');
      await waitUntil(() => seen.every((s) => s.events.includes('ring:13800001405')), 'both pop the real ring', { timeout: 3000 });
      await control(mock.url, 'hangup', { cdrId });
    } finally {
      console.debug = original;
      page.stop();
      forger.close();
      host.remove();
    }
  });

  it('a __proto__ key in server content never reaches a listener as an own key, leader or follower', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const leader = tab(host, mock, PASSWORD);
    await waitUntil(() => leader.status === 'online', 'leader online', { timeout: 5000 });
    const follower = tab(host, mock, PASSWORD);
    await waitUntil(() => follower.status === 'online', 'follower online', { timeout: 5000 });
    const details: Record<string, unknown>[] = [];
    for (const el of [leader, follower]) {
      el.addEventListener('voip-message', (e) => details.push(e.detail.message as unknown as Record<string, unknown>));
    }
    const content = '{"status":0,"cdrId":"282982852099999","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    await control(mock.url, 'message', { user: USER, kind: 2, phone: '13800001406', content });
    await waitUntil(() => details.length === 2, 'the message in both tabs', { timeout: 3000 });
    for (const message of details) {
      const call = message.call as Record<string, unknown>;
      expect(Object.keys(call)).to.not.include('__proto__');
      expect(Object.keys(call)).to.not.include('constructor');
      expect((Object.assign({}, call) as { polluted?: string }).polluted).to.equal(undefined);
      expect(({ ...call } as { polluted?: string }).polluted).to.equal(undefined);
      expect(call.cdrId).to.equal('282982852099999');
    }
    host.remove();
  });
});

describe('crm-url that is not http(s) (issue 14)', () => {
  it('is refused with voip-error when it is set', async () => {
    const el = await fixture<VoipSoftphone>(html`<voip-softphone lang="en" desktop-port="0" ringtone="off"></voip-softphone>`);
    const seen = record(el);
    el.setAttribute('crm-url', 'javascript:alert({phone})');
    await el.updateComplete;
    expect(seen.errors).to.deep.equal([-1002]);
    el.setAttribute('crm-url', 'https://crm.example.com/c?phone={phone}');
    await el.updateComplete;
    expect(seen.errors).to.deep.equal([-1002]);
  });
});
