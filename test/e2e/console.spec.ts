/**
 * The agent's console, end to end on the demo page that `npm start` serves (the zh-CN widget `#zh`,
 * agent 100008800, with `hotkeys` and a lookup against the page's small contact list): several
 * calls each on its own card, who is calling, recent and missed calls across a reload with a call
 * back, and the keyboard. The mock 800ing server is driven and read through its control API.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

const MOCK = 'http://127.0.0.1:5198';
const USER = '100008800';
/** In the demo's contact list (demo/main.ts), with the region the demo's mock gives (scripts/start.ts). */
const KNOWN = { phone: '13812345678', area: '北京', name: '李雷 Li Lei', company: '示例贸易 ACME Trading', url: 'https://crm.example.com/customers/42' };

async function control(page: Page, path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await page.request.post(`${MOCK}/mock/${path}?${new URLSearchParams(params)}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as Record<string, unknown>;
}

async function ring(page: Page, phone: string): Promise<string> {
  return ((await control(page, 'ring', { user: USER, phone })) as { cdrId: string }).cdrId;
}

/** The params of every request the agent made with `method`, oldest first. */
async function requests(page: Page, method: string): Promise<Record<string, string>[]> {
  const response = await page.request.get(`${MOCK}/mock/requests?${new URLSearchParams({ user: USER, method })}`);
  return ((await response.json()) as { requests: { params: Record<string, string> }[] }).requests.map((r) => r.params);
}

/** A number no other test uses, so cards and list entries are this test's own. */
const freshPhone = (prefix: string): string => `${prefix}${String(Date.now()).slice(-8)}`;

let widget: Locator;
const part = (name: string, within: Locator = widget): Locator => within.locator(`[part~="${name}"]`);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  widget = page.locator('#zh');
  await expect(part('status')).toHaveText(/在线/, { timeout: 10_000 });
});

test('two inbound calls: a card each; the second is answered and the first hung up, each from its own card', async ({ page }) => {
  const [first, second] = [freshPhone('135'), freshPhone('136')];
  const firstId = await ring(page, first);
  await expect(part('phone')).toHaveText([first]);
  const secondId = await ring(page, second);

  const cards = part('card');
  await expect(cards).toHaveCount(2);
  await expect(part('phone')).toHaveText([first, second]);
  const [firstCard, secondCard] = [cards.filter({ hasText: first }), cards.filter({ hasText: second })];
  await expect(firstCard).toHaveAttribute('data-state', 'ringing');
  await expect(secondCard).toHaveAttribute('data-state', 'ringing');

  await part('answer-button', secondCard).click();
  await expect(secondCard).toHaveAttribute('data-state', 'talking');
  await expect(firstCard, 'the first call still rings, on its own card').toHaveAttribute('data-state', 'ringing');
  expect((await requests(page, 'sendMsg')).at(-1)).toMatchObject({ phone: second, kind: '6' });

  const hangupsBefore = (await requests(page, 'hangupExten')).length;
  await part('hangup-button', firstCard).click();
  await expect(firstCard).toHaveAttribute('data-state', 'ended');
  await expect(secondCard, 'hanging up the first call leaves the second talking').toHaveAttribute('data-state', 'talking');
  expect((await requests(page, 'hangupExten')).length).toBe(hangupsBefore + 1);
  expect(await widget.evaluate((el) => (el as unknown as { calls: { phone: string }[] }).calls.map((c) => c.phone))).toEqual([second]);

  await control(page, 'hangup', { cdrId: secondId });
  await expect(secondCard).toHaveAttribute('data-state', 'ended');
  await control(page, 'hangup', { cdrId: firstId }).catch(() => {});
});

test("the page's lookup names a known caller on the card after the pop, with the region; an unknown caller keeps the number", async ({ page }) => {
  // The server knows a live call's region from the number's earlier records (spec §7): one earlier call.
  await control(page, 'hangup', { cdrId: await ring(page, KNOWN.phone) });
  await expect(part('card')).toHaveCount(0, { timeout: 15_000 });
  const cdrId = await ring(page, KNOWN.phone);
  const card = part('card');
  await expect(part('phone')).toHaveText(KNOWN.phone);
  await expect(part('contact-name')).toHaveText(`${KNOWN.name} · ${KNOWN.company}`);
  await expect(part('area'), "the caller's region, from the server's record").toHaveText(KNOWN.area);
  await expect(part('crm-link', card), "the contact's url replaces the crm-url link").toHaveAttribute('href', KNOWN.url);
  await control(page, 'hangup', { cdrId });
  await expect(card).toHaveAttribute('data-state', 'ended');
  await expect(card).toHaveCount(0, { timeout: 15_000 });

  const unknown = freshPhone('137');
  const other = await ring(page, unknown);
  await expect(part('phone')).toHaveText(unknown);
  await expect(part('crm-link')).toHaveAttribute('href', new RegExp(`phone=${unknown}`));
  await expect(part('contact-name')).toHaveCount(0);
  await expect(part('area'), 'no region where the server gives none').toHaveCount(0);
  await control(page, 'hangup', { cdrId: other });
});

test('a call that rang unanswered is missed: badge 1, still listed after a reload, and called back from the list', async ({ page }) => {
  // Calls other tests left in the server's history count as seen: open and close the list first.
  await expect(part('recent-button')).toBeVisible();
  await part('recent-button').click();
  await part('recent-button').click();
  await expect(part('missed-badge')).toHaveCount(0);

  const phone = freshPhone('139');
  const cdrId = await ring(page, phone);
  await expect(part('card')).toHaveAttribute('data-state', 'ringing');
  await control(page, 'hangup', { cdrId });
  await expect(part('card')).toHaveAttribute('data-state', 'ended');
  await expect(part('missed-badge')).toHaveText('1');

  await page.reload();
  await expect(part('status')).toHaveText(/在线/, { timeout: 10_000 });
  await expect(part('missed-badge'), 'the count survives the reload').toHaveText('1');

  await part('recent-button').click();
  await expect(part('missed-badge'), 'opening the list clears the count').toHaveCount(0);
  const item = part('recent-item').filter({ hasText: phone });
  await expect(item, 'listed once, merged with the server history').toHaveCount(1);
  await expect(item).toHaveAttribute('data-missed', '');

  const before = (await requests(page, 'callbackPhone')).length;
  await part('callback-button', item).click();
  await expect.poll(async () => (await requests(page, 'callbackPhone')).slice(before).map((p) => p.descPhone)).toEqual([phone]);
  await expect(part('phone')).toHaveText(phone);
  await part('hangup-button').click();
  await expect(part('card')).toHaveAttribute('data-state', 'ended');
});

test('hotkeys: Alt+D focuses the number box, Alt+A answers, Alt+H hangs up, and focus follows', async ({ page }) => {
  await expect(widget).toHaveAttribute('hotkeys', '');
  await page.locator('header.top h1').click();
  await page.keyboard.press('Alt+KeyD');
  await expect(part('dial-input')).toBeFocused();
  await page.locator('header.top h1').click();

  const phone = freshPhone('138');
  const cdrId = await ring(page, phone);
  await expect(part('card')).toHaveAttribute('data-state', 'ringing');
  await page.keyboard.press('Alt+KeyA');
  await expect(part('card')).toHaveAttribute('data-state', 'talking');
  expect((await requests(page, 'sendMsg')).at(-1)).toMatchObject({ phone, kind: '6' });
  await expect(part('hangup-button'), "after an answer, focus is on that call's hang-up button").toBeFocused();

  const hangupsBefore = (await requests(page, 'hangupExten')).length;
  await page.keyboard.press('Alt+KeyH');
  await expect(part('card')).toHaveAttribute('data-state', 'ended');
  expect((await requests(page, 'hangupExten')).length).toBe(hangupsBefore + 1);
  await expect(part('dial-input'), 'after a hang-up, focus is on the number box').toBeFocused();
  await control(page, 'hangup', { cdrId }).catch(() => {});
});

test('Escape closes the transfer form, from anywhere on the page with hotkeys', async ({ page }) => {
  const phone = freshPhone('133');
  const cdrId = await ring(page, phone);
  await part('answer-button').click();
  await part('transfer-button').click();
  await expect(part('transfer')).toBeVisible();
  await expect(part('transfer-button')).toHaveAttribute('aria-expanded', 'true');
  await page.locator('header.top h1').click();
  await page.keyboard.press('Escape');
  await expect(part('transfer')).toHaveCount(0);
  await expect(part('transfer-button')).toHaveAttribute('aria-expanded', 'false');
  await control(page, 'hangup', { cdrId });
  await expect(part('card')).toHaveAttribute('data-state', 'ended');
});

test("on the CRM page, the dock's lookup names a caller from the page's customer table", async ({ page }) => {
  await page.goto('/demo/crm.html');
  const dock = page.locator('#dock');
  await expect(part('status', dock)).toHaveText(/Online/, { timeout: 10_000 });
  const cdrId = await ring(page, '13812345678');
  await expect(part('phone', dock)).toHaveText('13812345678');
  await expect(part('contact-name', dock)).toHaveText('Zhang Wei · Shenzhen Bright Motors');
  await control(page, 'hangup', { cdrId });
});

test('hotkeys stay out of the way while the agent types in a field of the page', async ({ page }) => {
  const phone = freshPhone('134');
  const cdrId = await ring(page, phone);
  await expect(part('card')).toHaveAttribute('data-state', 'ringing');
  await page.locator('#sim input[name=phone]').focus();
  await page.keyboard.press('Alt+KeyA');
  await expect(part('card')).toHaveAttribute('data-state', 'ringing');
  await control(page, 'hangup', { cdrId });
  await expect(part('card')).toHaveAttribute('data-state', 'ended');
});

test('the demo pages load without console errors or failed requests', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  page.on('pageerror', (error) => void problems.push(`pageerror: ${error.message}`));
  // A request the page cancels itself (net::ERR_ABORTED: the widget drops a long poll it no longer
  // needs) is not a failure anyone sees; every other failed request is.
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    if (!error.includes('ERR_ABORTED')) problems.push(`failed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => void (response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`)));

  await page.goto('/');
  await expect(part('status')).toHaveText(/在线/, { timeout: 10_000 });
  await expect(page.locator('#en [part~="status"]')).toHaveText(/Online/);
  await expect(page.locator('#traffic li').first(), "the demo's own log has read the mock").toBeVisible();
  expect(problems, '/').toEqual([]);

  await page.goto('/demo/crm.html');
  await expect(page.locator('#dock [part~="status"]')).toHaveText(/Online/, { timeout: 10_000 });
  expect(problems, '/demo/crm.html').toEqual([]);
});
