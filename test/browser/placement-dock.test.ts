/**
 * `mode="dock"` on the real element, with the real mouse and keyboard: fixed in the bottom-right corner, dragged by its
 * header, moved with the arrow keys, minimised to a badge with the status and the missed count and
 * opened again, opened by a ringing call, remembered for the origin, kept inside the viewport.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { render } from 'lit';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { DOCK_STORAGE_KEY, DockController } from '../../src/element/placement/dock-controller.js';
import { renderBadge } from '../../src/element/placement/dock-view.js';
import { stringsFor } from '../../src/element/i18n/index.js';
import { control, startMock, stopMock } from './helpers/mock.js';

type DockHost = VoipSoftphone;

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

/** The move handle, while the dock shows its header. */
const handle = (el: DockHost): HTMLElement | null => el.shadowRoot!.querySelector<HTMLElement>('[data-drag-handle]');

/** A docked element ready to move: its move handle no longer says it is disabled (the moves came with the extras). */
async function dock(attrs: { mode?: string; lang?: string } = {}): Promise<DockHost> {
  const el = await fixture<DockHost>(html`<voip-softphone mode=${attrs.mode ?? 'dock'} lang=${attrs.lang ?? 'en'} desktop-port="0"></voip-softphone>`);
  await el.updateComplete;
  if (el.mode === 'dock' && handle(el)) await waitUntil(() => !handle(el)!.hasAttribute('aria-disabled'), 'the dock can move');
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
    await drag(el.shadowRoot!.querySelector('.dot')!, -200, -150);
    expect(corner(el)).to.deep.equal({ right: 216, bottom: 166 });
    expect(corner(await reload())).to.deep.equal({ right: 216, bottom: 166 });
  });

  it('a drag past the edges stops 8 px inside the viewport', async () => {
    const el = await dock();
    await drag(el.shadowRoot!.querySelector('.dot')!, 2000, -2000);
    const box = el.getBoundingClientRect();
    expect(corner(el).right).to.equal(8);
    expect(Math.round(box.top)).to.equal(8);
  });

  it('its move handle says it is disabled until the moves arrive with the extras, then works', async () => {
    const el = document.createElement('voip-softphone') as DockHost;
    Object.assign(el, { mode: 'dock', lang: 'en', desktopPort: 0 });
    // What the first render showed, read right after it (the moves arrive asynchronously).
    const firstRender: (string | null)[] = [];
    el.addController({ hostUpdated: () => void (firstRender.length === 0 && firstRender.push(handle(el)!.getAttribute('aria-disabled'))) });
    const root = await fixture<HTMLElement>(html`<div></div>`);
    root.append(el);
    await waitUntil(() => !handle(el)?.hasAttribute('aria-disabled'), 'the dock can move');
    expect(firstRender).to.deep.equal(['true']);
    handle(el)!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(corner(el)).to.deep.equal({ right: 26, bottom: 16 });
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

  it('the badge shows the missed count when there is one', () => {
    const box = document.createElement('div');
    render(renderBadge({} as DockController, stringsFor('en'), { status: 'online', statusText: 'Online', missed: 2 }), box);
    expect(box.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Open the softphone: Online 2 missed');
  });

  it('minimises to a badge with the status, and opens again with a click', async () => {
    const el = await dock();
    await sendMouse({ type: 'click', position: center(part(el, 'minimize-button')!) });
    await el.updateComplete;
    const badge = part(el, 'badge')!;
    expect(badge.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Open the softphone: Offline');
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

  it('a ringing call opens it without taking the focus from the page', async () => {
    const mock = await startMock({ holdMs: 3000 });
    const input = await fixture<HTMLInputElement>(html`<input aria-label="CRM search" />`);
    const el = await fixture<DockHost>(html`<voip-softphone mode="dock" lang="en" desktop-port="0" server=${mock.url} user="100008800" password="02367073578"></voip-softphone>`);
    await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
    part(el, 'minimize-button')!.click();
    await el.updateComplete;
    expect(part(el, 'badge')).to.exist;
    input.focus();
    const ring = oneEvent(el, 'voip-ring');
    await control(mock.url, 'ring', { user: '100008800', phone: '13812345678' });
    await ring;
    await el.updateComplete;
    await stopMock(mock.port);
    expect(part(el, 'badge')).to.equal(null);
    expect(part(el, 'minimize-button')).to.exist;
    expect(document.activeElement).to.equal(input);
  });

  it('the header is one line, logged in, at the default width and at 240 px (en, zh-CN)', async () => {
    const mock = await startMock({ holdMs: 3000 });
    try {
      for (const lang of ['en', 'zh-CN']) {
        const el = await fixture<DockHost>(html`<voip-softphone mode="dock" lang=${lang} desktop-port="0" server=${mock.url} user="100008800" password="02367073578"></voip-softphone>`);
        await waitUntil(() => part(el, 'availability')?.dataset.available === 'true', 'the availability known', { timeout: 5000 });
        for (const width of ['', '240px']) {
          el.style.setProperty('--voip-width', width);
          await el.updateComplete;
          const header = el.shadowRoot!.querySelector('header')!;
          const shown = [...header.children].filter((c) => c.getBoundingClientRect().width > 1);
          const line = Math.max(...shown.map((c) => c.getBoundingClientRect().height));
          const style = getComputedStyle(header);
          const content = header.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
          const at = `${lang}, ${width || 'default width'}`;
          expect(content, `${at}: one line`).to.be.closeTo(line, 1);
          expect(header.scrollWidth, `${at}: nothing past the end`).to.be.at.most(header.clientWidth);
          expect(part(el, 'availability')!.getBoundingClientRect().width, `${at}: the availability shows`).to.be.greaterThan(16);
          expect(shown.map((c) => c.localName), `${at}: every control on it`).to.include.members(['button']);
          expect(shown.filter((c) => c.localName === 'button').length, `${at}: check in/out, move, minimise`).to.equal(3);
        }
        fixtureCleanup();
      }
    } finally {
      await stopMock(mock.port);
    }
  });

  it('stays inside the viewport when the window shrinks, and goes back when it grows', async () => {
    const el = await dock();
    await drag(el.shadowRoot!.querySelector('.dot')!, -400, -300);
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
      expect(el.shadowRoot!.querySelector('[data-drag-handle]')!.getAttribute('aria-label')).to.equal(stringsFor(lang).dockMove);
      await expect(el).to.be.accessible();
      part(el, 'minimize-button')!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
