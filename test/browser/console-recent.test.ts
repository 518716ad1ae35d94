/**
 * Recent and missed calls (CONTRACT "Recent and missed calls") against the real mock: a missed
 * call is listed `missed` and counted on the badge until the list is opened, the list survives a
 * reload (a new element of the account reads it), call-back dials the number, `recent-limit`
 * keeps the newest, and the list passes axe in both languages. A fresh mock per test: the list is
 * seeded from the server's history after login.
 */
import { expect, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { connected, control, part, PASSWORD, polling, requests, ring, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';

const MISSED = '13800000102';
const ANSWERED = '13800000101';

describe('recent and missed calls', () => {
  let mock: MockHandle;
  beforeEach(async () => {
    localStorage.clear();
    mock = await startMock({ holdMs: 3000, outboundConnectMs: -1 });
  });
  afterEach(async () => {
    fixtureCleanup();
    await stopMock(mock.port);
    localStorage.clear();
  });

  /** Online and polling: a call rung before the first poll set its base would count as history. */
  async function online(extra: Record<string, string | number> = {}): Promise<VoipSoftphone> {
    const el = await connected({ server: mock.url, user: USER, password: PASSWORD, lang: 'en', 'desktop-port': 0, ...extra });
    await polling(mock);
    return el;
  }

  async function missedCall(el: VoipSoftphone, phone = MISSED): Promise<void> {
    const ended = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId: await ring(mock, phone) });
    await ended;
    await el.updateComplete;
  }

  async function answeredCall(el: VoipSoftphone, phone = ANSWERED): Promise<void> {
    const cdrId = await ring(mock, phone);
    const answered = oneEvent(el, 'voip-answer');
    await control(mock.url, 'answer', { cdrId });
    await answered;
    const ended = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    await ended;
    await el.updateComplete;
  }

  async function openList(el: VoipSoftphone): Promise<HTMLElement> {
    part(el, 'recent-button')!.click();
    await el.updateComplete;
    return part(el, 'recent')!;
  }

  it('a missed call is listed missed and counted on the badge; opening the list resets the badge', async () => {
    const el = await online();
    expect(part(el, 'missed-badge'), 'absent at 0').to.equal(null);
    await answeredCall(el);
    await missedCall(el);
    expect(el.recentCalls.map((c) => [c.phone, c.state, c.missed === true])).to.deep.equal([
      [MISSED, 'ended', true],
      [ANSWERED, 'ended', false],
    ]);
    expect(part(el, 'missed-badge')!.textContent!.trim()).to.equal('1');
    const list = await openList(el);
    expect(list.querySelectorAll('[part~="recent-item"]').length).to.equal(2);
    expect(list.textContent).to.contain(MISSED).and.to.contain('Missed');
    expect(part(el, 'missed-badge'), 'seen').to.equal(null);
  });

  it('recent-limit keeps only the newest calls', async () => {
    const el = await online({ 'recent-limit': 2 });
    for (const phone of ['13800000001', '13800000002', '13800000003']) await missedCall(el, phone);
    expect(el.recentCalls.map((c) => c.phone)).to.deep.equal(['13800000003', '13800000002']);
  });

  it('is seeded after login from the server history', async () => {
    const first = await online();
    await missedCall(first);
    first.remove();
    localStorage.clear(); // a new browser: only the server remembers
    const el = await online();
    await waitUntil(() => el.recentCalls.length === 1, 'seeded', { timeout: 3000 });
    expect(el.recentCalls[0]!.phone).to.equal(MISSED);
    expect(el.recentCalls[0]!.missed).to.equal(true);
  });

  it('a missed call survives a reload and is called back from the list', async () => {
    const el = await online();
    await missedCall(el);
    el.remove(); // the page reloads: a new element of the same account
    const again = await online();
    expect(again.recentCalls.map((c) => [c.phone, c.missed])).to.deep.equal([[MISSED, true]]);
    expect(part(again, 'missed-badge')!.textContent!.trim(), 'still unseen').to.equal('1');
    const list = await openList(again);
    const callBack = list.querySelector<HTMLButtonElement>('[part~="callback-button"]')!;
    expect(callBack.disabled).to.equal(false);
    const dialing = oneEvent(again, 'voip-ring');
    callBack.click();
    await dialing;
    const dials = await requests(mock, { user: USER, method: 'callbackPhone' });
    expect(dials.map((r) => r.params.descPhone)).to.deep.equal([MISSED]);
    expect(part(again, 'missed-badge')).to.equal(null);
  });

  for (const lang of ['en', 'zh-CN']) {
    it(`the open list passes axe (${lang})`, async () => {
      const el = await online({ lang });
      await answeredCall(el);
      await missedCall(el);
      await openList(el);
      await expect(el).to.be.accessible();
    });
  }
});
