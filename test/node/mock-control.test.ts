/**
 * The mock's control API over HTTP (/mock/…), its JavaScript mirror, fault injection, the
 * message event, and the CLI.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CallDirection,
  MockCallState,
  TEST_ACCOUNT,
  startMockServer,
  type MockCallView,
  type MockServer,
  type RequestLogEntry,
} from '../../src/node/index.js';
import { parseMockCliArgs } from '../../src/node/mock/cli.js';
import {
  BaseParam,
  CallStatus,
  ClientType,
  Endpoint,
  MessageKind,
  Method,
  ResultCode,
  parseContent,
  type RawMessage,
} from '../../src/protocol/index.js';
import { api, control, credentials, md5, qs, rawGet } from './mock-test-helpers.js';

const user = TEST_ACCOUNT.user;

async function recv(server: MockServer, waterLine: number): Promise<RawMessage[]> {
  return (await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine })).msgs as RawMessage[];
}

describe('mock server: control API over HTTP', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ outboundConnectMs: -1 });
  });
  after(() => server.close());

  it('rings, answers and hangs up a call, and /mock/calls shows its states and record', async () => {
    const rang = await control(server, 'ring', { user, phone: '13800000001', paramvalue: '工单-1', trunkno: '100068001' });
    assert.equal(rang.code, ResultCode.Ok);
    const cdrId = String(rang.cdrId);
    assert.match(cdrId, /^\d{15}$/);
    assert.equal((await control(server, 'answer', { cdrId })).code, ResultCode.Ok);
    const listed = await control(server, 'calls', { user });
    const [talking] = listed.calls as MockCallView[];
    assert.deepEqual([talking!.cdrId, talking!.state, talking!.direction, talking!.paramvalue], [cdrId, MockCallState.Talking, CallDirection.Inbound, '工单-1']);
    assert.equal((await control(server, 'hangup', { cdrId })).code, ResultCode.Ok);
    const ended = ((await control(server, 'calls', { user })).calls as MockCallView[])[0]!;
    assert.equal(ended.state, MockCallState.Ended);
    assert.equal(ended.record.cdrTrunkRoute, '100068001');
    assert.equal(ended.record.cdrHangupReasonText, '客户挂机');
    const statuses = (await recv(server, 0)).map((m) => parseContent(m.content)?.status);
    assert.deepEqual(statuses, [CallStatus.Ringing, CallStatus.Connected, CallStatus.HungUpRecv]);
  });

  it('rings by extension as well as by user, and answers -11 for unknown ones', async () => {
    const byExtension = await control(server, 'ring', { extension: TEST_ACCOUNT.extension, phone: '13800000002' });
    assert.equal(byExtension.code, ResultCode.Ok);
    assert.equal((await control(server, 'hangup', { cdrId: String(byExtension.cdrId) })).code, ResultCode.Ok);
    assert.equal((await control(server, 'ring', { user: '1', phone: '13800000002' })).code, ResultCode.NotFound);
    assert.equal((await control(server, 'answer', { cdrId: '999999999999999' })).code, ResultCode.NotFound);
    assert.equal((await control(server, 'hangup', { cdrId: String(byExtension.cdrId) })).code, ResultCode.NotFound, 'already ended');
    const missing = await control(server, 'ring', { user });
    assert.equal(missing.code, ResultCode.Internal);
    assert.match(missing.message, /phone/);
    assert.equal((await control(server, 'no-such-route')).code, ResultCode.NotFound);
  });

  it('connects an outbound call that is dialing', async () => {
    await api(server, Method.Dial, { descPhone: '13800000003' });
    const dialing = server.calls(user).at(-1)!;
    assert.equal(dialing.state, MockCallState.Ringing);
    assert.equal((await control(server, 'connect', { cdrId: dialing.cdrId })).code, ResultCode.Ok);
    assert.equal(server.calls(user).at(-1)!.state, MockCallState.Talking);
    server.hangup(dialing.cdrId);
  });

  it('injects an SMS (kind 4) and a raw message with any content', async () => {
    const mark = (await recv(server, 0)).at(-1)!.waterLine;
    const sms = await control(server, 'sms', { user, phone: '10086', text: '您好，验证码 1234' });
    assert.equal(sms.code, ResultCode.Ok);
    const raw = await control(server, 'message', { user, kind: MessageKind.Inbound, phone: '13800000004', content: '{status:' });
    assert.ok(Number(raw.waterLine) > Number(sms.waterLine));
    const msgs = await recv(server, mark);
    assert.deepEqual(
      msgs.map((m) => [m.kind, m.phone, m.content]),
      [
        [MessageKind.SmsReceived, '10086', '您好，验证码 1234'],
        [MessageKind.Inbound, '13800000004', '{status:'],
      ],
    );
  });

  it('presses IVR keys that the next poll delivers in keylist', async () => {
    assert.equal((await control(server, 'keys', { user, phone: '13800000005', key: '3' })).code, ResultCode.Ok);
    const polled = await api(server, Method.Waterline, { client: ClientType.Web, waterLine: 0 });
    assert.deepEqual(polled.keylist, [{ phone: '13800000005', key: '3' }]);
  });

  it('lists the requests seen, filtered, with the MD5 as sent; reset-log empties it', async () => {
    assert.equal((await control(server, 'reset-log')).code, ResultCode.Ok);
    const upper = { ...credentials(), [BaseParam.Password]: md5(TEST_ACCOUNT.password).toUpperCase() };
    await fetch(`${server.url}${Endpoint.Jsonp}?${qs({ ...upper, [BaseParam.Method]: Method.Login, callback: 'cb' })}`);
    await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: 0 });
    const seen = (await control(server, 'requests', { user })).requests as RequestLogEntry[];
    assert.deepEqual(seen.map((r) => r.method), [Method.Login, Method.RecvMsg]);
    assert.equal(seen[0]!.path, Endpoint.Jsonp);
    assert.equal(seen[0]!.params[BaseParam.Password], md5(TEST_ACCOUNT.password).toUpperCase());
    assert.equal(seen[0]!.params.callback, 'cb');
    const onlyLogin = (await control(server, 'requests', { method: Method.Login })).requests as RequestLogEntry[];
    assert.equal(onlyLogin.length, 1);
    await control(server, 'reset-log');
    assert.deepEqual((await control(server, 'requests')).requests, []);
  });

  it('waterline-reset answers a smaller waterline', async () => {
    const before = (await api(server, Method.Waterline, { client: ClientType.Web, waterLine: 0 })).waterline as number;
    const reset = await control(server, 'waterline-reset', { user });
    assert.equal(reset.code, ResultCode.Ok);
    assert.ok(Number(reset.waterline) < before);
  });

  it('adds an account that can log in', async () => {
    const added = await control(server, 'account', { user: '100008877', password: 'pw', extension: '8877', name: '新坐席' });
    assert.equal(added.code, ResultCode.Ok);
    const login = await api(server, Method.Login, {}, { account: { user: '100008877', password: 'pw' } });
    assert.equal(login.name, '新坐席');
  });

  it('emits a message event the moment a ring is stored', () => {
    const seen: string[] = [];
    const listener = ({ user: who, message }: { user: string; message: RawMessage }): void => {
      seen.push(`${who}:${message.kind}:${String(parseContent(message.content)?.status)}`);
    };
    server.on('message', listener);
    const { cdrId } = server.ring({ user, phone: '13800000006' });
    assert.deepEqual(seen, [`${user}:2:0`], 'synchronously, before ring() returns');
    server.hangup(cdrId);
    server.off('message', listener);
    assert.deepEqual(seen, [`${user}:2:0`, `${user}:2:3`]);
  });
});

describe('mock server: fault injection', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ outboundConnectMs: -1 });
  });
  after(() => server.close());

  it('answers an error code for the next N requests of a method, then normally', async () => {
    const set = await control(server, 'fault', { method: Method.Login, code: ResultCode.Sql, message: '数据库忙', times: 2 });
    assert.equal(set.code, ResultCode.Ok);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await api(server, Method.Login)).code);
    assert.deepEqual(codes, [ResultCode.Sql, ResultCode.Sql, ResultCode.Ok]);
    assert.equal((await api(server, Method.RecvMsg, { client: ClientType.Web })).code, ResultCode.Ok, 'other methods untouched');
  });

  it('wraps a faulted code in the callback on JSONP', async () => {
    server.fault({ method: Method.Login, code: ResultCode.Internal, message: 'boom' });
    const r = await rawGet(server, `${Endpoint.Jsonp}?${qs({ ...credentials(), method: Method.Login, callback: 'cb' })}`);
    assert.equal(r.text, 'cb({"code":-3,"message":"boom"});');
  });

  it('delays the answer by delayMs', async () => {
    await control(server, 'fault', { method: Method.Login, delayMs: 200 });
    const started = performance.now();
    const a = await api(server, Method.Login);
    const elapsed = performance.now() - started;
    assert.equal(a.code, ResultCode.Ok, 'a delay alone keeps the real answer');
    assert.ok(elapsed >= 190, `answered after ${Math.round(elapsed)} ms`);
  });

  it('drops the connection without an answer', async () => {
    await control(server, 'fault', { method: Method.Login, drop: 1 });
    await assert.rejects(api(server, Method.Login), TypeError);
    assert.equal((await api(server, Method.Login)).code, ResultCode.Ok, 'used up after one request');
  });

  it('answers a raw body: a broken script, an HTML error page, nothing at all', async () => {
    server.fault({ method: Method.Login, body: 'alert(' });
    const broken = await rawGet(server, `${Endpoint.Jsonp}?${qs({ ...credentials(), method: Method.Login, callback: 'cb' })}`);
    assert.deepEqual([broken.status, broken.type, broken.text], [200, 'application/javascript; charset=utf-8', 'alert(']);

    await control(server, 'fault', { method: Method.Login, body: '<html><body>502 Bad Gateway</body></html>', status: 502 });
    const html = await rawGet(server, `${Endpoint.Json}?${qs({ ...credentials(), method: Method.Login })}`);
    assert.deepEqual([html.status, html.type], [502, 'text/html; charset=utf-8']);
    assert.match(html.text, /Bad Gateway/);

    await control(server, 'fault', { method: Method.Login, body: '', status: 500 });
    const empty = await rawGet(server, `${Endpoint.Json}?${qs({ ...credentials(), method: Method.Login })}`);
    assert.deepEqual([empty.status, empty.text], [500, '']);
  });

  it('applies a fault without a method to every method until cleared', async () => {
    await control(server, 'fault', { code: ResultCode.Network, times: -1 });
    assert.equal((await api(server, Method.Login)).code, ResultCode.Network);
    assert.equal((await api(server, Method.RecvMsg, { client: ClientType.Web })).code, ResultCode.Network);
    assert.equal((await control(server, 'fault/clear')).code, ResultCode.Ok);
    assert.equal((await api(server, Method.Login)).code, ResultCode.Ok);
  });

  it('refuses an invalid fault with -3', async () => {
    assert.equal((await control(server, 'fault', { delayMs: -5 })).code, ResultCode.Internal);
    assert.equal((await control(server, 'fault', { times: 0 })).code, ResultCode.Internal);
    assert.deepEqual(server.faults(), []);
  });

  it('ends a fault delay at once when the server closes', async () => {
    const closing = await startMockServer();
    closing.fault({ method: Method.Login, delayMs: 60_000 });
    const arrived = once(closing, 'request');
    const pending = api(closing, Method.Login);
    await arrived;
    const started = performance.now();
    await closing.close();
    assert.equal((await pending).code, ResultCode.Ok);
    assert.ok(performance.now() - started < 500);
  });
});

describe('mock server CLI', () => {
  it('parses the flags, with 8800 (the port npm start and the examples use) as the CLI default port', () => {
    assert.deepEqual(
      { ...parseMockCliArgs(['--port', '9090', '--host', '0.0.0.0', '--hold-ms', '1000', '--quiet']) },
      { port: 9090, host: '0.0.0.0', holdMs: 1000, outboundConnectMs: 1500 },
    );
    assert.equal(parseMockCliArgs(['--quiet'])?.port, 8800);
    assert.equal(parseMockCliArgs(['--help']), undefined);
    assert.throws(() => parseMockCliArgs(['--port', 'eighty']), RangeError);
    assert.throws(() => parseMockCliArgs(['--bogus']));
  });

  it('bin/mock-cli.ts starts a server, prints its URL and the test account, and stops on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../bin/mock-cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const match = /mock 800ing server: (http:\/\/\S+)/.exec(output);
          if (match && output.includes('MD5')) resolve(match[1]!);
        });
        child.once('exit', () => reject(new Error(`the CLI exited early:\n${output}`)));
      });
      assert.ok(output.includes(`${TEST_ACCOUNT.user} / ${TEST_ACCOUNT.password} / ${TEST_ACCOUNT.extension}`), output);
      const login = await fetch(`${url}${Endpoint.Json}?${qs({ ...credentials(), method: Method.Login })}`);
      assert.equal(((await login.json()) as { code: number }).code, ResultCode.Ok);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
