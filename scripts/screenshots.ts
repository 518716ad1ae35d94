/**
 * `npm run screenshots`: the README's pictures, taken from the real demo.
 *
 * Starts `npm start`'s stack on its own ports (demo 5299, mock 800ing server 5298, mock desktop
 * client 5297), drives the zh-CN widget of the demo page with Playwright and the mock's control
 * API, and saves the element only (not the page) in each state and language:
 *
 *   docs/screenshots/{ringing,talking,error}.{zh-CN,en}.png
 *
 * ringing: an inbound call (`POST /mock/ring`); talking: the agent picked up (`/mock/answer`);
 * error: a wrong password set on the element (`el.password = 'x'`), which logs in again and fails.
 *
 * Placement, in both themes: docs/screenshots/{inline,dock}.{light,dark}.png. inline: the demo's
 * widget with a ringing call; dock: the CRM demo page (demo/crm.html) with its docked widget
 * ringing in the corner.
 *
 * The agent's console, in both languages and both themes:
 * docs/screenshots/console-{contact,calls,transfer,recent}.{zh-CN,en}.{light,dark}.png. contact: a
 * known caller rings (the demo's lookup names them, the mock gives the region); calls: that call
 * answered and a second caller waiting; transfer: the transfer form with the colleagues list, a
 * colleague picked; recent: the list of recent calls open, with the second caller's missed call.
 *
 * The demo is stopped afterwards, also when something fails.
 *
 *   npx tsx scripts/screenshots.ts [--port 5299] [--mock-port 5298] [--desktop-port 5297] [--only calls|placement|console]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Locator, type Page } from 'playwright';
import type { VoipSoftphone } from '../src/index.js';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const LANGS = ['zh-CN', 'en'] as const;
/** The demo widget logged in as the test account 100008800. */
const WIDGET = '#zh';
const USER = '100008800';
const CALLER = '13812345678';
/** Another caller of the demo's contact list (demo/main.ts): the one who waits, then is missed. */
const SECOND_CALLER = '13900001111';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5299' },
    'mock-port': { type: 'string', default: '5298' },
    'desktop-port': { type: 'string', default: '5297' },
    only: { type: 'string' },
  },
});
const PAGE_URL = `http://127.0.0.1:${values.port}/`;
const MOCK_URL = `http://127.0.0.1:${values['mock-port']}`;

/** `npx tsx scripts/start.ts …` in its own process group, so stopping it ends Vite and the mocks. */
function startDemo(): ChildProcess {
  const args = ['tsx', 'scripts/start.ts', '--port', values.port, '--mock-port', values['mock-port'], '--desktop-port', values['desktop-port'], '--no-open'];
  const child = spawn('npx', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signalGroup(child.pid!, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitForUrl(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** POST to the mock's control API; the JSON answer. */
async function control(route: string, params: Record<string, string>): Promise<{ code: number; cdrId?: string }> {
  const response = await fetch(`${MOCK_URL}/mock/${route}?${new URLSearchParams(params)}`, { method: 'POST' });
  const body = (await response.json()) as { code: number; cdrId?: string };
  if (body.code !== 0) throw new Error(`/mock/${route}: ${JSON.stringify(body)}`);
  return body;
}

async function shoot(widget: Locator, name: string): Promise<void> {
  const path = `${OUT}${name}.png`;
  await widget.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`saved ${path.slice(ROOT.length)}`);
}

async function shootLanguage(page: Page, lang: (typeof LANGS)[number]): Promise<void> {
  await page.goto(PAGE_URL);
  const widget = page.locator(WIDGET);
  await page.waitForFunction((selector) => document.querySelector<VoipSoftphone>(selector)?.status === 'online', WIDGET);
  await widget.evaluate((el: VoipSoftphone, value) => (el.lang = value), lang);
  // A user gesture lets the page play the ringtone, so the "enable sound" prompt is not shown.
  await page.locator('header.top h1').click();

  const { cdrId } = await control('ring', { user: USER, phone: CALLER });
  const card = widget.locator('[part~="card"]');
  await card.and(page.locator('[data-state="ringing"]')).waitFor();
  await page.waitForTimeout(1_200); // the call timer shows a second, not 00:00
  await shoot(widget, `ringing.${lang}`);

  await control('answer', { cdrId: cdrId! });
  await card.and(page.locator('[data-state="talking"]')).waitFor();
  await page.waitForTimeout(2_200);
  await shoot(widget, `talking.${lang}`);

  await control('hangup', { cdrId: cdrId! });
  await card.and(page.locator('[data-state="ended"]')).waitFor();
  // The finished call's card stays a few seconds; the error picture shows the widget without it.
  await card.waitFor({ state: 'detached', timeout: 15_000 });

  await widget.evaluate((el: VoipSoftphone) => (el.password = 'x'));
  await widget.locator('[part~="error"]').waitFor();
  await page.waitForFunction((selector) => document.querySelector<VoipSoftphone>(selector)?.status === 'error', WIDGET);
  await shoot(widget, `error.${lang}`);
}

const THEMES = ['light', 'dark'] as const;

/** Rings the agent and waits for the card in `widget`; the call's id, to hang up after the picture. */
async function ringInto(page: Page, widget: Locator): Promise<string> {
  const { cdrId } = await control('ring', { user: USER, phone: CALLER });
  await widget.locator('[part~="card"]').and(page.locator('[data-state="ringing"]')).waitFor();
  await page.waitForTimeout(1_200); // the call timer shows a second, not 00:00
  return cdrId!;
}

async function shootPlacement(page: Page): Promise<void> {
  for (const theme of THEMES) {
    await page.goto(PAGE_URL);
    const widget = page.locator(WIDGET);
    await page.waitForFunction((selector) => document.querySelector<VoipSoftphone>(selector)?.status === 'online', WIDGET);
    await widget.evaluate((el: VoipSoftphone, value) => ((el.lang = 'en'), (el.theme = value)), theme);
    await page.locator('header.top h1').click();
    let cdrId = await ringInto(page, widget);
    await shoot(widget, `inline.${theme}`);
    await control('hangup', { cdrId });

    // The dock on the CRM page, whose switch sets the page's and the widget's theme.
    await page.goto(`${PAGE_URL}demo/crm.html`);
    const dock = page.locator('#dock');
    await page.waitForFunction(() => document.querySelector<VoipSoftphone>('#dock')?.status === 'online');
    await page.locator('#theme').selectOption(theme);
    await page.locator('h1').click();
    cdrId = await ringInto(page, dock);
    const path = `${OUT}dock.${theme}.png`;
    await page.screenshot({ path, animations: 'disabled', caret: 'hide', scale: 'css' });
    console.log(`saved ${path.slice(ROOT.length)}`);
    await control('hangup', { cdrId });
  }
}

/** Waits until the widget's card for `phone` is in `state`. */
async function cardOf(widget: Locator, phone: string, state: string): Promise<Locator> {
  const card = widget.locator('[part~="card"]').filter({ hasText: phone });
  await card.and(widget.page().locator(`[data-state="${state}"]`)).waitFor();
  return card;
}

async function shootConsole(page: Page, lang: (typeof LANGS)[number], theme: (typeof THEMES)[number]): Promise<void> {
  await page.goto(PAGE_URL);
  const widget = page.locator(WIDGET);
  await page.waitForFunction((selector) => document.querySelector<VoipSoftphone>(selector)?.status === 'online', WIDGET);
  // A short list: earlier rounds' calls are in the server's history the list is seeded from.
  await widget.evaluate((el: VoipSoftphone, [l, th]) => ((el.lang = l), (el.theme = th), (el.recentLimit = 3)), [lang, theme] as const);
  await page.locator('header.top h1').click();
  const name = (state: string): string => `console-${state}.${lang}.${theme}`;

  const first = await control('ring', { user: USER, phone: CALLER });
  await cardOf(widget, CALLER, 'ringing');
  await widget.locator('[part~="contact-name"]').waitFor();
  await widget.locator('[part~="area"]').waitFor();
  await page.waitForTimeout(1_200); // the call timer shows a second, not 00:00
  await shoot(widget, name('contact'));

  await control('answer', { cdrId: first.cdrId! });
  await cardOf(widget, CALLER, 'talking');
  const second = await control('ring', { user: USER, phone: SECOND_CALLER });
  await cardOf(widget, SECOND_CALLER, 'ringing');
  await widget.locator('[part~="contact-name"]').nth(1).waitFor();
  await page.waitForTimeout(1_200);
  await shoot(widget, name('calls'));

  // The second caller gives up: a missed call. The transfer form on the talking call, a colleague picked.
  await control('hangup', { cdrId: second.cdrId! });
  await widget.locator('[part~="card"]').nth(1).waitFor({ state: 'detached', timeout: 15_000 });
  const talking = await cardOf(widget, CALLER, 'talking');
  await talking.locator('[part~="transfer-button"]').click();
  const colleagues = talking.locator('[part~="colleagues"]');
  await colleagues.waitFor();
  await colleagues.selectOption({ index: 1 });
  await shoot(widget, name('transfer'));

  await control('hangup', { cdrId: first.cdrId! });
  await widget.locator('[part~="card"]').waitFor({ state: 'detached', timeout: 15_000 });
  await widget.locator('[part~="missed-badge"]').waitFor();
  await widget.locator('[part~="recent-button"]').click();
  await widget.locator('[part~="recent-item"][data-missed]').first().waitFor();
  await page.locator('header.top h1').hover(); // no hover colour on the list
  await shoot(widget, name('recent'));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const demo = startDemo();
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
  try {
    await waitForUrl(PAGE_URL);
    await waitForUrl(`${MOCK_URL}/mock/calls?user=${USER}`);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    const only = (part: string): boolean => values.only === undefined || values.only === part;
    if (only('calls')) for (const lang of LANGS) await shootLanguage(page, lang);
    if (only('console')) {
      // The region of a live call comes from the number's earlier records: one earlier call each.
      for (const phone of [CALLER, SECOND_CALLER]) await control('hangup', { cdrId: (await control('ring', { user: USER, phone })).cdrId! });
    }
    if (only('console')) for (const lang of LANGS) for (const theme of THEMES) await shootConsole(page, lang, theme);
    if (only('placement')) {
      await page.setViewportSize({ width: 900, height: 560 });
      await shootPlacement(page);
    }
  } finally {
    await browser.close();
    await stopDemo(demo);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
