/**
 * crm-open="tab": one CRM tab per call across the page's lives. Removing the element and adding
 * a fresh one stands for the agent moving to another CRM page or reloading (same origin, storage
 * kept): the call in progress is shown again with voip-ring and voip-answer, but not popped again.
 */
import { expect, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import type { VoipSoftphone } from '../../src/index.js';
import { CallLedger, LEDGER_MAX_ENTRIES, LEDGER_TTL_MS } from '../../src/session/call-ledger.js';
import { connected, control, PASSWORD, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';
import { withWindowOpen } from './helpers/window-open.js';

const MASKED = { user: '100008878', password: 'masked78', extension: '8878', name: 'masked', disablePhoneNum: 1 as const };
const POPPED_KEY = 'voip-softphone:crm-popped';

describe('crm-open="tab" across page lives', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 3000, accounts: [MASKED] });
  });
  after(async () => {
    await stopMock(mock.port);
  });

  /** A new page life: the old element (if any) leaves the page, a fresh one comes online. */
  function page(user = USER, password = PASSWORD): Promise<VoipSoftphone> {
    fixtureCleanup();
    return connected({
      server: mock.url,
      user,
      password,
      lang: 'en',
      'desktop-port': 0,
      'crm-url': 'https://crm.example.com/c?phone={phone}',
      'crm-open': 'tab',
    });
  }

  it('a call opens one CRM tab, however often the page is left and loaded again during it; a new call opens another', async () => {
    // Heard on the document, listening before any page life starts: a new page may replay the
    // call in its first poll before a listener added after connecting would be there.
    const heard: string[] = [];
    const hear = (event: Event): void => void heard.push(event.type);
    const types = ['voip-ring', 'voip-answer'] as const;
    for (const type of types) document.addEventListener(type, hear);
    const count = (type: string): number => heard.filter((t) => t === type).length;
    try {
      await withWindowOpen({} as Window, async (opened) => {
        await page();
        const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13500000101' });
        await waitUntil(() => count('voip-ring') === 1, 'the first page hears the ring');
        await waitUntil(() => opened.length === 1, 'the ring pops the CRM');

        // Navigation while it rings: the page hears of the call again, the CRM is not opened again.
        await page();
        await waitUntil(() => count('voip-ring') === 2, 'the second page hears the ring');
        await control(mock.url, 'answer', { cdrId });
        await waitUntil(() => count('voip-answer') === 1, 'the second page hears the answer');

        // A reload while talking: ring then answer again for this page life, still one tab.
        const el = await page();
        await waitUntil(() => count('voip-ring') === 3 && count('voip-answer') === 2, 'the third page hears ring and answer');
        expect(opened).to.have.length(1);

        const hungUp = oneEvent(el, 'voip-hangup');
        await control(mock.url, 'hangup', { cdrId });
        await hungUp;
        const next = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13500000101' });
        await waitUntil(() => count('voip-ring') === 4, 'the new call rings');
        await waitUntil(() => opened.length === 2, 'a new call of the same number pops again');
        expect(opened).to.deep.equal(['https://crm.example.com/c?phone=13500000101', 'https://crm.example.com/c?phone=13500000101']);
        await control(mock.url, 'hangup', { cdrId: next.cdrId });
      });
    } finally {
      for (const type of types) document.removeEventListener(type, hear);
    }
  });

  it('what is remembered holds no number, for a masked agent as for any', async () => {
    await withWindowOpen({} as Window, async (opened) => {
      const el = await page(MASKED.user, MASKED.password);
      const rang = oneEvent(el, 'voip-ring');
      const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: MASKED.user, phone: '13500000102' });
      await rang;
      await waitUntil(() => opened.length === 1, 'the ring pops the CRM');
      const stored = localStorage.getItem(POPPED_KEY)!;
      expect(stored).to.not.include('13500000102');
      expect(stored).to.not.include(cdrId);
      expect(stored).to.not.include(MASKED.user);
      await control(mock.url, 'hangup', { cdrId });
    });
  });
});

describe('CallLedger', () => {
  const call = (cdrId: string) => ({ phone: '13500000103', direction: 'inbound' as const, cdrId, startedAt: 0 });

  it('forgets a call after LEDGER_TTL_MS and keeps at most LEDGER_MAX_ENTRIES calls', () => {
    let now = 1_000_000;
    const ledger = new CallLedger('voip-softphone:test-ledger', () => now);
    localStorage.removeItem(ledger.name);
    expect(ledger.claim('s|u', call('1'))).to.equal(true);
    expect(ledger.claim('s|u', call('1'))).to.equal(false);
    expect(ledger.claim('s|other', call('1')), 'another account').to.equal(true);
    now += LEDGER_TTL_MS;
    expect(ledger.claim('s|u', call('1')), 'expired').to.equal(true);
    for (let i = 0; i < LEDGER_MAX_ENTRIES + 10; i++) ledger.claim('s|u', call(`n${i}`));
    expect(Object.keys(JSON.parse(localStorage.getItem(ledger.name)!) as object)).to.have.length(LEDGER_MAX_ENTRIES);
    localStorage.removeItem(ledger.name);
  });
});
