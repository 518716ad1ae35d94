/**
 * Getting the agent's attention when a call rings: the tab title, the "enable sound" prompt,
 * a desktop notification while the page is hidden, and quiet again once the call is answered.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { connected, control, PASSWORD, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';
import { withWindowOpen } from './helpers/window-open.js';


describe('attention while a call rings', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 3000 });
  });
  after(async () => {
    await stopMock(mock.port);
  });

  function online(attrs = ''): Promise<VoipSoftphone> {
    return connected({
      server: mock.url,
      user: USER,
      password: PASSWORD,
      'desktop-port': 0,
      lang: 'en',
      notify: attrs.includes('notify'),
      ringtone: attrs.includes('silent') ? 'off' : 'on',
    });
  }

  it('flashes the tab title with the caller until the call is answered, then restores it', async () => {
    const el = await online();
    const original = document.title;
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13812345678' });
    await ring;
    expect(document.title).to.equal('Incoming 13812345678');
    await waitUntil(() => document.title === original, 'title alternates', { timeout: 3000 });
    await waitUntil(() => document.title !== original, 'and back', { timeout: 3000 });
    const answered = oneEvent(el, 'voip-answer');
    await control(mock.url, 'answer', { cdrId });
    await answered;
    expect(document.title).to.equal(original);
    await new Promise((r) => setTimeout(r, 1200));
    expect(document.title, 'no flashing after the answer').to.equal(original);
    await control(mock.url, 'hangup', { cdrId });
  });

  it('stops flashing the title at once when the agent logs out during the ring', async () => {
    const el = await online();
    const original = document.title;
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13812345679' });
    await ring;
    expect(document.title).to.equal('Incoming 13812345679');
    await el.logout();
    expect(document.title).to.equal(original);
    await new Promise((r) => setTimeout(r, 1200));
    expect(document.title, 'no flashing after the logout').to.equal(original);
    await control(mock.url, 'hangup', { cdrId });
  });

  it('moved to another parent during the ring: the title flashes again, the CRM tab opened once', async () => {
    await withWindowOpen({} as Window, async (opened) => {
      const el = await online();
      el.setAttribute('crm-url', 'https://crm.example.com/c?phone={phone}');
      el.setAttribute('crm-open', 'tab');
      const original = document.title;
      const rings: string[] = [];
      el.addEventListener('voip-ring', (e) => rings.push(e.detail.call.phone));
      const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13812345670' });
      await waitUntil(() => rings.length === 1, 'ring', { timeout: 3000 });
      const other = document.createElement('section');
      document.body.append(other);
      other.append(el);
      expect(document.title, 'quiet while the element is away').to.equal(original);
      await waitUntil(() => document.title === 'Incoming 13812345670', 'the title flashes again', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 500));
      expect(rings, 'one voip-ring').to.deep.equal(['13812345670']);
      expect(opened, 'one CRM tab').to.deep.equal(['https://crm.example.com/c?phone=13812345670']);
      await el.logout();
      other.remove();
      await control(mock.url, 'hangup', { cdrId });
    });
  });

  it('offers "click to enable sound" until the page has had a user gesture, and never with ringtone="off"', async () => {
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
    const el = await online();
    await el.updateComplete;
    const prompt = el.shadowRoot!.querySelector('[part="sound-prompt"]');
    if (activation?.hasBeenActive) {
      expect(prompt, 'the page already had a gesture').to.equal(null);
    } else {
      expect(prompt!.textContent).to.contain('enable the ringtone');
    }
    const silent = await online('silent');
    await silent.updateComplete;
    expect(silent.shadowRoot!.querySelector('[part="sound-prompt"]')).to.equal(null);
  });

  it('shows one desktop notification for a call that rings while the page is hidden', async () => {
    const shown: { title: string; tag?: string }[] = [];
    const RealNotification = window.Notification;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, tag: options.tag });
      }
      close() {}
    }
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      const el = await online('notify');
      const ring = oneEvent(el, 'voip-ring');
      const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13900000001' });
      await ring;
      expect(shown).to.deep.equal([{ title: 'Incoming 13900000001', tag: `voip-${cdrId}` }]);
      await control(mock.url, 'hangup', { cdrId });
      await oneEvent(el, 'voip-hangup');
    } finally {
      Object.defineProperty(window, 'Notification', { value: RealNotification, configurable: true, writable: true });
      delete (document as unknown as Record<string, unknown>).visibilityState;
      Object.defineProperty(Document.prototype, 'visibilityState', visibility);
    }
  });
});
