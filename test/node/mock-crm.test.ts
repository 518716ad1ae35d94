/**
 * The mock server towards the CRM's own server (spec §5, §4), over real HTTP on 127.0.0.1: the
 * call-event pushes and their record in push_list, push_send, the navigation callback and the IVR
 * callback. A tiny CRM stub (node:http, port 0) records every request it receives and answers
 * what each test tells it to.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  IvrBranch,
  MockCallState,
  RingRoute,
  TEST_ACCOUNT,
  startMockServer,
  type IvrResult,
  type MockCallView,
  type MockServer,
  type RoutedRing,
} from '../../src/node/index.js';
import {
  CallStatus,
  ClientType,
  Endpoint,
  IvrType,
  MessageKind,
  Method,
  Peer,
  PushStatus,
  PushType,
  ResultCode,
  SEND_MSG_LOST_TIME,
  SendMsgKind,
  parseContent,
  type PushRow,
  type RawMessage,
} from '../../src/protocol/index.js';
import { api, control, getJson, qs, rawGet, RECORD_FIELDS, type Answer } from './mock-test-helpers.js';


/** The push row's own fields (spec §4 §2.11). */
const PUSH_FIELDS = [
  'cdrs_status', 'cdrs_successTime', 'cdr_uploadTime', 'cdrsType', 'cdrsMemo', 'cdrsPhone', 'cdrs_result', 'cdrsId',
] as const;

const SERVER_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const OK_BODY = JSON.stringify({ code: 0, message: 'OK' });
const AGENT_2 = { user: '100008801', password: 'agent2-pw', extension: '8801', name: '坐席二' };

// ---------------------------------------------------------------------------------------------
// The CRM stub
// ---------------------------------------------------------------------------------------------

interface CrmHit {
  path: string;
  query: Record<string, string>;
  /** The request target exactly as received (path and percent-encoded query). */
  target: string;
}
interface StubReply {
  status?: number;
  body: string;
}
type Responder = (hit: CrmHit) => StubReply | Promise<StubReply>;

const answerOk: Responder = () => ({ body: OK_BODY });
/** Never answers: the mock's timeout has to end the exchange. */
const neverAnswer: Responder = () => new Promise<StubReply>(() => {});

class CrmStub {
  readonly hits: CrmHit[] = [];
  /** `hit:<type>` when a request arrives, `answer:<type>` when its answer is written, in order. */
  readonly events: string[] = [];
  respond: Responder = answerOk;
  url = '';
  readonly #server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub.invalid');
    const hit: CrmHit = { path: url.pathname, query: Object.fromEntries(url.searchParams), target: req.url ?? '' };
    const label = hit.query.type ?? hit.path;
    this.hits.push(hit);
    this.events.push(`hit:${label}`);
    void Promise.resolve(this.respond(hit)).then((reply) => {
      this.events.push(`answer:${label}`);
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(reply.body);
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  reset(): void {
    this.hits.length = 0;
    this.events.length = 0;
    this.respond = answerOk;
  }

  on(path: string): CrmHit[] {
    return this.hits.filter((h) => h.path === path);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** A URL on which nothing listens: a CRM that is down. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/push`;
}

// ---------------------------------------------------------------------------------------------
// Helpers over the mock's HTTP API
// ---------------------------------------------------------------------------------------------

async function sessionOf(server: MockServer): Promise<string> {
  const login = await api(server, Method.Login);
  assert.equal(login.code, ResultCode.Ok, login.message);
  return String(login.sessionId);
}

async function pushList(server: MockServer, params: Record<string, string | number> = {}): Promise<{ total: number; rows: PushRow[] }> {
  const answer = await getJson(server, Endpoint.PushList, { sessionId: await sessionOf(server), page: 1, rows: 100, ...params });
  assert.equal(answer.code, ResultCode.Ok, answer.message);
  return { total: answer.total as number, rows: answer.rows as PushRow[] };
}

async function pushSend(server: MockServer, id: string): Promise<Answer> {
  return getJson(server, Endpoint.PushSend, { sessionId: await sessionOf(server), id });
}

async function recv(server: MockServer, account: { user: string; password: string } = TEST_ACCOUNT): Promise<RawMessage[]> {
  const answer = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: 0 }, { account });
  assert.equal(answer.code, ResultCode.Ok, answer.message);
  return answer.msgs as RawMessage[];
}

/** `status` of each message of call `cdrId` an agent received. */
function statusesOf(msgs: RawMessage[], cdrId: string): number[] {
  return msgs
    .map((m) => ({ kind: m.kind, content: parseContent(m.content) }))
    .filter((m) => m.kind === MessageKind.Inbound && m.content?.cdrId === cdrId)
    .map((m) => Number(m.content!.status));
}

function callOf(server: MockServer, cdrId: string): MockCallView {
  const call = server.calls().find((c) => c.cdrId === cdrId);
  assert.ok(call, `call ${cdrId}`);
  return call;
}

function memoOf(hit: CrmHit): Record<string, unknown> {
  assert.ok(hit.query.memo, `type ${hit.query.type} carries a memo`);
  return JSON.parse(hit.query.memo) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------

describe('mock server → CRM: call-event pushes (spec §5 §2.7)', () => {
  let crm: CrmStub;
  let server: MockServer;
  before(async () => {
    crm = await new CrmStub().start();
    server = await startMockServer({ outboundConnectMs: -1, crm: { pushUrl: `${crm.url}/api/voip.json?token=t1` } });
  });
  afterEach(() => crm.reset());
  after(async () => {
    await server.close();
    await crm.close();
  });

  it('pushes an inbound call as types 1, 2, 3, 4 in order, with peer 2, the phone and the full record as memo', async () => {
    const phone = '13800000001';
    const paramvalue = '工单 #1 & "客户"';
    const rang = await control(server, 'ring', { user: TEST_ACCOUNT.user, phone, paramvalue, trunkno: '100068001' });
    const cdrId = String(rang.cdrId);
    const answered = await api(server, Method.SendMsg, {
      phone,
      kind: SendMsgKind.Answer,
      client: ClientType.Web,
      lostTime: SEND_MSG_LOST_TIME,
    });
    assert.equal(answered.code, ResultCode.Ok, answered.message);
    server.hangup(cdrId);
    await server.pushesSettled();

    assert.deepEqual(
      crm.hits.map((h) => [h.path, h.query.type, h.query.peer, h.query.phone, h.query.token]),
      [
        ['/api/voip.json', String(PushType.Dialing), String(Peer.Inbound), phone, 't1'],
        ['/api/voip.json', String(PushType.Answered), String(Peer.Inbound), phone, 't1'],
        ['/api/voip.json', String(PushType.HungUp), String(Peer.Inbound), phone, 't1'],
        ['/api/voip.json', String(PushType.Recording), String(Peer.Inbound), phone, 't1'],
      ],
    );
    const [dialing, talking, hungUp, recording] = crm.hits;
    assert.equal(dialing!.query.memo, undefined, 'no memo before the hang-up');
    assert.equal(talking!.query.memo, undefined);
    // The query is percent-encoded UTF-8: nothing but printable ASCII on the wire.
    assert.match(hungUp!.target, /^[\x21-\x7e]+$/);
    assert.match(hungUp!.target, /memo=%7B%22cdrId%22/);

    const memo = memoOf(hungUp!);
    for (const field of RECORD_FIELDS) assert.ok(Object.hasOwn(memo, field), `memo has ${field}`);
    const { record } = callOf(server, cdrId);
    assert.deepEqual(memo, JSON.parse(JSON.stringify(record)), 'the memo is the final call record');
    assert.equal(memo.cdrId, cdrId);
    assert.equal(memo.paramvalue, paramvalue);
    assert.equal(memo.cdrPeer, Peer.Inbound);
    assert.equal(memo.cdrPhoneNum, phone);
    assert.equal(memo.cdrExtension, TEST_ACCOUNT.extension);
    assert.equal(memo.cdrTrunkRoute, '100068001');
    assert.equal(memo.cdrHangupReasonText, '客户挂机');
    assert.match(String(memo.cdrHangupTime), SERVER_TIME);
    assert.match(String(memo.cdrRecordFile), new RegExp(`/${cdrId}\\.wav$`));
    assert.equal(recording!.query.memo, hungUp!.query.memo, 'the recording push carries the same record');
  });

  it('records every push in push_list with its outcome and the memo it sent', async () => {
    const before = (await pushList(server)).total;
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000002' });
    server.answer(cdrId);
    server.hangup(cdrId);
    const rows = await server.pushes();
    const mine = rows.slice(before);
    assert.deepEqual(mine.map((r) => r.cdrsType), [PushType.Dialing, PushType.Answered, PushType.HungUp, PushType.Recording]);
    for (const [i, row] of mine.entries()) {
      for (const field of PUSH_FIELDS) assert.ok(Object.hasOwn(row, field), `row has ${field}`);
      assert.equal(row.cdrId, cdrId);
      assert.equal(row.cdrExtension, TEST_ACCOUNT.extension);
      assert.equal(row.cdrsPhone, '13800000002');
      assert.equal(row.cdrs_status, PushStatus.Ok);
      assert.equal(row.cdrs_result, OK_BODY, 'the CRM answer as received');
      assert.match(row.cdr_uploadTime!, SERVER_TIME);
      assert.match(row.cdrs_successTime!, SERVER_TIME);
      assert.equal(row.cdrsMemo, crm.hits[i]!.query.memo ?? '', 'the memo exactly as sent');
    }
    assert.equal(new Set(rows.map((r) => r.cdrsId)).size, rows.length, 'cdrsId is unique');
    const listed = await pushList(server, { order: 'cdrsId', sort: 'asc' });
    assert.deepEqual(listed.rows.slice(before), mine, 'push_list answers the same rows');
    const viaControl = await control(server, 'pushes');
    assert.deepEqual((viaControl.pushes as PushRow[]).slice(before), mine, '/mock/pushes answers them too');
  });

  it('pushes an outbound call with peer 1, and an unanswered call without a recording push', async () => {
    const dialed = await api(server, Method.Dial, { descPhone: '13900000003', paramvalue: 'out-1' });
    assert.equal(dialed.code, ResultCode.Ok);
    const outbound = server.calls(TEST_ACCOUNT.user).at(-1)!;
    server.connect(outbound.cdrId);
    assert.equal((await api(server, Method.Hangup)).code, ResultCode.Ok);
    const missed = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000004' });
    server.hangup(missed.cdrId);
    await server.pushesSettled();

    const outboundHits = crm.hits.filter((h) => h.query.phone === '13900000003');
    assert.deepEqual(outboundHits.map((h) => [h.query.type, h.query.peer]), [
      [String(PushType.Dialing), String(Peer.Outbound)],
      [String(PushType.Answered), String(Peer.Outbound)],
      [String(PushType.HungUp), String(Peer.Outbound)],
      [String(PushType.Recording), String(Peer.Outbound)],
    ]);
    assert.equal(memoOf(outboundHits[2]!).cdrPeer, Peer.Outbound);
    assert.equal(memoOf(outboundHits[2]!).paramvalue, 'out-1');
    const missedHits = crm.hits.filter((h) => h.query.phone === '13800000004');
    assert.deepEqual(missedHits.map((h) => h.query.type), [String(PushType.Dialing), String(PushType.HungUp)]);
    assert.equal(memoOf(missedHits[1]!).cdrTalktime, 0);
    assert.equal(memoOf(missedHits[1]!).cdrRecordFile, '');
  });

  it('answers the API without waiting for the CRM, and sends one call\'s pushes one after another', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    crm.respond = async (hit) => {
      if (hit.query.type === String(PushType.Dialing)) await gate;
      return { body: OK_BODY };
    };
    const rang = await control(server, 'ring', { user: TEST_ACCOUNT.user, phone: '13800000005' });
    assert.equal(rang.code, ResultCode.Ok, 'the control answer came while the CRM holds push 1');
    const answered = await api(server, Method.SendMsg, {
      phone: '13800000005',
      kind: SendMsgKind.Answer,
      client: ClientType.Web,
      lostTime: SEND_MSG_LOST_TIME,
    });
    assert.equal(answered.code, ResultCode.Ok, 'sendMsg answered while the CRM holds push 1');
    assert.equal((await api(server, Method.Hangup)).code, ResultCode.Ok);
    release();
    await server.pushesSettled();
    assert.deepEqual(crm.events, ['hit:1', 'answer:1', 'hit:2', 'answer:2', 'hit:3', 'answer:3', 'hit:4', 'answer:4']);
  });

  it('emits a push event for each recorded push', async () => {
    const seen: string[] = [];
    const onPush = (row: PushRow): void => void seen.push(`${row.cdrsType}:${row.cdrs_status}`);
    server.on('push', onPush);
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000006' });
    server.hangup(cdrId);
    await server.pushesSettled();
    server.off('push', onPush);
    assert.deepEqual(seen, [`${PushType.Dialing}:${PushStatus.Ok}`, `${PushType.HungUp}:${PushStatus.Ok}`]);
  });

  it('is configured at run time by configureCrm() and /mock/crm; a call without pushUrl pushes nothing', async () => {
    const pushUrl = server.crm.pushUrl;
    const cleared = await control(server, 'crm', { pushUrl: '' });
    assert.equal(cleared.code, ResultCode.Ok);
    assert.deepEqual(cleared.crm, { pushUrl: '', navigationUrl: '', ivrUrl: '', timeoutMs: 5000 });
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000007' });
    server.hangup(cdrId);
    await server.pushesSettled();
    assert.deepEqual(crm.hits, []);

    const bad = await control(server, 'crm', { pushUrl: 'ftp://example.invalid/' });
    assert.equal(bad.code, ResultCode.Internal);
    assert.equal(server.crm.pushUrl, '', 'a bad URL changes nothing');
    assert.throws(() => server.configureCrm({ timeoutMs: -1 }), RangeError);
    const set = await control(server, 'crm', { pushUrl, timeoutMs: 3000 });
    assert.deepEqual(set.crm, { pushUrl, navigationUrl: '', ivrUrl: '', timeoutMs: 3000 });
    assert.deepEqual(server.configureCrm({ timeoutMs: 5000 }), { pushUrl, navigationUrl: '', ivrUrl: '', timeoutMs: 5000 });
  });
});

describe('mock server → CRM: failed pushes, push_list and push_send (spec §4 §2.11, §2.12)', () => {
  let crm: CrmStub;
  let server: MockServer;
  before(async () => {
    crm = await new CrmStub().start();
    server = await startMockServer({ outboundConnectMs: -1, crm: { pushUrl: `${crm.url}/push` } });
  });
  afterEach(() => crm.reset());
  after(async () => {
    await server.close();
    await crm.close();
  });

  it('lists a push the CRM refused as failed, and push_send delivers it again once the CRM is fixed', async () => {
    const refusal = JSON.stringify({ code: -1, message: '数据库忙' });
    crm.respond = () => ({ body: refusal });
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000011' });
    server.hangup(cdrId);
    await server.pushesSettled();

    const failed = await pushList(server, { status: PushStatus.Failed });
    assert.equal(failed.total, 2);
    assert.deepEqual(failed.rows.map((r) => [r.cdrsType, r.cdrs_status, r.cdrs_result, r.cdrs_successTime]), [
      [PushType.HungUp, PushStatus.Failed, refusal, ''],
      [PushType.Dialing, PushStatus.Failed, refusal, ''],
    ]);
    assert.equal((await pushList(server, { status: PushStatus.Ok })).total, 0);
    const hungUp = failed.rows[0]!;

    const again = await pushSend(server, hungUp.cdrsId);
    assert.equal(again.code, ResultCode.Network);
    assert.match(again.message, /数据库忙/);
    assert.equal((await pushList(server, { status: PushStatus.Failed })).total, 2, 'still failed');

    crm.respond = answerOk;
    crm.hits.length = 0;
    assert.deepEqual(await pushSend(server, hungUp.cdrsId), { code: ResultCode.Ok, message: 'OK' });
    assert.equal(crm.hits.length, 1);
    assert.deepEqual(crm.hits[0]!.query, {
      type: String(PushType.HungUp),
      peer: String(Peer.Inbound),
      phone: '13800000011',
      cdrId: hungUp.cdrId,
      memo: hungUp.cdrsMemo,
    });
    const ok = await pushList(server, { status: PushStatus.Ok });
    assert.deepEqual(ok.rows.map((r) => [r.cdrsId, r.cdrs_status, r.cdrs_result]), [[hungUp.cdrsId, PushStatus.Ok, OK_BODY]]);
    assert.match(ok.rows[0]!.cdrs_successTime!, SERVER_TIME);
    const stillFailed = await pushList(server, { status: PushStatus.Failed });
    assert.deepEqual(stillFailed.rows.map((r) => r.cdrsType), [PushType.Dialing]);

    assert.equal((await pushSend(server, '999999')).code, ResultCode.NotFound);
    assert.equal((await getJson(server, Endpoint.PushSend, { id: hungUp.cdrsId })).code, ResultCode.Auth);
    assert.equal((await getJson(server, Endpoint.PushList, { sessionId: 'forged' })).code, ResultCode.Auth);
  });

  it('fails a push with the reason when the CRM is down, answers HTTP 500, answers a page, or does not answer in time', async () => {
    const cases: [phone: string, setUp: () => Promise<void> | void, reason: RegExp][] = [
      ['13800000021', async () => void server.configureCrm({ pushUrl: await deadUrl() }), /refused/],
      ['13800000022', () => {
        server.configureCrm({ pushUrl: `${crm.url}/push` });
        crm.respond = () => ({ status: 500, body: 'Internal Server Error' });
      }, /^HTTP 500: Internal Server Error$/],
      ['13800000023', () => void (crm.respond = () => ({ body: '<html>登录</html>' })), /not a JSON answer.*<html>/],
      ['13800000024', () => {
        server.configureCrm({ timeoutMs: 150 });
        crm.respond = neverAnswer;
      }, /no answer within 150 ms/],
    ];
    for (const [phone, setUp, reason] of cases) {
      await setUp();
      server.ring({ user: TEST_ACCOUNT.user, phone });
      await server.pushesSettled();
      const { rows } = await pushList(server, { phone });
      assert.equal(rows.length, 1, phone);
      assert.equal(rows[0]!.cdrs_status, PushStatus.Failed, phone);
      assert.match(rows[0]!.cdrs_result!, reason, phone);
    }
    server.configureCrm({ pushUrl: '' });
    const noUrl = await pushSend(server, (await pushList(server, { phone: '13800000021' })).rows[0]!.cdrsId);
    assert.equal(noUrl.code, ResultCode.Ok, 'with no pushUrl the mock sends nothing and says so');
    assert.match(noUrl.message, /no pushUrl/);
    server.configureCrm({ pushUrl: `${crm.url}/push`, timeoutMs: 5000 });
  });
});

describe('mock server: push_list paging and filters (spec §4 §2.11)', () => {
  let crm: CrmStub;
  let server: MockServer;
  // 2026-01-02 09:00:00 in the server's time zone (UTC+8); each call starts a minute later.
  const START = Date.UTC(2026, 0, 2, 1, 0, 0);
  let now = START;
  const phoneOf = (i: number): string => `1390000${String(i).padStart(4, '0')}`;

  before(async () => {
    crm = await new CrmStub().start();
    server = await startMockServer({
      clock: () => now,
      outboundConnectMs: -1,
      accounts: [AGENT_2],
      crm: { pushUrl: `${crm.url}/push` },
    });
    // 25 calls ringing, one push each: calls 0–21 at the test agent, 22–24 at agent 2.
    for (let i = 0; i < 25; i++) {
      now = START + i * 60_000;
      server.ring({ user: i < 22 ? TEST_ACCOUNT.user : AGENT_2.user, phone: phoneOf(i) });
      await server.pushesSettled();
    }
  });
  after(async () => {
    await server.close();
    await crm.close();
  });

  it('pages 25 pushes 10 at a time, newest first', async () => {
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(await pushList(server, { page, rows: 10 }));
    assert.deepEqual(pages.map((p) => p.total), [25, 25, 25, 25]);
    assert.deepEqual(pages.map((p) => p.rows.length), [10, 10, 5, 0]);
    const phones = pages.flatMap((p) => p.rows.map((r) => r.cdrsPhone));
    assert.deepEqual(phones, Array.from({ length: 25 }, (_, i) => phoneOf(24 - i)));
    assert.equal(new Set(pages.flatMap((p) => p.rows.map((r) => r.cdrsId))).size, 25);
    const ascending = await pushList(server, { page: 1, rows: 3, sort: 'asc' });
    assert.deepEqual(ascending.rows.map((r) => r.cdrsPhone), [phoneOf(0), phoneOf(1), phoneOf(2)]);
  });

  it('filters by start time, in the vendor\'s loose format too, and by another time field', async () => {
    const range = await pushList(server, { startTime: '2026-01-02 09:05:00', endTime: '2026-1-2 9:09:59' });
    assert.equal(range.total, 5);
    assert.deepEqual(range.rows.map((r) => r.cdrsPhone), [9, 8, 7, 6, 5].map(phoneOf));
    assert.deepEqual(range.rows.map((r) => r.cdrStartTime), ['09:09', '09:08', '09:07', '09:06', '09:05'].map((t) => `2026-01-02 ${t}:00`));
    const fromDate = await pushList(server, { startTime: '2026-01-02 09:20:00', endTime: '2026-01-02' });
    assert.equal(fromDate.total, 5, 'a date alone as endTime means the end of that day');
    assert.equal((await pushList(server, { startTime: '2026-01-03 00:00:00', endTime: '2026-01-03 23:59:59' })).total, 0);
    const uploaded = await pushList(server, { timeType: 'cdr_uploadTime', startTime: '2026-01-02 09:24:00', endTime: '2026-01-02 09:24:00' });
    assert.deepEqual(uploaded.rows.map((r) => r.cdrsPhone), [phoneOf(24)]);
    const bad = await getJson(server, Endpoint.PushList, { sessionId: await sessionOf(server), startTime: 'yesterday' });
    assert.equal(bad.code, ResultCode.Internal);
    assert.match(bad.message, /startTime/);
  });

  it('filters by a part of the phone number, by extensions and by status', async () => {
    const one = await pushList(server, { phone: '0012' });
    assert.deepEqual(one.rows.map((r) => r.cdrsPhone), [phoneOf(12)]);
    assert.equal((await pushList(server, { phone: '1390000002' })).total, 5);
    assert.equal((await pushList(server, { extes: TEST_ACCOUNT.extension })).total, 22);
    assert.equal((await pushList(server, { extes: AGENT_2.extension })).total, 3);
    assert.equal((await pushList(server, { extes: `${TEST_ACCOUNT.extension},${AGENT_2.extension}` })).total, 25);
    assert.equal((await pushList(server, { extes: '', status: '' })).total, 25, "'' means all");
    assert.equal((await pushList(server, { status: PushStatus.Ok })).total, 25);
    assert.equal((await pushList(server, { status: PushStatus.Failed })).total, 0);
    const bad = await getJson(server, Endpoint.PushList, { sessionId: await sessionOf(server), status: 'x' });
    assert.equal(bad.code, ResultCode.Internal);
  });

  it('answers push_list and push_send as JSONP when asked for a callback', async () => {
    const sessionId = await sessionOf(server);
    const list = await rawGet(server, `${Endpoint.PushList}?${qs({ sessionId, page: 2, rows: 10, callback: 'jQuery1_2' })}`);
    assert.match(list.type, /javascript/);
    assert.match(list.text, /^jQuery1_2\(\{.*\}\);$/s);
    const body = JSON.parse(list.text.slice('jQuery1_2('.length, -2)) as Answer;
    assert.equal(body.code, ResultCode.Ok);
    assert.equal(body.total, 25);
    assert.equal((body.rows as PushRow[]).length, 10);
    const id = (body.rows as PushRow[])[0]!.cdrsId;
    const sent = await rawGet(server, `${Endpoint.PushSend}?${qs({ sessionId, id, callback: 'cb' })}`);
    assert.equal(sent.text, `cb(${JSON.stringify({ code: ResultCode.Ok, message: 'OK' })});`);
  });
});

describe('mock server → CRM: navigation of inbound calls (spec §5 §2.8)', () => {
  let crm: CrmStub;
  let server: MockServer;
  before(async () => {
    crm = await new CrmStub().start();
    server = await startMockServer({ outboundConnectMs: -1, accounts: [AGENT_2], crm: { navigationUrl: `${crm.url}/nav` } });
  });
  afterEach(() => {
    crm.reset();
    server.configureCrm({ navigationUrl: `${crm.url}/nav`, timeoutMs: 5000 });
  });
  after(async () => {
    await server.close();
    await crm.close();
  });

  it('rings the agent the CRM names, whose session sees the call, and not the test agent', async () => {
    crm.respond = () => ({ body: JSON.stringify({ code: 0, message: AGENT_2.extension }) });
    const rang = await control(server, 'ring', { phone: '02166660001', trunkno: '100068001' });
    assert.equal(rang.code, ResultCode.Ok, rang.message);
    const cdrId = String(rang.cdrId);
    assert.deepEqual(
      { cdrId: rang.cdrId, extension: rang.extension, user: rang.user, routedBy: rang.routedBy },
      { cdrId, extension: AGENT_2.extension, user: AGENT_2.user, routedBy: RingRoute.Navigation },
    );
    assert.deepEqual(crm.on('/nav').map((h) => h.query), [{ phone: '02166660001', trunkno: '100068001', cdrId }]);
    assert.deepEqual(statusesOf(await recv(server, AGENT_2), cdrId), [CallStatus.Ringing]);
    assert.deepEqual(statusesOf(await recv(server), cdrId), [], 'the test agent never saw it');
    assert.equal(callOf(server, cdrId).record.cdrTrunkRoute, '100068001');
  });

  it('takes the account number the vendor\'s example answers as well as an extension', async () => {
    crm.respond = () => ({ body: JSON.stringify({ code: 0, message: AGENT_2.user }) });
    const routed = await server.ringRouted({ phone: '13800000031' });
    assert.equal(routed.routedBy, RingRoute.Navigation);
    assert.equal(routed.extension, AGENT_2.extension);
    assert.deepEqual(statusesOf(await recv(server, AGENT_2), routed.cdrId), [CallStatus.Ringing]);
  });

  it('falls back to the test agent when navigation answers another code, an unknown agent, nothing in time, or is not configured', async () => {
    const cases: [phone: string, setUp: () => void, reason: RegExp][] = [
      ['13800000041', () => void (crm.respond = () => ({ body: JSON.stringify({ code: -1, message: '无此客户' }) })), /code -1.*无此客户/],
      ['13800000042', () => void (crm.respond = () => ({ body: JSON.stringify({ code: 0, message: '7777' }) })), /7777/],
      ['13800000043', () => {
        server.configureCrm({ timeoutMs: 150 });
        crm.respond = neverAnswer;
      }, /no answer within 150 ms/],
      ['13800000044', () => void server.configureCrm({ navigationUrl: '' }), /no navigationUrl/],
    ];
    const results: RoutedRing[] = [];
    for (const [phone, setUp] of cases) {
      setUp();
      results.push(await server.ringRouted({ phone }));
    }
    for (const [i, [phone, , reason]] of cases.entries()) {
      const routed = results[i]!;
      assert.equal(routed.routedBy, RingRoute.Fallback, phone);
      assert.equal(routed.extension, TEST_ACCOUNT.extension, phone);
      assert.match(routed.reason ?? '', reason, phone);
      assert.deepEqual(statusesOf(await recv(server), routed.cdrId), [CallStatus.Ringing], phone);
      assert.equal(callOf(server, routed.cdrId).phone, phone);
    }
    assert.equal(crm.on('/nav').length, 3, 'asked the CRM three times, not when unconfigured');
  });

  it('rings a named agent directly, and ring() without an agent asks for ringRouted()', async () => {
    const direct = await server.ringRouted({ extension: AGENT_2.extension, phone: '13800000051' });
    assert.equal(direct.routedBy, RingRoute.Direct);
    assert.equal(direct.extension, AGENT_2.extension);
    assert.deepEqual(crm.hits, []);
    assert.throws(() => server.ring({ phone: '13800000052' }), TypeError);
  });
});

describe('mock server → CRM: IVR keys (spec §5 §2.10)', () => {
  let crm: CrmStub;
  let server: MockServer;
  before(async () => {
    crm = await new CrmStub().start();
    server = await startMockServer({
      outboundConnectMs: -1,
      accounts: [AGENT_2],
      crm: { ivrUrl: `${crm.url}/ivr`, pushUrl: `${crm.url}/push` },
    });
  });
  afterEach(() => crm.reset());
  after(async () => {
    await server.close();
    await crm.close();
  });

  function ivrAnswers(...bodies: object[]): void {
    const queue = bodies.map((b) => JSON.stringify(b));
    crm.respond = (hit) => ({ body: hit.path === '/ivr' ? (queue.shift() ?? OK_BODY) : OK_BODY });
  }

  async function ivr(cdrId: string, input: string): Promise<IvrResult> {
    const answer = await control(server, 'ivr', { cdrId, input });
    assert.equal(answer.code, ResultCode.Ok, answer.message);
    return answer as unknown as IvrResult;
  }

  it('sends the caller without the leading 0, the keys and the cdrId; type 0 is spoken and the keys are recorded', async () => {
    ivrAnswers({ code: 0, message: '请输入身份证号', type: IvrType.Speak }, { code: 0, message: '验证通过', type: IvrType.Speak });
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '013912345678' });
    const first = await ivr(cdrId, '1');
    const second = await server.ivrInput({ cdrId, input: '110101199003070011#' });
    assert.deepEqual(crm.on('/ivr').map((h) => h.query), [
      { phone: '13912345678', input: '1', cdrId },
      { phone: '13912345678', input: '110101199003070011#', cdrId },
    ]);
    assert.deepEqual([first.branch, first.reply], [IvrBranch.Speak, { code: 0, message: '请输入身份证号', type: IvrType.Speak }]);
    assert.equal(second.branch, IvrBranch.Speak);
    const { record, ivr: steps, state } = callOf(server, cdrId);
    assert.equal(state, MockCallState.Ringing);
    assert.equal(record.woOther1, '请输入身份证号\n验证通过');
    assert.equal(record.cdrIVRKey, '1110101199003070011#');
    assert.equal(record.woOther11, record.cdrIVRKey);
    assert.deepEqual(steps?.map((s) => [s.input, s.branch]), [['1', IvrBranch.Speak], ['110101199003070011#', IvrBranch.Speak]]);
    const poll = await api(server, Method.Waterline, { client: ClientType.Web, waterLine: 0 });
    assert.deepEqual(poll.keylist, [
      { phone: '013912345678', key: '1' },
      { phone: '013912345678', key: '110101199003070011#' },
    ]);
  });

  it('type 1 transfers the call to the agent in message, whose session sees it ring', async () => {
    ivrAnswers({ code: 0, message: AGENT_2.extension, type: IvrType.ToAgent });
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000061' });
    const result = await ivr(cdrId, '2');
    assert.equal(result.branch, IvrBranch.ToAgent);
    assert.equal(result.transferredTo?.extension, AGENT_2.extension);
    const moved = result.transferredTo!.cdrId;
    assert.notEqual(moved, cdrId);
    assert.equal(result.call.state, MockCallState.Ended);
    assert.equal(result.call.record.cdrHangupReasonText, `转接至 ${AGENT_2.extension}`);
    assert.deepEqual(statusesOf(await recv(server, AGENT_2), moved), [CallStatus.Ringing]);
    assert.equal(callOf(server, moved).record.cdrCmmId, cdrId);
  });

  it('type 2 sends the call to the queue (the test agent)', async () => {
    ivrAnswers({ code: 0, message: '', type: IvrType.ToQueue });
    const { cdrId } = server.ring({ user: AGENT_2.user, phone: '13800000062' });
    const result = await server.ivrInput({ cdrId, input: '0' });
    assert.equal(result.branch, IvrBranch.ToQueue);
    assert.equal(result.transferredTo?.extension, TEST_ACCOUNT.extension);
    assert.deepEqual(statusesOf(await recv(server), result.transferredTo!.cdrId), [CallStatus.Ringing]);
  });

  it('type 9 speaks, then hangs up; the hang-up push carries the spoken text and the keys', async () => {
    ivrAnswers({ code: 0, message: '感谢来电，再见', type: IvrType.SpeakThenHangup });
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000063' });
    const result = await ivr(cdrId, '9');
    assert.equal(result.branch, IvrBranch.SpeakThenHangup);
    assert.equal(result.call.state, MockCallState.Ended);
    assert.equal(result.call.record.cdrHangupReasonText, '语音导航挂机');
    assert.deepEqual(statusesOf(await recv(server), cdrId), [CallStatus.Ringing, CallStatus.HungUpRecv]);
    await server.pushesSettled();
    const pushes = crm.on('/push').filter((h) => h.query.phone === '13800000063');
    assert.deepEqual(pushes.map((h) => h.query.type), [String(PushType.Dialing), String(PushType.HungUp)]);
    const memo = memoOf(pushes[1]!);
    assert.deepEqual([memo.woOther1, memo.woOther11, memo.cdrIVRKey], ['感谢来电，再见', '9', '9']);
  });

  it('code -1, an unknown agent, an HTTP error or no ivrUrl take the failed branch, which is recorded', async () => {
    ivrAnswers({ code: -1, message: '身份证号错误' }, { code: 0, message: '7777', type: IvrType.ToAgent }, { code: 0, message: 'x', type: 5 });
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000064' });
    const wrong = await ivr(cdrId, '123#');
    assert.deepEqual([wrong.branch, wrong.reply?.code, wrong.reply?.message], [IvrBranch.Failed, -1, '身份证号错误']);
    const unknownAgent = await ivr(cdrId, '1');
    assert.equal(unknownAgent.branch, IvrBranch.Failed);
    assert.match(unknownAgent.reason ?? '', /7777/);
    const unknownType = await ivr(cdrId, '2');
    assert.equal(unknownType.branch, IvrBranch.Failed);
    assert.match(unknownType.reason ?? '', /type 5/);
    crm.respond = () => ({ status: 502, body: 'Bad Gateway' });
    const httpError = await ivr(cdrId, '3');
    assert.deepEqual([httpError.branch, httpError.reply], [IvrBranch.Failed, undefined]);
    assert.match(httpError.reason ?? '', /HTTP 502/);
    server.configureCrm({ ivrUrl: '' });
    const unconfigured = await ivr(cdrId, '4');
    server.configureCrm({ ivrUrl: `${crm.url}/ivr` });
    assert.match(unconfigured.reason ?? '', /no ivrUrl/);

    const call = callOf(server, cdrId);
    assert.equal(call.state, MockCallState.Ringing, 'the failed branch leaves the call where it was');
    assert.deepEqual(call.ivr?.map((s) => [s.input, s.branch]), [
      ['123#', IvrBranch.Failed],
      ['1', IvrBranch.Failed],
      ['2', IvrBranch.Failed],
      ['3', IvrBranch.Failed],
      ['4', IvrBranch.Failed],
    ]);
    assert.equal(call.record.cdrIVRKey, '123#1234');
    assert.equal(call.record.woOther1, '');
    assert.equal((await control(server, 'ivr', { cdrId: '999999999999999', input: '1' })).code, ResultCode.NotFound);
  });
});
