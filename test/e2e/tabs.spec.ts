/**
 * Many tabs of the same CRM page: one poller per account, the same call in every tab, and a
 * takeover without loss or doubling when the leader tab closes mid-call.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

const MOCK = 'http://127.0.0.1:5198';
const USER = '100008800';

async function control(page: Page, path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await page.request.post(`${MOCK}/mock/${path}?${new URLSearchParams(params)}`);
  return (await response.json()) as Record<string, unknown>;
}

async function polls(page: Page): Promise<number> {
  const response = await page.request.get(`${MOCK}/mock/requests?${new URLSearchParams({ user: USER, method: 'getLongWaterLine' })}`);
  return ((await response.json()) as { requests: unknown[] }).requests.length;
}

/** Opens `n` tabs of the demo and records each tab's call events in `window.__seen`. */
async function openTabs(context: BrowserContext, n: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < n; i++) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      for (const type of ['voip-ring', 'voip-answer', 'voip-hangup']) {
        document.addEventListener(type, (e) => {
          const target = e.target as HTMLElement;
          if (target.id === 'zh') seen.push(`${type}:${(e as CustomEvent<{ call: { phone: string } }>).detail.call.phone}`);
        });
      }
    });
    await page.goto('/');
    await expect(page.locator('#zh [part="status"]')).toHaveText(/在线/, { timeout: 10_000 });
    pages.push(page);
  }
  return pages;
}

const seen = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

test('three tabs: one poller, the same card everywhere, and a clean takeover when the leader closes', async ({ context }) => {
  const pages = await openTabs(context, 3);
  const [first] = pages as [Page, Page, Page];

  // With the mock holding each poll until something changes, one poller means at most a couple
  // of requests in flight over this window, whatever the number of tabs.
  await control(first, 'reset-log', {});
  const phone = `136${String(Date.now()).slice(-8)}`;
  const { cdrId } = (await control(first, 'ring', { user: USER, phone })) as { cdrId: string };
  for (const page of pages) await expect(page.locator('#zh [part="phone"]')).toHaveText(phone);
  expect(await polls(first)).toBeLessThanOrEqual(3);

  // Answer from a follower tab: every tab shows the call talking.
  await pages[2]!.locator('#zh [part="answer-button"]').click();
  for (const page of pages) await expect(page.locator('#zh [part="card"]')).toHaveAttribute('data-state', 'talking');

  // Close the leader (the first tab to open). The caller hangs up after the takeover began.
  await first.close();
  await control(pages[1]!, 'hangup', { cdrId });
  for (const page of pages.slice(1)) await expect(page.locator('#zh [part="card"]')).toHaveAttribute('data-state', 'ended');
  for (const page of pages.slice(1)) {
    expect(await seen(page)).toEqual([`voip-ring:${phone}`, `voip-answer:${phone}`, `voip-hangup:${phone}`]);
  }
});
