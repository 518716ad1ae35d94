/**
 * Fault suite: the widget must not hold back the CRM page's own `load` event. A JSONP `<script>`
 * inserted before `load` delays it; a long poll is held by the server and the next one follows at
 * once, so a widget polling from the start would keep `load` from ever firing (the CRM's onload
 * code never runs, the tab's spinner never stops). The widget logs in at once and starts polling
 * when the page has loaded.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { VoipSoftphone } from '../../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from '../helpers/mock.js';
import { polling, record, requests, ring, USER } from './helpers.js';

/** The slow image: the mock answers this made-up method only after SLOW_MS (a fault delay). */
const SLOW_METHOD = 'slowImageForTheLoadTest';
const SLOW_MS = 1500;

describe('faults: the CRM page loading', () => {
  let mock: MockHandle;
  let frame: HTMLIFrameElement | undefined;
  beforeEach(async () => {
    // Every poll is held 1 s: back to back, they would leave no moment without a script loading.
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1 });
  });
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    await stopMock(mock.port);
  });

  /**
   * Opens `head` + `body` and the slow image (answered after `slowMs`) as a page of its own, and
   * waits for its `load` event, which must come when the image ends, not before and not never.
   */
  async function loadPage(head: string, body: string, slowMs: number): Promise<{ win: Window; startedAt: number; loadedAt: number }> {
    await control(mock.url, 'fault', { method: SLOW_METHOD, delayMs: slowMs });
    frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html><head>${head}</head><body>${body}
<img alt="" src="${mock.url}/voip/api/jsonpdata.jsonp?method=${SLOW_METHOD}">
</body></html>`;
    let loadedAt = 0;
    frame.addEventListener('load', () => (loadedAt = Date.now()), { once: true });
    const startedAt = Date.now();
    document.body.append(frame);
    await waitUntil(() => loadedAt > 0, "the page's load event", { timeout: slowMs + 5000 });
    expect(loadedAt - startedAt, 'load came when the slow image ended').to.be.at.least(slowMs - 100);
    return { win: frame.contentWindow as Window, startedAt, loadedAt };
  }

  it('a page with a slow image still fires load: the widget logs in at once, polls only after load, and pops calls', async () => {
    // share-tabs off: the poller starts right after the login, with no tab election in between.
    const { win, loadedAt } = await loadPage(
      '<script type="module" src="/src/index.ts"></script>',
      `<voip-softphone server="${mock.url}" user="${USER}" password="02367073578" lang="en" ringtone="off" desktop-port="0" poll-interval="50" share-tabs="false"></voip-softphone>`,
      SLOW_MS,
    );
    const el = win.document.querySelector('voip-softphone') as VoipSoftphone;
    const seen = record(el);
    await polling(mock);
    const sent = await requests(mock, { user: USER });
    const login = sent.find((r) => r.method === 'getExtension');
    expect(login, 'logged in').to.exist;
    expect(login!.at, 'the login did not wait for load').to.be.below(loadedAt - 500);
    const firstPoll = sent.find((r) => r.method === 'getLongWaterLine');
    expect(firstPoll!.at, 'no poll before load').to.be.at.least(loadedAt - 20);

    // …and it watches from then on.
    await ring(mock, '13800001301');
    await waitUntil(() => seen.events.length === 1, 'the ring after load', { timeout: 3000 });
    expect(seen.events).to.deep.equal(['ring:13800001301']);
  });

  it('a page still loading when the wait runs out: the session polls, and pauses between polls so that load can fire', async () => {
    // The element waits up to 10 s; here the same gate runs with 400 ms, in the page itself, in
    // front of a real WatchSession over JSONP, so the image (2.5 s) outlasts it.
    // Polls are held 1 s each: load can come only in a pause between two of them.
    const script = `<script type="module">
import { VoipClient } from '/src/client/index.ts';
import { WatchSession } from '/src/session/index.ts';
import { jsonpPollGate } from '/src/transport/index.ts';
const client = new VoipClient({ server: '${mock.url}', user: '${USER}', password: '02367073578' });
window.session = new WatchSession(client, { pollIntervalMs: 50, beforePolling: jsonpPollGate(400) });
window.session.start();
</script>`;
    try {
      const { startedAt, loadedAt } = await loadPage(script, '', 2500);
      const polls = (await requests(mock, { user: USER, method: 'getLongWaterLine' })).filter((r) => r.at >= startedAt);
      expect(polls.filter((r) => r.at < loadedAt).length, 'the session polled while the page was loading').to.be.at.least(2);
    } finally {
      (frame?.contentWindow as (Window & { session?: { stop(): void } }) | null)?.session?.stop();
    }
  });
});
