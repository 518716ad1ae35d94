/**
 * Theme and fluid width on the real widget, in a 240 px container, in every state (idle, ringing,
 * talking with the transfer form and the desktop-client menu, ended, an error; docked: open and minimised), light, dark and
 * auto under a dark preference: axe finds nothing and no box sticks out of the widget.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { DOCK_STORAGE_KEY } from '../../src/element/placement/dock-controller.js';
import { control, startMock, stopMock, type MockHandle } from './helpers/mock.js';

const LONG = {
  user: '100008866',
  password: 'longname66',
  extension: '880012345678',
  name: 'Alexandria Konstantinopoulou-Wertheimer 亚历山德拉·康斯坦丁诺普卢',
};
/** The same long name on an extension loadmonitor lists the agent under (so the availability shows). */
const LONG_LISTED = { ...LONG, user: '100008867', password: 'longname67', extension: '867' };
/** 32 digits after the +: the longest number the server takes. */
const LONG_PHONE = '+86138123456789012345678901234567';
const NARROWEST = 240;

/** Boxes inside the widget that stick out of it (visually hidden text and clipped ellipses excepted). */
function overflowing(el: HTMLElement): string[] {
  const host = el.getBoundingClientRect();
  const out: string[] = [];
  // Docked, the widget's container is the viewport.
  const docked = getComputedStyle(el).position === 'fixed';
  const container = docked ? new DOMRect(0, 0, document.documentElement.clientWidth) : el.parentElement!.getBoundingClientRect();
  if (host.left < container.left || host.right > container.right) out.push(`host ${host.width} px wide in ${container.width} px`);
  if (el.scrollWidth > el.clientWidth) out.push(`host scrolls: ${el.scrollWidth} > ${el.clientWidth}`);
  for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
    if (node.closest('.visually-hidden') || node.localName === 'style' || clipped(node)) continue;
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < host.left - 0.5 || box.right > host.right + 0.5) {
      out.push(`${node.localName}.${node.className}[part=${node.getAttribute('part')}] ${box.left}–${box.right} outside ${host.left}–${host.right}`);
    }
  }
  return out;
}

/** Inside a box that clips it on purpose (an ellipsis, a line clamp). */
function clipped(node: HTMLElement): boolean {
  for (let up = node.parentElement; up; up = up.parentElement) {
    if (getComputedStyle(up).overflowX !== 'visible') return true;
  }
  return false;
}

function part(el: HTMLElement, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

describe('theme and fluid width on the widget', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 3000, accounts: [LONG, LONG_LISTED] });
  });
  after(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await stopMock(mock.port);
  });

  async function online(theme: string, lang = 'en'): Promise<VoipSoftphone> {
    const box = await fixture<HTMLDivElement>(html`<div style="width:${NARROWEST}px">
      <voip-softphone server=${mock.url} user=${LONG.user} password=${LONG.password} lang=${lang} theme=${theme} desktop-port="65001"
        crm-url="https://crm.example.com/customers/search?phone={phone}&source=softphone"></voip-softphone>
    </div>`);
    const el = box.querySelector<VoipSoftphone>('voip-softphone')!;
    await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
    return el;
  }

  /** Each state the agent can see, checked with axe and for overflow once reached. */
  async function everyState(el: VoipSoftphone): Promise<void> {
    const check = async (state: string): Promise<void> => {
      await el.updateComplete;
      expect(overflowing(el).join("; "), `${state}: nothing sticks out at ${NARROWEST} px`).to.equal("");
      await expect(el, state).to.be.accessible();
    };
    await check('idle');
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: LONG.user, phone: LONG_PHONE });
    await ring;
    await check('ringing');
    const answered = oneEvent(el, 'voip-answer');
    await control(mock.url, 'answer', { cdrId });
    await answered;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click(); // Transfer
    await check('talking, transfer form open');
    // The page set desktop-port: the card offers the desktop-client menu (nothing listens on the
    // port; no command is sent here), its view arriving with the extras.
    await waitUntil(() => part(el, 'desktop-menu'), 'the desktop menu is offered', { timeout: 5000 });
    part(el, 'desktop-menu')!.querySelector('summary')!.click();
    await waitUntil(() => (part(el, 'desktop-menu') as HTMLDetailsElement).open, 'the desktop menu opens');
    await check('talking, desktop menu open');
    const hungUp = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    await hungUp;
    await check('ended');
    await el.dial('not a number').catch(() => {});
    expect(part(el, 'error'), 'the error shows').to.exist;
    await check('error');
    el.style.setProperty('--voip-width', `${NARROWEST}px`);
    el.mode = 'dock';
    await el.updateComplete;
    expect(part(el, 'minimize-button'), 'docked').to.exist;
    await check('dock open');
    part(el, 'minimize-button')!.click();
    await el.updateComplete;
    expect(part(el, 'badge'), 'minimised').to.exist;
    await check('dock minimised');
    localStorage.removeItem(DOCK_STORAGE_KEY);
    expect(el.getBoundingClientRect().width, 'the badge is no wider than the panel').to.be.at.most(NARROWEST);
  }

  it('light (the default): every state passes axe and fits 240 px', async () => {
    await everyState(await online('light'));
  });

  it('dark: every state passes axe and fits 240 px, on the dark palette', async () => {
    const el = await online('dark');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(27, 29, 33)');
    await everyState(el);
  });

  it('auto follows the system: dark under a dark preference, light otherwise', async () => {
    const el = await online('auto', 'zh-CN');
    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(27, 29, 33)');
    await everyState(el);
  });

  it("an unknown theme is light, and the page's own colours still win over the palette", async () => {
    const el = await online('sepia');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    el.setAttribute('theme', 'dark');
    el.style.setProperty('--voip-bg', '#000000');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(0, 0, 0)');
  });

  it('button text follows --voip-on-accent: a page palette can pass contrast', async () => {
    const el = await online('light');
    el.style.setProperty('--voip-accent', '#ffd84d');
    el.style.setProperty('--voip-on-accent', '#1f2329');
    const dial = part(el, 'dial-button')!;
    expect(getComputedStyle(dial).color).to.equal('rgb(31, 35, 41)');
    expect(getComputedStyle(dial).backgroundColor).to.equal('rgb(255, 216, 77)');
  });

  it("at 240 px the agent's name stays readable: the status and the button wrap instead of squeezing it", async () => {
    const el = await online('light');
    await waitUntil(() => el.agent, 'agent');
    await el.updateComplete;
    const who = el.shadowRoot!.querySelector<HTMLElement>('.who')!;
    const host = el.getBoundingClientRect();
    expect(who.getBoundingClientRect().width, 'the name has most of the line').to.be.greaterThan(host.width / 2);
    expect(who.textContent).to.contain('Alexandria');
  });

  it('the page below does not move when the login completes: the same rows before and after (en, zh-CN)', async () => {
    for (const lang of ['en', 'zh-CN']) {
      for (const width of [NARROWEST, 280]) {
        const box = await fixture<HTMLDivElement>(html`<div style="width:${width}px">
          <voip-softphone server=${mock.url} user=${LONG_LISTED.user} lang=${lang} desktop-port="0"></voip-softphone>
          <p>The CRM's page</p>
        </div>`);
        const el = box.querySelector<VoipSoftphone>('voip-softphone')!;
        const below = box.querySelector('p')!;
        const where = (): number => below.getBoundingClientRect().top;
        await el.updateComplete;
        const before = where();
        el.password = LONG_LISTED.password; // the login starts
        await el.updateComplete;
        expect(where(), `${lang} ${width} px: while logging in`).to.equal(before);
        await waitUntil(() => part(el, 'availability')?.dataset.available === 'true', 'the availability known', { timeout: 5000 });
        await waitUntil(() => !part(el, 'recent-button')!.hasAttribute('disabled'), 'the recent calls loaded', { timeout: 5000 });
        await el.updateComplete;
        expect(where(), `${lang} ${width} px: logged in, with the agent's long name, the availability and the recent calls`).to.equal(before);
        expect(part(el, 'availability')!.textContent, 'the availability shows').not.to.equal('');
        await expect(el).to.be.accessible();
        box.remove();
      }
    }
  });

  it('--voip-width stays the preferred width where the container has room', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="width:600px">
      <voip-softphone desktop-port="0" lang="en"></voip-softphone>
    </div>`);
    const el = box.querySelector<VoipSoftphone>('voip-softphone')!;
    await el.updateComplete;
    expect(el.getBoundingClientRect().width).to.equal(280);
    el.style.setProperty('--voip-width', '100%');
    expect(el.getBoundingClientRect().width).to.equal(600);
  });
});
