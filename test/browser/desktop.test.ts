/**
 * The card's desktop menu and `desktop()` drive the vendor desktop client (here the mock one on
 * 127.0.0.1): what it receives is decoded and compared, command by command.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { control, desktopCommands, startMock, startMockDesktop, stopMock, stopMockDesktop, USER, type MockHandle } from './helpers/fixture.js';


describe('desktop client control', () => {
  let mock: MockHandle;
  let desktop: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 3000 });
    desktop = await startMockDesktop();
  });
  after(async () => {
    await stopMock(mock.port);
    await stopMockDesktop(desktop.port);
  });

  async function ringing(attrs: { crmOpen?: string; lang?: string } = {}): Promise<{ el: VoipSoftphone; cdrId: string }> {
    const el = await fixture<VoipSoftphone>(html`<voip-softphone
      server=${mock.url}
      user=${USER}
      password="02367073578"
      desktop-port=${desktop.port}
      lang=${attrs.lang ?? 'zh-CN'}
      crm-open=${attrs.crmOpen ?? 'link'}
      crm-url="https://crm.example.com/客户?phone={phone}"
    ></voip-softphone>`);
    await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
    await desktopCommands(desktop.port, { clear: true });
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone: '13812345678' });
    await ring;
    // The menu's view comes with the extras file (loaded after the login): there by now, or a moment later.
    await waitUntil(() => el.shadowRoot!.querySelector('[part="desktop-menu"]'), 'the desktop menu', { timeout: 5000 });
    return { el, cdrId };
  }

  it('the menu sends monitor, whisper, barge-in, force hang-up and transfer with the extension typed', async () => {
    const { el, cdrId } = await ringing();
    const menu = el.shadowRoot!.querySelector<HTMLDetailsElement>('[part="desktop-menu"]')!;
    menu.querySelector('summary')!.click();
    menu.querySelector('input')!.value = '8801';
    for (const type of [992, 993, 994, 981, 2]) {
      menu.querySelector<HTMLButtonElement>(`button[data-desktop-type="${type}"]`)!.click();
      await waitUntil(async () => (await desktopCommands(desktop.port)).length > 0, `command ${type}`);
      const [command] = await desktopCommands(desktop.port, { clear: true });
      expect(command!.type).to.equal(type);
      expect(command!.params.phone).to.equal('8801');
    }
    await control(mock.url, 'hangup', { cdrId });
  });

  it('opens the CRM page in the client pop window with the URL as UTF-8 Base64', async () => {
    const { el, cdrId } = await ringing();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-desktop-type="1000"]')!.click();
    await waitUntil(async () => (await desktopCommands(desktop.port)).length > 0, 'type 1000');
    const [command] = await desktopCommands(desktop.port);
    expect(command!.type).to.equal(1000);
    expect(command!.url).to.equal('https://crm.example.com/%E5%AE%A2%E6%88%B7?phone=13812345678');
    expect(command!.params.caption).to.equal('13812345678');
    await control(mock.url, 'hangup', { cdrId });
  });

  it('crm-open="desktop" pops the CRM page in the client when the call rings', async () => {
    const { cdrId } = await ringing({ crmOpen: 'desktop' });
    await waitUntil(async () => (await desktopCommands(desktop.port)).length > 0, 'type 1000 on ring');
    const [command] = await desktopCommands(desktop.port);
    expect(command!.type).to.equal(1000);
    expect(command!.url).to.contain('phone=13812345678');
    await control(mock.url, 'hangup', { cdrId });
  });

  it('says the client is not running, in the widget and as voip-error, without hanging', async () => {
    const el = await fixture<VoipSoftphone>(html`<voip-softphone lang="en" desktop-port="1"></voip-softphone>`);
    const failed = oneEvent(el, 'voip-error');
    let rejected: unknown;
    await el.desktop(2002).catch((error: unknown) => (rejected = error));
    const { detail } = await failed;
    expect((rejected as { code: number }).code).to.equal(-1003);
    expect(detail.error.message).to.equal('desktop client not running on 127.0.0.1:1');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('desktop client not running on 127.0.0.1:1');
  });
});
