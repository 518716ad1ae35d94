/**
 * Who is calling (CONTRACT "Who is calling"): the page's `lookup` hook never delays the pop, its
 * contact shows on the card (`contact-name`) and rides on later events (`call.contact`), its url
 * replaces the crm link, a lookup that throws or takes over 5 s keeps the number and fires
 * `voip-error`; the caller's region (`area`) from findDialrecord. Against the real mock.
 */
import { expect, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { CallWithInfo, VoipSoftphone } from '../../src/index.js';
import type { Contact } from '../../src/console/lookup.js';
import { LOOKUP_TIMEOUT_MS } from '../../src/console/lookup.js';
import { NAME_WAIT_MS } from '../../src/element/controllers/index.js';
import { LocalCode } from '../../src/protocol/index.js';
import { systemClock, type Call } from '../../src/session/index.js';
import { connected, control, part, PASSWORD, polling, ring, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';

const PHONE = '13812345678';
const REGION_PHONE = '13900001111';
const REGION = '广东 深圳';
const LI_LEI: Contact = { name: 'Li Lei', company: 'ACME Trading', url: 'https://crm.example.com/contacts/42' };

/** A promise and the function that settles it, for a lookup the test answers when it wants. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const text = (el: VoipSoftphone, name: string): string | undefined => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim();

/** Every text the live region says from now on, in order (each change once). */
function spoken(el: VoipSoftphone): string[] {
  const region = el.shadowRoot!.querySelector('[aria-live]')!;
  const said: string[] = [];
  new MutationObserver(() => {
    const now = region.textContent!.trim();
    if (now && now !== said.at(-1)) said.push(now);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return said;
}

describe('who is calling', () => {
  // A fresh mock (another account key) per test: no tab-shared session of a previous test's
  // element, and the region comes only from this test's own calls.
  let mock: MockHandle;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 3000, areas: { [REGION_PHONE]: REGION } });
  });
  afterEach(async () => {
    fixtureCleanup();
    await stopMock(mock.port);
  });

  /** Online and polling: a call rung before the first poll set its base would count as history. */
  async function online(lang = 'en'): Promise<VoipSoftphone> {
    const el = await connected({
      server: mock.url,
      user: USER,
      password: PASSWORD,
      lang,
      'desktop-port': 0,
      'crm-url': 'https://crm.example.com/by-phone?phone={phone}',
    });
    await polling(mock);
    return el;
  }

  /** A call of `phone` that rings and ends: the server has its record (and region) from then on. */
  async function pastCall(el: VoipSoftphone, phone: string): Promise<void> {
    const ended = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId: await ring(mock, phone) });
    await ended;
  }

  it('pops with the number before a slow lookup answers, then shows the contact; later events carry it', async () => {
    const el = await online();
    const answer = deferred<Contact | null>();
    const asked: Call[] = [];
    el.lookup = (call) => {
      asked.push(call);
      return answer.promise;
    };
    const rang = oneEvent(el, 'voip-ring');
    const cdrId = await ring(mock, PHONE);
    await rang;
    await el.updateComplete;
    expect(text(el, 'phone')).to.equal(PHONE);
    expect(part(el, 'contact-name'), 'nothing before the lookup answers').to.equal(null);
    await waitUntil(() => asked.length === 1, 'the lookup asked', { timeout: 5000 });
    expect(asked[0]!.phone).to.equal(PHONE);

    answer.resolve(LI_LEI);
    await waitUntil(() => part(el, 'contact-name'), 'the contact shown', { timeout: 5000 });
    expect(text(el, 'contact-name')).to.equal('Li Lei · ACME Trading');
    expect(text(el, 'phone'), 'the number stays').to.equal(PHONE);
    expect(el.call?.contact).to.deep.equal(LI_LEI);

    const answered = oneEvent(el, 'voip-answer');
    await control(mock.url, 'answer', { cdrId });
    expect((await answered).detail.call.contact).to.deep.equal(LI_LEI);
    const ended = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    expect((await ended).detail.call.contact).to.deep.equal(LI_LEI);
    expect(asked.length, 'once per call').to.equal(1);
  });

  it("the live region names the caller when the lookup answers in time, and says a call rang unanswered", async () => {
    const el = await online();
    el.lookup = () => LI_LEI;
    const said = spoken(el);
    const cdrId = await ring(mock, PHONE);
    await waitUntil(() => said.length > 0, 'the ring announced', { timeout: 5000 });
    const ended = oneEvent(el, 'voip-hangup');
    await control(mock.url, 'hangup', { cdrId });
    await ended;
    await waitUntil(() => said.length === 2, 'the hang-up announced', { timeout: 5000 });
    expect(said, 'the name, never the number first').to.deep.equal(['Incoming Li Lei', 'Missed call from Li Lei']);
  });

  it('a lookup that answers after the ring was announced: the number was said, and is not said again', async () => {
    const el = await online();
    const answer = deferred<Contact | null>();
    el.lookup = () => answer.promise;
    const said = spoken(el);
    // A fake clock for the announcement's wait for the name: the test ends it.
    const held: (() => void)[] = [];
    const realSetTimeout = systemClock.setTimeout;
    systemClock.setTimeout = (callback, ms) => (ms === NAME_WAIT_MS ? held.push(callback) : realSetTimeout(callback, ms));
    try {
      await ring(mock, PHONE);
      await waitUntil(() => held.length > 0, 'the ring waits for a name', { timeout: 5000 });
    } finally {
      systemClock.setTimeout = realSetTimeout;
    }
    await el.updateComplete;
    expect(said, 'nothing said while waiting').to.deep.equal([]);
    for (const run of held) run(); // the wait is over
    await waitUntil(() => said.length > 0, 'the ring announced', { timeout: 5000 });
    expect(said).to.deep.equal([`Incoming ${PHONE}`]);
    answer.resolve(LI_LEI);
    await waitUntil(() => part(el, 'contact-name'), 'the contact shown', { timeout: 5000 });
    expect(said, 'said once').to.deep.equal([`Incoming ${PHONE}`]);
  });

  it("a contact's url replaces the crm-url link for that call", async () => {
    const el = await online();
    el.lookup = () => LI_LEI;
    const cdrId = await ring(mock, PHONE);
    await waitUntil(() => part(el, 'contact-name'), 'the contact shown', { timeout: 5000 });
    expect(part(el, 'crm-link')!.getAttribute('href')).to.equal(LI_LEI.url);
    await control(mock.url, 'hangup', { cdrId });
  });

  it('a lookup that throws keeps the number and fires voip-error', async () => {
    const el = await online();
    el.lookup = () => {
      throw new Error('CRM down');
    };
    const failed = oneEvent(el, 'voip-error');
    const cdrId = await ring(mock, PHONE);
    const { detail } = await failed;
    expect(detail.error.code).to.equal(LocalCode.LookupFailed);
    await el.updateComplete;
    expect(text(el, 'phone')).to.equal(PHONE);
    expect(part(el, 'contact-name')).to.equal(null);
    await control(mock.url, 'hangup', { cdrId });
  });

  it('a lookup slower than 5 s is given up: the number stays and voip-error fires', async () => {
    const el = await online();
    // A fake clock for the lookup's time limit: the page's timers (systemClock, which the
    // session's polling does not use) hold 5 s timers set while the call pops; the test runs them.
    const held: (() => void)[] = [];
    const realSetTimeout = systemClock.setTimeout;
    systemClock.setTimeout = (callback, ms) => (ms === LOOKUP_TIMEOUT_MS ? held.push(callback) : realSetTimeout(callback, ms));
    let asked = false;
    el.lookup = () => {
      asked = true;
      return new Promise<Contact>(() => {}); // never answers
    };
    let cdrId: string;
    try {
      cdrId = await ring(mock, PHONE);
      await waitUntil(() => asked, 'the lookup asked', { timeout: 5000 });
    } finally {
      systemClock.setTimeout = realSetTimeout;
    }
    expect(held.length, 'the time limit running').to.be.greaterThan(0);
    const failed = oneEvent(el, 'voip-error');
    for (const run of held) run(); // 5 s pass
    expect((await failed).detail.error.code).to.equal(LocalCode.LookupFailed);
    await el.updateComplete;
    expect(text(el, 'phone')).to.equal(PHONE);
    expect(part(el, 'contact-name')).to.equal(null);
    await control(mock.url, 'hangup', { cdrId });
  });

  it("shows the caller's region when the server gives one", async () => {
    const el = await online();
    // The server keeps a record once a call ended: the second call of the number has its region.
    await pastCall(el, REGION_PHONE);
    const cdrId = await ring(mock, REGION_PHONE);
    // The ringing call's own region (the ended card of the first call shows one already).
    await waitUntil(() => el.call?.state === 'ringing' && el.call.area === REGION, 'the region of the ringing call', { timeout: 5000 });
    await el.updateComplete;
    expect(text(el, 'area')).to.equal(REGION);
    const ended: CallWithInfo[] = [];
    el.addEventListener('voip-hangup', (e) => ended.push(e.detail.call));
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => ended.length === 1, 'the hang-up', { timeout: 5000 });
    expect(ended[0]!.area, 'on later events too').to.equal(REGION);
  });

  for (const lang of ['en', 'zh-CN']) {
    it(`the card with a contact and a region passes axe (${lang})`, async () => {
      const el = await online(lang);
      await pastCall(el, REGION_PHONE);
      el.lookup = () => LI_LEI;
      const cdrId = await ring(mock, REGION_PHONE);
      await waitUntil(() => part(el, 'contact-name') && part(el, 'area'), 'contact and region shown', { timeout: 5000 });
      await expect(el).to.be.accessible();
      await control(mock.url, 'hangup', { cdrId });
    });
  }
});
