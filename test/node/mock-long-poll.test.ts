/**
 * getLongWaterLine as a long poll over real HTTP: holding, waking on a ring, hang-up written as
 * status 2, holdMs, the first poll without a waterline, IVR keys, disconnects, close() and a
 * simulated restart.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { TEST_ACCOUNT, startMockServer, type MockServer } from '../../src/node/index.js';
import {
  CallStatus,
  ClientType,
  Endpoint,
  LOGIN_TYPE,
  MessageKind,
  Method,
  ResultCode,
  parseContent,
  type RawMessage,
} from '../../src/protocol/index.js';
import { api, credentials, getJson, type Answer } from './mock-test-helpers.js';

interface Poll extends Answer {
  waterline: number;
  msgs: RawMessage[];
  keylist: { phone: string; key: string }[];
  userInfo: { extension: string };
}

function poll(server: MockServer, waterLine?: number, signal?: AbortSignal): Promise<Poll> {
  const params = { client: ClientType.Web, loginType: LOGIN_TYPE, ...(waterLine === undefined ? {} : { waterLine }) };
  return api(server, Method.Waterline, params, signal ? { signal } : {}) as Promise<Poll>;
}

/**
 * Starts a poll and resolves once the server holds it (the request event fires as it arrives).
 * The answer comes back wrapped: an async function would otherwise wait for it.
 */
async function heldPoll(server: MockServer, waterLine?: number, signal?: AbortSignal): Promise<{ answer: Promise<Poll> }> {
  const arrived = once(server, 'request');
  const answer = poll(server, waterLine, signal);
  await arrived;
  assert.equal(server.pendingPolls, 1, 'the poll is held');
  return { answer };
}

/** The account's waterline now, answered at once (a poll without waterLine might be held). */
async function currentWaterline(server: MockServer): Promise<number> {
  return (await poll(server, 0)).waterline;
}

function statuses(msgs: RawMessage[]): (number | undefined)[] {
  return msgs.map((m) => parseContent(m.content)?.status as number | undefined);
}

describe('mock server: getLongWaterLine long poll', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ holdMs: 5_000, outboundConnectMs: -1 });
  });
  after(() => server.close());

  it('holds until a ring, then answers within 100 ms with the ring in msgs', async () => {
    const base = await currentWaterline(server);
    const { answer } = await heldPoll(server, base);
    const rang = performance.now();
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000001', paramvalue: 'x' });
    const a = await answer;
    const elapsed = performance.now() - rang;
    assert.ok(elapsed < 100, `answered ${Math.round(elapsed)} ms after the ring`);
    assert.equal(a.code, ResultCode.Ok);
    assert.ok(a.waterline > base);
    assert.equal(a.msgs.length, 1);
    const [msg] = a.msgs;
    assert.equal(msg!.kind, MessageKind.Inbound);
    assert.equal(msg!.phone, '13800000001');
    assert.equal(msg!.waterLine, a.waterline);
    assert.equal(typeof msg!.time, 'number');
    assert.deepEqual({ ...parseContent(msg!.content) }, { status: CallStatus.Ringing, cdrId, paramvalue: 'x' });
    assert.equal(a.userInfo.extension, TEST_ACCOUNT.extension);
    assert.equal(a.keylist, undefined, 'keylist only when keys were pressed (spec §7.1)');
    server.hangup(cdrId);
  });

  it('writes a hang-up as status 2 in its msgs and as 3 in recvMsg', async () => {
    const base = await currentWaterline(server);
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000002' });
    server.answer(cdrId);
    server.hangup(cdrId);
    const a = await poll(server, base);
    assert.deepEqual(statuses(a.msgs), [CallStatus.Ringing, CallStatus.Connected, CallStatus.HungUp]);
    const r = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: base });
    assert.deepEqual(statuses(r.msgs as RawMessage[]), [CallStatus.Ringing, CallStatus.Connected, CallStatus.HungUpRecv]);
    assert.deepEqual(
      a.msgs.map((m) => m.waterLine),
      (r.msgs as RawMessage[]).map((m) => m.waterLine),
    );
  });

  it('answers at once when the waterline is already past the one given, at most 100 msgs', async () => {
    const base = await currentWaterline(server);
    for (let i = 0; i < 120; i++) server.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: `m${i}` });
    const a = await poll(server, base);
    assert.equal(a.msgs.length, 100);
    assert.equal(a.msgs[0]!.content, 'm0');
    assert.ok(a.waterline > a.msgs[99]!.waterLine, 'the rest is for recvMsg');
  });

  it('without a waterLine: the first poll answers at once with the latest message, later ones hold', async () => {
    const fresh = await startMockServer({ holdMs: 5_000 });
    try {
      const empty = await poll(fresh);
      assert.deepEqual(empty.msgs, []);
      fresh.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'old' });
      fresh.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'older news is not replayed' });
      // The waterline moved past the one last answered: at once, with what is new since.
      const moved = await poll(fresh);
      assert.deepEqual(moved.msgs.map((m) => m.content), ['old', 'older news is not replayed']);
      const { answer: held } = await heldPoll(fresh);
      fresh.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'new' });
      const a = await held;
      assert.deepEqual(a.msgs.map((m) => m.content), ['new']);
      assert.ok(a.waterline > moved.waterline);
    } finally {
      await fresh.close();
    }
    const other = await startMockServer({ holdMs: 5_000 });
    try {
      other.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'a' });
      other.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'b' });
      const first = await poll(other);
      assert.deepEqual(first.msgs.map((m) => m.content), ['b'], 'only the latest on the first poll');
    } finally {
      await other.close();
    }
  });

  it('delivers IVR keys in keylist once, waking a held poll', async () => {
    const base = await currentWaterline(server);
    const { answer: held } = await heldPoll(server, base);
    server.keys({ user: TEST_ACCOUNT.user, phone: '13800000003', key: '2' });
    const a = await held;
    assert.deepEqual(a.keylist, [{ phone: '13800000003', key: '2' }]);
    assert.deepEqual(a.msgs, []);
    assert.equal(a.waterline, base);
    const again = await poll(server, base - 1);
    assert.equal(again.keylist, undefined, 'cleared once delivered');
  });

  it('answers -3 when client or loginType is missing', async () => {
    const noClient = await api(server, Method.Waterline, { loginType: LOGIN_TYPE });
    assert.equal(noClient.code, ResultCode.Internal);
    assert.match(noClient.message, /client/);
    const { loginType: _omitted, ...withoutLoginType } = credentials();
    const noLoginType = await getJson(server, Endpoint.Json, { ...withoutLoginType, method: Method.Waterline, client: ClientType.Web });
    assert.equal(noLoginType.code, ResultCode.Internal);
    assert.match(noLoginType.message, /loginType/);
    const wrong = await api(server, Method.Waterline, { client: ClientType.Web, loginType: 'cookie', waterLine: 0 });
    assert.equal(wrong.code, ResultCode.Internal);
    assert.match(wrong.message, /loginType/);
  });

  it('releases a held poll when the client disconnects', async () => {
    const base = await currentWaterline(server);
    const abort = new AbortController();
    const { answer: held } = await heldPoll(server, base, abort.signal);
    abort.abort();
    await assert.rejects(held, { name: 'AbortError' });
    const deadline = Date.now() + 2_000;
    while (server.pendingPolls > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.equal(server.pendingPolls, 0);
  });
});

describe('mock server: hold time, close and restart', () => {
  it('answers at once with holdMs 0: the current waterline and no msgs', async () => {
    const server = await startMockServer({ holdMs: 0 });
    try {
      const base = await currentWaterline(server);
      const started = performance.now();
      const a = await poll(server, base);
      assert.ok(performance.now() - started < 100);
      assert.equal(a.waterline, base);
      assert.deepEqual(a.msgs, []);
    } finally {
      await server.close();
    }
  });

  it('answers when the hold time passes, with the current waterline and no msgs', async () => {
    const server = await startMockServer({ holdMs: 200 });
    try {
      const base = await currentWaterline(server);
      const started = performance.now();
      const a = await poll(server, base);
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 190 && elapsed < 1_000, `held ${Math.round(elapsed)} ms`);
      assert.equal(a.code, ResultCode.Ok);
      assert.equal(a.waterline, base);
      assert.deepEqual(a.msgs, []);
    } finally {
      await server.close();
    }
  });

  it('close() answers a held poll and resolves promptly, leaving no timer running', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const server = await startMockServer({ holdMs: 60_000, outboundConnectMs: 60_000 });
    await api(server, Method.Dial, { descPhone: '13800000004' }); // a pending connect timer
    const base = await currentWaterline(server);
    const { answer: held } = await heldPoll(server, base);
    const started = performance.now();
    await server.close();
    const a = await held;
    assert.ok(performance.now() - started < 500, 'closed promptly');
    assert.equal(a.code, ResultCode.Ok);
    assert.equal(server.pendingPolls, 0);
    assert.ok(timers() <= before, `timers before ${before}, after ${timers()}`);
    assert.equal(await server.close(), undefined, 'close() twice is harmless');
  });

  it('waterline-reset restarts the account\'s waterlines lower and answers a held poll', async () => {
    const server = await startMockServer({ holdMs: 5_000 });
    try {
      server.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'before' });
      const before = await currentWaterline(server);
      const { answer: held } = await heldPoll(server, before);
      const { waterline } = server.resetWaterline(TEST_ACCOUNT.user);
      assert.ok(waterline < before);
      const a = await held;
      assert.equal(a.waterline, waterline);
      assert.deepEqual(a.msgs, []);
      server.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: 'after' });
      const r = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: waterline });
      const msgs = r.msgs as RawMessage[];
      assert.deepEqual(msgs.map((m) => m.content), ['after']);
      assert.ok(msgs[0]!.waterLine > waterline && msgs[0]!.waterLine < before);
    } finally {
      await server.close();
    }
  });
});
