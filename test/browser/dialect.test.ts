/**
 * The widget's call flows against every variant the real server may speak (spec §7.1; the mock's
 * options, README "How the mock speaks"), in both poll modes: ring, answer, hang-up, a reload in
 * the middle of a call, two tabs, call waiting, and callers whose number is not digits. Whatever
 * the dialect, every call pops once and ends once, and the card never shows a call the server
 * has ended.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { VoipSoftphone } from '../../src/index.js';
import { control, MOCK_DIALECTS, startMock, stopMock, type MockHandle } from './helpers/mock.js';
import { online, part, PASSWORD, record, requests, ring, sleep, USER } from './faults/helpers.js';

/** The two ways the widget meets a server: one that answers at once, one that holds each poll. */
const POLL_MODES = [
  { name: 'short poll', holdMs: 0, pollInterval: 150 },
  { name: 'long poll', holdMs: 2_000, pollInterval: 50 },
] as const;

const EVENT_TIMEOUT = { timeout: 6_000, interval: 20 };

let numbers = 0;
/** A caller number no other test of the run uses. */
function caller(): string {
  return `1390000${String(++numbers).padStart(4, '0')}`;
}

async function events(seen: { events: string[] }, expected: string[], what: string): Promise<void> {
  await waitUntil(() => seen.events.length >= expected.length, `${what} (events: ${seen.events.join(', ')})`, EVENT_TIMEOUT);
  // A few more polls: nothing is announced twice.
  await sleep(400);
  expect(seen.events, what).to.deep.equal(expected);
}

for (const [dialect, options] of Object.entries(MOCK_DIALECTS)) {
  for (const mode of POLL_MODES) {
    describe(`the call flows, server speaking "${dialect}", ${mode.name}`, () => {
      let mock: MockHandle;
      const connect = (extra: { shareTabs?: boolean } = {}): Promise<VoipSoftphone> =>
        online(mock, { pollInterval: mode.pollInterval, ...extra });

      before(async () => {
        mock = await startMock({ ...options, holdMs: mode.holdMs, outboundConnectMs: -1 });
      });
      after(() => stopMock(mock.port));

      it('rings, is answered on click, ends when the caller hangs up: each once', async () => {
        const el = await connect();
        const seen = record(el);
        const phone = caller();
        const cdrId = await ring(mock, phone);
        await waitUntil(() => part(el, 'answer-button') !== null, 'the card rings', EVENT_TIMEOUT);
        part(el, 'answer-button')!.click();
        await waitUntil(() => el.call?.state === 'talking', 'talking', EVENT_TIMEOUT);
        expect((await requests(mock, { method: 'sendMsg' })).at(-1)!.params).to.include({ phone, kind: '6' });
        await control(mock.url, 'hangup', { cdrId });
        await events(seen, [`ring:${phone}`, `answer:${phone}`, `hangup:${phone}`], 'ring, answer, hang-up');
        expect(el.call?.state, 'the card shows the call ended').to.equal('ended');
        expect(part(el, 'answer-button')).to.equal(null);
      });

      it('the agent hangs up on click: the call ends once, and the server hears it', async () => {
        const el = await connect();
        const seen = record(el);
        const phone = caller();
        const cdrId = await ring(mock, phone);
        await waitUntil(() => seen.events.length === 1, 'ring', EVENT_TIMEOUT);
        await control(mock.url, 'answer', { cdrId });
        await waitUntil(() => el.call?.state === 'talking', 'talking', EVENT_TIMEOUT);
        await el.updateComplete;
        part(el, 'hangup-button')!.click();
        await events(seen, [`ring:${phone}`, `answer:${phone}`, `hangup:${phone}`], 'ring, answer, hang-up');
        expect((await requests(mock, { method: 'hangupExten' })).at(-1)!.params.phoneNum).to.equal(phone);
      });

      it('a reload in the middle of a call shows the call again, and its end', async () => {
        const first = await connect({ shareTabs: false });
        const before = record(first);
        const phone = caller();
        const cdrId = await ring(mock, phone);
        await control(mock.url, 'answer', { cdrId });
        await waitUntil(() => before.events.length === 2, 'ring and answer', EVENT_TIMEOUT);
        first.remove();
        const reloaded = await fixture<VoipSoftphone>(html`<voip-softphone
          server=${mock.url} user=${USER} password=${PASSWORD} lang="en" poll-interval=${mode.pollInterval}
          desktop-port="0" share-tabs="false" ringtone="off"></voip-softphone>`);
        const seen = record(reloaded);
        await waitUntil(() => reloaded.call?.state === 'talking', 'the call is back on the card', EVENT_TIMEOUT);
        expect(reloaded.call?.phone).to.equal(phone);
        await control(mock.url, 'hangup', { cdrId });
        await waitUntil(() => seen.events.includes(`hangup:${phone}`), 'the hang-up', EVENT_TIMEOUT);
        await sleep(400);
        expect(seen.events.filter((e) => e.startsWith('ring:')), 'popped once').to.deep.equal([`ring:${phone}`]);
        expect(seen.events.filter((e) => e.startsWith('hangup:')), 'ended once').to.deep.equal([`hangup:${phone}`]);
        expect(reloaded.call?.state).to.equal('ended');
      });

      it('two tabs of the agent sharing one poller: both pop the call once and end it once', async () => {
        const a = await connect();
        const b = await connect();
        const seenA = record(a);
        const seenB = record(b);
        const phone = caller();
        const cdrId = await ring(mock, phone);
        await waitUntil(() => seenA.events.length === 1 && seenB.events.length === 1, 'ring on both', EVENT_TIMEOUT);
        await control(mock.url, 'hangup', { cdrId });
        await events(seenA, [`ring:${phone}`, `hangup:${phone}`], 'tab A');
        await events(seenB, [`ring:${phone}`, `hangup:${phone}`], 'tab B');
      });

      if (options.pollCursor !== 'account') {
        it('two pages of the agent, each polling on its own login line: both pop the call once and end it once', async () => {
          const a = await connect({ shareTabs: false });
          const b = await connect({ shareTabs: false });
          const seenA = record(a);
          const seenB = record(b);
          const phone = caller();
          const cdrId = await ring(mock, phone);
          await waitUntil(() => seenA.events.length === 1 && seenB.events.length === 1, 'ring on both', EVENT_TIMEOUT);
          await control(mock.url, 'hangup', { cdrId });
          await events(seenA, [`ring:${phone}`, `hangup:${phone}`], 'page A');
          await events(seenB, [`ring:${phone}`, `hangup:${phone}`], 'page B');
        });
      }

      it('call waiting: a second caller pops while the first talks; each ends on its own', async () => {
        const el = await connect();
        const seen = record(el);
        const first = caller();
        const second = caller();
        const one = await ring(mock, first);
        await control(mock.url, 'answer', { cdrId: one });
        await waitUntil(() => seen.events.length === 2, 'the first call talking', EVENT_TIMEOUT);
        const two = await ring(mock, second);
        await waitUntil(() => seen.events.length === 3, 'the second call pops', EVENT_TIMEOUT);
        await control(mock.url, 'hangup', { cdrId: two });
        await waitUntil(() => seen.events.length === 4, 'the second call ends', EVENT_TIMEOUT);
        expect(el.call?.phone, 'the first call is still up').to.equal(first);
        expect(el.call?.state).to.equal('talking');
        await control(mock.url, 'hangup', { cdrId: one });
        await events(
          seen,
          [`ring:${first}`, `answer:${first}`, `ring:${second}`, `hangup:${second}`, `hangup:${first}`],
          'call waiting',
        );
      });

      it('callers whose number is not digits pop, are answered and hung up with the number as received', async () => {
        const el = await connect();
        const seen = record(el);
        for (const phone of ['anonymous', `sip:${caller()}@pbx.example.com`, `+86 ${caller()}-${'9'.repeat(40)}`]) {
          await ring(mock, phone);
          await waitUntil(() => part(el, 'answer-button') !== null, `${phone} rings`, EVENT_TIMEOUT);
          part(el, 'answer-button')!.click();
          await waitUntil(() => el.call?.state === 'talking', `${phone} talking (errors: ${seen.errors.join()})`, EVENT_TIMEOUT);
          expect((await requests(mock, { method: 'sendMsg' })).at(-1)!.params.phone).to.equal(phone);
          await el.updateComplete;
          part(el, 'hangup-button')!.click();
          await waitUntil(() => el.call?.state === 'ended', `${phone} ended`, EVENT_TIMEOUT);
          expect((await requests(mock, { method: 'hangupExten' })).at(-1)!.params.phoneNum).to.equal(phone);
          await sleep(300);
          expect(seen.events.slice(-3), phone).to.deep.equal([`ring:${phone}`, `answer:${phone}`, `hangup:${phone}`]);
        }
        expect(seen.errors).to.deep.equal([]);
      });
    });
  }
}
