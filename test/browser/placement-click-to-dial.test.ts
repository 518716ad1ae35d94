/**
 * Click to dial: real clicks (the browser's own mouse) on `tel:` links of the page, in the light
 * DOM and in open shadow roots, added before or after the host, dial through a host that is
 * online and has it on, after a cancelable `voip-dial`; otherwise the link is the page's.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import { ClickToDialController } from '../../src/element/placement/click-to-dial-controller.js';

/** A host as the element will be: `clickToDial` on, online or not, `dial()` recorded. */
class DialHost extends LitElement {
  static override properties = { online: { type: Boolean } };
  online = true;
  enabled = true;
  readonly dialled: string[] = [];
  constructor() {
    super();
    new ClickToDialController(this, {
      active: () => this.enabled && this.online,
      dial: (phone) => this.dialled.push(phone),
    });
  }
  override render(): unknown {
    return litHtml`<p>softphone</p>`;
  }
}
customElements.define('dial-host', DialHost);

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
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)], button });
}

describe('click to dial', () => {
  let dials: string[];
  /** Every voip-dial that reached the document (it bubbles and is composed). */
  const onDial = (event: Event): number => dials.push((event as CustomEvent<{ phone: string }>).detail.phone);

  beforeEach(() => {
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
  });

  async function page(): Promise<{ host: DialHost; root: HTMLElement }> {
    const root = await fixture<HTMLElement>(html`<div>
      <dial-host></dial-host>
      <p>Customer: <a id="light" href="tel:+86 (10) 1234-5678;ext=9">+86 (10) 1234-5678</a></p>
    </div>`);
    return { host: root.querySelector<DialHost>('dial-host')!, root };
  }

  it('a tel: link in the page dials its number through the element, after voip-dial', async () => {
    const { host, root } = await page();
    let detail: unknown;
    host.addEventListener('voip-dial', (e) => (detail = { ...e.detail, cancelable: e.cancelable, composed: e.composed }), { once: true });
    await click(root.querySelector('#light')!);
    expect(detail).to.deep.equal({ phone: '+861012345678', cancelable: true, composed: true });
    expect(host.dialled).to.deep.equal(['+861012345678']);
    expect(pageSaw, 'the system handler is not asked').to.deep.equal([false]);
  });

  it('links in open shadow roots and links added later dial too', async () => {
    const { host, root } = await page();
    const card = document.createElement('shadow-card');
    root.append(card);
    const later = Object.assign(document.createElement('a'), { href: 'tel:400.800.1234', textContent: '400.800.1234' });
    root.append(later);
    await click(card.shadowRoot!.querySelector('a')!);
    await click(later);
    expect(host.dialled).to.deep.equal(['+861088886666', '4008001234']);
    expect(dials).to.deep.equal(['+861088886666', '4008001234']);
  });

  it('a page that cancels voip-dial keeps its own behaviour: nothing is dialled', async () => {
    const { host, root } = await page();
    host.addEventListener('voip-dial', (e) => e.preventDefault());
    await click(root.querySelector('#light')!);
    expect(dials, 'voip-dial was fired').to.deep.equal(['+861012345678']);
    expect(host.dialled).to.deep.equal([]);
    expect(pageSaw, 'the link still does what it did').to.deep.equal([true]);
  });

  it('offline, or with click-to-dial off, the link behaves as usual', async () => {
    const { host, root } = await page();
    host.online = false;
    await click(root.querySelector('#light')!);
    host.online = true;
    host.enabled = false;
    await click(root.querySelector('#light')!);
    expect(dials).to.deep.equal([]);
    expect(host.dialled).to.deep.equal([]);
    expect(pageSaw).to.deep.equal([true, true]);
  });

  it('ctrl-, shift- and middle-clicks are left to the browser', async () => {
    const { host, root } = await page();
    const link = root.querySelector('#light')!;
    for (const key of ['Control', 'Shift']) {
      await sendKeys({ down: key });
      await click(link);
      await sendKeys({ up: key });
    }
    await click(link, 'middle');
    expect(host.dialled).to.deep.equal([]);
    expect(pageSaw).to.deep.equal([true, true, true]);
  });

  it('clicks elsewhere, and every click once the element is removed, are not touched', async () => {
    const { host, root } = await page();
    await click(root.querySelector('p')!.firstChild!.parentElement!);
    host.remove();
    await click(root.querySelector('#light')!);
    expect(dials).to.deep.equal([]);
    expect(host.dialled).to.deep.equal([]);
    expect(pageSaw).to.deep.equal([true, true]);
  });

  it('axe finds nothing on a page with the element and tel: links', async () => {
    const { root } = await page();
    await expect(root).to.be.accessible();
  });
});
