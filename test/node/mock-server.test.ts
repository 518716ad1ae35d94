/**
 * The mock 800ing server over real HTTP: transport forms (JSON, JSONP, form POST, CORS), the
 * credentials check, parameter errors, accounts, check-in status and the session endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_ACCOUNT, TEST_ACCOUNT, startMockServer, type MockServer } from '../../src/node/index.js';
import {
  BaseParam,
  CheckStatus,
  ClientType,
  Endpoint,
  Method,
  MessageKind,
  PushStatus,
  PushType,
  Peer,
  ResultCode,
  SendMsgKind,
  parseContent,
} from '../../src/protocol/index.js';
import { api, credentials, getJson, md5, qs, rawGet, type Answer } from './mock-test-helpers.js';

describe('mock server: login and transport', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ outboundConnectMs: -1 });
  });
  after(() => server.close());

  it('logs the test account in and answers every getExtension field', async () => {
    const a = await api(server, Method.Login);
    assert.equal(a.code, ResultCode.Ok);
    assert.equal(a.extension, TEST_ACCOUNT.user, 'the login number (spec §7.1)');
    assert.equal(a.name, '测试坐席');
    assert.equal(a.compName, '八百呼测试企业');
    assert.equal(a.compNumber, '100008');
    assert.equal(a.disablePhoneNum, 0);
    assert.equal(a.exteLoginType, 0);
    assert.equal(typeof a.exteId, 'number');
    assert.equal(typeof a.compId, 'number');
    assert.equal(typeof a.loginLine, 'string');
    assert.match(String(a.sessionId), /^[0-9a-f]{32}$/);
    assert.equal(typeof a.message, 'string');
  });

  it('refuses a wrong password, an unknown user and a missing password with code -2', async () => {
    const wrong = await api(server, Method.Login, {}, { account: { user: TEST_ACCOUNT.user, password: 'nope' } });
    assert.equal(wrong.code, ResultCode.Auth);
    assert.ok(wrong.message.length > 0);
    const unknown = await api(server, Method.Login, {}, { account: { user: '199999999', password: TEST_ACCOUNT.password } });
    assert.equal(unknown.code, ResultCode.Auth);
    const res = await getJson(server, Endpoint.Json, { [BaseParam.User]: TEST_ACCOUNT.user, [BaseParam.Method]: Method.Login });
    assert.equal(res.code, ResultCode.Auth);
  });

  it('accepts the MD5 in upper case as the vendor example writes it', async () => {
    const a = await getJson(server, Endpoint.Json, {
      [BaseParam.User]: TEST_ACCOUNT.user,
      [BaseParam.Password]: md5(TEST_ACCOUNT.password).toUpperCase(),
      [BaseParam.Method]: Method.Login,
    });
    assert.equal(a.code, ResultCode.Ok);
    assert.equal(a.extension, TEST_ACCOUNT.user);
  });

  it('wraps the answer in the callback on the JSONP endpoint, as JavaScript', async () => {
    const r = await rawGet(server, `${Endpoint.Jsonp}?${qs({ callback: 'jQuery_1.cb$2', [BaseParam.Method]: Method.Login, ...credentials() })}`);
    assert.equal(r.status, 200);
    assert.equal(r.type, 'application/javascript; charset=utf-8');
    const match = /^jQuery_1\.cb\$2\((.*)\);$/s.exec(r.text);
    assert.ok(match, r.text);
    const body = JSON.parse(match[1]!) as Answer;
    assert.equal(body.code, ResultCode.Ok);
    assert.equal(body.extension, TEST_ACCOUNT.user);
  });

  it('answers JSONP on the JSON endpoint too when given a callback, and JSON without one', async () => {
    const p = await rawGet(server, `${Endpoint.Json}?${qs({ callback: 'cb', [BaseParam.Method]: Method.Login, ...credentials() })}`);
    assert.match(p.text, /^cb\(\{.*\}\);$/s);
    for (const endpoint of [Endpoint.Json, Endpoint.JsonAlt]) {
      const j = await rawGet(server, `${endpoint}?${qs({ [BaseParam.Method]: Method.Login, ...credentials() })}`);
      assert.equal(j.type, 'application/json; charset=utf-8');
      assert.equal((JSON.parse(j.text) as Answer).code, ResultCode.Ok);
    }
  });

  it('rejects a callback that is not a JavaScript identifier path with 400 and never echoes it', async () => {
    for (const callback of ['alert(1)//', 'a..b', '1abc', 'cb;x', 'a.', '<script>']) {
      const r = await rawGet(server, `${Endpoint.Jsonp}?${qs({ callback, [BaseParam.Method]: Method.Login, ...credentials() })}`);
      assert.equal(r.status, 400, callback);
      assert.equal(r.type, 'application/json; charset=utf-8');
      assert.ok(!r.text.includes(callback), `${callback} echoed`);
      assert.equal((JSON.parse(r.text) as Answer).code, ResultCode.Internal);
    }
  });

  it('keeps Chinese text intact through a GET query and a form POST (UTF-8, + as space)', async () => {
    const text = '客户 张三 & 100%';
    await api(server, Method.Dial, { descPhone: '13900000001', paramvalue: text }, { http: 'GET' });
    await api(server, Method.Dial, { descPhone: '13900000002', paramvalue: text }, { http: 'POST' });
    const res = await fetch(server.url + Endpoint.Json, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: `${qs({ ...credentials(), [BaseParam.Method]: Method.Dial, descPhone: '13900000003' })}&paramvalue=%E5%BC%A0+%E4%B8%89`,
    });
    assert.equal(((await res.json()) as Answer).code, ResultCode.Ok);
    const dials = server.requests({ method: Method.Dial }).map((r) => r.params.paramvalue);
    assert.deepEqual(dials, [text, text, '张 三']);
    const recv = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: 0 });
    const outbound = (recv.msgs as { kind: number; content: string }[]).filter((m) => m.kind === MessageKind.Outbound);
    assert.deepEqual(
      outbound.map((m) => parseContent(m.content)?.paramvalue),
      [text, text, '张 三'],
    );
  });

  it('answers the CORS preflight and allows any origin on every answer', async () => {
    const pre = await fetch(server.url + Endpoint.Json, {
      method: 'OPTIONS',
      headers: { Origin: 'http://crm.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
    // The control API (/mock/) answers only loopback origins: test/node/mock-control-origin.test.ts.
    for (const path of [Endpoint.Jsonp, Endpoint.LoadMonitor, '/no/such/path']) {
      const r = await rawGet(server, path);
      assert.equal(r.res.headers.get('access-control-allow-origin'), '*', path);
    }
  });

  it('answers -3 for an unknown or missing method, naming it', async () => {
    const unknown = await api(server, 'getEverything');
    assert.equal(unknown.code, ResultCode.Internal);
    assert.match(unknown.message, /getEverything/);
    const missing = await getJson(server, Endpoint.Json, credentials());
    assert.equal(missing.code, ResultCode.Internal);
    assert.match(missing.message, /method/);
  });

  it('answers -3 naming a missing required parameter', async () => {
    const cases: [string, Record<string, string | number>, string][] = [
      [Method.Dial, {}, 'descPhone'],
      [Method.RecvMsg, {}, 'client'],
      [Method.SendMsg, { kind: SendMsgKind.Answer }, 'phone'],
      [Method.Transfer, {}, 'descExten'],
      [Method.CheckInOut, {}, 'status'],
    ];
    for (const [method, params, name] of cases) {
      const a = await api(server, method, params);
      assert.equal(a.code, ResultCode.Internal, method);
      assert.ok(a.message.includes(name), `${method}: ${a.message}`);
    }
  });

  it('answers 404 with code -11 for a path it does not serve', async () => {
    const r = await rawGet(server, '/voip/api/nothing.html');
    assert.equal(r.status, 404);
    assert.equal((JSON.parse(r.text) as Answer).code, ResultCode.NotFound);
  });
});

describe('mock server: accounts, check-in and session endpoints', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ outboundConnectMs: -1 });
  });
  after(() => server.close());

  it('registerExtension: -5 for an agent; the admin gets a new account that can log in', async () => {
    const denied = await api(server, Method.RegisterExtension, { showphone: '02512345678' });
    assert.equal(denied.code, ResultCode.Permission);
    const created = await api(server, Method.RegisterExtension, { showphone: '02512345678' }, { account: ADMIN_ACCOUNT });
    assert.equal(created.code, ResultCode.Ok);
    assert.match(String(created.extension), /^\d{4}$/);
    assert.match(String(created.password), /^\d{8}$/);
    const login = await api(server, Method.Login, {}, { account: { user: String(created.user), password: String(created.password) } });
    assert.equal(login.code, ResultCode.Ok);
    assert.equal(login.extension, created.user, 'getExtension answers the login number');
    const second = await api(server, Method.RegisterExtension, { showphone: '02512345678' }, { account: ADMIN_ACCOUNT });
    assert.notEqual(second.extension, created.extension);
  });

  it('addAccount() creates an agent that logs in; a taken extension is refused', async () => {
    const info = server.addAccount({ user: '100008866', password: 'pw-8866', extension: '8866', name: '小王', disablePhoneNum: 1 });
    assert.equal(info.extension, '8866');
    const login = await api(server, Method.Login, {}, { account: { user: '100008866', password: 'pw-8866' } });
    assert.equal(login.name, '小王');
    assert.equal(login.disablePhoneNum, 1);
    assert.throws(() => server.addAccount({ user: '100008867', password: 'x', extension: '8866', name: 'dup' }), RangeError);
  });

  it('setUserCheckInOut is reflected in loadmonitor statustext', async () => {
    const { sessionId } = await api(server, Method.Login);
    const monitor = async (): Promise<{ exteName: string; statustext: string; extension: string }> => {
      const m = await getJson(server, Endpoint.LoadMonitor, { sessionId: String(sessionId), extension: TEST_ACCOUNT.extension });
      assert.equal(m.code, ResultCode.Ok);
      const rows = m.rows as { exteName: string; statustext: string; extension: string }[];
      assert.equal(rows.length, 1);
      return rows[0]!;
    };
    const { exteName, statustext, extension } = await monitor();
    assert.deepEqual({ exteName, statustext, extension }, { exteName: '测试坐席', statustext: '空闲', extension: TEST_ACCOUNT.extension });
    assert.equal((await api(server, Method.CheckInOut, { status: CheckStatus.Out })).code, ResultCode.Ok);
    assert.equal((await monitor()).statustext, '签出');
    await api(server, Method.CheckInOut, { status: CheckStatus.In });
    assert.equal((await monitor()).statustext, '空闲');
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13700000001' });
    assert.equal((await monitor()).statustext, '振铃');
    server.answer(cdrId);
    assert.equal((await monitor()).statustext, '通话中');
    server.hangup(cdrId);
    assert.equal((await api(server, Method.CheckInOut, { status: 5 })).code, ResultCode.Internal);
  });

  it('loadmonitor needs a valid sessionId (-2) and answers JSONP with a callback', async () => {
    const bad = await getJson(server, Endpoint.LoadMonitor, { sessionId: 'forged', extension: TEST_ACCOUNT.extension });
    assert.equal(bad.code, ResultCode.Auth);
    const { sessionId } = await api(server, Method.Login);
    const r = await rawGet(server, `${Endpoint.LoadMonitor}?${qs({ sessionId: String(sessionId), extension: '9999', callback: 'mon' })}`);
    assert.match(r.text, /^mon\(/);
    assert.equal((JSON.parse(r.text.slice(4, -2)) as Answer).code, ResultCode.NotFound);
  });

  it('push_list and push_send need a sessionId and read the push log', async () => {
    const { sessionId } = await api(server, Method.Login);
    const session = { sessionId: String(sessionId) };
    assert.equal((await getJson(server, Endpoint.PushList, {})).code, ResultCode.Auth);
    assert.equal((await getJson(server, Endpoint.PushSend, { id: '1' })).code, ResultCode.Auth);
    assert.deepEqual(await getJson(server, Endpoint.PushList, session), { code: ResultCode.Ok, message: 'OK', total: 0, rows: [] });
    assert.equal((await getJson(server, Endpoint.PushSend, { ...session, id: '1' })).code, ResultCode.NotFound);

    const record = { cdrId: '282982852000001', cdrExtension: TEST_ACCOUNT.extension, cdrStartTime: '2026-01-02 03:04:05' };
    const row = server.pushLog.record(
      { type: PushType.HungUp, peer: Peer.Inbound, phone: '13800000009', record, key: `${record.cdrId}:3`, raw: {} },
      { ok: false, result: 'HTTP 500' },
    );
    const list = await getJson(server, Endpoint.PushList, { ...session, status: PushStatus.Failed });
    assert.equal(list.total, 1);
    const [listed] = list.rows as Record<string, unknown>[];
    assert.equal(listed!.cdrsId, row.cdrsId);
    assert.equal(listed!.cdrs_status, PushStatus.Failed);
    assert.equal(listed!.cdrsPhone, '13800000009');
    assert.equal(listed!.cdrId, record.cdrId);
    assert.equal((await getJson(server, Endpoint.PushList, { ...session, status: PushStatus.Ok })).total, 0);
    assert.equal((await getJson(server, Endpoint.PushSend, { ...session, id: row.cdrsId })).code, ResultCode.Ok);
  });

  it('logs each request with its parameters as received, the MD5 included', async () => {
    server.resetLog();
    await api(server, Method.Login, {}, { http: 'POST' });
    const [entry, ...rest] = server.requests({ user: TEST_ACCOUNT.user });
    assert.equal(rest.length, 0);
    assert.equal(entry!.path, Endpoint.Json);
    assert.equal(entry!.method, Method.Login);
    assert.equal(entry!.params[BaseParam.Password], md5(TEST_ACCOUNT.password));
    assert.ok(!JSON.stringify(entry).includes(TEST_ACCOUNT.password), 'no plain password');
    assert.equal(typeof entry!.at, 'number');
  });
});

describe('mock server: request log', () => {
  it('keeps exactly the newest 20,000 requests, oldest first (trimmed in batches)', async () => {
    const { RequestLog, MAX_LOG_ENTRIES } = await import('../../src/node/mock/request-log.js');
    const log = new RequestLog();
    const total = MAX_LOG_ENTRIES * 3 + 7;
    for (let i = 0; i < total; i++) log.add({ at: i, path: '/voip/api/jsondata.html', method: i % 2 ? 'recvMsg' : 'getLongWaterLine', user: 'u', params: {} });
    const all = log.list();
    assert.equal(all.length, MAX_LOG_ENTRIES);
    assert.equal(all[0]!.at, total - MAX_LOG_ENTRIES, 'the oldest kept is exactly MAX entries back');
    assert.equal(all.at(-1)!.at, total - 1);
    assert.equal(log.list({ method: 'recvMsg' }).length, MAX_LOG_ENTRIES / 2);
  });
});
