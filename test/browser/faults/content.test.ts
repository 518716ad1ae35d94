/**
 * Fault suite, case 4 in real Chromium: message content the server should not send (not JSON,
 * missing fields, unknown kind or status), a 10 KB phone number, Unicode and right-to-left text,
 * and hostile markup in every server-provided field and in the dial box. Everything is shown as
 * text, nothing runs, nothing crashes, and the calls that can be read pop exactly once.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { VoipSoftphone } from '../../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from '../helpers/mock.js';
import { PageErrors, USER, online, part, record, sleep, statusText } from './helpers.js';

/** Runs if it is ever parsed as HTML or evaluated: the tests then see `window.__pwned`. */
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b onclick=alert(1)>x</b>`;
const HOSTILE_AGENT = { user: '100008866', password: 'hostile66', extension: '8866', name: `${HOSTILE}\u202Eنام` };
const RTL = '\u202Eمرحبا 05501234567\u202C';
const UNICODE = '客户😀\u200D👩‍💻 ÅÉ';

declare global {
  interface Window {
    __pwned?: number;
  }
}

/** Elements that would mean markup was parsed from server text. */
function parsedMarkup(el: VoipSoftphone): Element[] {
  return [...el.shadowRoot!.querySelectorAll('img, script, b, iframe, object, embed, svg:not([aria-hidden]), math')];
}

async function message(mock: MockHandle, kind: number, phone: string, content: string, user = USER): Promise<void> {
  await control(mock.url, 'message', { user, kind, phone, content });
}

describe('faults: content the server should not send', () => {
  let mock: MockHandle;
  let errors: PageErrors;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1, accounts: [HOSTILE_AGENT] });
    errors = new PageErrors().install();
    delete window.__pwned;
  });
  afterEach(async () => {
    errors.uninstall();
    await stopMock(mock.port);
  });

  it('skips content it cannot read, reports every message, and pops the readable calls once', async () => {
    const el = await online(mock);
    const seen = record(el);
    let messages = 0;
    el.addEventListener('voip-message', () => messages++);
    const unreadable: [number, string, string][] = [
      [2, '13800000701', 'not json at all'],
      [2, '13800000701', '{status:'],
      [2, '13800000701', '{}'],
      [2, '13800000701', "{cdrId:'700000000000701'}"],
      [2, '13800000701', '{status:"ringing"}'],
      [2, '13800000701', '[0]'],
      [2, '13800000701', '{a:' + '['.repeat(5000)],
      [9, '13800000701', "{status:0,cdrId:'700000000000702'}"], // unknown kind
      [2, '13800000703', "{status:7,cdrId:'700000000000703'}"], // unknown status
      [4, '10086', '{status:0}'], // an SMS whose text looks like a call
    ];
    for (const [kind, phone, content] of unreadable) await message(mock, kind, phone, content);
    // A readable call with missing fields: no cdrId, no paramvalue (keyed by number and direction).
    await message(mock, 2, '13800000704', '{status:0}');
    await message(mock, 2, '13800000704', "{'status':'3'}");
    await waitUntil(() => messages === unreadable.length + 2, 'every message', { timeout: 5000 });
    await sleep(200);
    await el.updateComplete;
    expect(seen.events).to.deep.equal(['ring:13800000704', 'hangup:13800000704']);
    expect(seen.errors).to.deep.equal([]);
    expect(el.status).to.equal('online');
    expect(statusText(el)).to.equal('Online');
    expect(errors.errors).to.deep.equal([]);
  });

  it('shows a 10 KB phone number, right-to-left and Unicode text as text, each call once', async () => {
    const el = await online(mock);
    const seen = record(el);
    const long = '9'.repeat(10 * 1024);
    for (const [i, phone] of [long, RTL, UNICODE].entries()) {
      const cdrId = `70000000000071${i}`;
      await message(mock, 2, phone, `{status:0,cdrId:'${cdrId}'}`);
      await waitUntil(() => seen.events.length === 2 * i + 1, `ring ${i}`);
      await el.updateComplete;
      expect(part(el, 'phone')!.textContent!.trim()).to.equal(phone);
      expect(part(el, 'card')!.getBoundingClientRect().width, 'the card keeps its width').to.be.at.most(el.getBoundingClientRect().width + 1);
      await message(mock, 2, phone, `{status:3,cdrId:'${cdrId}'}`);
      await waitUntil(() => seen.events.length === 2 * i + 2, `hang-up ${i}`);
    }
    expect(seen.events.map((e) => e.replace(long, 'LONG'))).to.deep.equal([
      'ring:LONG',
      'hangup:LONG',
      `ring:${RTL}`,
      `hangup:${RTL}`,
      `ring:${UNICODE}`,
      `hangup:${UNICODE}`,
    ]);
    expect(el.status).to.equal('online');
    expect(errors.errors).to.deep.equal([]);
  });

  it('shows hostile markup in the phone, cdrId, paramvalue, agent name and server messages as text; nothing runs', async () => {
    const el = await fixture<VoipSoftphone>(html`<voip-softphone
      server=${mock.url}
      user=${HOSTILE_AGENT.user}
      password=${HOSTILE_AGENT.password}
      lang="en"
      desktop-port="0"
      ringtone="off"
      poll-interval="50"
      crm-url="https://crm.example.com/c?phone={phone}&id={cdrId}&p={paramvalue}"
    ></voip-softphone>`);
    await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
    await el.updateComplete;
    const seen = record(el);
    // The agent name from getExtension, in the header.
    expect(el.shadowRoot!.querySelector('header')!.textContent).to.contain(HOSTILE_AGENT.name);

    // A call whose every field is hostile.
    const content = JSON.stringify({ status: 0, cdrId: HOSTILE, paramvalue: HOSTILE });
    await message(mock, 2, HOSTILE, content, HOSTILE_AGENT.user);
    await waitUntil(() => seen.events.length === 1, 'ring');
    await el.updateComplete;
    expect(part(el, 'phone')!.textContent!.trim()).to.equal(HOSTILE);
    const link = part(el, 'crm-link') as HTMLAnchorElement;
    const href = new URL(link.href);
    expect(href.origin, 'the CRM link stays on the CRM').to.equal('https://crm.example.com');
    expect(href.searchParams.get('phone')).to.equal(HOSTILE);
    expect(href.searchParams.get('id')).to.equal(HOSTILE);
    expect(href.searchParams.get('p')).to.equal(HOSTILE);
    expect(el.shadowRoot!.querySelector('[aria-live]')!.textContent).to.contain(HOSTILE);
    expect(document.title, 'the tab title flashes the number as text').to.contain(HOSTILE);

    // A server error message with markup, shown in the error part.
    await control(mock.url, 'fault', { method: 'hangupExten', code: -3, message: HOSTILE });
    const failed = oneEvent(el, 'voip-error');
    part(el, 'hangup-button')!.click();
    const { detail } = await failed;
    expect(detail.error.code).to.equal(-3);
    expect(detail.error.serverMessage, 'the server text is kept on the error').to.equal(HOSTILE);
    await el.updateComplete;
    // An English card shows our English text for a known code, not the server's (Chinese) text.
    expect(part(el, 'error')!.textContent).to.contain('internal error in the method');

    await message(mock, 2, HOSTILE, JSON.stringify({ status: 3, cdrId: HOSTILE }), HOSTILE_AGENT.user);
    await waitUntil(() => seen.events.length === 2, 'hang-up');
    await el.updateComplete;
    await sleep(300); // let an injected <img onerror> fire, were there one
    expect(parsedMarkup(el)).to.deep.equal([]);
    expect(document.querySelectorAll('img[src="x"]')).to.have.length(0);
    expect(window.__pwned).to.equal(undefined);
    expect(seen.events).to.deep.equal([`ring:${HOSTILE}`, `hangup:${HOSTILE}`]);
    expect(el.status).to.equal('online');
    expect(errors.errors).to.deep.equal([]);
  });

  it('refuses hostile markup typed in the dial box: a clear error, the text left as typed, nothing sent', async () => {
    const el = await online(mock);
    const { requests: before } = await control<{ requests: unknown[] }>(mock.url, 'requests', { user: USER, method: 'callbackPhone' });
    const input = part(el, 'dial-input') as HTMLInputElement;
    for (const typed of [HOSTILE, `138${HOSTILE}`, '1'.repeat(10 * 1024), RTL, "13800000000' OR '1'='1"]) {
      input.value = typed;
      const failed = oneEvent(el, 'voip-error');
      input.form!.requestSubmit();
      const { detail } = await failed;
      expect(detail.error.code, typed.slice(0, 30)).to.equal(-1002);
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain('digits only');
      expect(input.value, 'left as typed, to be corrected').to.equal(typed);
    }
    const { requests: after } = await control<{ requests: unknown[] }>(mock.url, 'requests', { user: USER, method: 'callbackPhone' });
    expect(after.length, 'nothing sent').to.equal(before.length);
    await sleep(100);
    expect(parsedMarkup(el)).to.deep.equal([]);
    expect(window.__pwned).to.equal(undefined);
    expect(el.status).to.equal('online');
    expect(errors.errors).to.deep.equal([]);
  });
});
