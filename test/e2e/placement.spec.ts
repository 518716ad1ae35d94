/**
 * Placement, end to end on the dock demo page (demo/crm.html, served by `npm start`): a docked,
 * click-to-dial widget on a CRM page. The dock is fixed, minimises to its badge, opens when a call
 * rings, and is where it was left after a reload; `tel:` links in the page and in a component's
 * shadow root dial through it, unless the page cancels `voip-dial`.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

const MOCK = 'http://127.0.0.1:5198';
const USER = '100008800';

/** The numbers the mock server has been asked to dial for the agent, oldest first. */
async function dialled(page: Page): Promise<string[]> {
  const response = await page.request.get(`${MOCK}/mock/requests?${new URLSearchParams({ user: USER, method: 'callbackPhone' })}`);
  return ((await response.json()) as { requests: { params: Record<string, string> }[] }).requests.map((r) => r.params.descPhone!);
}

/** Gaps between the dock and the viewport's right and bottom edges. */
function corner(dock: Locator): Promise<{ right: number; bottom: number }> {
  return dock.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { right: Math.round(innerWidth - box.right), bottom: Math.round(innerHeight - box.bottom) };
  });
}

let dock: Locator;

test.beforeEach(async ({ page }) => {
  await page.goto('/demo/crm.html');
  dock = page.locator('#dock');
  await expect(dock.locator('[part="status"]')).toHaveText(/Online/, { timeout: 10_000 });
  // What the page's own handlers see after the widget had its turn; then no link leaves the page.
  await page.evaluate(() => {
    const seen: boolean[] = ((window as unknown as { linkDefault: boolean[] }).linkDefault = []);
    document.addEventListener('click', (event) => {
      if (event.composedPath().some((n) => n instanceof HTMLAnchorElement && n.protocol === 'tel:')) {
        seen.push(!event.defaultPrevented);
        event.preventDefault();
      }
    });
  });
});

const linkDefault = (page: Page): Promise<boolean[]> => page.evaluate(() => (window as unknown as { linkDefault: boolean[] }).linkDefault);

test('the dock is fixed in the bottom-right corner and stays there while the page scrolls', async ({ page }) => {
  expect(await dock.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  expect(await corner(dock)).toEqual({ right: 16, bottom: 16 });
  await page.setViewportSize({ width: 800, height: 400 });
  await page.mouse.wheel(0, 600);
  expect(await corner(dock)).toEqual({ right: 16, bottom: 16 });
});

test('minimised to its badge, it is still minimised after a reload, and opens from the badge', async ({ page }) => {
  await dock.locator('[part="minimize-button"]').click();
  const badge = dock.locator('[part="badge"]');
  await expect(badge).toContainText('Online');
  await expect(dock.locator('[part="dial-input"]')).toHaveCount(0);
  await page.reload();
  await expect(badge).toContainText('Online', { timeout: 10_000 });
  await badge.click();
  await expect(dock.locator('[part="dial-input"]')).toBeVisible();
  await page.reload();
  await expect(dock.locator('[part="status"]')).toHaveText(/Online/, { timeout: 10_000 });
});

test('dragged by its header, it is where it was left after a reload', async ({ page }) => {
  // The moves come with the extras; the move handle says when they are there.
  await expect(dock.locator('[data-drag-handle]')).not.toHaveAttribute('aria-disabled', 'true');
  const header = dock.locator('header');
  const box = (await header.boundingBox())!;
  const [x, y] = [box.x + 20, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 100, y - 50, { steps: 4 });
  await page.mouse.move(x - 200, y - 100, { steps: 4 });
  await page.mouse.up();
  expect(await corner(dock)).toEqual({ right: 216, bottom: 116 });
  await page.reload();
  await expect(dock.locator('[part="status"]')).toHaveText(/Online/, { timeout: 10_000 });
  expect(await corner(dock)).toEqual({ right: 216, bottom: 116 });
});

test('a ringing call opens the minimised dock, with the card', async ({ page }) => {
  await dock.locator('[part="minimize-button"]').click();
  await expect(dock.locator('[part="badge"]')).toBeVisible();
  const phone = `139${String(Date.now()).slice(-8)}`;
  const ring = await page.request.post(`${MOCK}/mock/ring?${new URLSearchParams({ user: USER, phone })}`);
  const { cdrId } = (await ring.json()) as { cdrId: string };
  await expect(dock.locator('[part="phone"]')).toHaveText(phone);
  await expect(dock.locator('[part="badge"]')).toHaveCount(0);
  await expect(dock.locator('[part="answer-button"]')).toBeVisible();
  await page.request.post(`${MOCK}/mock/hangup?${new URLSearchParams({ cdrId })}`);
});

test('a tel: link in the page dials through the widget, not the system handler', async ({ page }) => {
  const before = (await dialled(page)).length;
  await page.locator('#tel-light').click();
  await expect.poll(async () => (await dialled(page)).slice(before)).toEqual(['01088886666']);
  expect(await linkDefault(page)).toEqual([false]);
  await expect(dock.locator('[part="phone"]')).toHaveText('01088886666');
  await dock.locator('[part="hangup-button"]').click();
});

test("a tel: link inside a component's open shadow root dials too", async ({ page }) => {
  const before = (await dialled(page)).length;
  await page.locator('crm-contact-card a').click();
  await expect.poll(async () => (await dialled(page)).slice(before)).toEqual(['4008001234']);
  expect(await linkDefault(page)).toEqual([false]);
  await dock.locator('[part="hangup-button"]').click();
});

test('a page that cancels voip-dial keeps the link to itself: nothing is dialled', async ({ page }) => {
  await page.evaluate(() => document.querySelector('#dock')!.addEventListener('voip-dial', (event) => event.preventDefault()));
  const before = (await dialled(page)).length;
  const fired = page.evaluate(
    () => new Promise<string>((resolve) => document.addEventListener('voip-dial', (e) => resolve((e as CustomEvent<{ phone: string }>).detail.phone), { once: true })),
  );
  await page.locator('#tel-light').click();
  expect(await fired).toBe('01088886666');
  expect(await linkDefault(page), 'the link still does what it did').toEqual([true]);
  expect((await dialled(page)).slice(before)).toEqual([]);
  await expect(dock.locator('[part="card"]')).toHaveCount(0);
});
