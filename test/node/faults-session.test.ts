/**
 * Fault suite in Node: the watching session (fetch transport) against the real mock over HTTP,
 * fed broken answers, slow answers, a server restart, odd content and revoked credentials.
 * Every case ends by asserting the exact call events: nothing lost, nothing doubled.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VoipClient } from '../../src/client/index.js';
import { codeText, isVoipError, LocalCode, Method, ResultCode, type VoipError } from '../../src/protocol/index.js';
import type { WatchSession } from '../../src/session/index.js';
import { ADMIN_ACCOUNT, TEST_ACCOUNT, type FaultSpec, type MockServer } from '../../src/node/index.js';
import { isOnline, mockEachTest, sleep, until, watch } from './faults-helpers.js';

const USER = TEST_ACCOUNT.user;

/**
 * Waits until the mock holds this session's poll. A fault added now meets the *next* poll: the
 * held one took its (absent) fault when it arrived. `wake(true)` then ends the held poll.
 */
async function heldPoll(mock: MockServer): Promise<void> {
  await until(() => mock.pendingPolls === 1, 'a held poll');
}

async function rejection(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isVoipError(error), `a VoipError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('faults: broken, slow and late answers (fetch transport)', () => {
  let mock!: MockServer;
  let session: WatchSession | undefined;
  mockEachTest({ holdMs: 2000, outboundConnectMs: -1 }, (started) => {
    mock = started;
    session = undefined;
  });

  /** Each broken answer, and the error code it must surface as. */
  const broken: [string, FaultSpec, number][] = [
    ['an HTTP 500 with the usual JSON', { code: ResultCode.Internal, status: 500 }, ResultCode.Network],
    ['an HTTP 502 HTML error page', { body: '<!DOCTYPE html><title>502 Bad Gateway</title>', status: 502 }, ResultCode.Network],
    ['an HTML page with status 200', { body: '<html><body>维护中 (maintenance)</body></html>' }, LocalCode.BadAnswer],
    ['an empty body', { body: '' }, LocalCode.BadAnswer],
    ['a syntax error (alert()', { body: 'alert(' }, LocalCode.BadAnswer],
    ['JSON that is not an object', { body: '[1,2,3]' }, LocalCode.BadAnswer],
    ['JSON null', { body: 'null' }, LocalCode.BadAnswer],
    ['a code that is not a number', { body: '{"code":"oops","waterline":1}' }, LocalCode.BadAnswer],
    ['a truncated answer', { body: '{"code":0,"waterline":17000000' }, LocalCode.BadAnswer],
  ];

  for (const method of [Method.Waterline, Method.RecvMsg]) {
    for (const [name, fault, code] of broken) {
      it(`${method} answers ${name}: error ${code}, then every event once`, async () => {
        const w = watch(mock, { backoff: { initialMs: 300, maxMs: 300 } });
        session = w.session;
        session.start();
        await until(isOnline(session), 'online');
        await heldPoll(mock);
        mock.fault({ ...fault, method, times: 1 });
        let cdrId: string;
        if (method === Method.Waterline) {
          session.wake(true); // the held poll ends; the next one meets the fault
          await until(() => w.seen.errors.length === 1, 'the error');
          // While the session waits to retry, a call comes and goes.
          cdrId = mock.ring({ user: USER, phone: '13800000201' }).cdrId;
        } else {
          // The poll pops the ring at once; the recvMsg that confirms it fails and is retried.
          cdrId = mock.ring({ user: USER, phone: '13800000201' }).cdrId;
          await until(() => w.seen.errors.length === 1, 'the error');
        }
        mock.answer(cdrId);
        mock.hangup(cdrId);
        await until(() => w.seen.events.length >= 3, 'the call', 5000);
        await until(() => session!.status === 'online', 'online again');
        await sleep(100);
        assert.deepEqual(w.seen.errors, [code]);
        assert.deepEqual(w.seen.events, ['ring:13800000201', 'answer:13800000201', 'hangup:13800000201']);
        assert.ok(w.seen.statuses.includes('connecting'), 'shown as connecting while it retried');
      });
    }
  }

  it('very slow answers never overlap: each poll starts after the previous one answered', async () => {
    const w = watch(mock, { pollIntervalMs: 0 });
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    const DELAY = 400;
    await heldPoll(mock);
    mock.fault({ method: Method.Waterline, delayMs: DELAY, times: 4 });
    mock.resetLog();
    session.wake(true);
    // Four slow polls in a row, with calls changing meanwhile.
    const a = mock.ring({ user: USER, phone: '13800000202' });
    await sleep(DELAY + 50);
    mock.answer(a.cdrId);
    await sleep(DELAY + 50);
    mock.hangup(a.cdrId);
    await until(() => w.seen.events.length === 3, 'the call', 5000);
    await until(() => mock.faults().length === 0, 'the slow polls used up', 5000);
    const polls = mock.requests({ method: Method.Waterline });
    assert.ok(polls.length >= 4, `${polls.length} polls`);
    for (let i = 1; i < 4; i++) {
      const gap = polls[i]!.at - polls[i - 1]!.at;
      assert.ok(gap >= DELAY - 5, `poll ${i} started ${gap} ms after the previous one (answered after ${DELAY} ms)`);
    }
    assert.deepEqual(w.seen.events, ['ring:13800000202', 'answer:13800000202', 'hangup:13800000202']);
    assert.deepEqual(w.seen.errors, [], 'slow is not an error');
  });

  it('a poll with no answer times out (-1), the server sees the client leave, and the next poll delivers', async () => {
    const w = watch(mock, { pollTimeoutMs: 300, backoff: { initialMs: 50, maxMs: 50 } });
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    await heldPoll(mock);
    mock.fault({ method: Method.Waterline, delayMs: 5000, times: 1 });
    session.wake(true);
    await until(() => w.seen.errors.length === 1, 'the timeout', 2000);
    assert.equal(w.seen.errors[0], ResultCode.Network);
    assert.match(session.error?.message ?? '', /timed out after 300 ms/);
    const { cdrId } = mock.ring({ user: USER, phone: '13800000203' });
    await until(() => w.seen.events.length === 1, 'ring');
    mock.hangup(cdrId);
    await until(() => w.seen.events.length === 2, 'hang-up');
    assert.deepEqual(w.seen.events, ['ring:13800000203', 'hangup:13800000203']);
    // The mock's 5 s delay ended when the client hung up the connection: no poll is stuck there.
    assert.equal(mock.faults().length, 0);
  });

  it('a method call with no answer rejects after its timeout with -1; fetch cancels it, so the server never carries it out', async () => {
    const client = new VoipClient({ server: mock.url, user: USER, password: TEST_ACCOUNT.password, transport: 'fetch', timeoutMs: 200 });
    await client.login();
    mock.fault({ method: Method.Dial, delayMs: 1500 });
    const started = Date.now();
    const error = await rejection(client.dial('13800000204'));
    const took = Date.now() - started;
    assert.equal(error.code, ResultCode.Network);
    assert.equal(error.method, Method.Dial);
    assert.match(error.message, /timed out after 200 ms/);
    assert.ok(took >= 190 && took < 1000, `rejected after ${took} ms`);
    // fetch aborts the request: the server never carries out the dial (JSONP cannot abort: see docs/reliability.md).
    await sleep(1600);
    assert.deepEqual(mock.calls(USER), []);
  });
});

describe('faults: the server waterline goes backwards (restart)', () => {
  let mock!: MockServer;
  let session: WatchSession | undefined;
  mockEachTest({ holdMs: 2000, outboundConnectMs: -1 }, (started) => {
    mock = started;
    session = undefined;
  });

  it('in the middle of a call: the call still ends once, the new one rings once, nothing old comes back', async () => {
    // History before this page: two finished calls.
    for (const phone of ['13800000301', '13800000302']) {
      const old = mock.ring({ user: USER, phone });
      mock.answer(old.cdrId);
      mock.hangup(old.cdrId);
    }
    const w = watch(mock);
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    const a = mock.ring({ user: USER, phone: '13800000303' });
    await until(() => w.seen.events.length === 1, 'ring A');
    mock.answer(a.cdrId);
    await until(() => w.seen.events.length === 2, 'answer A');
    const before = session.waterline!;

    mock.resetWaterline(USER);
    await until(() => session!.waterline! < before, 're-baselined');
    mock.hangup(a.cdrId);
    const b = mock.ring({ user: USER, phone: '13800000304' });
    await until(() => w.seen.events.length === 4, 'hang-up A and ring B', 5000);
    // A second restart while B rings.
    mock.resetWaterline(USER);
    mock.answer(b.cdrId);
    mock.hangup(b.cdrId);
    await until(() => w.seen.events.length === 6, 'B answered and ended', 5000);
    await sleep(150);
    assert.deepEqual(w.seen.events, [
      'ring:13800000303',
      'answer:13800000303',
      'hangup:13800000303',
      'ring:13800000304',
      'answer:13800000304',
      'hangup:13800000304',
    ]);
    assert.deepEqual(w.seen.errors, []);
    assert.equal(session.status, 'online');
  });

  it('during an outage: what happened after the restart is delivered once the server is back', async () => {
    const w = watch(mock, { backoff: { initialMs: 100, maxMs: 100 } });
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    mock.fault({ drop: true, times: -1 });
    session.wake(true);
    await until(() => w.seen.errors.length >= 1, 'down');
    mock.resetWaterline(USER);
    const c = mock.ring({ user: USER, phone: '13800000305' });
    mock.answer(c.cdrId);
    mock.clearFaults();
    await until(() => w.seen.events.length === 2, 'the call after the restart', 5000);
    mock.hangup(c.cdrId);
    await until(() => w.seen.events.length === 3, 'hang-up');
    await sleep(150);
    assert.deepEqual(w.seen.events, ['ring:13800000305', 'answer:13800000305', 'hangup:13800000305']);
  });
});

describe('faults: message content the server should not send', () => {
  let mock!: MockServer;
  let session: WatchSession | undefined;
  mockEachTest({ holdMs: 2000, outboundConnectMs: -1 }, (started) => {
    mock = started;
    session = undefined;
  });

  it('skips what it cannot read, keeps every readable call, and never doubles one', async () => {
    const w = watch(mock);
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    const longPhone = '1'.repeat(10 * 1024);
    const rtl = '\u202Eمرحبا 05501234567\u202C';
    const unicode = '客户😀\u0000\uFFFF';
    const inject = (kind: number, phone: string, content: string): void => void mock.inject({ user: USER, kind, phone, content });
    const bad: [number, string, string][] = [
      [2, '13800000401', 'not json at all'],
      [2, '13800000401', '{status:'],
      [2, '13800000401', '{}'],
      [2, '13800000401', "{cdrId:'700000000000401'}"],
      [2, '13800000401', '{status:"ringing"}'],
      [2, '13800000401', '[0,1,2]'],
      [2, '13800000401', '{a:' + '['.repeat(10_000)],
      [2, '13800000401', "{status:0,cdrId:'700000000000499',__proto__:{polluted:1}}"],
      [9, '13800000401', "{status:0,cdrId:'700000000000402'}"], // unknown kind
      [2, '13800000403', "{status:7,cdrId:'700000000000403'}"], // unknown status
      [4, '10086', '{status:0}'], // an SMS whose text looks like a call
    ];
    for (const [kind, phone, content] of bad) inject(kind, phone, content);
    // Readable calls among them: a 10 KB number, right-to-left text, Unicode, a huge cdrId.
    inject(2, longPhone, "{status:0,cdrId:'700000000000410'}");
    inject(2, rtl, '{"status":0,"cdrId":"700000000000411","paramvalue":"<b>x</b>"}');
    inject(1, unicode, "{status:'0',cdrId:123456789012345678901234567890}");
    inject(2, longPhone, "{status:3,cdrId:'700000000000410'}");
    inject(2, rtl, '{"status":2,"cdrId":"700000000000411"}');
    inject(1, unicode, '{status:3,cdrId:123456789012345678901234567890}');
    inject(2, '13800000499', "{status:3,cdrId:'700000000000499'}");
    const total = bad.length + 7;
    await until(() => w.seen.messages.length === total, 'every message', 5000);
    await sleep(150);

    // The 10 KB number is named LONG here, so a failure message stays readable.
    const events = w.seen.events.map((e) => e.replace(longPhone, 'LONG'));
    assert.deepEqual(events, [
      'ring:13800000401', // the one with __proto__: a call like any other
      'ring:LONG',
      `ring:${rtl}`,
      `ring:${unicode}`,
      'hangup:LONG',
      `hangup:${rtl}`,
      `hangup:${unicode}`,
      'hangup:13800000401',
    ]);
    assert.equal(w.seen.calls[1]!.phone.length, 10 * 1024, 'the long number arrives whole');
    assert.equal(w.seen.calls[3]!.cdrId, '123456789012345678901234567890', 'a long cdrId keeps every digit');
    assert.equal(w.seen.calls[2]!.paramvalue, '<b>x</b>', 'kept as text');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    assert.equal(w.seen.messages.length, total, 'every message is still reported');
    assert.deepEqual(w.seen.errors, []);
    assert.equal(session.status, 'online');
    assert.equal(session.liveCalls.length, 0);
  });

  it('drops malformed entries of a getLongWaterLine answer and catches up with recvMsg', async () => {
    const w = watch(mock, { popFromPoll: true });
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    // The next poll's msgs are garbage; recvMsg still has the truth.
    const { cdrId } = mock.ring({ user: USER, phone: '13800000405' });
    await until(() => w.seen.events.length === 1, 'ring');
    await heldPoll(mock);
    mock.fault({
      method: Method.Waterline,
      body: JSON.stringify({ waterline: Number.MAX_SAFE_INTEGER, msgs: [null, 'x', { kind: 2 }, { waterLine: 'NaN' }, 42] }),
    });
    session.wake(true);
    await until(() => w.seen.errors.length > 0 || session!.waterline === Number.MAX_SAFE_INTEGER, 'the garbage answer');
    mock.hangup(cdrId);
    // The fake waterline was adopted: the mock's real (smaller) one now looks like a restart, and
    // the session re-baselines onto it and still delivers the hang-up once.
    await until(() => w.seen.events.length === 2, 'hang-up', 5000);
    assert.deepEqual(w.seen.events, ['ring:13800000405', 'hangup:13800000405']);
  });
});

describe('faults: credentials and permissions', () => {
  let mock!: MockServer;
  let session: WatchSession | undefined;
  mockEachTest({ holdMs: 300, outboundConnectMs: -1 }, (started) => {
    mock = started;
    session = undefined;
  });

  for (const method of [Method.Waterline, Method.RecvMsg]) {
    it(`credentials revoked while watching (-2 on ${method}): one more request at most, then silence`, async () => {
      const w = watch(mock);
      session = w.session;
      session.start();
      await until(isOnline(session), 'online');
      const from = mock.requests().length;
      if (method === Method.RecvMsg) {
        // The poll that brings this ring is fine; the recvMsg that follows it is refused.
        mock.fault({ method, code: ResultCode.Auth, times: -1 });
        mock.ring({ user: USER, phone: '13800000501' });
      } else {
        mock.fault({ code: ResultCode.Auth, times: -1 }); // every request from now on
      }
      await until(() => session!.status === 'error', 'error status', 3000);
      const after = mock.requests().slice(from);
      const refused = after.filter((r) => r.method === method);
      assert.ok(refused.length === 1, `${after.map((r) => r.method).join(', ')}`);
      assert.deepEqual(w.seen.errors, [ResultCode.Auth]);
      assert.equal(session.error?.code, ResultCode.Auth);
      const count = mock.requests().length;
      await sleep(700);
      assert.equal(mock.requests().length, count, 'silence after -2');
      assert.equal(session.running, false);
    });
  }

  it('a method the account may not use rejects with -5 and the method name; the session carries on', async () => {
    const w = watch(mock);
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    const error = await rejection(w.client.registerExtension('02155550000'));
    assert.equal(error.code, ResultCode.Permission);
    assert.equal(error.method, Method.RegisterExtension);
    assert.equal(error.localized('en'), codeText(ResultCode.Permission, 'en'), 'our English text in English');
    assert.equal(error.serverMessage, error.message, 'the server text is kept');
    assert.ok(error.message.length > 0);
    const admin = new VoipClient({ server: mock.url, user: ADMIN_ACCOUNT.user, password: ADMIN_ACCOUNT.password, transport: 'fetch' });
    const created = await admin.registerExtension('02155550000');
    assert.match(created.extension, /^\d+$/);
    const { cdrId } = mock.ring({ user: USER, phone: '13800000502' });
    await until(() => w.seen.events.length === 1, 'ring');
    mock.hangup(cdrId);
    await until(() => w.seen.events.length === 2, 'hang-up');
    assert.equal(session.status, 'online');
    assert.deepEqual(w.seen.errors, [], 'a method failure is the caller’s, not the session’s');
  });
});
