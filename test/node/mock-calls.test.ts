/**
 * The mock's call simulation over real HTTP: messages and waterlines, recvMsg paging, inbound and
 * outbound calls, hang-up, transfer, call records, channel list and recordings.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { MockCallState, TEST_ACCOUNT, startMockServer, type MockServer } from '../../src/node/index.js';
import {
  CallStatus,
  CdrPeer,
  ClientType,
  Endpoint,
  MessageKind,
  Method,
  RECV_MSG_DEFAULT_LIMIT,
  ResultCode,
  SEND_MSG_LOST_TIME,
  SendMsgKind,
  parseContent,
  type CallRecord,
  type RawMessage,
} from '../../src/protocol/index.js';
import { api, qs, rawGet, RECORD_FIELDS, type Answer } from './mock-test-helpers.js';

const FIRST_CDR_ID = 282982852097151;
const NOT_A_SEND_MSG_KIND = 9;
const OTHER = { user: '100008801', password: 'other-pw', extension: '8801', name: '另一坐席' };


async function recv(server: MockServer, waterLine: number, limit?: number, account = TEST_ACCOUNT): Promise<RawMessage[]> {
  const a = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine, ...(limit ? { limit } : {}) }, { account });
  assert.equal(a.code, ResultCode.Ok, a.message);
  return a.msgs as RawMessage[];
}

/** `kind:status:phone` of each call message, the shape most assertions compare. */
function calls(msgs: RawMessage[]): string[] {
  return msgs.map((m) => `${m.kind}:${String(parseContent(m.content)?.status)}:${m.phone}`);
}

async function waterlineOf(server: MockServer, account = TEST_ACCOUNT): Promise<number> {
  const msgs = await recv(server, 0, 1000, account);
  return msgs.length ? msgs[msgs.length - 1]!.waterLine : 0;
}

describe('mock server: messages and waterlines', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ outboundConnectMs: -1, idSeed: FIRST_CDR_ID });
  });
  after(() => server.close());

  it('stores a ring as kind 2 status 0 with object-literal content, not JSON', async () => {
    const before = Date.now();
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000001', paramvalue: "order-1'x" });
    assert.equal(cdrId, String(FIRST_CDR_ID));
    const [msg, ...rest] = await recv(server, 0);
    assert.equal(rest.length, 0);
    assert.equal(msg!.kind, MessageKind.Inbound);
    assert.equal(msg!.phone, '13800000001');
    assert.equal(msg!.content, `{status:0,cdrId:'${cdrId}',paramvalue:'order-1\\'x'}`);
    assert.throws(() => JSON.parse(msg!.content), SyntaxError);
    assert.deepEqual({ ...parseContent(msg!.content) }, { status: CallStatus.Ringing, cdrId, paramvalue: "order-1'x" });
    assert.ok(msg!.time! >= before && msg!.time! <= Date.now());
    assert.ok(msg!.waterLine >= before, 'timestamp-like waterline');
  });

  it('writes answer and hang-up as status 1 and 3, with strictly increasing waterlines', async () => {
    const from = await waterlineOf(server);
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000002' });
    const answered = await api(server, Method.SendMsg, { phone: '13800000002', kind: SendMsgKind.Answer, client: ClientType.Web, lostTime: SEND_MSG_LOST_TIME });
    assert.equal(answered.code, ResultCode.Ok);
    server.hangup(cdrId);
    const msgs = await recv(server, from);
    assert.deepEqual(calls(msgs), ['2:0:13800000002', '2:1:13800000002', '2:3:13800000002']);
    assert.ok(msgs.every((m) => parseContent(m.content)?.cdrId === cdrId));
    for (let i = 1; i < msgs.length; i++) assert.ok(msgs[i]!.waterLine > msgs[i - 1]!.waterLine);
  });

  it('pages 250 messages with limit 100: 3 pages, in order, no gaps, no duplicates', async () => {
    const from = await waterlineOf(server);
    for (let i = 0; i < 250; i++) server.sms({ user: TEST_ACCOUNT.user, phone: '10086', text: `短信 ${i}` });
    const pages: RawMessage[][] = [];
    let mark = from;
    for (;;) {
      const page = await recv(server, mark, 100);
      pages.push(page);
      if (page.length < 100) break;
      mark = page[page.length - 1]!.waterLine;
    }
    assert.deepEqual(pages.map((p) => p.length), [100, 100, 50]);
    const all = pages.flat();
    assert.deepEqual(all.map((m) => m.content), Array.from({ length: 250 }, (_, i) => `短信 ${i}`));
    assert.ok(all.every((m) => m.kind === MessageKind.SmsReceived));
    assert.equal(new Set(all.map((m) => m.waterLine)).size, 250);
    for (let i = 1; i < all.length; i++) assert.ok(all[i]!.waterLine > all[i - 1]!.waterLine);
  });

  it(`answers at most ${RECV_MSG_DEFAULT_LIMIT} messages when no limit is given, and none past the newest`, async () => {
    const page = await recv(server, 0);
    assert.equal(page.length, RECV_MSG_DEFAULT_LIMIT);
    assert.deepEqual(await recv(server, await waterlineOf(server)), []);
  });
});

describe('mock server: calls', () => {
  let server: MockServer;
  let now = Date.UTC(2026, 10, 24, 1, 2, 3); // 2026-11-24 09:02:03 in China time
  before(async () => {
    server = await startMockServer({ outboundConnectMs: -1, clock: () => now, accounts: [OTHER] });
  });
  after(() => server.close());

  it('hangupExten ends the talking call and the record has every §5 field', async () => {
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '013800000003', paramvalue: 'crm-42', trunkno: '100068001' });
    now += 2_000;
    server.answer(cdrId);
    server.keys({ user: TEST_ACCOUNT.user, phone: '013800000003', key: '1' });
    server.keys({ user: TEST_ACCOUNT.user, phone: '013800000003', key: '#' });
    now += 61_000;
    const hung = await api(server, Method.Hangup);
    assert.equal(hung.code, ResultCode.Ok);
    const [view] = server.calls(TEST_ACCOUNT.user).filter((c) => c.cdrId === cdrId);
    assert.equal(view!.state, MockCallState.Ended);
    const record = view!.record;
    for (const field of RECORD_FIELDS) assert.ok(field in record, `record lacks ${field}`);
    assert.deepEqual(
      {
        cdrId: record.cdrId,
        cdrExtension: record.cdrExtension,
        cdrStartTime: record.cdrStartTime,
        cdrHangupTime: record.cdrHangupTime,
        cdrTalktime: record.cdrTalktime,
        cdrChargingTimes: record.cdrChargingTimes,
        cdrPeer: record.cdrPeer,
        cdrPhoneNum: record.cdrPhoneNum,
        cdrLastPhoneNumber: record.cdrLastPhoneNumber,
        cdrTrunkRoute: record.cdrTrunkRoute,
        cdrIVRKey: record.cdrIVRKey,
        woOther11: record.woOther11,
        paramvalue: record.paramvalue,
        exteName: record.exteName,
        cdrRecordFile: record.cdrRecordFile,
        cdrHangupReasonText: record.cdrHangupReasonText,
      },
      {
        cdrId,
        cdrExtension: TEST_ACCOUNT.extension,
        cdrStartTime: '2026-11-24 09:02:03',
        cdrHangupTime: '2026-11-24 09:03:06',
        cdrTalktime: 61,
        cdrChargingTimes: 2,
        cdrPeer: CdrPeer.Inbound,
        cdrPhoneNum: '013800000003',
        cdrLastPhoneNumber: '13800000003',
        cdrTrunkRoute: '100068001',
        cdrIVRKey: '1#',
        woOther11: '1#',
        paramvalue: 'crm-42',
        exteName: '测试坐席',
        cdrRecordFile: `2026/11/24/${cdrId}.wav`,
        cdrHangupReasonText: '坐席挂机',
      },
    );
  });

  it('hangupExten with no call in progress answers -11', async () => {
    const a = await api(server, Method.Hangup);
    assert.equal(a.code, ResultCode.NotFound);
  });

  it('hangupExten with phoneNum ends that call and leaves the other one', async () => {
    const a = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000031' });
    const b = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000032' });
    assert.equal((await api(server, Method.Hangup, { phoneNum: '13800000031' })).code, ResultCode.Ok);
    const states = Object.fromEntries(server.calls().map((c) => [c.cdrId, c.state]));
    assert.equal(states[a.cdrId], MockCallState.Ended);
    assert.equal(states[b.cdrId], MockCallState.Ringing);
    server.hangup(b.cdrId);
  });

  it('sendMsg 6 answers only a ringing call from that phone; kind 7 mutes the current call', async () => {
    const missing = await api(server, Method.SendMsg, { phone: '13800000099', kind: SendMsgKind.Answer, client: ClientType.Web });
    assert.equal(missing.code, ResultCode.NotFound);
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000004' });
    assert.equal((await api(server, Method.SendMsg, { phone: '13800000004', kind: SendMsgKind.Answer, client: ClientType.Web })).code, ResultCode.Ok);
    assert.equal((await api(server, Method.SendMsg, { phone: '13800000004', kind: SendMsgKind.Mute, client: ClientType.Web })).code, ResultCode.Ok);
    const call = server.calls().find((c) => c.cdrId === cdrId)!;
    assert.equal(call.state, MockCallState.Talking);
    assert.equal(call.muted, true);
    assert.equal((await api(server, Method.SendMsg, { phone: '13800000004', kind: NOT_A_SEND_MSG_KIND })).code, ResultCode.Internal);
    server.hangup(cdrId);
  });

  it('transferExten moves the talking call: ended here, ringing at the other agent', async () => {
    const mark = await waterlineOf(server);
    const otherMark = await waterlineOf(server, OTHER);
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000005', paramvalue: 'p-5' });
    assert.equal((await api(server, Method.Transfer, { descExten: OTHER.extension })).code, ResultCode.NotFound, 'not talking yet');
    server.answer(cdrId);
    assert.equal((await api(server, Method.Transfer, { descExten: '7777' })).code, ResultCode.NotFound);
    assert.equal((await api(server, Method.Transfer, { descExten: OTHER.extension })).code, ResultCode.Ok);

    assert.deepEqual(calls(await recv(server, mark)), ['2:0:13800000005', '2:1:13800000005', '2:3:13800000005']);
    const theirs = await recv(server, otherMark, 100, OTHER);
    assert.deepEqual(calls(theirs), ['2:0:13800000005']);
    const newId = String(parseContent(theirs[0]!.content)?.cdrId);
    assert.notEqual(newId, cdrId);
    assert.equal(parseContent(theirs[0]!.content)?.paramvalue, 'p-5');
    const moved = server.calls(OTHER.user).find((c) => c.cdrId === newId)!;
    assert.equal(moved.record.cdrCmmId, cdrId, 'the new leg points to the first');
    assert.equal(server.calls(TEST_ACCOUNT.user).find((c) => c.cdrId === cdrId)!.record.cdrHangupReasonText, `转接至 ${OTHER.extension}`);

    // The other agent answers it like any ring.
    assert.equal((await api(server, Method.SendMsg, { phone: '13800000005', kind: SendMsgKind.Answer, client: ClientType.Web }, { account: OTHER })).code, ResultCode.Ok);
    assert.equal(server.calls(OTHER.user).find((c) => c.cdrId === newId)!.state, MockCallState.Talking);
    server.hangup(newId);
  });

  it('getChannelList lists the agent\'s calls in progress', async () => {
    const a = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000061' });
    const b = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000062' });
    server.answer(b.cdrId);
    const list = await api(server, Method.ChannelList, { queueSize: 1 });
    assert.equal(list.code, ResultCode.Ok);
    const rows = (list.rows as { cdrId: string; phone: string; status: number; kind: number }[]).map((r) => [r.cdrId, r.phone, r.kind, r.status]);
    assert.deepEqual(rows, [
      [a.cdrId, '13800000061', MessageKind.Inbound, CallStatus.Ringing],
      [b.cdrId, '13800000062', MessageKind.Inbound, CallStatus.Connected],
    ]);
    server.hangup(a.cdrId);
    server.hangup(b.cdrId);
    assert.deepEqual((await api(server, Method.ChannelList)).rows, []);
  });

  it('findDialrecord answers finished records newest first, filtered; empty rows when none', async () => {
    const first = server.ring({ user: TEST_ACCOUNT.user, phone: '13600000001' });
    server.hangup(first.cdrId);
    const second = server.ring({ user: TEST_ACCOUNT.user, phone: '13600000001' });
    server.answer(second.cdrId);
    now += 5_000;
    server.hangup(second.cdrId);
    const inProgress = server.ring({ user: TEST_ACCOUNT.user, phone: '13600000001' });

    const byPhone = await api(server, Method.CallRecord, { phoneNum: '13600000001', limit: 10, extension: TEST_ACCOUNT.extension });
    assert.equal(byPhone.code, ResultCode.Ok);
    const rows = byPhone.rows as CallRecord[];
    assert.deepEqual(rows.map((r) => r.cdrId), [second.cdrId, first.cdrId], 'newest first, the call in progress left out');
    assert.equal(rows[0]!.cdrTalktime, 5);
    assert.equal(rows[1]!.cdrTalktime, 0);
    assert.equal(rows[1]!.cdrRecordFile, '', 'an unanswered call has no recording');
    for (const field of RECORD_FIELDS) assert.ok(field in rows[0]!, field);

    const one = await api(server, Method.CallRecord, { phoneNum: '13600000001', limit: 1 });
    assert.deepEqual((one.rows as CallRecord[]).map((r) => r.cdrId), [second.cdrId]);
    const byId = await api(server, Method.CallRecord, { scdrId: first.cdrId });
    assert.deepEqual((byId.rows as CallRecord[]).map((r) => r.cdrId), [first.cdrId]);
    assert.deepEqual(await api(server, Method.CallRecord, { phoneNum: '19999999999' }), {
      code: ResultCode.Ok,
      message: (byId as Answer).message,
      total: 0,
      rows: [],
    });
    server.hangup(inProgress.cdrId);
  });

  it('serves the recording of a talked call as WAV and MP3, 404 otherwise', async () => {
    const talked = server.ring({ user: TEST_ACCOUNT.user, phone: '13500000001' });
    server.answer(talked.cdrId);
    server.hangup(talked.cdrId);
    const missed = server.ring({ user: TEST_ACCOUNT.user, phone: '13500000002' });
    server.hangup(missed.cdrId);
    const file = server.calls().find((c) => c.cdrId === talked.cdrId)!.record.cdrRecordFile!;

    const wav = await fetch(server.url + Endpoint.Record + file);
    assert.equal(wav.status, 200);
    assert.equal(wav.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await wav.arrayBuffer());
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(bytes.toString('ascii', 8, 12), 'WAVE');
    assert.equal(bytes.readUInt32LE(4), bytes.length - 8, 'RIFF size matches');

    const mp3 = await fetch(`${server.url}${Endpoint.RecordDownload}?${qs({ id: talked.cdrId, ismp3: 1 })}`);
    assert.equal(mp3.status, 200);
    assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
    const head = new Uint8Array(await mp3.arrayBuffer());
    assert.deepEqual([head[0], head[1]! & 0xe0], [0xff, 0xe0], 'MPEG frame sync');

    assert.equal((await rawGet(server, `${Endpoint.RecordDownload}?${qs({ id: missed.cdrId, ismp3: 1 })}`)).status, 404);
    assert.equal((await rawGet(server, `${Endpoint.Record}2026/11/24/${missed.cdrId}.wav`)).status, 404);
    assert.equal((await rawGet(server, `${Endpoint.Record}%E0%A4%A.wav`)).status, 404);
  });
});

describe('mock server: outbound calls', () => {
  const CONNECT_MS = 150;
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ outboundConnectMs: CONNECT_MS });
  });
  after(() => server.close());

  it('callbackPhone dials at once and connects after outboundConnectMs', async () => {
    const connected = new Promise<number>((resolve) => {
      server.on('message', ({ message }) => {
        if (message.kind === MessageKind.Outbound && parseContent(message.content)?.status === CallStatus.Connected) {
          resolve(performance.now());
        }
      });
    });
    const started = performance.now();
    const dialed = await api(server, Method.Dial, { descPhone: '13800000007', paramvalue: 'lead-7' });
    assert.equal(dialed.code, ResultCode.Ok);
    assert.deepEqual(calls(await recv(server, 0)), ['1:0:13800000007'], 'dialing, not yet connected');
    const at = await connected;
    assert.ok(at - started >= CONNECT_MS - 5, `connected after ${Math.round(at - started)} ms`);
    const msgs = await recv(server, 0);
    assert.deepEqual(calls(msgs), ['1:0:13800000007', '1:1:13800000007']);
    assert.equal(parseContent(msgs[1]!.content)?.paramvalue, 'lead-7');

    assert.equal((await api(server, Method.Hangup)).code, ResultCode.Ok);
    assert.deepEqual(calls(await recv(server, msgs[1]!.waterLine)), ['1:3:13800000007']);
    const [call] = server.calls();
    assert.equal(call!.record.cdrPeer, CdrPeer.Outbound);
    assert.equal(call!.record.cdrHangupReasonText, '坐席挂机');
  });

  it('a call hung up while dialing never connects', async () => {
    const mark = (await recv(server, 0)).at(-1)!.waterLine;
    await api(server, Method.Dial, { descPhone: '13800000008' });
    await api(server, Method.Hangup);
    const message = once(server, 'message');
    const timeout = new Promise((resolve) => setTimeout(resolve, CONNECT_MS * 2, 'quiet'));
    assert.equal(await Promise.race([message, timeout]), 'quiet');
    assert.deepEqual(calls(await recv(server, mark)), ['1:0:13800000008', '1:3:13800000008']);
    assert.equal(server.calls().at(-1)!.record.cdrHangupReasonText, '对方未接听');
  });

  it('with outboundConnectMs negative the call stays dialing until connect()', async () => {
    const never = await startMockServer({ outboundConnectMs: -1 });
    try {
      await api(never, Method.Dial, { descPhone: '13800000009' });
      const [call] = never.calls();
      assert.equal(call!.state, MockCallState.Ringing);
      assert.throws(() => never.answer(call!.cdrId), (e: { code?: number }) => e.code === ResultCode.NotFound);
      never.connect(call!.cdrId);
      assert.deepEqual(calls(await recv(never, 0)), ['1:0:13800000009', '1:1:13800000009']);
    } finally {
      await never.close();
    }
  });
});
