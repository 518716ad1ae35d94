/**
 * This example against the mock 800ing server of the installed voip-softphone, over real HTTP on 127.0.0.1, with its
 * SQLite database in a temporary directory: navigation routes inbound callers by the routes
 * table, pushes 1-4 store the call record once, a re-sent push is recognised by its key, the
 * records survive a restart, and the IVR menu transfers, queues and hangs up.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { VoipClient } from 'voip-softphone/client';
import { IvrBranch, MockCallState, RingRoute, TEST_ACCOUNT, startMockServer, type MockServer } from 'voip-softphone/node';
import { IvrType, PushType, ResultCode, type CallRecord, type PushRow } from 'voip-softphone/protocol';
import { CallbackPath, startCrmServer, type CrmServer } from '../src/server.js';
import { GOODBYE } from '../src/routes.js';

/** Every field of the call record the memo carries (spec §5 §2.7). */
const MEMO_FIELDS = [
  'cdrId', 'cdrExtension', 'cdrCalledName', 'cdrExtensionIp', 'cdrHangupTime', 'cdrPhonePort', 'cdrStartTime',
  'cdrIVR', 'cdrTalktime', 'cdrChargingTimes', 'cdrLastPhoneNumber', 'cdrPeer', 'exteName', 'cdrHangupReasonText',
  'cdrHangupReasonCode', 'cdrPhoneNum', 'cdrPhoneIp', 'cdrTrunkRoute', 'cdrCmmId', 'cdrExtensionPort', 'cdrIVRKey',
  'cdrRecordFile', 'paramvalue', 'woOther1', 'woOther11',
] as const;

const ROUTED_CALLER = '13812345678';
const UNKNOWN_CALLER = '13900000000';
const SECOND_AGENT = { user: '100008801', password: 'agent2-pw', extension: '8801', name: '坐席二' };

interface CallRow {
  cdr_id: string;
  phone: string;
  peer: number;
  extension: string;
  agent_name: string;
  start_time: string;
  hangup_time: string;
  talk_seconds: number;
  hangup_reason: string;
  record_file: string;
  record_json: string;
  push_type: number;
}
interface PushTableRow {
  key: string;
  push_key: string;
  cdr_id: string;
  type: number;
  repeats: number;
}

describe('examples/crm-server: a CRM backend on SQLite against the mock 800ing server', () => {
  let dir: string;
  let dbPath: string;
  let crm: CrmServer;
  let mock: MockServer;
  /** The call the push tests make: answered, then hung up by the caller. */
  let talkedCdrId = '';

  const startCrm = (): Promise<CrmServer> =>
    startCrmServer({ port: 0, host: '127.0.0.1', dbPath, defaultExtension: TEST_ACCOUNT.extension, routes: { [ROUTED_CALLER]: SECOND_AGENT.extension } });

  /** Points the mock's three callback URLs at the CRM server. */
  const crmUrls = (server: CrmServer) => ({
    pushUrl: server.url + CallbackPath.Push,
    navigationUrl: server.url + CallbackPath.Navigation,
    ivrUrl: server.url + CallbackPath.Ivr,
  });

  /** A second connection to the CRM's database file, read-only, as an operator would open it. */
  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  async function calls(server: CrmServer, phone: string): Promise<CallRecord[]> {
    const res = await fetch(`${server.url}/calls?phone=${encodeURIComponent(phone)}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { calls: CallRecord[] }).calls;
  }

  /** push_send (spec §4) as the agent: the 800ing server delivers record `cdrsId` to the CRM again. */
  async function pushSend(cdrsId: string): Promise<{ code: number; message: string }> {
    const agent = new VoipClient({ server: mock.url, user: TEST_ACCOUNT.user, password: TEST_ACCOUNT.password, transport: 'fetch' });
    return agent.pushResend(cdrsId);
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crm-server-'));
    dbPath = join(dir, 'crm.sqlite');
    crm = await startCrm();
    mock = await startMockServer({ port: 0, host: '127.0.0.1', crm: crmUrls(crm) });
    mock.addAccount(SECOND_AGENT);
  });

  after(async () => {
    await mock?.close();
    await crm?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('rings the agent the routes table names for an inbound caller, and the default agent for others', async () => {
    const routed = await mock.ringRouted({ phone: ROUTED_CALLER });
    assert.equal(routed.routedBy, RingRoute.Navigation, routed.reason);
    assert.equal(routed.extension, SECOND_AGENT.extension);
    assert.equal(mock.calls(SECOND_AGENT.user).at(-1)?.cdrId, routed.cdrId);

    const other = await mock.ringRouted({ phone: UNKNOWN_CALLER });
    assert.equal(other.routedBy, RingRoute.Navigation, other.reason);
    assert.equal(other.extension, TEST_ACCOUNT.extension);

    mock.hangup(routed.cdrId);
    mock.hangup(other.cdrId);
    await mock.pushesSettled();
  });

  it('stores the call record with every §5 field after answer and hang-up, and pushes 1-4 once each', async () => {
    const { cdrId } = await mock.ringRouted({ phone: ROUTED_CALLER, paramvalue: 'order-42' });
    talkedCdrId = cdrId;
    mock.answer(cdrId);
    const ended = mock.hangup(cdrId);
    await mock.pushesSettled();

    const rows = (await mock.pushes()).filter((row) => row.cdrId === cdrId);
    assert.deepEqual(
      rows.map((row) => [row.cdrsType, row.cdrs_status]),
      [PushType.Dialing, PushType.Answered, PushType.HungUp, PushType.Recording].map((type) => [type, 0]),
      'the mock made pushes 1-4 and the CRM accepted each',
    );

    const [call] = query<CallRow>('SELECT * FROM calls WHERE cdr_id = ?', cdrId);
    assert.ok(call, 'the call is in the calls table');
    const record = JSON.parse(call.record_json) as CallRecord;
    for (const field of MEMO_FIELDS) assert.ok(field in record, `record_json has ${field}`);
    assert.deepEqual(record, ended.record, 'the stored record is the final record the mock pushed');
    assert.equal(call.phone, ROUTED_CALLER);
    assert.equal(call.peer, 2);
    assert.equal(call.extension, SECOND_AGENT.extension);
    assert.equal(call.agent_name, SECOND_AGENT.name);
    assert.equal(call.start_time, ended.record.cdrStartTime);
    assert.equal(call.hangup_time, ended.record.cdrHangupTime);
    assert.equal(call.talk_seconds, ended.record.cdrTalktime);
    assert.equal(call.hangup_reason, ended.record.cdrHangupReasonText);
    assert.ok(call.record_file, 'a talked call names its recording');
    assert.equal(call.record_file, ended.record.cdrRecordFile);
    assert.equal(call.push_type, PushType.Recording);

    const pushes = query<PushTableRow>('SELECT key, push_key, cdr_id, type, repeats FROM pushes WHERE cdr_id = ? ORDER BY id', cdrId);
    assert.deepEqual(
      pushes.map((p) => [p.key, p.type, p.repeats]),
      [1, 2, 3, 4].map((type) => [`${cdrId}:${type}`, type, 0]),
    );

    const listed = await calls(crm, ROUTED_CALLER);
    assert.deepEqual(listed[0], ended.record, 'GET /calls?phone= answers the newest call first');
    const one = (await (await fetch(`${crm.url}/calls/${cdrId}`)).json()) as { call: CallRecord; pushes: { key: string }[] };
    assert.equal(one.call.cdrId, cdrId);
    assert.deepEqual(one.pushes.map((p) => p.key), [1, 2, 3, 4].map((type) => `${cdrId}:${type}`));
  });

  it('recognises a push re-sent from push_send by its key and does not store it twice', async () => {
    assert.ok(talkedCdrId, 'needs the call of the previous test');
    const hungUp = (await mock.pushes()).find((row: PushRow) => row.cdrId === talkedCdrId && row.cdrsType === PushType.HungUp);
    assert.ok(hungUp);
    const before = query<CallRow>('SELECT * FROM calls WHERE cdr_id = ?', talkedCdrId);

    assert.deepEqual(await pushSend(hungUp.cdrsId), { code: ResultCode.Ok, message: 'OK' }, 'the CRM accepts the re-sent push');

    const pushes = query<PushTableRow>('SELECT key, type, repeats FROM pushes WHERE key = ?', `${talkedCdrId}:${PushType.HungUp}`);
    assert.deepEqual(pushes.map((p) => [p.type, p.repeats]), [[PushType.HungUp, 1]], 'one row, counted as delivered again');
    assert.equal(query<{ n: number }>('SELECT count(*) AS n FROM pushes WHERE cdr_id = ?', talkedCdrId)[0]?.n, 4);
    assert.deepEqual(query<CallRow>('SELECT * FROM calls WHERE cdr_id = ?', talkedCdrId), before, 'the call row is unchanged');
  });

  it('keeps the call records after a restart on the same database file', async () => {
    assert.ok(talkedCdrId, 'needs the call of the previous tests');
    const stored = await calls(crm, ROUTED_CALLER);
    await crm.close();

    crm = await startCrm();
    mock.configureCrm(crmUrls(crm));
    assert.deepEqual(await calls(crm, ROUTED_CALLER), stored);

    // The keys are durable too: a push re-sent after the restart is still recognised.
    const recording = (await mock.pushes()).find((row) => row.cdrId === talkedCdrId && row.cdrsType === PushType.Recording);
    assert.ok(recording);
    assert.equal((await pushSend(recording.cdrsId)).code, ResultCode.Ok);
    assert.deepEqual(
      query<PushTableRow>('SELECT key, repeats FROM pushes WHERE cdr_id = ? ORDER BY id', talkedCdrId).map((p) => p.repeats),
      [0, 0, 1, 1],
    );
  });

  it('transfers the caller to agent 800 on key 1, queues on 2 and says goodbye on anything else', async () => {
    const first = await mock.ringRouted({ phone: ROUTED_CALLER });
    assert.equal(first.extension, SECOND_AGENT.extension);
    const toAgent = await mock.ivrInput({ cdrId: first.cdrId, input: '1' });
    assert.equal(toAgent.branch, IvrBranch.ToAgent, toAgent.reason);
    assert.deepEqual(toAgent.reply, { code: ResultCode.Ok, message: TEST_ACCOUNT.extension, type: IvrType.ToAgent });
    assert.equal(toAgent.transferredTo?.extension, TEST_ACCOUNT.extension);
    mock.hangup(toAgent.transferredTo.cdrId);

    const second = await mock.ringRouted({ phone: ROUTED_CALLER });
    const toQueue = await mock.ivrInput({ cdrId: second.cdrId, input: '2#' });
    assert.equal(toQueue.branch, IvrBranch.ToQueue, toQueue.reason);
    mock.hangup(toQueue.transferredTo?.cdrId ?? second.cdrId);

    const third = await mock.ringRouted({ phone: ROUTED_CALLER });
    const goodbye = await mock.ivrInput({ cdrId: third.cdrId, input: '7' });
    assert.equal(goodbye.branch, IvrBranch.SpeakThenHangup, goodbye.reason);
    assert.deepEqual(goodbye.reply, { code: ResultCode.Ok, message: GOODBYE, type: IvrType.SpeakThenHangup });
    assert.equal(goodbye.call.state, MockCallState.Ended);
    await mock.pushesSettled();

    // The IVR's hang-up pushed the record, keys and spoken text included.
    const [record] = (await calls(crm, ROUTED_CALLER)).filter((r) => r.cdrId === third.cdrId);
    assert.equal(record?.cdrIVRKey, '7');
    assert.equal(record?.woOther1, GOODBYE);
  });

  it('answers a push it cannot read with a failure and stores nothing', async () => {
    const before = query<{ n: number }>('SELECT count(*) AS n FROM pushes')[0]?.n;
    const res = await fetch(`${crm.url}${CallbackPath.Push}?type=7&peer=2&phone=1`);
    assert.equal(res.status, 200);
    assert.notEqual(((await res.json()) as { code: number }).code, ResultCode.Ok, 'a non-zero code: the push failed (spec §5)');
    assert.equal(query<{ n: number }>('SELECT count(*) AS n FROM pushes')[0]?.n, before);
  });

  it('keeps the calls API read-only and answers unknown paths with 404', async () => {
    assert.equal((await fetch(`${crm.url}/calls`, { method: 'POST' })).status, 405);
    assert.equal((await fetch(`${crm.url}/calls?limit=0`)).status, 400);
    assert.equal((await fetch(`${crm.url}/calls/999`)).status, 404);
    assert.equal((await fetch(`${crm.url}/nothing`)).status, 404);
    const all = (await (await fetch(`${crm.url}/calls`)).json()) as { calls: CallRecord[] };
    assert.ok(all.calls.some((record) => record.cdrPhoneNum === UNKNOWN_CALLER), 'without phone= it lists every caller');
  });
});
