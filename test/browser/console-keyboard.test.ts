/**
 * The console by keyboard (issue 15): the `hotkeys` attribute, where focus goes after an answer or
 * a hang-up, Escape, Mute's pressed state, and a whole call handled with keys only (sendKeys, real
 * key presses in Chromium), against the real file.mock.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { VoipSoftphone } from '../../src/index.js';
import { AGENT_B, connected, mockForFile, part, requests, ROUND_TRIPS, USER } from './helpers/fixture.js';

const PHONE = '13812345678';

/** The element focused inside `el` (its shadow root), or null. */
function focused(el: VoipSoftphone): Element | null {
  return el.shadowRoot!.activeElement;
}

function partOfFocus(el: VoipSoftphone): string | null {
  return focused(el)?.getAttribute('part') ?? null;
}

const WAIT = ROUND_TRIPS;

describe('the console by keyboard', () => {
  const file = mockForFile({ holdMs: 3000, accounts: [AGENT_B] });

  const online = (attributes: Record<string, string | boolean | number> = {}): Promise<VoipSoftphone> =>
    connected({ server: file.mock.url, user: USER, password: '02367073578', lang: 'en', 'desktop-port': 0, hotkeys: true, ...attributes });

  async function rings(el: VoipSoftphone, phone = PHONE): Promise<string> {
    const rang = oneEvent(el, 'voip-ring');
    const cdrId = await file.ring(phone);
    await rang;
    await el.updateComplete;
    return cdrId;
  }

  async function talking(el: VoipSoftphone): Promise<void> {
    await rings(el);
    const answered = oneEvent(el, 'voip-answer');
    await el.answer();
    await answered;
    await el.updateComplete;
  }

  it('Alt+A answers, focus goes to that call hang-up button; Alt+H hangs up, focus goes to the number box', async () => {
    const el = await online();
    await rings(el);
    const answered = oneEvent(el, 'voip-answer');
    await sendKeys({ press: 'Alt+KeyA' });
    await answered;
    await waitUntil(() => partOfFocus(el) === 'hangup-button', 'focus on the hang-up button', WAIT);
    expect(el.shadowRoot!.querySelector('[aria-live]')!.textContent).to.contain(`Answered ${PHONE}`);
    const ended = oneEvent(el, 'voip-hangup');
    await sendKeys({ press: 'Alt+KeyH' });
    await ended;
    await waitUntil(() => partOfFocus(el) === 'dial-input', 'focus on the number box', WAIT);
    expect(el.shadowRoot!.querySelector('[aria-live]')!.textContent).to.contain(`Call ended ${PHONE}`);
  });

  it('a click on Answer / Hang up moves focus the same way', async () => {
    const el = await online({ hotkeys: false });
    await rings(el);
    const answered = oneEvent(el, 'voip-answer');
    part(el, 'answer-button')!.click();
    await answered;
    await waitUntil(() => partOfFocus(el) === 'hangup-button', 'focus on the hang-up button', WAIT);
    const ended = oneEvent(el, 'voip-hangup');
    part(el, 'hangup-button')!.click();
    await ended;
    await waitUntil(() => partOfFocus(el) === 'dial-input', 'focus on the number box', WAIT);
  });

  it('Alt+D focuses the number box; the keys do nothing while typing in a field of the page, or without `hotkeys`', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><input id="note" aria-label="note" /></div>`);
    const el = await online();
    await sendKeys({ press: 'Alt+KeyD' });
    expect(partOfFocus(el)).to.equal('dial-input');

    await rings(el);
    const sentBefore = (await requests(file.mock, { method: 'sendMsg' })).length;
    page.querySelector('input')!.focus();
    await sendKeys({ press: 'Alt+KeyA' });
    await sendKeys({ press: 'Alt+KeyD' });
    expect(document.activeElement, 'focus stays in the page field').to.equal(page.querySelector('input'));
    expect(el.calls[0]!.state, 'not answered from another field').to.equal('ringing');

    el.hotkeys = false;
    await el.updateComplete;
    (document.activeElement as HTMLElement).blur();
    await sendKeys({ press: 'Alt+KeyA' });
    const asked = await requests(file.mock, { method: 'sendMsg' });
    expect(asked, 'no answer from the page field, nor without the attribute').to.have.length(sentBefore);
    expect(el.calls[0]!.state).to.equal('ringing');
  });

  it('Escape closes the transfer form, also from a field of the page, and the desktop menu', async () => {
    const desktop = await online({ 'desktop-port': 65001 });
    await talking(desktop);
    part(desktop, 'transfer-button')!.click();
    await desktop.updateComplete;
    await waitUntil(() => desktop.shadowRoot!.querySelector('form.transfer'), 'transfer open', WAIT);
    await sendKeys({ press: 'Escape' });
    await desktop.updateComplete;
    expect(desktop.shadowRoot!.querySelector('form.transfer'), 'closed by Escape').to.equal(null);
    expect(part(desktop, 'transfer-button')!.getAttribute('aria-expanded')).to.equal('false');
    expect(partOfFocus(desktop), 'focus back on the button that opened it').to.equal('transfer-button');

    const menu = part(desktop, 'desktop-menu') as HTMLDetailsElement;
    menu.querySelector('summary')!.click();
    await waitUntil(() => menu.open, 'menu open', WAIT);
    const field = await fixture<HTMLInputElement>(html`<input aria-label="page field" />`);
    field.focus();
    await sendKeys({ press: 'Escape' });
    await desktop.updateComplete;
    expect(menu.open, 'closed by Escape from the page (hotkeys on)').to.equal(false);
  });

  it('Mute shows its state: aria-pressed and the card says Muted', async () => {
    const el = await online();
    await talking(el);
    const mute = part(el, 'mute-button')!;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    mute.click();
    await waitUntil(() => mute.getAttribute('aria-pressed') === 'true', 'pressed', WAIT);
    expect(part(el, 'card')!.textContent).to.contain('Muted');
    mute.click();
    await waitUntil(() => mute.getAttribute('aria-pressed') === 'false', 'not pressed', WAIT);
    expect(part(el, 'card')!.textContent).not.to.contain('Muted');
  });

  it('keyboard only: answers, transfers to a colleague picked from the list, answers the next call and hangs up', async () => {
    const el = await online();
    await rings(el);
    await sendKeys({ press: 'Alt+KeyA' });
    await waitUntil(() => el.calls[0]?.state === 'talking' && partOfFocus(el) === 'hangup-button', 'answered by key', WAIT);
    await el.updateComplete;
    await sendKeys({ press: 'Tab' }); // hang-up → transfer
    expect(partOfFocus(el)).to.equal('transfer-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => partOfFocus(el) === 'colleagues', 'in the colleague list', WAIT);
    // The list, sorted by extension: 0800 (系统管理员), then 8802 (Agent B).
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect((focused(el) as HTMLSelectElement).value).to.equal(AGENT_B.extension);
    const transferred = oneEvent(el, 'voip-hangup');
    await sendKeys({ press: 'Tab' }); // → the box, filled with the pick
    await sendKeys({ press: 'Enter' }); // submits
    await transferred;
    const [transfer] = await requests(file.mock, { method: 'transferExten' });
    expect(transfer!.params.descExten).to.equal(AGENT_B.extension);

    await rings(el, '13900001111');
    await sendKeys({ press: 'Alt+KeyA' });
    await waitUntil(() => partOfFocus(el) === 'hangup-button' && el.calls[0]?.state === 'talking', 'answered by key', WAIT);
    const ended = oneEvent(el, 'voip-hangup');
    await sendKeys({ press: 'Enter' }); // on the focused Hang up
    await ended;
    await waitUntil(() => partOfFocus(el) === 'dial-input', 'back in the number box', WAIT);
    expect(el.calls).to.have.length(0);
  });
});
