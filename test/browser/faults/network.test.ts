/**
 * Fault suite, cases 1 and 2 in real Chromium: the 800ing server down in the middle of a call,
 * and JSONP answers that are not answers (a syntax error, HTTP 500, an HTML error page, an empty
 * body, no answer at all, an answer after its timeout, very slow answers). Every case asserts the
 * exact call events afterwards, the typed error, the visible status, and that no `<script>`,
 * JSONP callback or timer is left behind.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import { JsonpTransport, VoipClient, WatchSession } from '../../../src/index.js';
import { control, startMock, stopMock, type ControlParams, type MockHandle } from '../helpers/mock.js';
import {
  PASSWORD,
  collapse,
  faultFixtureEachTest,
  PageErrors,
  TimerCounter,
  USER,
  jsonpGlobals,
  jsonpScripts,
  online,
  part,
  polling,
  record,
  rejection,
  requests,
  ring,
  sleep,
  statusText,
} from './helpers.js';

/** After a case: no script left, no callback left, no timer left. */
async function expectNoLeaks(mock: MockHandle, timers: TimerCounter, what = ''): Promise<void> {
  await waitUntil(() => jsonpGlobals().length === 0, `JSONP callbacks left ${what}: ${jsonpGlobals().join(', ')}`, { timeout: 4000 });
  expect(jsonpScripts(mock), 'no <script> left in the document').to.deep.equal([]);
  await waitUntil(() => timers.live().length === 0, `timers left ${what}: ${timers.live().join('; ')}`, { timeout: 4000 });
}

describe('faults: the server down in the middle of a call (element, JSONP)', () => {
  let mock: MockHandle;
  let timers: TimerCounter;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1 });
    timers = new TimerCounter().install();
  });
  afterEach(async () => {
    timers.uninstall();
    await control(mock.url, 'fault/clear');
    await stopMock(mock.port);
  });

  for (const recovery of ['by its own back-off', "at once when the browser says it is back online ('online' event)"]) {
    it(`delivers the outage's events once, in order, when the server comes back ${recovery}`, async () => {
      const el = await online(mock);
      const seen = record(el);
      const a = await ring(mock, '13800000601');
      await waitUntil(() => seen.events.length === 1, 'ring A');
      await control(mock.url, 'answer', { cdrId: a });
      await waitUntil(() => seen.events.length === 2, 'answer A');

      // The server goes down: every request is cut off (the browser retries a cut-off request once
      // by itself, so the fault must hold for every request, not one).
      await control(mock.url, 'fault', { drop: true, times: -1 });
      window.dispatchEvent(new Event('online')); // the held poll is abandoned: the next one meets the outage
      await waitUntil(() => el.status === 'connecting', 'connecting', { timeout: 3000 });
      await el.updateComplete;
      // The status says why (issue 15): not "Connecting…" for ever while nothing answers.
      expect(statusText(el)).to.equal('Unreachable');
      expect(seen.errors[0]).to.equal(-1);

      // Meanwhile: A hangs up, B rings and is answered.
      await control(mock.url, 'hangup', { cdrId: a });
      const b = await ring(mock, '13800000602');
      await control(mock.url, 'answer', { cdrId: b });
      await waitUntil(() => seen.errors.length >= 2, 'a second failed try', { timeout: 4000 });
      expect(seen.events, 'nothing while down').to.have.length(2);

      await control(mock.url, 'fault/clear');
      const { requests: before } = await control<{ requests: unknown[] }>(mock.url, 'requests', { user: USER });
      if (recovery.includes('online')) window.dispatchEvent(new Event('online'));
      await waitUntil(() => seen.events.length >= 5, 'the outage events', { timeout: 6000 });
      // What the watching session asked (the card's call-record lookup at a hang-up is not polling).
      const recoveryRequests = (await requests(mock, { user: USER }))
        .slice(before.length)
        .filter((r) => ['getExtension', 'getLongWaterLine', 'recvMsg'].includes(r.method));
      await waitUntil(() => el.status === 'online', 'online again');
      await el.updateComplete;

      expect(seen.events).to.deep.equal([
        'ring:13800000601',
        'answer:13800000601',
        'hangup:13800000601',
        'ring:13800000602',
        'answer:13800000602',
      ]);
      expect(statusText(el)).to.equal('Online');
      expect(el.call).to.include({ phone: '13800000602', state: 'talking' });
      // No storm: one poll that answers at once, one recvMsg, perhaps the next held poll.
      expect(recoveryRequests.length, recoveryRequests.map((r) => r.method).join(', ')).to.be.at.most(3);
      expect(recoveryRequests.some((r) => r.method === 'getExtension'), 'no second login').to.equal(false);
      expect(collapse(seen.statuses), 'the status the agent saw').to.deep.equal(['connecting', 'online']);

      await control(mock.url, 'hangup', { cdrId: b });
      await waitUntil(() => seen.events.length === 6, 'hang-up B');
      expect(seen.events[5]).to.equal('hangup:13800000602');
      el.remove();
      await expectNoLeaks(mock, timers);
    });
  }
});

describe('faults: JSONP answers that are not answers (VoipClient)', () => {
  let mock!: MockHandle;
  let timers!: TimerCounter;
  let errors!: PageErrors;
  faultFixtureEachTest({ holdMs: 1000, outboundConnectMs: -1 }, (f) => ({ mock, timers, errors } = f));

  /**
   * [what the server sends, the fault, the code, the page errors the browser reports]. A script
   * that does not parse or throws is reported by the browser itself to window.onerror, muted to
   * "Script error." because it is another origin's script: that is the server's script failing,
   * not ours, and no JSONP client can prevent it.
   */
  const cases: [string, ControlParams, number[], string[]][] = [
    ['a syntax error (alert()', { body: 'alert(' }, [-1001], ['Script error.']],
    ['a script that calls something else', { body: 'notOurCallback({"code":0});' }, [-1001], ['Script error.']],
    ['HTTP 500', { code: -3, status: 500 }, [-1], []],
    // Chromium refuses to run an HTML page as a script (ORB): a load error. A browser that ran it
    // would fail to parse it: "not a JSONP call". Both are clear, immediate errors.
    ['an HTML error page (200)', { body: '<!DOCTYPE html><html><body>系统维护中</body></html>' }, [-1, -1001], []],
    ['an HTML error page (502)', { body: '<html><body>502 Bad Gateway</body></html>', status: 502 }, [-1], []],
    ['an empty body', { body: '' }, [-1001], []],
    ['plain JSON instead of JSONP', { body: '{"code":0,"message":"OK"}', contentType: 'application/json' }, [-1, -1001], []],
    ['no connection at all (every request cut)', { drop: true, times: -1 }, [-1], []],
  ];

  for (const [name, fault, codes, pageErrors] of cases) {
    it(`${name}: rejects at once with ${codes.join(' or ')}, leaves nothing behind`, async () => {
      await control(mock.url, 'fault', { method: 'getExtension', ...fault });
      const client = new VoipClient({ server: mock.url, user: USER, password: PASSWORD });
      const started = performance.now();
      const error = await rejection(client.login());
      const took = performance.now() - started;
      expect(codes).to.include(error.code);
      expect(error.method).to.equal('getExtension');
      expect(took, 'no waiting for the 10 s timeout').to.be.below(2000);
      await expectNoLeaks(mock, timers, name);
      await sleep(50);
      expect(errors.errors).to.deep.equal(pageErrors);
      // The next request is answered normally.
      await control(mock.url, 'fault/clear');
      expect((await client.login()).extension).to.equal('100008800');
    });
  }

  it('an answer that arrives after its timeout: -1 at the timeout, the late answer swallowed without a page error', async () => {
    await control(mock.url, 'fault', { method: 'callbackPhone', delayMs: 1200 });
    const client = new VoipClient({ server: mock.url, user: USER, password: PASSWORD, timeoutMs: 300 });
    const started = performance.now();
    const error = await rejection(client.dial('13800000603'));
    const took = performance.now() - started;
    expect(error.code).to.equal(-1);
    expect(error.method).to.equal('callbackPhone');
    expect(error.message).to.equal('request timed out after 300 ms');
    expect(took).to.be.within(280, 1000);
    // The documented grace: the script cannot be stopped, so a no-op waits for its answer.
    expect(jsonpScripts(mock)).to.deep.equal([]);
    expect(jsonpGlobals()).to.have.length(1);
    expect(timers.live(), 'only the grace timer').to.have.length(1);
    // The late answer arrives, calls the no-op, and everything is gone.
    await expectNoLeaks(mock, timers);
    expect(errors.errors, 'no error in the page').to.deep.equal([]);
    // JSONP cannot cancel a request: the server did carry out the dial (docs/reliability.md).
    const { calls } = await control<{ calls: { phone: string }[] }>(mock.url, 'calls', { user: USER });
    expect(calls.map((c) => c.phone)).to.deep.equal(['13800000603']);
  });

  it('no answer at all: -1 at the timeout; the no-op callback goes after its grace period', async () => {
    await control(mock.url, 'fault', { method: 'getExtension', delayMs: 10_000, drop: true, times: -1 });
    const transport = new JsonpTransport({ timeoutMs: 200, lateAnswerGraceMs: 400 });
    const client = new VoipClient({ server: mock.url, user: USER, password: PASSWORD, transport });
    const error = await rejection(client.login());
    expect(error.code).to.equal(-1);
    expect(error.message).to.equal('request timed out after 200 ms');
    expect(jsonpGlobals()).to.have.length(1);
    await sleep(450);
    expect(jsonpGlobals(), 'gone after the grace period').to.deep.equal([]);
    expect(timers.live()).to.deep.equal([]);
    expect(errors.errors).to.deep.equal([]);
  });

  it('timed out, then the connection is cut: the no-op callback goes at once, not after the 60 s grace', async () => {
    // Chromium retries a GET whose connection is cut (twice here): every try is slow and cut.
    await control(mock.url, 'fault', { method: 'getExtension', delayMs: 300, drop: true, times: -1 });
    const client = new VoipClient({ server: mock.url, user: USER, password: PASSWORD, timeoutMs: 150 });
    const error = await rejection(client.login());
    expect(error.message).to.equal('request timed out after 150 ms');
    expect(jsonpGlobals()).to.have.length(1);
    // The script failed to load: it can never call back, so its no-op and grace timer go with it.
    await expectNoLeaks(mock, timers);
    expect(errors.errors).to.deep.equal([]);
  });

  it('cancelled by its AbortSignal: rejects with -1005 at once, the late answer is swallowed', async () => {
    await control(mock.url, 'fault', { method: 'getExtension', delayMs: 500 });
    const client = new VoipClient({ server: mock.url, user: USER, password: PASSWORD });
    const abort = new AbortController();
    const pending = client.login({ signal: abort.signal });
    await sleep(50);
    abort.abort();
    const error = await rejection(pending);
    expect(error.code).to.equal(-1005);
    await expectNoLeaks(mock, timers);
    expect(errors.errors).to.deep.equal([]);
  });
});

describe('faults: broken and slow poll answers while a call goes on (element, JSONP)', () => {
  let mock!: MockHandle;
  let timers!: TimerCounter;
  let errors!: PageErrors;
  faultFixtureEachTest({ holdMs: 300, outboundConnectMs: -1 }, (f) => ({ mock, timers, errors } = f));

  // The status while it lasts: an answer that never came as a script (an HTTP error, which JSONP
  // cannot tell from a server that is down) says the server is unreachable (issue 15); an answer
  // that came but could not be read says it is connecting again.
  const broken: [string, ControlParams, number, string][] = [
    ['a syntax error', { body: 'alert(' }, -1001, 'Connecting…'],
    ['HTTP 500', { code: -3, status: 500 }, -1, 'Unreachable'],
    ['an HTML error page', { body: '<html><body>Service Unavailable</body></html>', status: 503 }, -1, 'Unreachable'],
    ['an empty body', { body: '' }, -1001, 'Connecting…'],
  ];

  for (const [name, fault, code, status] of broken) {
    it(`polls answered with ${name}: voip-error ${code}, "${status}", then every event once`, async () => {
      const el = await online(mock);
      const seen = record(el);
      const a = await ring(mock, '13800000611');
      await waitUntil(() => seen.events.length === 1, 'ring');
      await control(mock.url, 'fault', { method: 'getLongWaterLine', times: 2, ...fault });
      await waitUntil(() => seen.errors.length === 1, 'the first broken answer', { timeout: 3000 });
      expect(seen.errors[0]).to.equal(code);
      await el.updateComplete;
      expect(statusText(el)).to.equal(status);
      expect(part(el, 'error') !== null, 'the reason is shown').to.equal(true);
      await control(mock.url, 'answer', { cdrId: a });
      await control(mock.url, 'hangup', { cdrId: a });
      await waitUntil(() => seen.events.length === 3, 'answer and hang-up', { timeout: 6000 });
      await waitUntil(() => el.status === 'online', 'online');
      await el.updateComplete;
      expect(seen.events).to.deep.equal(['ring:13800000611', 'answer:13800000611', 'hangup:13800000611']);
      expect(seen.errors).to.deep.equal([code, code]);
      expect(statusText(el)).to.equal('Online');
      expect(part(el, 'error') === null, 'a network error clears itself').to.equal(true);
      el.remove();
      await expectNoLeaks(mock, timers, name);
      expect(errors.errors.every((e) => e === 'Script error.'), errors.errors.join()).to.equal(true);
    });
  }

  it('very slow answers: never two polls at once, every event once', async () => {
    const el = await online(mock);
    const seen = record(el);
    const DELAY = 700;
    await control(mock.url, 'reset-log');
    await control(mock.url, 'fault', { method: 'getLongWaterLine', delayMs: DELAY, times: 3 });
    const a = await ring(mock, '13800000612');
    await sleep(DELAY);
    await control(mock.url, 'answer', { cdrId: a });
    await sleep(DELAY);
    await control(mock.url, 'hangup', { cdrId: a });
    await waitUntil(() => seen.events.length === 3, 'the call', { timeout: 8000 });
    await waitUntil(async () => (await requests(mock, { method: 'getLongWaterLine' })).length >= 4, 'the slow polls', { timeout: 8000 });
    const polls = await requests(mock, { method: 'getLongWaterLine' });
    // The first three polls after the fault were slow: each next one came only after its answer.
    for (let i = 1; i <= 3; i++) {
      expect(polls[i]!.at - polls[i - 1]!.at, `poll ${i}`).to.be.at.least(DELAY - 10);
    }
    expect(seen.events).to.deep.equal(['ring:13800000612', 'answer:13800000612', 'hangup:13800000612']);
    expect(seen.errors, 'slow is not an error').to.deep.equal([]);
    expect(el.status).to.equal('online');
    el.remove();
    await expectNoLeaks(mock, timers);
    expect(errors.errors).to.deep.equal([]);
  });
});

describe('faults: the server restarts (waterline backwards) and polls time out (JSONP)', () => {
  let mock!: MockHandle;
  let timers!: TimerCounter;
  let errors!: PageErrors;
  faultFixtureEachTest({ holdMs: 1000, outboundConnectMs: -1 }, (f) => ({ mock, timers, errors } = f));

  it('a restart in the middle of a call: re-baselines, no old call replayed, the call ends once, the next one rings once', async () => {
    // History before the page: a finished call.
    const old = await ring(mock, '13800000621');
    await control(mock.url, 'hangup', { cdrId: old });
    const el = await online(mock);
    const seen = record(el);
    const a = await ring(mock, '13800000622');
    await waitUntil(() => seen.events.length === 1, 'ring A', { timeout: 3000 });
    await control(mock.url, 'answer', { cdrId: a });
    await waitUntil(() => seen.events.length === 2, 'answer A', { timeout: 3000 });
    const { waterline } = await control<{ waterline: number }>(mock.url, 'waterline-reset', { user: USER });
    expect(waterline).to.be.below(Date.now() - 3_600_000);
    await sleep(300);
    await control(mock.url, 'hangup', { cdrId: a });
    const b = await ring(mock, '13800000623');
    await waitUntil(() => seen.events.length === 4, 'hang-up A and ring B', { timeout: 3000 });
    await control(mock.url, 'hangup', { cdrId: b });
    await waitUntil(() => seen.events.length === 5, 'hang-up B', { timeout: 3000 });
    await sleep(300);
    expect(seen.events).to.deep.equal([
      'ring:13800000622',
      'answer:13800000622',
      'hangup:13800000622',
      'ring:13800000623',
      'hangup:13800000623',
    ]);
    expect(seen.errors).to.deep.equal([]);
    expect(el.status).to.equal('online');
    el.remove();
    await expectNoLeaks(mock, timers);
    expect(errors.errors).to.deep.equal([]);
  });

  it('a poll that times out (-1) and is answered late: the late answer is swallowed, the next poll delivers once', async () => {
    const client = new VoipClient({ server: mock.url, user: USER, password: PASSWORD });
    const session = new WatchSession(client, { pollIntervalMs: 20, pollTimeoutMs: 400, backoff: { initialMs: 100, maxMs: 100 } });
    const seen: string[] = [];
    const codes: number[] = [];
    for (const type of ['ring', 'answer', 'hangup'] as const) session.on(type, ({ call }) => seen.push(`${type}:${call.phone}`));
    session.on('error', ({ error }) => codes.push(error.code));
    session.start();
    try {
      await waitUntil(() => session.waterline !== undefined, 'online', { timeout: 3000 });
      await polling(mock);
      // The next poll is answered only after 1.2 s: 0.8 s after the session gave up on it.
      const mark = (await requests(mock, { method: 'getLongWaterLine' })).length;
      await control(mock.url, 'fault', { method: 'getLongWaterLine', delayMs: 1200 });
      session.wake(true);
      await waitUntil(() => codes.length === 1, 'the timeout', { timeout: 3000 });
      expect(codes).to.deep.equal([-1]);
      expect(session.error?.message).to.equal('request timed out after 400 ms');
      // A call while the late answer is still on its way: it may carry it, and is dropped; the
      // next poll brings the call.
      const cdrId = await ring(mock, '13800000624');
      await waitUntil(() => seen.length === 1, 'ring', { timeout: 3000 });
      await sleep(1200); // the late answer has arrived by now
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.length === 2, 'hang-up', { timeout: 3000 });
      expect(seen).to.deep.equal(['ring:13800000624', 'hangup:13800000624']);
      expect(errors.errors, 'the late answer threw nothing').to.deep.equal([]);
      // JSONP cannot cancel the timed-out request: until its late answer, the server held two
      // polls of this page (the only overlap there is, and only with a server slower than the
      // poll timeout; docs/reliability.md).
      const polls = await requests(mock, { method: 'getLongWaterLine' });
      const [late, next] = [polls[mark]!, polls[mark + 1]!];
      expect(next.at - late.at).to.be.within(400, 1200);
    } finally {
      session.stop();
    }
    await expectNoLeaks(mock, timers);
  });
});
