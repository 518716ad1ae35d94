/**
 * <voip-softphone> in real Chromium against the real mock server (another origin: JSONP is truly
 * cross-origin). Asserts what an agent sees and what the server received.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { connected, control, part, PASSWORD, polling, requests, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';

/** An account only the upgrade test uses, so the mock's log of its requests is that test's alone. */
const UPGRADE_AGENT = { user: '100008811', password: 'upgrade-11', extension: '8811', name: 'Upgrade' };

function online(mock: MockHandle, attrs: { lang?: string; user?: string; password?: string } = {}): Promise<VoipSoftphone> {
  return connected({
    server: mock.url,
    user: attrs.user ?? USER,
    password: attrs.password ?? PASSWORD,
    lang: attrs.lang ?? 'zh-CN',
    'desktop-port': 0,
    'poll-interval': 50,
    'crm-url': 'https://crm.example.com/c?phone={phone}&id={cdrId}&dir={direction}',
  });
}

describe('<voip-softphone>', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 3000, outboundConnectMs: -1, accounts: [UPGRADE_AGENT] });
  });
  after(async () => {
    await stopMock(mock.port);
  });

  it('logs in by itself and shows the agent in the header', async () => {
    const el = await fixture<VoipSoftphone>(html`<voip-softphone server=${mock.url} user=${USER} desktop-port="0"></voip-softphone>`);
    const login = oneEvent(el, 'voip-login');
    el.password = PASSWORD;
    const { detail } = await login;
    expect(detail.agent.extension).to.equal('100008800');
    await waitUntil(() => el.status === 'online');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('header')!.textContent).to.contain('8800');
    expect(part(el, 'status')!.textContent).to.contain('在线');
    expect(el.getAttribute('password'), 'the plain password leaves the DOM').to.equal(null);
    expect(el.password).to.equal('');
  });

  it('pops a card when an inbound call rings, answers it on click, and closes it when the caller hangs up', async () => {
    const el = await online(mock);
    const seen: string[] = [];
    for (const type of ['voip-ring', 'voip-answer', 'voip-hangup'] as const) el.addEventListener(type, () => seen.push(type));

    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = (await control(mock.url, 'ring', { user: USER, phone: '13812345678' })) as { cdrId: string };
    const { detail } = await ring;
    expect(detail.call).to.include({ phone: '13812345678', direction: 'inbound', state: 'ringing', cdrId });
    await el.updateComplete;
    expect(part(el, 'card')).to.exist;
    expect(part(el, 'phone')!.textContent!.trim()).to.equal('13812345678');
    expect(part(el, 'crm-link')!.getAttribute('href')).to.equal(`https://crm.example.com/c?phone=13812345678&id=${cdrId}&dir=inbound`);

    const answered = oneEvent(el, 'voip-answer');
    part(el, 'answer-button')!.click();
    await answered;
    const sent = await requests(mock, { user: USER, method: 'sendMsg' });
    expect(sent.at(-1)!.params).to.include({ phone: '13812345678', kind: '6', client: '1', lostTime: '10' });
    await el.updateComplete;
    expect(part(el, 'answer-button'), 'no answer button while talking').to.equal(null);
    expect(el.call!.state).to.equal('talking');

    const hungUp = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    await hungUp;
    await el.updateComplete;
    expect(el.call!.state).to.equal('ended');
    expect(part(el, 'card')!.dataset.state).to.equal('ended');
    expect(seen).to.deep.equal(['voip-ring', 'voip-answer', 'voip-hangup']);
  });

  it('hangs up from the card: the server receives hangupExten', async () => {
    const el = await online(mock);
    const ring = oneEvent(el, 'voip-ring');
    await control(mock.url, 'ring', { user: USER, phone: '13800001111' });
    await ring;
    await el.updateComplete;
    const hungUp = oneEvent(el, 'voip-hangup');
    part(el, 'hangup-button')!.click();
    const { detail } = await hungUp;
    expect(detail.call.phone).to.equal('13800001111');
    expect((await requests(mock, { user: USER, method: 'hangupExten' })).length).to.be.greaterThan(0);
  });

  it('dials the number typed in the box on Enter', async () => {
    const el = await online(mock);
    const input = part(el, 'dial-input') as HTMLInputElement;
    input.value = '010-8888 6666';
    const ring = oneEvent(el, 'voip-ring');
    input.form!.requestSubmit();
    const { detail } = await ring;
    expect(detail.call).to.include({ phone: '01088886666', direction: 'outbound', state: 'ringing' });
    const dials = await requests(mock, { user: USER, method: 'callbackPhone' });
    expect(dials.at(-1)!.params.descPhone).to.equal('01088886666');
    await el.updateComplete;
    expect((part(el, 'dial-button') as HTMLButtonElement).disabled, 'no second dial while a call is up').to.equal(true);
    const hungUp = oneEvent(el, 'voip-hangup');
    await el.hangup();
    await hungUp;
  });

  it('refuses an invalid number with a visible error and sends nothing', async () => {
    const el = await online(mock, { lang: 'en' });
    const before = (await requests(mock, { user: USER, method: 'callbackPhone' })).length;
    const input = part(el, 'dial-input') as HTMLInputElement;
    input.value = 'call me';
    const failed = oneEvent(el, 'voip-error');
    (part(el, 'dial-button') as HTMLButtonElement).click();
    const { detail } = await failed;
    expect(detail.error.code).to.equal(-1002);
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('digits only');
    expect((await requests(mock, { user: USER, method: 'callbackPhone' })).length).to.equal(before);
  });

  it('shows server text as text: hostile markup in the phone number is not HTML', async () => {
    const el = await online(mock);
    const ring = oneEvent(el, 'voip-ring');
    const hostile = '<img src=x onerror=alert(1)>';
    await control(mock.url, 'message', { user: USER, kind: '2', phone: hostile, content: "{status:0,cdrId:'700000000000001'}" });
    await ring;
    await el.updateComplete;
    expect(part(el, 'phone')!.textContent!.trim()).to.equal(hostile);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const hungUp = oneEvent(el, 'voip-hangup'); // listening before the hang-up is sent: a poll can deliver it first
    await control(mock.url, 'message', { user: USER, kind: '2', phone: hostile, content: "{status:3,cdrId:'700000000000001'}" });
    await hungUp;
  });

  it('speaks English when lang="en"', async () => {
    const el = await online(mock, { lang: 'en' });
    const ring = oneEvent(el, 'voip-ring');
    const { cdrId } = (await control(mock.url, 'ring', { user: USER, phone: '13900000000' })) as { cdrId: string };
    await ring;
    await el.updateComplete;
    expect(part(el, 'answer-button')!.textContent!.trim()).to.equal('Answer');
    expect(part(el, 'status')!.textContent).to.contain('Online');
    await control(mock.url, 'hangup', { cdrId });
    await oneEvent(el, 'voip-hangup');
  });

  it('shows the reason and stops on wrong credentials, and starts again once they are fixed', async () => {
    // Listen before the element connects: the failure comes one round trip after that.
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = Object.assign(document.createElement('voip-softphone'), { server: mock.url, user: USER, desktopPort: 0 });
    el.setAttribute('password', 'wrong');
    const error = oneEvent(el, 'voip-error');
    host.append(el);
    const failed = await error;
    expect(failed.detail.error.code).to.equal(-2);
    await waitUntil(() => el.status === 'error', 'error status', { timeout: 5000 });
    await el.updateComplete;
    // The server's own reason, as text.
    expect(part(el, 'error')!.textContent).to.contain(failed.detail.error.message);
    const login = oneEvent(el, 'voip-login');
    el.password = PASSWORD;
    await login;
    await waitUntil(() => el.status === 'online');
  });

  it('stops all requests when removed, and does not poll twice when re-added', async () => {
    const el = await online(mock);
    const parent = el.parentElement!;
    el.remove();
    expect(el.status).to.equal('offline');
    await control(mock.url, 'reset-log', {});
    await new Promise((r) => setTimeout(r, 300));
    expect((await requests(mock, { user: USER, method: 'getLongWaterLine' })).length).to.equal(0);
    parent.append(el);
    await waitUntil(() => el.status === 'online');
    await control(mock.url, 'reset-log', {});
    // holdMs 3000: one poller holds one request; two pollers would show two.
    await new Promise((r) => setTimeout(r, 300));
    const ring = oneEvent(el, 'voip-ring'); // listen first: the long poll may pop before control() returns
    await control(mock.url, 'ring', { user: USER, phone: '13700000000' });
    await ring;
    const polls = await requests(mock, { user: USER, method: 'getLongWaterLine' });
    expect(polls.length).to.be.at.most(2);
    await el.hangup();
  });

  it('login() on an element not in the page rejects with -1007 and sends nothing (a removed element never polls)', async () => {
    const el = document.createElement('voip-softphone') as VoipSoftphone;
    Object.assign(el, { server: mock.url, user: USER, lang: 'en', desktopPort: 0 });
    el.password = PASSWORD;
    await control(mock.url, 'reset-log', {});
    const error = await el.login().then(
      () => null,
      (e: { code: number; message: string }) => e,
    );
    expect(error?.code).to.equal(-1007);
    expect(error?.message).to.contain('page');
    await new Promise((r) => setTimeout(r, 300));
    expect((await requests(mock, { user: USER, method: 'getExtension' })).length, 'no login sent').to.equal(0);
    expect((await requests(mock, { user: USER, method: 'getLongWaterLine' })).length, 'no poll').to.equal(0);
  });

  // The mock holds each getLongWaterLine (holdMs 3000) and answers it with the ring in `msgs`;
  // recvMsg is held 1.5 s here, so the time of voip-ring tells which answer the pop came from.
  for (const [popFromPoll, phone] of [['true', '13800000931'], ['false', '13800000932']] as const) {
    it(`pop-from-poll="${popFromPoll}": the card pops ${popFromPoll === 'true' ? "from the held poll's own message, before recvMsg answers" : 'only once recvMsg confirms the ring'}`, async () => {
      const el = await fixture<VoipSoftphone>(html`<voip-softphone
        server=${mock.url}
        user=${USER}
        password=${PASSWORD}
        desktop-port="0"
        poll-interval="50"
        pop-from-poll=${popFromPoll}
      ></voip-softphone>`);
      expect(el.popFromPoll).to.equal(popFromPoll === 'true');
      await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
      await polling(mock);
      await control(mock.url, 'fault', { method: 'recvMsg', delayMs: 1500 });
      const ring = oneEvent(el, 'voip-ring');
      const ringAt = Date.now();
      const { cdrId } = (await control(mock.url, 'ring', { user: USER, phone })) as { cdrId: string };
      try {
        const { detail } = await ring;
        const elapsed = Date.now() - ringAt;
        expect(detail.call).to.include({ phone, state: 'ringing' });
        if (popFromPoll === 'true') expect(elapsed, 'popped while recvMsg was still held').to.be.below(1500);
        else expect(elapsed, 'waited for the held recvMsg').to.be.at.least(1450);
      } finally {
        await control(mock.url, 'fault/clear', {});
        const hangup = oneEvent(el, 'voip-hangup');
        await control(mock.url, 'hangup', { cdrId });
        await hangup;
      }
    });
  }

  it('logs in once when a framework set properties before the element was defined (upgrade)', async () => {
    // Properties set on a not-yet-defined element are applied by Lit at the first update; the
    // session must start with them, not with the defaults first and then again.
    const tag = 'voip-softphone-upgrade-test';
    const { user } = UPGRADE_AGENT;
    const el = document.createElement(tag) as VoipSoftphone;
    el.setAttribute('server', mock.url);
    el.setAttribute('user', user);
    el.setAttribute('password', UPGRADE_AGENT.password);
    el.setAttribute('desktop-port', '0');
    el.pollInterval = 50; // an own property of the plain element until the upgrade
    const seen: string[] = [];
    el.addEventListener('voip-status', (e) => seen.push(e.detail.status));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    customElements.define(tag, class extends (customElements.get('voip-softphone') as typeof VoipSoftphone) {});
    expect(seen, 'nothing fires inside append or define').to.deep.equal([]);
    await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
    expect(el.pollInterval).to.equal(50);
    const body = (await control(mock.url, 'requests', { user, method: 'getExtension' })) as { requests: unknown[] };
    expect(body.requests.length, 'one login').to.equal(1);
    expect(seen).to.deep.equal(['connecting', 'online']);
    el.remove();
  });

  it('is accessible', async () => {
    const el = await online(mock, { lang: 'en' });
    await expect(el).to.be.accessible();
  });
});
