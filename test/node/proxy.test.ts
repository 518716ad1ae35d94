/**
 * createVoipProxy against the real mock over HTTP: every API method of VoipClient with
 * `auth: 'proxy'` (the client sends no credentials, the proxy adds the agent's of the CRM
 * session), credentials injected by the browser replaced, the long poll held past the vendor's
 * hold, paging, report endpoints, recordings, and Express-style mounting.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen } from '../../src/node/listen.js';
import {
  ADMIN_ACCOUNT,
  createPushHandler,
  createVoipProxy,
  startMockServer,
  TEST_ACCOUNT,
  type MockServer,
} from '../../src/node/index.js';
import { BaseParam, codeText, Endpoint, isVoipError, LocalCode, Method, ResultCode } from '../../src/protocol/index.js';
import { VoipClient } from '../../src/client/index.js';
import { md5 } from './mock-test-helpers.js';
import { credentialsByCookie, proxiedClient, SESSION_COOKIE, startProxy, type ProxyServer } from './proxy-helpers.js';

const HOLD_MS = 1500;
const PHONE = '13800138000';
const ALL_TIME = { startTime: '2000-01-01 00:00:00', endTime: '2100-01-01 00:00:00' };

describe('createVoipProxy forwarding to the mock', () => {
  let mock: MockServer;
  let proxy: ProxyServer;
  let crm: ReturnType<typeof createServer>;

  before(async () => {
    mock = await startMockServer({ holdMs: HOLD_MS });
    proxy = await startProxy({ target: mock.url, timeoutMs: 5000 });
    // The CRM's push callback, so that push_list has rows to page through.
    crm = createServer(createPushHandler(() => undefined));
    const { url } = await listen(crm, 0, '127.0.0.1');
    mock.configureCrm({ pushUrl: url });
  });
  after(async () => {
    await proxy.close();
    await mock.close();
    await new Promise((r) => crm.close(r));
  });
  beforeEach(() => mock.resetLog());

  it('logs in as the agent of the CRM session, and the client sends no sa_user / sa_password', async () => {
    const client = proxiedClient(proxy.url);
    const agent = await client.login();
    assert.equal(agent.extension, TEST_ACCOUNT.user); // the login number (docs/800ing-api.md §7.1)
    assert.ok(proxy.seen.length > 0);
    for (const url of proxy.seen) {
      assert.doesNotMatch(url, /sa_user|sa_password/i, 'the browser side carries no credential');
    }
    const [logged] = mock.requests({ method: Method.Login });
    assert.equal(logged?.user, TEST_ACCOUNT.user);
    assert.equal(logged?.params[BaseParam.Password], md5(TEST_ACCOUNT.password));
  });

  it('answers 401 with code -2 without a CRM session, and forwards nothing', async () => {
    const client = proxiedClient(proxy.url, null);
    await assert.rejects(client.login(), (error) => isVoipError(error) && error.code === ResultCode.Network && /401/.test(error.message));
    const res = await fetch(`${proxy.url}${Endpoint.Json}?method=getExtension`);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { code: number }).code, ResultCode.Auth);
    assert.equal(mock.requests().length, 0);
  });

  it('replaces credentials the browser injected, in the query and in a form body, in any letter case', async () => {
    const admin = { [BaseParam.User]: ADMIN_ACCOUNT.user, [BaseParam.Password]: md5(ADMIN_ACCOUNT.password) };
    const cookie = { cookie: `${SESSION_COOKIE}=agent` };
    const query = new URLSearchParams({ method: Method.Login, ...admin, SA_USER: ADMIN_ACCOUNT.user }).toString();
    const viaQuery = (await (await fetch(`${proxy.url}${Endpoint.Json}?${query}`, { headers: cookie })).json()) as { extension: string };
    const viaBody = (await (
      await fetch(`${proxy.url}${Endpoint.Json}`, {
        method: 'POST',
        headers: { ...cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ method: Method.Login, ...admin }).toString(),
      })
    ).json()) as { extension: string };
    assert.equal(viaQuery.extension, TEST_ACCOUNT.user); // the login number (docs/800ing-api.md §7.1)
    assert.equal(viaBody.extension, TEST_ACCOUNT.user); // the login number (docs/800ing-api.md §7.1)
    for (const entry of mock.requests()) {
      assert.equal(entry.user, TEST_ACCOUNT.user);
      assert.equal(entry.params[BaseParam.Password], md5(TEST_ACCOUNT.password));
      assert.equal(entry.params.SA_USER, undefined);
    }
  });

  it('dials, answers, mutes, transfers and hangs up; check-in/out, channels, status, call record and recording', async () => {
    const client = proxiedClient(proxy.url);
    await client.login();
    assert.equal((await client.dial(PHONE, 'order-7')).code, 0);
    assert.equal((await client.hangup(PHONE)).code, 0);
    const { cdrId } = mock.ring({ user: TEST_ACCOUNT.user, phone: PHONE });
    assert.equal((await client.answer(PHONE)).code, 0);
    assert.equal((await client.mute(PHONE)).code, 0);
    mock.hangup(cdrId);
    mock.ring({ user: TEST_ACCOUNT.user, phone: PHONE });
    assert.equal((await client.answer(PHONE)).code, 0);
    assert.equal((await client.transfer(ADMIN_ACCOUNT.extension)).code, 0);
    assert.equal((await client.checkOut()).code, 0);
    assert.equal((await client.checkIn()).code, 0);
    assert.equal((await client.channelList()).code, 0);
    assert.equal((await client.agentStatus()).code, 0);
    const record = await client.callRecord({ cdrId });
    assert.equal(record?.cdrId, cdrId);

    const recording = await fetch(client.recordingUrl(record!)!, { headers: { cookie: `${SESSION_COOKIE}=agent` } });
    assert.equal(recording.status, 200);
    assert.match(recording.headers.get('content-type') ?? '', /^audio\//);
    assert.equal(recording.headers.get('cross-origin-resource-policy'), 'same-origin');
    assert.ok((await recording.arrayBuffer()).byteLength > 44, 'a WAV with a header and samples');
    const mp3 = await fetch(client.recordingMp3Url(cdrId), { headers: { cookie: `${SESSION_COOKIE}=agent` } });
    assert.equal(mp3.status, 200);
    await mp3.arrayBuffer();

    const methods = new Set(mock.requests().map((entry) => entry.method));
    for (const method of [Method.Dial, Method.Hangup, Method.SendMsg, Method.Transfer, Method.CheckInOut, Method.ChannelList, Method.CallRecord]) {
      assert.ok(methods.has(method), `${method} reached the server`);
    }
    assert.ok(mock.requests().every((entry) => entry.user === TEST_ACCOUNT.user));
  });

  it('registers an extension with the admin account of an admin session', async () => {
    const answer = await proxiedClient(proxy.url, 'admin').registerExtension('4008001234');
    assert.equal(answer.code, 0);
    assert.match(answer.extension, /^\d+$/);
  });

  it(`holds the long poll past the server's ${HOLD_MS} ms hold and answers at once when a call rings`, async () => {
    const client = proxiedClient(proxy.url);
    await client.login();
    const first = await client.waterline();
    const started = Date.now();
    const held = await client.waterline({ waterLine: first.waterline });
    assert.ok(Date.now() - started >= HOLD_MS - 50, 'held for the whole hold, not cut short by the proxy');
    assert.equal(held.waterline, first.waterline);

    const polling = client.waterline({ waterLine: held.waterline });
    while (mock.pendingPolls === 0) await new Promise((r) => setImmediate(r));
    const rangAt = Date.now();
    mock.ring({ user: TEST_ACCOUNT.user, phone: PHONE });
    const news = await polling;
    assert.ok(news.waterline > held.waterline);
    assert.ok(Date.now() - rangAt < HOLD_MS / 2, 'the ring ended the held poll');
  });

  it('stops the held poll at the server when the browser gives it up', async () => {
    const client = proxiedClient(proxy.url);
    const { waterline } = await client.waterline();
    const stop = new AbortController();
    const polling = client.waterline({ waterLine: waterline, signal: stop.signal });
    while (mock.pendingPolls === 0) await new Promise((r) => setImmediate(r));
    stop.abort();
    await assert.rejects(polling, (error) => isVoipError(error) && error.code === LocalCode.Aborted);
    const until = Date.now() + 1000;
    while (mock.pendingPolls > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.equal(mock.pendingPolls, 0, 'the proxy closed its upstream request');
  });

  it('pages recvMsg and push_list, and resends a push, through the proxy', async () => {
    const client = proxiedClient(proxy.url);
    await client.login();
    const { waterline } = await client.waterline();
    for (let i = 0; i < 3; i++) {
      const { cdrId } = mock.ring({ user: TEST_ACCOUNT.user, phone: `1380013800${i}` });
      mock.answer(cdrId);
      mock.hangup(cdrId);
    }
    const page1 = await client.recvMsg(waterline, 2);
    assert.equal(page1.msgs.length, 2);
    const page2 = await client.recvMsg(page1.msgs.at(-1)!.waterLine, 2);
    assert.ok(page2.msgs.length > 0 && page2.msgs[0]!.waterLine > page1.msgs[1]!.waterLine);

    await mock.pushesSettled();
    const listed = await client.pushList({ ...ALL_TIME, rows: 2, page: 1 });
    assert.ok(listed.total >= 3, `push_list counts every push (${listed.total})`);
    assert.equal(listed.rows.length, 2);
    const second = await client.pushList({ ...ALL_TIME, rows: 2, page: 2 });
    assert.ok(second.rows.length >= 1);
    assert.notEqual(second.rows[0]!.cdrsId, listed.rows[0]!.cdrsId);
    assert.equal((await client.pushResend(listed.rows[0]!.cdrsId)).code, 0);
    const reports = mock.requests().filter((entry) => entry.path.startsWith('/voip/ai/report/'));
    assert.ok(reports.length >= 3 && reports.every((entry) => entry.user === TEST_ACCOUNT.user));
  });

  it('answers JSON, never a script, to the JSONP endpoint: the callback is dropped', async () => {
    const res = await fetch(`${proxy.url}${Endpoint.Jsonp}?callback=steal&method=getExtension`, { headers: { cookie: `${SESSION_COOKIE}=agent` } });
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await res.json()) as { extension: string }).extension, TEST_ACCOUNT.user); // the login number (docs/800ing-api.md §7.1)
  });

  it('works as middleware under any mount path: its paths relative to the mount, next() for the rest', async () => {
    const voip = createVoipProxy({ target: mock.url, credentials: credentialsByCookie });
    const MOUNT = '/crm/voip-proxy';
    let passedOn = 0;
    // What Express's app.use(MOUNT, voip) does: strip the mount from req.url, call with next.
    const app = createServer((req, res) => {
      const next = (): void => {
        passedOn++;
        res.writeHead(404).end('the CRM page');
      };
      if (!req.url?.startsWith(`${MOUNT}/`)) return next();
      req.url = req.url.slice(MOUNT.length);
      void voip(req, res, next);
    });
    const { url } = await listen(app, 0, '127.0.0.1');
    try {
      const client = new VoipClient({ server: `${url}${MOUNT}`, auth: 'proxy', transport: 'fetch' });
      await assert.rejects(client.login(), /401/); // no cookie: Node's fetch has no cookie jar
      const withCookie = proxiedClient(`${url}${MOUNT}`);
      assert.equal((await withCookie.login()).extension, TEST_ACCOUNT.user); // the login number (docs/800ing-api.md §7.1)
      const other = await fetch(`${url}${MOUNT}/admin/settings`);
      assert.equal(await other.text(), 'the CRM page');
      assert.equal(passedOn, 1);
    } finally {
      app.closeAllConnections();
      await new Promise((r) => app.close(r));
    }
  });
});

describe('VoipClient with auth "proxy"', () => {
  it('needs no user or password, and refuses the jsonp transport with a clear VoipError', () => {
    assert.equal(new VoipClient({ server: 'https://crm.example', auth: 'proxy' }).transport.kind, 'fetch');
    assert.throws(
      () => new VoipClient({ server: 'https://crm.example', auth: 'proxy', transport: 'jsonp' }),
      (error) => isVoipError(error) && error.code === LocalCode.NotConfigured && /fetch/.test(error.message),
    );
    assert.throws(() => new VoipClient({ server: 'https://crm.example' }), (error) => isVoipError(error) && /user/.test(error.message));
  });
});

describe('the mixed-content error', () => {
  it('points to the README section on https CRMs, in both languages, and that section exists', async () => {
    const { readFile } = await import('node:fs/promises');
    const sections = { en: ['README.md', 'Deploying on an https CRM'], 'zh-CN': ['README.zh-CN.md', '在 https CRM 上部署'] } as const;
    for (const [lang, [file, title]] of Object.entries(sections)) {
      assert.ok(codeText(LocalCode.MixedContent, lang as 'en' | 'zh-CN').includes(title), `${lang} text names "${title}"`);
      const readme = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8');
      assert.ok(readme.includes(`## ${title}\n`), `${file} has the section`);
      assert.match(readme, /createVoipProxy/);
    }
  });
});
