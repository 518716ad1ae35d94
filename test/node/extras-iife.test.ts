/**
 * Issue 15 item 9: the script-tag file loads what the first pop does not need on first use.
 * The IIFE and its extras file are built from the current source by Vite (the project's
 * vite.config.ts) into a temp dir and served with a CRM page under the strict CSP of
 * docs/reliability.md: a nonce + 'strict-dynamic', Trusted Types enforced, the server declared
 * in <head>. Chromium (Playwright) shows the extras file is not fetched at start-up nor at the
 * first pop, is fetched once on first use and works (seed + colleagues against the mock, the
 * transfer form, the ended card's talk time), and
 * that a failed load is a VoipError that the next use retries.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { listen } from '../../src/node/listen.js';
import { startMockServer, TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';
import { EXTRAS_FILE } from '../../src/ui/extras-paths.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN_FILE = 'voip-softphone.iife.js';
const NONCE = 'r4nd0m-n0nce';
const PHONE = '13800001301';
const COLLEAGUE = { user: '100008802', password: 'pw802', extension: '8802', name: '李四' };

function policy(): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${NONCE}' 'strict-dynamic'`,
    'worker-src blob:',
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types voip-softphone lit-html',
  ].join('; ');
}

function page(server: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>CRM</title>
<meta name="voip-softphone-servers" content="${server}">
<script nonce="${NONCE}">
  window.__violations = [];
  addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
  window.__events = [];
  for (const type of ['voip-login', 'voip-ring', 'voip-error'])
    addEventListener(type, (e) => window.__events.push(type));
</script>
<script nonce="${NONCE}" src="/widget/${MAIN_FILE}"></script>
</head><body>
<voip-softphone server="${server}" user="${TEST_ACCOUNT.user}" password="${TEST_ACCOUNT.password}" lang="en" ringtone="off" share-tabs="false" desktop-port="0" poll-interval="100"></voip-softphone>
</body></html>`;
}

describe('the script-tag build loads its extras on first use', () => {
  let dir: string;
  let mock: MockServer;
  let crm: Server;
  let origin: string;
  let browser: Browser;
  let tab: Page;
  let extrasDown = false;
  /** Requests the CRM server received for the extras file. */
  const extrasRequests: string[] = [];
  const files: Record<string, Buffer> = {};

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voip-extras-'));
    const outDir = join(dir, 'dist');
    const config = { root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent' as const };
    await build({ ...config, build: { outDir, emptyOutDir: true, lib: { entry: join(ROOT, 'test/node/fixtures/extras-main.ts'), name: 'VoipSoftphone', formats: ['iife'], fileName: () => MAIN_FILE } } });
    await build({ ...config, mode: 'extras', build: { outDir, emptyOutDir: false } });
    for (const file of [MAIN_FILE, EXTRAS_FILE]) files[`/widget/${file}`] = readFileSync(join(outDir, file));

    mock = await startMockServer({ holdMs: 1000 });
    mock.addAccount(COLLEAGUE);
    crm = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.endsWith(EXTRAS_FILE)) extrasRequests.push(url);
      if (url.endsWith(EXTRAS_FILE) && extrasDown) res.writeHead(503).end();
      else if (files[url]) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(files[url]);
      else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy() }).end(page(mock.url));
    });
    origin = (await listen(crm, 0, '127.0.0.1')).url;
    browser = await chromium.launch({ executablePath: findChromium({ install: false }), args: [...CHROMIUM_ARGS] });
    tab = await browser.newPage();
  });

  after(async () => {
    await browser?.close();
    crm?.closeAllConnections();
    await new Promise((r) => crm?.close(r));
    await mock?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const waitForEvent = (type: string): Promise<unknown> =>
    tab.waitForFunction((t) => (window as unknown as { __events: string[] }).__events.includes(t), type, { timeout: 15_000 });

  it('the recent calls, seed, area, colleagues, transfer form, ended details and desktop code is only in the extras file, which has no copy of Lit', () => {
    const main = files[`/widget/${MAIN_FILE}`]!.toString();
    const extras = files[`/widget/${EXTRAS_FILE}`]!.toString();
    // Names only the moved code uses: findDialrecord fields of the seed and the area, the recent
    // calls' storage key, the desktop sender's parameter, the transfer form's and ended card's words.
    for (const marker of ['cdrLastPhoneNumber', 'cdrPhoneArea', 'voip-softphone:recent:', 'disablePop', 'Transfer to agent', 'Download MP3']) {
      assert.ok(extras.includes(marker), `${marker} in the extras file`);
      assert.ok(!main.includes(marker), `${marker} not in the main file`);
    }
    assert.ok(!/\bLitElement\b|lit-html/.test(extras), 'no copy of Lit in the extras file');
  });

  it('not fetched at start-up; fetched once, after the login, the pop not waiting for it; it works under the strict CSP', { timeout: 60_000 }, async () => {
    await tab.goto(`${origin}/`);
    await waitForEvent('voip-login');
    const { cdrId } = mock.ring({ user: TEST_ACCOUNT.user, phone: PHONE });
    await waitForEvent('voip-ring');
    assert.match((await tab.locator('voip-softphone [part="phone"]').textContent()) ?? '', new RegExp(PHONE));
    mock.answer(cdrId);
    // The transfer form and the ended card's talk time are views from the extras file.
    await tab.locator('voip-softphone [part="transfer-button"]').click();
    await tab.locator('voip-softphone [part="transfer"] input').waitFor({ timeout: 10_000 });
    mock.hangup(cdrId);
    await tab.locator('voip-softphone [part="card"]', { hasText: 'Duration' }).waitFor({ timeout: 10_000 });
    // The recent calls load the extras right after the login (in the background); the call that
    // just ended is listed once they are there.
    await tab.locator('voip-softphone [part="recent-button"]').click();
    assert.match((await tab.locator('voip-softphone [part="recent-item"]').first().textContent()) ?? '', new RegExp(PHONE));

    const result = await tab.evaluate(async (server) => {
      type Api = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const api = (window as unknown as { VoipSoftphone: Api }).VoipSoftphone;
      const [a, b] = await Promise.all([api.loadExtras(), api.loadExtras()]);
      const client = new api.VoipClient({ server, user: '100008800', password: '02367073578' });
      await client.login();
      const store = new a.RecentCalls({ account: api.accountOf(client), storage: null });
      const seeded = await a.seedRecentCalls(client, { store });
      const colleagues = await a.colleaguesOf(client);
      return { same: a === b, seeded: seeded.map((c: Api) => c.phone), colleagues: colleagues.colleagues.map((c: Api) => `${c.extension} ${c.name}`), inserted: document.querySelectorAll('script[src*="extras"]').length };
    }, mock.url);
    assert.equal(result.same, true, 'one module for every use');
    assert.deepEqual(result.seeded, [PHONE], 'seedRecentCalls (extras) lists the call from findDialrecord');
    assert.ok(result.colleagues.includes(`${COLLEAGUE.extension} ${COLLEAGUE.name}`), 'colleaguesOf (extras) lists the colleague from loadmonitor');
    assert.equal(result.inserted, 0, 'the inserted script is removed once run');
    assert.deepEqual(extrasRequests, [`/widget/${EXTRAS_FILE}`], 'fetched once, next to the main file');
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations), [], 'no CSP or Trusted Types violation');
  });

  it('a failed load is a VoipError naming the file; the next use tries again', { timeout: 60_000 }, async () => {
    extrasRequests.length = 0;
    extrasDown = true;
    await tab.goto(`${origin}/`);
    await waitForEvent('voip-login');
    const failed = await tab.evaluate(() =>
      (window as unknown as { VoipSoftphone: { loadExtras(): Promise<unknown> } }).VoipSoftphone.loadExtras().then(
        () => null,
        (e: { name: string; code: number; message: string }) => ({ name: e.name, code: e.code, message: e.message }),
      ),
    );
    assert.equal(failed?.name, 'VoipError');
    assert.equal(failed?.code, -1);
    assert.match(failed?.message ?? '', new RegExp(`could not be loaded: .*${EXTRAS_FILE.replace(/\./g, '\\.')}`));
    extrasDown = false;
    const retried = await tab.evaluate(async () => typeof (await (window as unknown as { VoipSoftphone: { loadExtras(): Promise<{ colleaguesOf: unknown }> } }).VoipSoftphone.loadExtras()).colleaguesOf);
    assert.equal(retried, 'function');
    assert.equal(extrasRequests.at(-1), `/widget/${EXTRAS_FILE}`, 'the retry fetched it again');
    assert.ok(extrasRequests.length >= 2, 'a failed request, then a retry');
  });
});
