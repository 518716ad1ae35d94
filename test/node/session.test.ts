/**
 * The watching session against the real mock server over HTTP on 127.0.0.1 (fetch transport:
 * the session has no DOM, so Node runs it as a worker would).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Method, ResultCode } from '../../src/protocol/index.js';
import { startMockServer, TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';
import { isOnline, until, watch } from './faults-helpers.js';

describe('watching session', () => {
  // A fresh server per test: no test sees another's calls.
  let mock: MockServer;
  beforeEach(async () => {
    mock = await startMockServer({ holdMs: 2000, outboundConnectMs: -1 });
  });
  afterEach(async () => {
    await mock.close();
  });

  it('pops an inbound call, then sees it answered and hung up, each once', async () => {
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      const { cdrId } = await mock.ring({ user: TEST_ACCOUNT.user, phone: '13800000001' });
      await until(() => seen.events.length === 1, 'ring');
      assert.equal(seen.calls[0]?.direction, 'inbound');
      assert.equal(seen.calls[0]?.state, 'ringing');
      assert.equal(seen.calls[0]?.cdrId, cdrId);
      await mock.answer(cdrId);
      await until(() => seen.events.length === 2, 'answer');
      await mock.hangup(cdrId);
      await until(() => seen.events.length === 3, 'hangup');
      assert.deepEqual(seen.events, ['ring:13800000001', 'answer:13800000001', 'hangup:13800000001']);
      assert.equal(seen.calls[2]?.state, 'ended');
      assert.equal(session.liveCalls.length, 0);
    } finally {
      session.stop();
    }
  });

  it('applies duplicated, out-of-order and status-2 messages into one clean sequence', async () => {
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      const user = TEST_ACCOUNT.user;
      const phone = '13800000002';
      const c = (status: number) => `{status:${status},cdrId:'900000000000001',paramvalue:'x'}`;
      for (const content of [c(0), c(0), c(1), c(0), c(2), c(3), c(1)]) await mock.inject({ user, kind: 2, phone, content });
      await until(() => seen.events.length >= 3, 'three events');
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(seen.events, [`ring:${phone}`, `answer:${phone}`, `hangup:${phone}`]);
      assert.equal(seen.calls[0]?.paramvalue, 'x');
    } finally {
      session.stop();
    }
  });

  it('ends a call on a hang-up that came with no ring before it, once', async () => {
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      await mock.inject({ user: TEST_ACCOUNT.user, kind: 1, phone: '13800000003', content: "{status:3,cdrId:'900000000000002'}" });
      await until(() => seen.events.length === 1, 'hangup');
      assert.deepEqual(seen.events, ['hangup:13800000003']);
      assert.equal(seen.calls[0]?.direction, 'outbound');
    } finally {
      session.stop();
    }
  });

  it('keeps two calls apart when a second one rings during the first (call waiting)', async () => {
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      const first = await mock.ring({ user: TEST_ACCOUNT.user, phone: '13800000011' });
      await until(() => seen.events.length === 1, 'first ring');
      await mock.answer(first.cdrId);
      await until(() => seen.events.length === 2, 'first answer');
      const second = await mock.ring({ user: TEST_ACCOUNT.user, phone: '13800000012' });
      await until(() => seen.events.length === 3, 'second ring');
      assert.equal(session.liveCalls.length, 2);
      await mock.hangup(first.cdrId);
      await mock.hangup(second.cdrId);
      await until(() => seen.events.length === 5, 'both hang-ups');
      assert.deepEqual(seen.events, [
        'ring:13800000011',
        'answer:13800000011',
        'ring:13800000012',
        'hangup:13800000011',
        'hangup:13800000012',
      ]);
    } finally {
      session.stop();
    }
  });

  it('delivers 250 messages across recvMsg pages in order, each once', async () => {
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      for (let i = 0; i < 250; i++) await mock.inject({ user: TEST_ACCOUNT.user, kind: 4, phone: '10086', content: `sms ${i}` });
      await until(() => seen.messages.length >= 250, '250 messages', 5000);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(seen.messages.length, 250);
      assert.equal(new Set(seen.messages).size, 250, 'no duplicates');
      assert.deepEqual([...seen.messages].sort((a, b) => a - b), seen.messages, 'in waterline order');
      assert.deepEqual(seen.events, [], 'SMS are not calls');
    } finally {
      session.stop();
    }
  });

  it('shows a call still in progress after a reload, and never a finished one', async () => {
    const user = TEST_ACCOUNT.user;
    const done = await mock.ring({ user, phone: '13800000021' });
    await mock.answer(done.cdrId);
    await mock.hangup(done.cdrId);
    const up = await mock.ring({ user, phone: '13800000022' });
    await mock.answer(up.cdrId);

    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(() => seen.events.length >= 2, 'the live call');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(seen.events, ['ring:13800000022', 'answer:13800000022']);
      await mock.hangup(up.cdrId);
      await until(() => seen.events.length === 3, 'hang-up');
      assert.equal(seen.events[2], 'hangup:13800000022');
    } finally {
      session.stop();
    }
  });

  it('carries on the calls an earlier session showed: one that ended meanwhile hangs up once, one the server no longer shows ends, one still up stays', async () => {
    const user = TEST_ACCOUNT.user;
    const first = watch(mock);
    first.session.start();
    const ended = await mock.ring({ user, phone: '13800000031' });
    const up = await mock.ring({ user, phone: '13800000032' });
    await until(() => first.seen.events.length === 2, 'both rings');
    const shown = [...first.session.liveCalls, { phone: '13800000033', direction: 'inbound' as const, state: 'talking' as const, cdrId: 'gone-long-ago', startedAt: 1 }];
    first.session.stop();
    await mock.hangup(ended.cdrId);

    const second = watch(mock);
    second.session.adopt({ agent: null, waterline: undefined, liveCalls: shown });
    assert.deepEqual(second.seen.events, ['ring:13800000031', 'ring:13800000032', 'ring:13800000033', 'answer:13800000033']);
    second.session.start();
    try {
      await until(isOnline(second.session), 'online');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(second.seen.events.slice(4).sort(), ['hangup:13800000031', 'hangup:13800000033']);
      assert.deepEqual(second.session.liveCalls.map((c) => c.cdrId), [up.cdrId]);
      await mock.hangup(up.cdrId);
      await until(() => second.seen.events.length === 7, 'the last hang-up');
      assert.equal(second.seen.events[6], 'hangup:13800000032');
    } finally {
      second.session.stop();
    }
  });

  it('catches up after an outage: the calls of the outage arrive once, in order', async () => {
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      mock.fault({ method: Method.Waterline, drop: true, times: 3 });
      mock.fault({ method: Method.RecvMsg, drop: true, times: 1 });
      const a = await mock.ring({ user: TEST_ACCOUNT.user, phone: '13800000031' });
      await mock.hangup(a.cdrId);
      const b = await mock.ring({ user: TEST_ACCOUNT.user, phone: '13800000032' });
      await until(() => seen.events.length >= 3, 'catch-up', 5000);
      await until(() => session.status === 'online', 'back online', 5000);
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(seen.events, ['ring:13800000031', 'hangup:13800000031', 'ring:13800000032']);
      assert.ok(seen.statuses.includes('connecting'), 'the outage was visible as connecting');
      await mock.hangup(b.cdrId);
      await until(() => seen.events.length === 4, 'last hang-up');
    } finally {
      mock.clearFaults();
      session.stop();
    }
  });

  it('stops for good on wrong credentials: status error, no more requests', async () => {
    const { session, seen } = watch(mock, {}, { ...TEST_ACCOUNT, password: 'wrong-password' });
    mock.resetLog();
    session.start();
    await until(() => session.status === 'error', 'error status');
    assert.deepEqual(seen.errors, [ResultCode.Auth]);
    assert.equal(session.error?.code, ResultCode.Auth);
    const before = mock.requests({ user: TEST_ACCOUNT.user }).length;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(mock.requests({ user: TEST_ACCOUNT.user }).length, before, 'silence after -2');
    assert.equal(before, 1, 'one login request, nothing more');
  });

  it('prepare() logs in before start(), and start() goes on from that login: one getExtension', async () => {
    const { session } = watch(mock);
    mock.resetLog();
    const logins: string[] = [];
    session.on('login', ({ agent }) => logins.push(agent.extension));
    session.prepare();
    session.prepare(); // a second call while the first is in flight sends nothing
    await until(() => session.agent !== null, 'agent from prepare()');
    assert.equal(session.status, 'offline', 'prepare() only logs in: nothing is watched yet');
    const statuses: string[] = [];
    session.on('status', ({ status }) => statuses.push(status));
    session.start();
    try {
      await until(isOnline(session), 'online');
      assert.deepEqual(statuses.slice(0, 1), ['online'], 'already logged in: straight to online, no connecting flicker');
      assert.equal(logins.length, 1, 'login emitted once');
      const methods = mock.requests({ user: TEST_ACCOUNT.user }).map((r) => r.method);
      assert.deepEqual(methods.filter((m) => m === Method.Login), [Method.Login], 'one login request in all');
    } finally {
      session.stop();
    }
  });

  it('a failed prepare() is the run\'s first answer: wrong credentials still send one request', async () => {
    const { session, seen } = watch(mock, {}, { ...TEST_ACCOUNT, password: 'wrong-password' });
    mock.resetLog();
    session.prepare();
    await until(() => mock.requests({ user: TEST_ACCOUNT.user }).length === 1, 'the prepared login');
    await new Promise((r) => setTimeout(r, 50)); // its -2 answer has arrived; nobody has taken it up
    assert.deepEqual(seen.errors, [], 'prepare() reports nothing by itself');
    session.start();
    await until(() => session.status === 'error', 'error status');
    assert.deepEqual(seen.errors, [ResultCode.Auth]);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mock.requests({ user: TEST_ACCOUNT.user }).length, 1, 'one login request, nothing more');
  });

  it('pops from the held poll, then confirms with recvMsg one frame later (confirmAfterPopMs)', async () => {
    const { session, seen } = watch(mock, { confirmAfterPopMs: 40 });
    session.start();
    try {
      await until(isOnline(session), 'online');
      await until(() => mock.requests({ user: TEST_ACCOUNT.user, method: Method.Waterline }).length >= 2, 'a held poll');
      let ringAt = 0;
      session.on('ring', () => (ringAt = Date.now()));
      const before = mock.requests({ user: TEST_ACCOUNT.user, method: Method.RecvMsg }).length;
      mock.ring({ user: TEST_ACCOUNT.user, phone: '13800000044' });
      await until(() => seen.events.length === 1, 'ring');
      await until(() => mock.requests({ user: TEST_ACCOUNT.user, method: Method.RecvMsg }).length > before, 'the confirming recvMsg');
      const confirm = mock.requests({ user: TEST_ACCOUNT.user, method: Method.RecvMsg })[before]!;
      assert.ok(confirm.at - ringAt >= 35, `recvMsg ${confirm.at - ringAt} ms after the pop, not before the page could paint`);
      assert.deepEqual(seen.events, ['ring:13800000044'], 'the confirmation does not ring again');
    } finally {
      session.stop();
    }
  });

  it('stop() aborts a prepared login: no agent and no event after it', async () => {
    const { session } = watch(mock);
    mock.fault({ method: Method.Login, delayMs: 300 });
    let logins = 0;
    session.on('login', () => logins++);
    session.prepare();
    session.stop();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(logins, 0);
    assert.equal(session.agent, null);
  });

  it('re-baselines when the server waterline goes backwards, without replay and without loss', async () => {
    const user = TEST_ACCOUNT.user;
    const old = await mock.ring({ user, phone: '13800000041' });
    await mock.hangup(old.cdrId);
    const { session, seen } = watch(mock);
    session.start();
    try {
      await until(isOnline(session), 'online');
      const before = session.waterline ?? 0;
      await mock.resetWaterline(user);
      const fresh = await mock.ring({ user, phone: '13800000042' });
      await until(() => seen.events.length >= 1, 'new ring after restart', 5000);
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(seen.events, ['ring:13800000042']);
      assert.ok((session.waterline ?? 0) < before, 'the new, smaller base was adopted');
      await mock.hangup(fresh.cdrId);
      await until(() => seen.events.length === 2, 'hang-up');
    } finally {
      session.stop();
    }
  });

  it('never starts two polls closer than poll-interval, with one request in flight', async () => {
    const quick = await startMockServer({ holdMs: 0 });
    const { session } = watch(quick, { pollIntervalMs: 200 });
    try {
      session.start();
      await until(isOnline(session), 'online');
      quick.resetLog();
      await new Promise((r) => setTimeout(r, 1000));
      const polls = quick.requests({ method: Method.Waterline });
      assert.ok(polls.length >= 3 && polls.length <= 6, `${polls.length} polls in 1 s at 200 ms`);
      // Arrival times at the server: on a loaded machine one request can arrive late and the next
      // on time, so the spacing seen there is allowed to shrink by half; the count above bounds
      // the rate itself.
      for (let i = 1; i < polls.length; i++) {
        assert.ok(polls[i]!.at - polls[i - 1]!.at >= 100, `spaced by the interval (${polls[i]!.at - polls[i - 1]!.at} ms)`);
      }
    } finally {
      session.stop();
      await quick.close();
    }
  });

  it('stop() aborts the held poll and leaves nothing running', async () => {
    const { session } = watch(mock);
    session.start();
    await until(isOnline(session), 'online');
    // Stop while the server holds the poll: a request still on its way when stop() is called is
    // not what this test is about (on a loaded machine it may arrive after resetLog below).
    await until(() => mock.requests({ user: TEST_ACCOUNT.user, method: Method.Waterline }).length > 0, 'the held poll');
    session.stop();
    assert.equal(session.status, 'offline');
    assert.equal(session.running, false);
    mock.resetLog();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mock.requests({ user: TEST_ACCOUNT.user }).length, 0);
  });
});
