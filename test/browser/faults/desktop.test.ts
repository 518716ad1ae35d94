/**
 * Fault suite, case 7 in real Chromium: the vendor desktop client absent (nothing listens on its
 * port), slow (answers after 5 s, beyond the 3 s timeout), or refusing (drops every connection).
 * Each time: desktop() rejects with -1003, a voip-error and the visible error say so, the widget
 * stays online, and a call that rings meanwhile pops exactly once (crm-open="desktop" included).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { VoipSoftphone } from '../../../src/index.js';
import { control, desktopCommands, startMockDesktop, stopMockDesktop, type MockHandle } from '../helpers/mock.js';
import { PASSWORD, faultFixtureEachTest, type PageErrors, type TimerCounter, USER, part, polling, record, rejection, ring, statusText } from './helpers.js';

type Desktop = 'absent' | 'slow' | 'refusing';

describe('faults: the desktop client absent, slow or refusing', () => {
  let mock!: MockHandle;
  let desktopPort: number;
  let running: MockHandle | undefined;
  let timers!: TimerCounter;
  let errors!: PageErrors;

  async function startDesktop(kind: Desktop): Promise<void> {
    if (kind === 'absent') {
      // A port nothing listens on: one a mock desktop had, closed again.
      const gone = await startMockDesktop();
      await stopMockDesktop(gone.port);
      desktopPort = gone.port;
      return;
    }
    running = await startMockDesktop(kind === 'slow' ? { delayMs: 5000 } : { refuse: true });
    desktopPort = running.port;
  }

  async function widget(crmOpen = 'link'): Promise<VoipSoftphone> {
    const el = await fixture<VoipSoftphone>(html`<voip-softphone
      server=${mock.url}
      user=${USER}
      password=${PASSWORD}
      lang="en"
      ringtone="off"
      poll-interval="50"
      desktop-port=${desktopPort}
      crm-open=${crmOpen}
      crm-url="https://crm.example.com/c?phone={phone}"
    ></voip-softphone>`);
    await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
    await polling(mock);
    return el;
  }

  faultFixtureEachTest({ holdMs: 1000, outboundConnectMs: -1 }, (f) => ({ mock, timers, errors } = f));
  afterEach(async () => {
    if (running) await stopMockDesktop(running.port);
    running = undefined;
  });

  for (const [kind, within] of [
    ['absent', 1500],
    ['refusing', 1500],
    ['slow', 3600],
  ] as const) {
    it(`${kind}: desktop() rejects with -1003 within ${within} ms, says so, and the widget carries on`, async () => {
      await startDesktop(kind);
      const el = await widget();
      const seen = record(el);
      const failed = oneEvent(el, 'voip-error');
      const started = performance.now();
      const error = await rejection(el.desktop(2002));
      const took = performance.now() - started;
      const { detail } = await failed;
      expect(error.code).to.equal(-1003);
      expect(detail.error).to.equal(error);
      expect(error.message).to.equal(`desktop client not running on 127.0.0.1:${desktopPort}`);
      expect(took).to.be.below(within);
      if (kind === 'slow') expect(took, 'the 3 s timeout, not the 5 s answer').to.be.at.least(2900);
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.contain('desktop client not running');
      expect(el.status).to.equal('online');
      expect(statusText(el)).to.equal('Online');
      await waitUntil(() => timers.live().every((t) => !t.includes('/src/desktop/')), `desktop timers left: ${timers.live().join('; ')}`);

      const cdrId = await ring(mock, '13800001001');
      await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.events.length === 2, 'hang-up', { timeout: 3000 });
      expect(seen.events).to.deep.equal(['ring:13800001001', 'hangup:13800001001']);
      expect(seen.errors).to.deep.equal([-1003]);
      if (kind === 'slow') {
        // A slow client did get the command: "not running" is what the page can tell, not a fact.
        expect((await desktopCommands(desktopPort)).map((c) => c.type)).to.deep.equal([2002]);
      }
      expect(errors.errors).to.deep.equal([]);
    });
  }

  for (const kind of ['absent', 'refusing'] as const) {
    it(`crm-open="desktop" with the client ${kind}: the call pops once, with one -1003 per ring`, async () => {
      await startDesktop(kind);
      const el = await widget('desktop');
      const seen = record(el);
      const cdrId = await ring(mock, '13800001002');
      await waitUntil(() => seen.errors.length === 1, 'the desktop error', { timeout: 3000 });
      expect(seen.errors).to.deep.equal([-1003]);
      await control(mock.url, 'answer', { cdrId });
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.events.length === 3, 'answer and hang-up', { timeout: 3000 });
      expect(seen.events).to.deep.equal(['ring:13800001002', 'answer:13800001002', 'hangup:13800001002']);
      expect(seen.errors, 'no retry storm against a missing client').to.deep.equal([-1003]);
      expect(el.status).to.equal('online');
      expect(errors.errors).to.deep.equal([]);
    });
  }
});
