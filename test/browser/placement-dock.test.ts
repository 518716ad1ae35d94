/**
 * `mode="dock"` with the real mouse and keyboard: fixed in the bottom-right corner, dragged by its
 * header, moved with the arrow keys, minimised to a badge with the status and the missed count and
 * opened again, opened by a ringing call, remembered for the origin, kept inside the viewport.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { LitElement, html as litHtml, nothing } from 'lit';
import { styles } from '../../src/element/voip-softphone.styles.js';
import { DOCK_STORAGE_KEY, DockController } from '../../src/element/placement/dock-controller.js';
import { renderBadge, renderDockControls, type DockStrings } from '../../src/element/placement/dock-view.js';
import { dockStyles } from '../../src/element/placement/dock.styles.js';
import { themeStyles } from '../../src/element/placement/theme.styles.js';

/** The words the element's i18n tables get. */
const STRINGS: Record<string, DockStrings> = {
  en: { dockMove: 'Move the softphone (arrow keys)', dockMinimize: 'Minimise', dockOpen: 'Open the softphone:', dockMissed: 'missed' },
  'zh-CN': { dockMove: '移动软电话（方向键）', dockMinimize: '最小化', dockOpen: '打开软电话：', dockMissed: '未接' },
};

/** A host as the element will be: a header to drag, a body, the badge when minimised. */
class DockHost extends LitElement {
  static override styles = [styles, themeStyles, dockStyles];
  static override properties = { mode: { reflect: true }, lang: {}, missed: { type: Number } };
  mode = 'dock';
  override lang = 'en';
  missed = 0;
  readonly dock = new DockController(this, () => this.mode === 'dock');
  override render(): unknown {
    const t = STRINGS[this.lang]!;
    if (this.dock.minimized) return renderBadge(this.dock, t, { status: 'online', statusText: 'Online', missed: this.missed });
    return litHtml`<header @pointerdown=${this.dock.onPointerDown}>
        <span class="who">Agent 8001</span>
        <span part="status">Online</span>
        ${this.mode === 'dock' ? renderDockControls(this.dock, t) : nothing}
      </header>
      <p style="margin:8px;height:120px">body</p>`;
  }
}
customElements.define('dock-host', DockHost);

const VIEWPORT = { width: 800, height: 600 };

function part(el: DockHost, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function center(target: Element): [number, number] {
  const box = target.getBoundingClientRect();
  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
}

/** Gaps to the viewport's right and bottom edges. */
function corner(el: Element): { right: number; bottom: number } {
  const box = el.getBoundingClientRect();
  return { right: Math.round(document.documentElement.clientWidth - box.right), bottom: Math.round(document.documentElement.clientHeight - box.bottom) };
}

async function dock(attrs: { mode?: string; lang?: string } = {}): Promise<DockHost> {
  const el = await fixture<DockHost>(html`<dock-host mode=${attrs.mode ?? 'dock'} lang=${attrs.lang ?? 'en'}></dock-host>`);
  await el.updateComplete;
  return el;
}

/** The page is reloaded: the element comes back from what the origin remembers. */
async function reload(): Promise<DockHost> {
  fixtureCleanup();
  return dock();
}

async function drag(from: Element, dx: number, dy: number): Promise<void> {
  const [x, y] = center(from);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [x + dx / 2, y + dy / 2] });
  await sendMouse({ type: 'move', position: [x + dx, y + dy] });
  await sendMouse({ type: 'up' });
}

describe('the dock', () => {
  beforeEach(async () => {
    localStorage.removeItem(DOCK_STORAGE_KEY);
    await setViewport(VIEWPORT);
  });
  afterEach(async () => {
    await resetMouse();
    fixtureCleanup();
    localStorage.removeItem(DOCK_STORAGE_KEY);
  });

  it("sits fixed in the bottom-right corner, below the page's modal dialogs", async () => {
    const el = await dock();
    expect(getComputedStyle(el).position).to.equal('fixed');
    expect(corner(el)).to.deep.equal({ right: 16, bottom: 16 });
    expect(getComputedStyle(el).zIndex).to.equal('999');
    el.style.setProperty('--voip-dock-z-index', '5000');
    expect(getComputedStyle(el).zIndex, 'the documented knob').to.equal('5000');
    window.scrollTo(0, 0);
  });

  it('moves with the header under the pointer, and is there again after a reload', async () => {
    const el = await dock();
    await drag(el.shadowRoot!.querySelector('.who')!, -200, -150);
    expect(corner(el)).to.deep.equal({ right: 216, bottom: 166 });
    expect(corner(await reload())).to.deep.equal({ right: 216, bottom: 166 });
  });

  it('a drag past the edges stops 8 px inside the viewport', async () => {
    const el = await dock();
    await drag(el.shadowRoot!.querySelector('.who')!, 2000, -2000);
    const box = el.getBoundingClientRect();
    expect(corner(el).right).to.equal(8);
    expect(Math.round(box.top)).to.equal(8);
  });

  it('moves with the arrow keys on its move handle: 10 px, 50 px with Shift', async () => {
    const el = await dock();
    el.shadowRoot!.querySelector<HTMLElement>('[data-drag-handle]')!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Shift+ArrowUp' });
    expect(corner(el)).to.deep.equal({ right: 36, bottom: 66 });
    await sendKeys({ press: 'ArrowDown' });
    expect(corner(el)).to.deep.equal({ right: 36, bottom: 56 });
    expect(window.scrollY, 'the page did not scroll').to.equal(0);
  });

  it('minimises to a badge with the status and the missed count, and opens again with a click', async () => {
    const el = await dock();
    el.missed = 2;
    await sendMouse({ type: 'click', position: center(part(el, 'minimize-button')!) });
    await el.updateComplete;
    const badge = part(el, 'badge')!;
    expect(badge.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Open the softphone: Online 2 missed');
    expect(el.shadowRoot!.activeElement, 'focus follows to the badge').to.equal(badge);
    expect(part(el, 'minimize-button')).to.equal(null);
    expect(corner(el), 'the badge stays in the corner').to.deep.equal({ right: 16, bottom: 16 });
    await expect(el).to.be.accessible();
    await sendMouse({ type: 'click', position: center(badge) });
    await el.updateComplete;
    expect(part(el, 'badge')).to.equal(null);
    expect(el.shadowRoot!.activeElement, 'focus on the minimise button again').to.equal(part(el, 'minimize-button'));
  });

  it('the badge opens with Enter too, and minimised is remembered across a reload', async () => {
    const el = await dock();
    part(el, 'minimize-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const again = await reload();
    expect(part(again, 'badge'), 'still minimised after the reload').to.exist;
    part(again, 'badge')!.focus();
    await sendKeys({ press: 'Enter' });
    await again.updateComplete;
    expect(part(again, 'minimize-button')).to.exist;
  });

  it('a ringing call opens it (reveal) without taking the focus from the page', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="CRM search" />`);
    const el = await fixture<DockHost>(html`<dock-host mode="dock" lang="en"></dock-host>`);
    el.dock.minimize();
    await el.updateComplete;
    input.focus();
    el.dock.reveal();
    await el.updateComplete;
    expect(part(el, 'badge')).to.equal(null);
    expect(part(el, 'minimize-button')).to.exist;
    expect(document.activeElement).to.equal(input);
  });

  it('stays inside the viewport when the window shrinks, and goes back when it grows', async () => {
    const el = await dock();
    await drag(el.shadowRoot!.querySelector('.who')!, -400, -300);
    expect(corner(el)).to.deep.equal({ right: 416, bottom: 316 });
    await setViewport({ width: 420, height: 320 });
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve)); // the resize event is dispatched before a frame
    const box = el.getBoundingClientRect();
    expect(Math.round(box.left), 'left margin').to.equal(8);
    expect(Math.round(box.top), 'top margin').to.equal(8);
    await setViewport(VIEWPORT);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(corner(el)).to.deep.equal({ right: 416, bottom: 316 });
  });

  it('ignores a corrupt or foreign remembered value', async () => {
    for (const saved of ['{not json', '{"offset":{"right":"x","bottom":null},"minimized":"yes"}', '42', 'null']) {
      localStorage.setItem(DOCK_STORAGE_KEY, saved);
      const el = await reload();
      expect(corner(el), saved).to.deep.equal({ right: 16, bottom: 16 });
      expect(part(el, 'badge'), saved).to.equal(null);
    }
  });

  it('inline (mode="inline") it flows in the page: not fixed, no badge, nothing set on it', async () => {
    localStorage.setItem(DOCK_STORAGE_KEY, JSON.stringify({ offset: { right: 100, bottom: 100 }, minimized: true }));
    const el = await dock({ mode: 'inline' });
    expect(getComputedStyle(el).position).to.equal('static');
    expect(part(el, 'badge')).to.equal(null);
    expect(el.getAttribute('style')).to.equal(null);
    el.mode = 'dock';
    await el.updateComplete;
    expect(part(el, 'badge'), 'docked, the remembered state applies').to.exist;
    el.mode = 'inline';
    await el.updateComplete;
    expect(el.style.right).to.equal('');
    expect(el.hasAttribute('minimized')).to.equal(false);
  });

  for (const [lang, theme] of [['en', 'light'], ['zh-CN', 'light'], ['en', 'dark'], ['zh-CN', 'dark']] as const) {
    it(`axe finds nothing, open and minimised (${lang}, ${theme})`, async () => {
      const el = await dock({ lang });
      el.setAttribute('theme', theme);
      el.missed = 3;
      expect(el.shadowRoot!.querySelector('[data-drag-handle]')!.getAttribute('aria-label')).to.equal(STRINGS[lang]!.dockMove);
      await expect(el).to.be.accessible();
      el.dock.minimize();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
