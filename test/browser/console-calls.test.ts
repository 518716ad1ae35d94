/**
 * The agent's console with several calls (issue 15): a card per live call, each acting on its own
 * call, per-call state, availability in words and colour, errors in the agent's language, and
 * axe-core in every state of the card, in both languages. Against the real mock over HTTP.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { VoipSoftphone } from '../../src/index.js';
import { Endpoint } from '../../src/protocol/index.js';
import { AGENT_B, connected, mockForFile, part, requests, ROUND_TRIPS, softphone, startMock, stopMock, USER } from './helpers/fixture.js';

const FIRST = '13812345678';
const SECOND = '13900001111';

function cards(el: VoipSoftphone): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')];
}

function inCard(card: HTMLElement, name: string): HTMLButtonElement | null {
  return card.querySelector<HTMLButtonElement>(`[part~="${name}"]`);
}

function live(el: VoipSoftphone): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[aria-live]')!;
}

const WAIT = ROUND_TRIPS;

describe('the console: several calls', () => {
  const file = mockForFile({ holdMs: 3000, accounts: [AGENT_B] });

  const online = (lang = 'en'): Promise<VoipSoftphone> =>
    connected({ server: file.mock.url, user: USER, password: '02367073578', lang, 'desktop-port': 0 });

  async function rings(el: VoipSoftphone, phone: string): Promise<string> {
    const rang = oneEvent(el, 'voip-ring');
    const cdrId = await file.ring(phone);
    await rang;
    await el.updateComplete;
    return cdrId;
  }

  async function answered(el: VoipSoftphone, card: HTMLElement): Promise<void> {
    const answer = oneEvent(el, 'voip-answer');
    inCard(card, 'answer-button')!.click();
    await answer;
    await el.updateComplete;
  }

  /** Two calls: the first talking, the second ringing. */
  async function twoCalls(el: VoipSoftphone): Promise<void> {
    await rings(el, FIRST);
    await answered(el, cards(el)[0]!);
    await rings(el, SECOND);
  }

  async function hangUpAll(el: VoipSoftphone): Promise<void> {
    while (el.calls.length) {
      const ended = oneEvent(el, 'voip-hangup');
      await el.hangup();
      await ended;
    }
  }

  it('a second call gets its own card, highlighted and announced; the talking call keeps its card', async () => {
    const el = await online();
    await twoCalls(el);
    const [talking, ringing] = cards(el);
    expect(cards(el)).to.have.length(2);
    expect(talking!.querySelector('[part~="phone"]')!.textContent).to.equal(FIRST);
    expect(ringing!.querySelector('[part~="phone"]')!.textContent).to.equal(SECOND);
    expect(talking!.dataset.state).to.equal('talking');
    expect(ringing!.dataset.state).to.equal('ringing');
    expect(ringing!.hasAttribute('data-waiting'), 'the new call stands out').to.equal(true);
    expect(inCard(talking!, 'answer-button')).to.equal(null);
    expect(live(el).textContent).to.contain(`Another call is ringing: ${SECOND}`);
    expect(el.calls.map((c) => c.phone), 'calls: oldest first').to.deep.equal([FIRST, SECOND]);
    expect(el.call!.phone, '`call` keeps its meaning: the newest').to.equal(SECOND);
    await hangUpAll(el);
  });

  it('answers and hangs up each call from its own card', async () => {
    const el = await online();
    await twoCalls(el);
    await answered(el, cards(el)[1]!);
    expect(cards(el).map((c) => c.dataset.state)).to.deep.equal(['talking', 'talking']);
    expect(live(el).textContent).to.contain(`Answered ${SECOND}`);

    // Hang up the FIRST (older) call from its own card: the second stays up.
    const ended = oneEvent(el, 'voip-hangup');
    inCard(cards(el)[0]!, 'hangup-button')!.click();
    const { detail } = await ended;
    await el.updateComplete;
    expect(detail.call.phone).to.equal(FIRST);
    expect(el.calls.map((c) => c.phone)).to.deep.equal([SECOND]);
    const [stays, gone] = cards(el);
    expect(stays!.querySelector('[part~="phone"]')!.textContent).to.equal(SECOND);
    expect(stays!.dataset.state, 'the talking call keeps its card').to.equal('talking');
    expect(gone!.dataset.state, 'plus the one that just ended').to.equal('ended');
    expect(live(el).textContent).to.contain(`Call ended ${FIRST}`);
    await hangUpAll(el);
  });

  it('answer(call) and hangup(call) act on the call given; the defaults are the ringing and the newest call', async () => {
    const el = await online();
    await twoCalls(el);
    const [first, second] = el.calls;
    (el.shadowRoot!.activeElement as HTMLElement | null)?.blur(); // the click's focus move is not what this checks
    const answer = oneEvent(el, 'voip-answer');
    await el.answer();
    expect((await answer).detail.call.phone, 'answer(): the ringing one').to.equal(SECOND);
    const ended = oneEvent(el, 'voip-hangup');
    await el.hangup(first);
    expect((await ended).detail.call.phone).to.equal(FIRST);
    expect(el.calls.map((c) => c.phone)).to.deep.equal([second!.phone]);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === null, 'methods called by script never move focus').to.equal(true);
    await hangUpAll(el);
  });

  it('the transfer form is per call: it opens on its card only and closes when a new call rings', async () => {
    const el = await online();
    await rings(el, FIRST);
    await answered(el, cards(el)[0]!);
    inCard(cards(el)[0]!, 'transfer-button')!.click();
    await waitUntil(() => cards(el)[0]!.querySelector('form.transfer'), 'the form opens on its card', WAIT);
    await waitUntil(() => cards(el)[0]!.querySelector('[part~="colleagues"]'), 'the colleagues listed', WAIT);
    const options = [...cards(el)[0]!.querySelectorAll('option')].map((o) => o.value);
    expect(options).to.include(AGENT_B.extension);
    expect(options, 'never the agent themself (short extension 800)').not.to.include('800');
    await rings(el, SECOND);
    expect(el.shadowRoot!.querySelector('form.transfer'), 'closed at a new call').to.equal(null);
    await answered(el, cards(el)[1]!);
    inCard(cards(el)[1]!, 'transfer-button')!.click();
    await waitUntil(() => cards(el)[1]!.querySelector('form.transfer'), 'the form opens on its card', WAIT);
    expect(cards(el)[0]!.querySelector('form.transfer'), 'not on the other card').to.equal(null);
    expect(inCard(cards(el)[0]!, 'transfer-button')!.getAttribute('aria-expanded')).to.equal('false');
    await hangUpAll(el);
  });

  it('availability: available / away in words and in the dot colour, in both languages', async () => {
    for (const [lang, away, available] of [['en', 'Away', 'Available'], ['zh-CN', '离开', '空闲']] as const) {
      const el = await online(lang);
      // Beside the connection status (part `status` keeps saying only that), in its own part.
      await waitUntil(() => part(el, 'availability')?.dataset.available === 'true', 'availability known after login', WAIT);
      const status = part(el, 'availability')!;
      expect(status.textContent).to.contain(available);
      expect(part(el, 'status')!.textContent).to.equal(lang === 'en' ? 'Online' : '在线');
      const dot = el.shadowRoot!.querySelector<HTMLElement>('.dot')!;
      const availableColour = getComputedStyle(dot).backgroundColor;
      await el.checkOut();
      await el.updateComplete;
      expect(status.textContent).to.contain(away);
      expect(status.textContent).not.to.contain(available);
      expect(dot.dataset.status).to.equal('away');
      expect(getComputedStyle(dot).backgroundColor, 'away is not green').not.to.equal(availableColour);
      // The call centre's own text follows, in the agent's language.
      const checkedOut = lang === 'en' ? 'Away (checked out)' : '离开 (签出)';
      await waitUntil(() => status.textContent === checkedOut, checkedOut, WAIT);
      await el.checkIn();
    }
  });

  it("the call centre's status text: in English, hidden while a call is up, asked again once after a burst of hang-ups", async () => {
    const el = await online('en');
    const availability = (): string => part(el, 'availability')?.textContent ?? '';
    const asked = async (): Promise<number> => (await requests(file.mock, { method: Endpoint.LoadMonitor })).length;
    await waitUntil(() => availability() === 'Available (idle)', "the server's 空闲 in English", WAIT);
    await twoCalls(el);
    const talking = cards(el)[0]!;
    inCard(talking, 'transfer-button')!.click(); // loadmonitor asked while a call is up: 通话中
    await waitUntil(() => talking.querySelector('[part~="colleagues"]'), 'the colleagues listed', WAIT);
    const colleague = [...talking.querySelectorAll('option')].find((o) => o.value === AGENT_B.extension)!;
    expect(colleague.textContent, "a colleague's status in English too").to.equal(`${AGENT_B.name} ${AGENT_B.extension} · idle`);
    expect(availability(), "while a call is up, the card says what it is: no server text beside it").to.equal('Available');
    const before = await asked();
    await hangUpAll(el); // one hang-up after the other
    expect(availability(), 'no text from before the hang-ups').to.equal('Available');
    await waitUntil(() => availability() === 'Available (idle)', 'asked again once the calls ended', WAIT);
    expect((await asked()) - before, 'one request for the two hang-ups').to.equal(1);
  });

  it('an unreachable server: a short local sentence, and the status says so', async () => {
    const closed = await startMock({});
    await stopMock(closed.port);
    for (const [lang, sentence, said] of [['en', 'Cannot reach the call centre server', 'Unreachable'], ['zh-CN', '无法连接呼叫中心服务器', '无法连接']] as const) {
      const el = await softphone({ server: closed.url, user: USER, password: '02367073578', lang, transport: 'fetch' });
      await waitUntil(() => part(el, 'error'), 'the error shown', { timeout: 8000 });
      expect(part(el, 'error')!.textContent).to.contain(sentence);
      expect(part(el, 'error')!.textContent).not.to.contain('http://');
      expect(part(el, 'status')!.textContent).to.contain(said);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('a server error is shown in the agent language', async () => {
    const el = await online();
    await rings(el, FIRST);
    await answered(el, cards(el)[0]!);
    await el.transfer('7777').catch(() => {});
    await el.updateComplete;
    const text = part(el, 'error')!.textContent!;
    expect(text, 'no Chinese server text in the English UI').not.to.match(/[\u4e00-\u9fff]/);
    await hangUpAll(el);
  });

  for (const lang of ['en', 'zh-CN']) {
    it(`axe: every state of the card passes (${lang})`, async () => {
      const el = await online(lang);
      await expect(el, 'idle').to.be.accessible();
      await rings(el, FIRST);
      await expect(el, 'ringing').to.be.accessible();
      await answered(el, cards(el)[0]!);
      await expect(el, 'talking').to.be.accessible();
      inCard(cards(el)[0]!, 'mute-button')!.click();
      await waitUntil(() => inCard(cards(el)[0]!, 'mute-button')!.getAttribute('aria-pressed') === 'true', 'muted', WAIT);
      await expect(el, 'muted').to.be.accessible();
      await rings(el, SECOND);
      await expect(el, 'two calls').to.be.accessible();
      inCard(cards(el)[0]!, 'transfer-button')!.click();
      await waitUntil(() => cards(el)[0]!.querySelector('[part~="colleagues"]'), 'transfer open with colleagues', WAIT);
      await expect(el, 'transfer open').to.be.accessible();
      await el.transfer('7777').catch(() => {});
      await el.updateComplete;
      expect(part(el, 'error')).to.exist;
      await expect(el, 'error').to.be.accessible();
      await hangUpAll(el);
      await el.updateComplete;
      expect(cards(el).at(-1)!.dataset.state).to.equal('ended');
      await expect(el, 'ended').to.be.accessible();
    });
  }
});
