/**
 * The console's server-side data against the real mock over HTTP (issue 15 items 2-5): recent
 * calls seeded after login from findDialrecord and the recvMsg look-back, merged
 * without doubles; the caller's region asked once per call; colleagues for transfer and the
 * agent's status text from loadmonitor. Failures are reported, never thrown.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { VoipClient } from '../../src/client/index.js';
import { accountOf } from '../../src/client/account.js';
import { agentStatusIn, callAreaOf, colleaguesOf, RecentCalls, seedRecentCalls, type RecentCall, type StorageLike } from '../../src/console/index.js';
import { Endpoint, LocalCode, Method, ResultCode, type VoipError } from '../../src/protocol/index.js';
import type { Call } from '../../src/session/index.js';
import { startMockServer, TEST_ACCOUNT, type MockCallView, type MockServer } from '../../src/node/index.js';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

let mock: MockServer;
let client: VoipClient;
/** The mock's clock: each call of the day a minute after the last, so the order is certain. */
let now = 0;
const later = (ms = 60_000): void => {
  now += ms;
};

beforeEach(async () => {
  now = Date.now() - 3_600_000;
  mock = await startMockServer({ holdMs: 0, outboundConnectMs: 0, clock: () => now });
  client = new VoipClient({ server: mock.url, user: TEST_ACCOUNT.user, password: TEST_ACCOUNT.password, transport: 'fetch' });
  await client.login();
});
afterEach(async () => {
  await mock.close();
});

const USER = TEST_ACCOUNT.user;

/** The agent's day: an answered inbound call, a missed one, an outbound call. */
function dayOfCalls(): { answered: MockCallView; missed: MockCallView } {
  const a = mock.ring({ user: USER, phone: '13800000101' });
  later(5_000);
  mock.answer(a.cdrId);
  later();
  const answered = mock.hangup(a.cdrId);
  later();
  const m = mock.ring({ user: USER, phone: '13800000102' });
  later(20_000);
  const missed = mock.hangup(m.cdrId);
  later();
  return { answered, missed };
}

async function dialAndHangUp(phone: string): Promise<MockCallView> {
  await client.dial(phone);
  later();
  const call = mock.calls(USER).find((c) => c.phone === phone && c.state !== 'ended')!;
  return mock.hangup(call.cdrId);
}

/** The Call a page saw live for a mock call. */
function seenLive(view: MockCallView): Call {
  return {
    phone: view.phone,
    direction: view.direction,
    state: 'ended',
    cdrId: view.cdrId,
    startedAt: view.startedAt,
    ...(view.answeredAt !== undefined ? { answeredAt: view.answeredAt } : {}),
    endedAt: view.endedAt!,
  };
}

function newStore(errors: VoipError[] = []): RecentCalls {
  return new RecentCalls({ account: accountOf(client), storage: new MemoryStorage(), onError: (e) => errors.push(e) });
}

const byPhone = (calls: readonly RecentCall[], phone: string): RecentCall[] => calls.filter((c) => c.phone === phone);

describe('seeding recent calls after login', () => {
  it('lists the server history: missed calls marked, recordings on answered ones, the newest first', async () => {
    const { answered, missed } = dayOfCalls();
    const outbound = await dialAndHangUp('13800000103');
    const store = newStore();
    const errors: VoipError[] = [];
    const added = await seedRecentCalls(client, { store, onError: (e) => errors.push(e) });
    assert.deepEqual(errors, []);
    assert.equal(added.length, 3);
    assert.deepEqual(
      store.calls.map((c) => [c.phone, c.direction, c.cdrId, c.missed === true]),
      [
        ['13800000103', 'outbound', outbound.cdrId, false],
        ['13800000102', 'inbound', missed.cdrId, true],
        ['13800000101', 'inbound', answered.cdrId, false],
      ],
    );
    const talked = byPhone(store.calls, '13800000101')[0]!;
    assert.equal(talked.recording, `${mock.url}/voip/record/${answered.record.cdrRecordFile}`);
    assert.equal(byPhone(store.calls, '13800000102')[0]!.recording, undefined, 'no recording of a call nobody answered');
    assert.equal(store.missedCount, 1);
  });

  it('merges with what the page saw live, without doubles, and adds nothing when seeded again', async () => {
    const { answered, missed } = dayOfCalls();
    const store = newStore();
    store.add(seenLive(answered));
    const { waterline } = await client.waterline({ waterLine: 0 });
    const added = await seedRecentCalls(client, { store, waterline });
    assert.deepEqual(added.map((c) => c.phone), [missed.phone], 'only the call the page did not see');
    assert.equal(store.calls.length, 2);
    assert.equal(byPhone(store.calls, answered.phone)[0]!.recording?.endsWith('.wav'), true, 'the live entry gained its recording');
    assert.deepEqual(await seedRecentCalls(client, { store, waterline }), []);
    assert.equal(store.calls.length, 2);
  });

  it('a failing source is reported and the others still seed: recvMsg look-back alone', async () => {
    const { missed } = dayOfCalls();
    const { waterline } = await client.waterline({ waterLine: 0 });
    mock.fault({ method: Method.CallRecord, code: ResultCode.Sql });
    const errors: VoipError[] = [];
    const store = newStore();
    await seedRecentCalls(client, { store, waterline, onError: (e) => errors.push(e) });
    assert.deepEqual(errors.map((e) => [e.code, e.method]), [[ResultCode.Sql, Method.CallRecord]]);
    assert.deepEqual(store.calls.map((c) => c.phone), ['13800000102', '13800000101']);
    assert.equal(byPhone(store.calls, missed.phone)[0]!.missed, true, 'rang and never answered, seen in the messages');
    assert.equal(byPhone(store.calls, '13800000101')[0]!.missed, undefined);
  });

  it('never rejects: an unreachable server gives an empty seed and its errors', async () => {
    dayOfCalls();
    await mock.close();
    const errors: VoipError[] = [];
    const store = newStore();
    const added = await seedRecentCalls(client, { store, waterline: 10, onError: (e) => errors.push(e) });
    assert.deepEqual(added, []);
    assert.equal(errors.length, 2);
    assert.ok(errors.every((e) => e.unreachable), errors.map((e) => e.message).join('; '));
  });

  it('an abort ends the seed quietly', async () => {
    dayOfCalls();
    const stop = new AbortController();
    stop.abort();
    const errors: VoipError[] = [];
    const store = newStore();
    assert.deepEqual(await seedRecentCalls(client, { store, signal: stop.signal, onError: (e) => errors.push(e) }), []);
    assert.deepEqual(errors, []);
    assert.deepEqual(store.calls, []);
  });
});

describe('the caller region', () => {
  const ringing = (phone: string): Call => ({ phone, direction: 'inbound', state: 'ringing', startedAt: now });
  const asks = (): number => mock.requests().filter((r) => r.method === Method.CallRecord).length;

  it('is the cdrPhoneArea of the number, asked once per call', async () => {
    const record = { cdrId: '282982852097999', cdrPhoneNum: '13800000201', cdrPhoneArea: '上海 移动' };
    mock.fault({ method: Method.CallRecord, body: JSON.stringify({ code: 0, message: 'ok', rows: [record] }), contentType: 'application/json' });
    const call = ringing('13800000201');
    const [first, second] = await Promise.all([callAreaOf(client, call), callAreaOf(client, { ...call, state: 'talking' })]);
    assert.equal(first, '上海 移动');
    assert.equal(second, '上海 移动');
    assert.equal(asks(), 1);
    const asked = mock.requests().find((r) => r.method === Method.CallRecord)!;
    assert.equal(asked.params.phoneNum, '13800000201', 'a live call is looked up by its number');
  });

  it('is undefined when the server gives none (the mock never does), and for a short internal number nothing is asked', async () => {
    assert.equal(await callAreaOf(client, ringing('13800000202')), undefined);
    assert.equal(await callAreaOf(client, ringing('801')), undefined);
    assert.equal(asks(), 1);
  });

  it('a failure is reported and answers undefined; an aborted ask is asked again later', async () => {
    mock.fault({ method: Method.CallRecord, code: ResultCode.Internal });
    const errors: VoipError[] = [];
    assert.equal(await callAreaOf(client, ringing('13800000203'), { onError: (e) => errors.push(e) }), undefined);
    assert.deepEqual(errors.map((e) => e.code), [ResultCode.Internal]);
    const stop = new AbortController();
    stop.abort();
    const call = ringing('13800000204');
    assert.equal(await callAreaOf(client, call, { signal: stop.signal, onError: (e) => errors.push(e) }), undefined);
    assert.equal(errors.length, 1, 'an abort is not an error');
    await callAreaOf(client, call);
    assert.equal(mock.requests().filter((r) => r.method === Method.CallRecord && r.params.phoneNum === '13800000204').length, 1);
  });
});

describe('colleagues for transfer', () => {
  it('lists the other agents with their status text, and the agent own status', async () => {
    mock.addAccount({ user: '100008802', password: 'pw802', extension: '8802', name: '李四' });
    mock.addAccount({ user: '100008803', password: 'pw803', extension: '8803', name: '王五' });
    mock.ring({ user: '100008803', phone: '13800000301' });
    const { colleagues, ownStatus } = await colleaguesOf(client);
    assert.equal(ownStatus, '空闲');
    assert.ok(!colleagues.some((c) => c.extension === client.agent!.extension), 'not the agent itself');
    assert.deepEqual(
      colleagues.filter((c) => c.extension.startsWith('88')),
      [
        { extension: '8802', name: '李四', status: '空闲' },
        { extension: '8803', name: '王五', status: '振铃' },
      ],
    );
    await client.checkOut();
    assert.equal((await colleaguesOf(client)).ownStatus, '签出');
  });

  it("in English: the server's known status texts in English words, the agent's availability from its own", async () => {
    mock.addAccount({ user: '100008804', password: 'pw804', extension: '8804', name: '赵六' });
    mock.ring({ user: '100008804', phone: '13800000302' });
    await client.checkIn();
    const inEnglish = await colleaguesOf(client, { lang: 'en' });
    assert.deepEqual([inEnglish.ownStatus, inEnglish.ownAvailable], ['idle', true]);
    assert.deepEqual(inEnglish.colleagues.find((c) => c.extension === '8804'), { extension: '8804', name: '赵六', status: 'ringing' });
    await client.checkOut();
    const away = await colleaguesOf(client, { lang: 'en' });
    assert.deepEqual([away.ownStatus, away.ownAvailable], ['checked out', false]);
    const inChinese = await colleaguesOf(client, { lang: 'zh-CN' });
    assert.deepEqual([inChinese.ownStatus, inChinese.ownAvailable], ['签出', false]);
  });

  it('a status text nobody translated is shown as the server wrote it', () => {
    assert.equal(agentStatusIn('en', '通话中'), 'on a call');
    assert.equal(agentStatusIn('en', '示忙'), '示忙');
    assert.equal(agentStatusIn('en', 'constructor'), 'constructor', 'not a property of every object');
    assert.equal(agentStatusIn('zh-CN', '空闲'), '空闲');
  });

  it('an unreachable monitor gives an empty list and the error, never an exception', async () => {
    mock.fault({ method: Endpoint.LoadMonitor, code: ResultCode.Auth });
    const errors: VoipError[] = [];
    const list = await colleaguesOf(client, { onError: (e) => errors.push(e) });
    assert.deepEqual(list, { colleagues: [] });
    assert.deepEqual(errors.map((e) => e.code), [ResultCode.Auth]);
    assert.notEqual(errors[0]!.code, LocalCode.Aborted);
  });
});
