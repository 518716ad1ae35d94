/**
 * Click to dial on the real element: real clicks (the browser's own mouse) on `tel:` links of the page, in the light
 * DOM and in open shadow roots, added before or after the host, dial through a host that is
 * online and has it on, after a cancelable `voip-dial`; otherwise the link is the page's.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from './helpers/mock.js';

const AGENT = { user: '100008800', password: '02367073578' };

/** The numbers the mock server was asked to dial (callbackPhone's descPhone), in order. */
async function dialled(mock: MockHandle): Promise<string[]> {
  const { requests } = await control<{ requests: { method: string; params: Record<string, string> }[] }>(mock.url, 'requests', {});
  return requests.filter((r) => r.method === 'callbackPhone').map((r) => r.params.descPhone!);
}

/** The dials once `count` of them reached the mock (a click's dial goes out asynchronously). */
async function dialledSoon(mock: MockHandle, count: number): Promise<string[]> {
  await waitUntil(async () => (await dialled(mock)).length >= count, `${count} dial(s) reach the server`);
  return dialled(mock);
}

/** A page component that keeps its links in an open shadow root. */
class ShadowCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<a href="tel:+86-10-8888-6666">call</a>';
  }
}
customElements.define('shadow-card', ShadowCard);

/**
 * What the page saw of each click after the element had its turn: whether the link's default
 * action was still on. The page then stops it, so that no click here leaves the test page.
 */
const pageSaw: boolean[] = [];
function pageHandler(event: MouseEvent): void {
  pageSaw.push(!event.defaultPrevented);
  event.preventDefault();
}

async function click(target: Element, button: 'left' | 'middle' = 'left'): Promise<void> {
  target.scrollIntoView({ block: 'center' }); // the mouse clicks where the link is on screen
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)], button });
}

describe('click to dial', () => {
  let mock: MockHandle;
  let dials: string[];
  /** Every voip-dial that reached the document (it bubbles and is composed). */
  const onDial = (event: Event): number => dials.push((event as CustomEvent<{ phone: string }>).detail.phone);

  beforeEach(async () => {
    mock = await startMock({ holdMs: 3000 });
    pageSaw.length = 0;
    dials = [];
    document.addEventListener('click', pageHandler);
    document.addEventListener('auxclick', pageHandler);
    document.addEventListener('voip-dial', onDial);
  });
  afterEach(async () => {
    document.removeEventListener('click', pageHandler);
    document.removeEventListener('auxclick', pageHandler);
    document.removeEventListener('voip-dial', onDial);
    await resetMouse();
    fixtureCleanup();
    await stopMock(mock.port);
  });

  /** A CRM page with the element (online, click-to-dial on) and a tel: link. */
  async function page(): Promise<{ host: VoipSoftphone; root: HTMLElement }> {
    // The links come before the widget: it grows after login (status text, the recent list), and
    // a link below it would move between the mouse's aim and its click.
    const root = await fixture<HTMLElement>(html`<div>
      <p>Customer: <a id="light" href="tel:+86 (10) 1234-5678;ext=9">+86 (10) 1234-5678</a></p>
      <voip-softphone click-to-dial lang="en" desktop-port="0" server=${mock.url} user=${AGENT.user} password=${AGENT.password}></voip-softphone>
    </div>`);
    const host = root.querySelector<VoipSoftphone>('voip-softphone')!;
    await waitUntil(() => host.status === 'online', 'online', { timeout: 5000 });
    return { host, root };
  }

  it('a tel: link in the page dials its number through the element, after voip-dial', async () => {
    const { host, root } = await page();
    let detail: unknown;
    host.addEventListener('voip-dial', (e) => (detail = { ...e.detail, cancelable: e.cancelable, composed: e.composed }), { once: true });
    await click(root.querySelector('#light')!);
    expect(detail).to.deep.equal({ phone: '+861012345678', cancelable: true, composed: true });
    expect(await dialledSoon(mock, 1)).to.deep.equal(['+861012345678']);
    expect(pageSaw, 'the system handler is not asked').to.deep.equal([false]);
  });

  it('links in open shadow roots and links added later dial too', async () => {
    const { root } = await page();
    const card = document.createElement('shadow-card');
    root.prepend(card);
    const later = Object.assign(document.createElement('a'), { href: 'tel:400.800.1234', textContent: '400.800.1234' });
    card.after(later);
    await click(card.shadowRoot!.querySelector('a')!);
    await click(later);
    expect(await dialledSoon(mock, 2)).to.deep.equal(['+861088886666', '4008001234']);
    expect(dials).to.deep.equal(['+861088886666', '4008001234']);
  });

  it('a page that cancels voip-dial keeps its own behaviour: nothing is dialled', async () => {
    const { host, root } = await page();
    host.addEventListener('voip-dial', (e) => e.preventDefault());
    await click(root.querySelector('#light')!);
    expect(dials, 'voip-dial was fired').to.deep.equal(['+861012345678']);
    expect(await dialled(mock)).to.deep.equal([]);
    expect(pageSaw, 'the link still does what it did').to.deep.equal([true]);
  });

  it('offline, or with click-to-dial off, the link behaves as usual', async () => {
    const { host, root } = await page();
    host.clickToDial = false;
    await click(root.querySelector('#light')!);
    host.clickToDial = true;
    await host.logout();
    await click(root.querySelector('#light')!);
    expect(dials).to.deep.equal([]);
    expect(await dialled(mock)).to.deep.equal([]);
    expect(pageSaw).to.deep.equal([true, true]);
  });

  it('ctrl-, shift- and middle-clicks are left to the browser', async () => {
    const { root } = await page();
    const link = root.querySelector('#light')!;
    for (const key of ['Control', 'Shift']) {
      await sendKeys({ down: key });
      await click(link);
      await sendKeys({ up: key });
    }
    await click(link, 'middle');
    expect(await dialled(mock)).to.deep.equal([]);
    expect(pageSaw).to.deep.equal([true, true, true]);
  });

  it('clicks elsewhere, and every click once the element is removed, are not touched', async () => {
    const { host, root } = await page();
    await click(root.querySelector('p')!.firstChild!.parentElement!);
    host.remove();
    await click(root.querySelector('#light')!);
    expect(dials).to.deep.equal([]);
    expect(await dialled(mock)).to.deep.equal([]);
    expect(pageSaw).to.deep.equal([true, true]);
  });

  it('axe finds nothing on a page with the element and tel: links', async () => {
    const { root } = await page();
    await expect(root).to.be.accessible();
  });
});
