/**
 * Done-when of issue 18: a CRM page on an https origin (a self-signed certificate made here with
 * openssl) with `<voip-softphone auth="proxy">` logs in, pops, answers and hangs up through the
 * CRM's createVoipProxy, and no request the browser makes carries `sa_user` or `sa_password`:
 * recorded both in Chromium (every request, URL and body) and at the CRM server.
 *
 * The widget is the IIFE built from the current source by Vite into a temp dir, served by the CRM.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { listen } from '../../src/node/listen.js';
import { createPushHandler, createVoipProxy, MockCallState, startMockServer, TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';
import { credentialsByCookie, SESSION_COOKIE } from './proxy-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MOUNT = '/voip-proxy';
const PHONE = '13912345678';
const CREDENTIAL = /sa_user|sa_password/i;

/** A throw-away key and self-signed certificate for 127.0.0.1. */
function selfSigned(dir: string): { key: Buffer; cert: Buffer } {
  execFileSync('/usr/bin/openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

function page(origin: string): string {
  return `<!doctype html><meta charset="utf-8"><title>CRM</title>
    <script src="/voip-softphone.iife.js"></script>
    <script src="/voip-push-log.iife.js"></script>
    <voip-softphone server="${origin}${MOUNT}" auth="proxy" lang="en" share-tabs="false" desktop-port="0" poll-interval="200"></voip-softphone>
    <voip-push-log server="${MOUNT}" auth="proxy" lang="en"></voip-push-log>
    <script>
      window.__events = [];
      for (const type of ['voip-login', 'voip-ring', 'voip-answer', 'voip-hangup', 'voip-error'])
        addEventListener(type, (e) => window.__events.push({ type, error: e.detail && e.detail.error && e.detail.error.message }));
    </script>`;
}

describe('auth="proxy" on an https CRM page in Chromium', () => {
  let dir: string;
  let mock: MockServer;
  let crm: Server;
  let pushes: HttpServer;
  let origin: string;
  let browser: Browser;
  let tab: Page;
  /** Every request line the CRM server received. */
  const atServer: string[] = [];
  /** Every request Chromium made: URL and body. */
  const inBrowser: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voip-proxy-https-'));
    const outDir = join(dir, 'dist');
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', mode: 'extras', build: { outDir, emptyOutDir: false } });
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', mode: 'push-log', build: { outDir, emptyOutDir: false } });
    const scripts: Record<string, Buffer> = {
      '/voip-softphone.iife.js': readFileSync(join(outDir, 'voip-softphone.iife.js')),
      // Served beside it, as the README says: the element loads it after the login.
      '/voip-softphone.extras.iife.js': readFileSync(join(outDir, 'voip-softphone.extras.iife.js')),
      '/voip-push-log.iife.js': readFileSync(join(outDir, 'voip-push-log.iife.js')),
    };
    // The pushes the 800ing server makes, so that the push log has rows (plain http: server to server).
    pushes = createHttpServer(createPushHandler(() => undefined));

    mock = await startMockServer({ holdMs: 2000 });
    mock.configureCrm({ pushUrl: (await listen(pushes, 0, '127.0.0.1')).url });
    const proxy = createVoipProxy({ target: mock.url, credentials: credentialsByCookie });
    crm = createServer(selfSigned(dir), (req, res) => {
      const url = req.url ?? '/';
      atServer.push(`${req.method} ${url}`);
      if (url.startsWith(`${MOUNT}/`)) {
        // Mounted as Express would: the proxy sees the path below the mount.
        req.url = url.slice(MOUNT.length);
        void proxy(req, res, () => res.writeHead(404).end());
      } else if (url === '/login') {
        // The CRM's own login: a session cookie the page's scripts cannot read.
        res.writeHead(302, { 'Set-Cookie': `${SESSION_COOKIE}=agent; HttpOnly; Secure; SameSite=Strict; Path=/`, Location: '/' }).end();
      } else if (scripts[url]) {
        res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(scripts[url]);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'" }).end(page(origin));
      }
    });
    const { port } = await listen(crm as never, 0, '127.0.0.1');
    origin = `https://127.0.0.1:${port}`;

    browser = await chromium.launch({ executablePath: findChromium({ install: false }), args: [...CHROMIUM_ARGS] });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    tab = await context.newPage();
    tab.on('request', (request) => inBrowser.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
  });

  after(async () => {
    await browser?.close();
    crm?.closeAllConnections();
    await new Promise((r) => crm?.close(r));
    await mock?.close();
    await new Promise((r) => pushes?.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const events = (): Promise<{ type: string; error?: string }[]> => tab.evaluate(() => (window as unknown as { __events: { type: string; error?: string }[] }).__events);
  async function waitForEvent(type: string): Promise<void> {
    await tab.waitForFunction((t) => (window as unknown as { __events: { type: string }[] }).__events.some((e) => e.type === t), type, { timeout: 15_000 });
  }

  it('logs in, pops, answers and hangs up with no credential in any browser request', { timeout: 90_000 }, async () => {
    await tab.goto(`${origin}/login`);
    await waitForEvent('voip-login');
    const who = tab.locator('voip-softphone .who');
    assert.match((await who.textContent()) ?? '', new RegExp(TEST_ACCOUNT.extension), 'shows the agent getExtension returned');

    const { cdrId } = mock.ring({ user: TEST_ACCOUNT.user, phone: PHONE });
    await waitForEvent('voip-ring');
    assert.match((await tab.locator('voip-softphone [part="phone"]').textContent()) ?? '', new RegExp(PHONE));
    await tab.locator('voip-softphone [part="answer-button"]').click();
    await waitForEvent('voip-answer');
    assert.equal(mock.calls(TEST_ACCOUNT.user).find((call) => call.cdrId === cdrId)?.state, MockCallState.Talking);
    await tab.locator('voip-softphone [part="hangup-button"]').click();
    await waitForEvent('voip-hangup');

    // The push log lists the call's pushes through the proxy too (report endpoints, sessionId from getExtension).
    await mock.pushesSettled();
    await tab.evaluate(() => (document.querySelector('voip-push-log') as unknown as { reload(): Promise<void> }).reload());
    await tab.waitForFunction((phone) => document.querySelector('voip-push-log')?.shadowRoot?.textContent?.includes(phone), PHONE, { timeout: 15_000 });
    assert.equal(await tab.locator('voip-push-log [part="error"]').count(), 0);

    assert.deepEqual((await events()).filter((e) => e.type === 'voip-error'), []);
    const proxied = atServer.filter((line) => line.includes(MOUNT));
    assert.ok(proxied.length >= 4, 'the widget talked to the proxy');
    assert.ok(mock.requests().every((entry) => entry.user === TEST_ACCOUNT.user), 'the proxy added the account');
    assert.deepEqual(inBrowser.filter((line) => CREDENTIAL.test(line)), [], 'no browser request carries a credential');
    assert.deepEqual(atServer.filter((line) => CREDENTIAL.test(line)), [], 'no request reached the CRM with a credential');
    assert.ok(inBrowser.every((line) => line.split(' ')[1]!.startsWith(origin)), 'every request went to the https CRM origin');
  });

  it('shows a clear error for auth="proxy" with transport="jsonp"', { timeout: 30_000 }, async () => {
    await tab.evaluate(() => {
      const element = document.createElement('voip-softphone');
      element.id = 'jsonp';
      element.setAttribute('server', `${location.origin}/voip-proxy`);
      element.setAttribute('auth', 'proxy');
      element.setAttribute('transport', 'jsonp');
      element.setAttribute('lang', 'en');
      document.body.append(element);
    });
    await tab.waitForFunction(() => (window as unknown as { __events: { type: string; error?: string }[] }).__events.some((e) => e.type === 'voip-error' && /fetch/.test(e.error ?? '')));
    assert.match((await tab.locator('#jsonp [part="error"]').textContent()) ?? '', /proxy.*fetch/);
  });
});
