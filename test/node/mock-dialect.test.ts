/**
 * The mock's variants of the real server (spec §7.1; README "How the mock speaks"): what each
 * option writes on the wire, and that a WatchSession over HTTP pops every call once and ends it
 * once whichever variant it meets.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { parseMockCliArgs } from '../../src/node/mock/cli.js';
import { startMockServer, TEST_ACCOUNT, type MockServer, type MockServerOptions } from '../../src/node/index.js';
import { ClientType, Method, parseContent, type RawMessage } from '../../src/protocol/index.js';
import { api } from './mock-test-helpers.js';
import { until, watch } from './faults-helpers.js';

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function start(options: MockServerOptions): Promise<MockServer> {
  mock = await startMockServer({ holdMs: 300, outboundConnectMs: -1, ...options });
  return mock;
}

async function contents(server: MockServer, from: number): Promise<Record<string, unknown>[]> {
  const r = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: from });
  return (r.msgs as RawMessage[]).map((m) => ({ ...parseContent(m.content) }));
}

describe('mock dialect options', () => {
  it('noRecord writes cdrId -1 on every call message, stringCodes writes status and code as text', async () => {
    const server = await start({ noRecord: true, stringCodes: true });
    const from = Number((await api(server, Method.Waterline, { client: ClientType.Web, loginType: 'jsonpLogin' })).waterline);
    const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000101' });
    server.hangup(cdrId);
    const r = await api(server, Method.RecvMsg, { client: ClientType.Web, waterLine: from });
    assert.equal(r.code, '0');
    assert.deepEqual(await contents(server, from), [
      { status: '0', cdrId: -1, paramvalue: '' },
      { status: '3', cdrId: -1, paramvalue: '' },
    ]);
  });

  it('hangupStatus writes one hang-up status in both methods', async () => {
    for (const hangupStatus of [2, 3] as const) {
      const server = await start({ hangupStatus });
      const from = Number((await api(server, Method.Waterline, { client: ClientType.Web, loginType: 'jsonpLogin' })).waterline);
      const { cdrId } = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000102' });
      server.hangup(cdrId);
      const polled = await api(server, Method.Waterline, { client: ClientType.Web, loginType: 'jsonpLogin', waterLine: from });
      const inPoll = (polled.msgs as RawMessage[]).map((m) => parseContent(m.content)?.status);
      assert.deepEqual(inPoll, [0, hangupStatus]);
      assert.deepEqual((await contents(server, from)).map((c) => c.status), [0, hangupStatus]);
      await server.close();
      mock = undefined;
    }
  });

  it('per login line, two pages both hear a ring; with one cursor per account only the first does', async () => {
    for (const [pollCursor, bothHear] of [['line', true], ['account', false]] as const) {
      const server = await start({ pollCursor, holdMs: 200 });
      const lines = [];
      for (let i = 0; i < 2; i++) lines.push(String((await api(server, Method.Login)).loginLine));
      assert.notEqual(lines[0], lines[1], 'a line per login');
      const poll = (loginLine: string) => api(server, Method.Waterline, { client: ClientType.Web, loginType: 'jsonpLogin', loginLine });
      for (const line of lines) await poll(line); // each cursor's first answer
      server.ring({ user: TEST_ACCOUNT.user, phone: '13800000103' });
      const heard = [];
      for (const line of lines) heard.push((((await poll(line)).msgs as RawMessage[]) ?? []).some((m) => m.phone === '13800000103'));
      assert.deepEqual(heard, [true, bothHear], pollCursor);
      await server.close();
      mock = undefined;
    }
  });

  it('the CLI flags set the same options, old flags unchanged', () => {
    const options = parseMockCliArgs(['--no-record', '--string-codes', '--hangup-status', '2', '--poll-cursor', 'account', '--ignore-waterline-param', '--hold-ms', '0', '--quiet']);
    assert.deepEqual(
      { ...options },
      { port: 8800, host: '127.0.0.1', holdMs: 0, outboundConnectMs: 1500, noRecord: true, stringCodes: true, hangupStatus: 2, pollCursor: 'account', waterLineParam: false },
    );
    assert.throws(() => parseMockCliArgs(['--hangup-status', '4']), /2 or 3/);
    assert.throws(() => parseMockCliArgs(['--poll-cursor', 'tab']), /line' or 'account/);
  });

  for (const [variant, options] of [
    ['calls without a record', { noRecord: true, waterLineParam: false }],
    ['string codes, hang-up 2', { stringCodes: true, hangupStatus: 2 }],
    ['one cursor per account', { pollCursor: 'account', waterLineParam: false }],
  ] as const) {
    it(`a WatchSession pops two callers and ends each once (${variant})`, async () => {
      const server = await start(options as MockServerOptions);
      const { session, seen } = watch(server);
      session.start();
      await until(() => session.waterline !== undefined, 'first poll');
      const a = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000111' });
      const b = server.ring({ user: TEST_ACCOUNT.user, phone: '13800000112' });
      await until(() => seen.events.length === 2, `two rings (${seen.events.join()})`);
      server.hangup(b.cdrId);
      server.hangup(a.cdrId);
      await until(() => seen.events.length === 4, `two hang-ups (${seen.events.join()})`);
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(seen.events, ['ring:13800000111', 'ring:13800000112', 'hangup:13800000112', 'hangup:13800000111']);
      assert.deepEqual(session.liveCalls, []);
      session.stop();
    });
  }
});
