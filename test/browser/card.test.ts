/**
 * The card while talking and after the call: masking, transfer, mute, availability, the duration
 * and recording links from the call record, and crm-open="tab".
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { button, connected, control, part, PASSWORD, requests, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';
import { withWindowOpen } from './helpers/window-open.js';

const MASKED = { user: '100008877', password: 'masked77', extension: '8877', name: '屏蔽号码坐席', disablePhoneNum: 1 as const };

describe('the pop card', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 3000, accounts: [MASKED] });
  });
  after(async () => {
    await stopMock(mock.port);
  });

  function online(user = USER, password = PASSWORD, extra: { crmOpen?: string } = {}): Promise<VoipSoftphone> {
    return connected({
      server: mock.url,
      user,
      password,
      lang: 'en',
      'desktop-port': 0,
      'crm-url': 'https://crm.example.com/c?phone={phone}',
      'crm-open': extra.crmOpen ?? 'link',
    });
  }

  async function talking(el: VoipSoftphone, user = USER, phone = '13812345678'): Promise<string> {
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user, phone });
    await ring;
    const answered = oneEvent(el, 'voip-answer');
    await control(mock.url, 'answer', { cdrId });
    await answered;
    await el.updateComplete;
    return cdrId;
  }

  it('masks the number as 138****5678 when the agent may not see numbers', async () => {
    const el = await online(MASKED.user, MASKED.password);
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: MASKED.user, phone: '13812345678' });
    const { detail } = await ring;
    await el.updateComplete;
    expect(part(el, 'phone')!.textContent!.trim()).to.equal('138****5678');
    expect(detail.call.phone, 'the event keeps the real number for the CRM').to.equal('13812345678');
    await control(mock.url, 'hangup', { cdrId });
  });

  it('a masked number never shows in full: the ended card goes with the logout', async () => {
    const el = await online(MASKED.user, MASKED.password);
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: MASKED.user, phone: '13812345678' });
    await ring;
    const ended = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    await ended;
    await el.updateComplete;
    expect(part(el, 'phone')!.textContent!.trim(), 'the ended card, masked').to.equal('138****5678');
    await el.logout();
    await el.updateComplete;
    expect(el.call).to.equal(null);
    expect(part(el, 'card')).to.equal(null);
    expect(el.shadowRoot!.textContent).not.to.contain('13812345678');
  });

  it('transfers the talking call to the extension typed', async () => {
    const el = await online();
    await talking(el);
    button(el, 'Transfer').click();
    // The form's view comes with the extras (there by now, or a moment later).
    await waitUntil(() => el.shadowRoot!.querySelector('form.transfer input'), 'the transfer form');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('form.transfer input')!;
    input.value = '0800';
    const hungUp = oneEvent(el, 'voip-hangup');
    input.form!.requestSubmit();
    await hungUp;
    expect((await requests(mock, { user: USER, method: 'transferExten' })).at(-1)!.params.descExten).to.equal('0800');
  });

  it('mutes: the server receives sendMsg kind 7 for the call', async () => {
    const el = await online();
    const cdrId = await talking(el, USER, '13700000007');
    button(el, 'Mute').click();
    await waitUntil(async () => (await requests(mock, { user: USER, method: 'sendMsg' })).some((r) => r.params.kind === '7'), 'mute sent');
    const mute = (await requests(mock, { user: USER, method: 'sendMsg' })).filter((r) => r.params.kind === '7').at(-1)!;
    expect(mute.params.phone).to.equal('13700000007');
    await control(mock.url, 'hangup', { cdrId });
  });

  it('checks the agent out and in from the header', async () => {
    const el = await online();
    await el.updateComplete;
    button(el, 'Check out').click();
    await waitUntil(() => part(el, 'availability')?.textContent?.includes('Away'), 'away');
    expect((await requests(mock, { user: USER, method: 'setUserCheckInOut' })).at(-1)!.params.status).to.equal('1');
    button(el, 'Check in').click();
    await waitUntil(() => part(el, 'availability')?.textContent?.includes('Available'), 'available');
    expect((await requests(mock, { user: USER, method: 'setUserCheckInOut' })).at(-1)!.params.status).to.equal('0');
  });

  it('after the call, shows the talk time from the call record and the recording links', async () => {
    const el = await online();
    const cdrId = await talking(el, USER, '13600000006');
    await new Promise((r) => setTimeout(r, 1100));
    const hungUp = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    await hungUp;
    await waitUntil(() => el.shadowRoot!.querySelector(`a[href$="id=${cdrId}&ismp3=1"]`) !== null, 'recording links');
    const card = part(el, 'card')!;
    expect(card.textContent).to.contain('Duration');
    expect(card.textContent).to.match(/00:0[1-9]/);
    const wav = [...card.querySelectorAll('a')].find((a) => a.textContent!.trim() === 'Recording')!;
    expect(wav.href).to.match(new RegExp(`/voip/record/.+${cdrId}`));
    expect((await fetch(wav.href)).status).to.equal(200);
  });

  it('crm-open="tab" with two elements of the account (as in two CRM tabs): one CRM tab per call', async () => {
    await withWindowOpen({} as Window, async (opened) => {
      const a = await online(USER, PASSWORD, { crmOpen: 'tab' });
      const b = await online(USER, PASSWORD, { crmOpen: 'tab' });
      const rang = Promise.all([oneEvent(a, 'voip-ring'), oneEvent(b, 'voip-ring')]);
      const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13500000006' });
      await rang;
      await new Promise((r) => setTimeout(r, 300));
      expect(opened).to.deep.equal(['https://crm.example.com/c?phone=13500000006']);
      await control(mock.url, 'hangup', { cdrId });
    });
  });

  it('crm-open="tab" opens the CRM page on ring; a blocked pop-up highlights the link and says why', async () => {
    await withWindowOpen(null, async (opened) => {
      const el = await online(USER, PASSWORD, { crmOpen: 'tab' });
      const failed = oneEvent(el, 'voip-error');
      const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13500000005' });
      const { detail } = await failed;
      expect(opened).to.deep.equal(['https://crm.example.com/c?phone=13500000005']);
      expect(detail.error.code).to.equal(-1006);
      await el.updateComplete;
      expect(part(el, 'crm-link')!.hasAttribute('data-highlight')).to.equal(true);
      await control(mock.url, 'hangup', { cdrId });
    });
  });
});
