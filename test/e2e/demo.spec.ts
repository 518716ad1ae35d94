/**
 * End to end on the demo page that `npm start` serves (playwright.config.ts starts it with the
 * mock server on 127.0.0.1:5198): an agent's whole call, driven by real clicks.
 */
import { expect, test, type Page } from '@playwright/test';

const MOCK = 'http://127.0.0.1:5198';
const USER = '100008800';

async function control(page: Page, path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await page.request.post(`${MOCK}/mock/${path}?${new URLSearchParams(params)}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as Record<string, unknown>;
}

async function requests(page: Page, method: string): Promise<{ params: Record<string, string> }[]> {
  const response = await page.request.get(`${MOCK}/mock/requests?${new URLSearchParams({ user: USER, method })}`);
  return ((await response.json()) as { requests: { params: Record<string, string> }[] }).requests;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#zh').locator('[part="status"]')).toHaveText(/在线/, { timeout: 10_000 });
});

test('an inbound call pops a card, is answered, and ends when the caller hangs up', async ({ page }) => {
  const widget = page.locator('#zh');
  const phone = `139${String(Date.now()).slice(-8)}`;
  const { cdrId } = (await control(page, 'ring', { user: USER, phone })) as { cdrId: string };

  const card = widget.locator('[part="card"]');
  await expect(card).toBeVisible();
  await expect(widget.locator('[part="phone"]')).toHaveText(phone);
  await expect(card).toHaveAttribute('data-state', 'ringing');

  await widget.locator('[part="answer-button"]').click();
  await expect(card).toHaveAttribute('data-state', 'talking');
  await expect(widget.locator('[part="answer-button"]')).toHaveCount(0);
  const answers = await requests(page, 'sendMsg');
  expect(answers.at(-1)?.params).toMatchObject({ phone, kind: '6' });

  await control(page, 'hangup', { cdrId });
  await expect(card).toHaveAttribute('data-state', 'ended');
  await expect(card).toHaveCount(0, { timeout: 10_000 });
});

test('dialing from the box sends callbackPhone with the number', async ({ page }) => {
  const widget = page.locator('#zh');
  const phone = `010${String(Date.now()).slice(-8)}`;
  await widget.locator('[part="dial-input"]').fill(phone);
  await widget.locator('[part="dial-input"]').press('Enter');
  await expect(widget.locator('[part="phone"]')).toHaveText(phone);
  const dials = await requests(page, 'callbackPhone');
  expect(dials.at(-1)?.params.descPhone).toBe(phone);
  await widget.locator('[part="hangup-button"]').click();
  await expect(widget.locator('[part="card"]')).toHaveAttribute('data-state', 'ended');
});

test('the simulator buttons drive the English widget too', async ({ page }) => {
  await page.locator('#sim select[name=user]').selectOption('100008801');
  await page.locator('#sim input[name=phone]').fill('13500000000');
  await page.getByRole('button', { name: /Inbound call/ }).click();
  const widget = page.locator('#en');
  await expect(widget.locator('[part="answer-button"]')).toHaveText('Answer');
  await page.getByRole('button', { name: /Caller hangs up/ }).click();
  await expect(widget.locator('[part="card"]')).toHaveAttribute('data-state', 'ended');
});

test('a reload in the middle of a call shows the call again, answered', async ({ page }) => {
  const phone = `137${String(Date.now()).slice(-8)}`;
  const { cdrId } = (await control(page, 'ring', { user: USER, phone })) as { cdrId: string };
  await control(page, 'answer', { cdrId });
  const widget = page.locator('#zh');
  await expect(widget.locator('[part="card"]')).toHaveAttribute('data-state', 'talking');
  await page.reload();
  await expect(widget.locator('[part="phone"]')).toHaveText(phone);
  await expect(widget.locator('[part="card"]')).toHaveAttribute('data-state', 'talking');
  await control(page, 'hangup', { cdrId });
  await expect(widget.locator('[part="card"]')).toHaveAttribute('data-state', 'ended');
});

test('the demo edits attributes live: lang switches the widget to English', async ({ page }) => {
  await page.locator('#attrs select[name="lang"]').selectOption('en');
  await expect(page.locator('#zh [part="status"]')).toHaveText(/Online/);
  await expect(page.locator('#zh [part="dial-button"]')).toHaveText('Call');
});
