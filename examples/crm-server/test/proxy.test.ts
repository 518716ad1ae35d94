/**
 * examples/crm-server as the proxy example (issue 18) and its hardening (issue 14): the agent logs
 * in to the CRM (an HttpOnly, SameSite=Strict session cookie), the page's widget has
 * auth="proxy" and no credential, the 800ing API goes through /voip-proxy with the agent's
 * account from SQLite (the MD5 only), the callbacks answer only under their secret path, and
 * pushed text is shown as text.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { CallbackPath, callbackPath, startCrmServer, type CrmServer } from '../src/server.js';
import { PROXY_PATH, SESSION_COOKIE } from '../src/web.js';
import { startMockServer, TEST_ACCOUNT, type MockServer } from 'voip-softphone/node';
import { FetchTransport, VoipClient } from 'voip-softphone/client';
import { createHash } from 'node:crypto';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const TOKEN = 'k3y-0f-the-800ing-server';
const LOGIN = { login: 'alice', password: 'alice-crm-pw' };
const HOSTILE = '<script>alert(1)</script>';

describe('examples/crm-server: CRM login, auth="proxy" page, proxy with server-held credentials', () => {
  let dir: string;
  let dbPath: string;
  let crm: CrmServer;
  let mock: MockServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crm-proxy-'));
    dbPath = join(dir, 'crm.sqlite');
    mock = await startMockServer({ holdMs: 500 });
    crm = await startCrmServer({
      port: 0,
      dbPath,
      defaultExtension: TEST_ACCOUNT.extension,
      voipServer: mock.url,
      callbackToken: TOKEN,
      agents: [{ ...LOGIN, voipUser: TEST_ACCOUNT.user, voipPasswordMd5: md5(TEST_ACCOUNT.password) }],
    });
    mock.configureCrm({ pushUrl: crm.url + callbackPath(CallbackPath.Push, TOKEN) });
  });
  after(async () => {
    await mock?.close();
    await crm?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function logIn(password = LOGIN.password): Promise<Response> {
    return fetch(`${crm.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: LOGIN.login, password }).toString(),
    });
  }
  function clientWith(cookie: string): VoipClient {
    const withCookie: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
    return new VoipClient({ server: crm.url + PROXY_PATH, auth: 'proxy', transport: new FetchTransport({ fetch: withCookie }) });
  }

  it('listens on 127.0.0.1 by default', () => {
    assert.match(crm.url, /^http:\/\/127\.0\.0\.1:/);
  });

  it('sends a visitor without a session to the login page, and refuses a wrong password', async () => {
    const page = await fetch(`${crm.url}/`, { redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/login');
    const wrong = await logIn('guess');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('set-cookie'), null);
  });

  it('logs the agent in and serves a page whose widget holds no credential', async () => {
    const res = await logIn();
    assert.equal(res.status, 303);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(`${crm.url}/`, { headers: { cookie } });
    const html = await page.text();
    assert.match(html, /<voip-softphone server="\/voip-proxy" auth="proxy"><\/voip-softphone>/);
    assert.ok(!html.includes(TEST_ACCOUNT.user) && !html.includes(md5(TEST_ACCOUNT.password)), 'no 800ing account in the page');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('forwards the widget through /voip-proxy with the agent account, keeps only its MD5, and stops after logout', async () => {
    const cookie = ((await logIn()).headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.equal((await clientWith(cookie).login()).extension, TEST_ACCOUNT.user); // the login number
    assert.equal(mock.requests({ method: 'getExtension' }).at(-1)?.user, TEST_ACCOUNT.user);
    await assert.rejects(clientWith(`${SESSION_COOKIE}=forged`).login(), /401/);

    const db = new Database(dbPath, { readonly: true });
    try {
      const dump = JSON.stringify(db.prepare('SELECT * FROM agents').all());
      assert.ok(dump.includes(md5(TEST_ACCOUNT.password)) && !dump.includes(TEST_ACCOUNT.password), 'the MD5 only');
      assert.ok(!dump.includes(LOGIN.password), 'the CRM password is hashed');
      assert.ok(!JSON.stringify(db.prepare('SELECT * FROM sessions').all()).includes(cookie.split('=')[1]!), 'no usable cookie stored');
    } finally {
      db.close();
    }

    await fetch(`${crm.url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    await assert.rejects(clientWith(cookie).login(), /401/);
  });

  it('answers the callbacks only under the secret path, and shows pushed text as text', async () => {
    const memo = JSON.stringify({ cdrId: '900001', cdrPhoneNum: '13800000001', exteName: HOSTILE, cdrStartTime: '2026-12-02 10:00:00' });
    const query = new URLSearchParams({ type: '3', peer: '2', phone: '13800000001', memo }).toString();
    const open = await fetch(`${crm.url}${CallbackPath.Push}?${query}`);
    assert.equal(open.status, 404, 'no callback without the token');
    const pushed = (await (await fetch(`${crm.url}${callbackPath(CallbackPath.Push, TOKEN)}?${query}`)).json()) as { code: number };
    assert.equal(pushed.code, 0);

    const cookie = ((await logIn()).headers.get('set-cookie') ?? '').split(';')[0]!;
    const html = await (await fetch(`${crm.url}/`, { headers: { cookie } })).text();
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the pushed name shows as text');
    assert.ok(!html.includes(HOSTILE), 'never as markup');
  });
});
