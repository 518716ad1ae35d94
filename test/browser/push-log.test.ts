/**
 * <voip-push-log> against the mock server's push log (spec §4): the CRM refused some pushes, the
 * list shows them failed with paging and filters, and resend delivers them once the CRM is fixed.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Endpoint } from '../../src/protocol/index.js';
import '../../src/push-log/index.js';
import type { VoipPushLog } from '../../src/push-log/index.js';
import { control, startMock, stopMock, USER, type MockHandle } from './helpers/fixture.js';


function rows(el: VoipPushLog): string[][] {
  return [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
}

describe('<voip-push-log>', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 0 });
    // A CRM that refuses everything: the mock's control API answers an unknown route with code -11.
    await control(mock.url, 'crm', { pushUrl: `${mock.url}/mock/no-such-crm` });
    for (const phone of ['13800000001', '13800000002']) {
      const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: USER, phone });
      await control(mock.url, 'hangup', { cdrId });
    }
    await control(mock.url, 'pushes', {});
  });
  after(async () => {
    await stopMock(mock.port);
  });

  async function log(attrs: { status?: string; rows?: number } = {}): Promise<VoipPushLog> {
    const el = await fixture<VoipPushLog>(html`<voip-push-log
      server=${mock.url}
      user=${USER}
      password="02367073578"
      lang="en"
      status=${attrs.status ?? ''}
      rows=${attrs.rows ?? 10}
    ></voip-push-log>`);
    await waitUntil(() => rows(el).length > 0 && !rows(el)[0]![0]!.startsWith('Loading'), 'rows', { timeout: 5000 });
    return el;
  }

  it('lists the failed pushes of today with the CRM reason, newest first', async () => {
    const el = await log({ status: '1' });
    const listed = rows(el);
    // Each missed call: a dialing push and a hang-up push, all refused.
    expect(listed.length).to.equal(4);
    for (const row of listed) expect(row[3]).to.equal('Failed');
    expect(listed.map((r) => r[1])).to.include.members(['13800000001', '13800000002']);
    expect(el.shadowRoot!.querySelectorAll('[part="resend-button"]').length).to.equal(4);
  });

  it('pages through the list', async () => {
    const el = await log({ rows: 3 });
    expect(rows(el).length).to.equal(3);
    expect(el.shadowRoot!.querySelector('.pager span')!.textContent).to.contain('Page 1 of 2, 4 in all');
    const next = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.pager button')].at(-1)!;
    next.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.pager span')!.textContent!.includes('Page 2 of 2'), 'page 2');
    expect(rows(el).length).to.equal(1);
  });

  it("asks for the server's today (China time), not the browser's, and for the days picked as given", async () => {
    const sent = async (): Promise<Record<string, string>> => {
      const { requests } = await control<{ requests: { params: Record<string, string> }[] }>(mock.url, 'requests', { method: Endpoint.PushList });
      return requests.at(-1)!.params;
    };
    // 20:00 UTC on 29 February is already 1 March, 04:00 in Beijing: a browser on UTC, or on any
    // zone west of China, would ask for the wrong day.
    const realNow = Date.now;
    Date.now = () => Date.UTC(2024, 1, 29, 20, 0, 0);
    try {
      await log();
    } finally {
      Date.now = realNow;
    }
    expect(await sent()).to.include({ startTime: '2024-03-01 00:00:00', endTime: '2024-03-01 23:59:59' });

    const el = await log();
    el.from = '2026-11-01';
    el.to = '2026-11-24';
    await waitUntil(async () => (await sent()).startTime === '2026-11-01 00:00:00', 'the picked days sent');
    expect(await sent()).to.include({ endTime: '2026-11-24 23:59:59' });
  });

  it('logs in again with a password changed after the first load, and shows the refusal', async () => {
    const el = await log();
    const refused = oneEvent(el, 'voip-error');
    el.password = 'not-the-password';
    const { detail } = await refused;
    expect(detail.error.code).to.equal(-2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent!.length).to.be.greaterThan(0);
  });

  it('a failed resend stays on screen after the list has reloaded', async () => {
    const el = await log({ status: '1' });
    const lists = async (): Promise<number> =>
      (await control<{ requests: unknown[] }>(mock.url, 'requests', { method: Endpoint.PushList })).requests.length;
    const before = await lists();
    const failed = oneEvent(el, 'voip-error');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="resend-button"]')!.click();
    expect((await failed).detail.error.code).to.equal(-1);
    await waitUntil(async () => (await lists()) > before && el.shadowRoot!.querySelector('table')!.getAttribute('aria-busy') === 'false', 'the reload done');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '', 'the reason, still shown').not.to.equal('');
  });

  it('a server URL it cannot use: a voip-error and its text, never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent): void => {
      unhandled.push(e.reason);
      e.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      const el = document.createElement('voip-push-log') as VoipPushLog;
      const failed = oneEvent(el, 'voip-error');
      Object.assign(el, { server: 'voip.example.com', user: USER, lang: 'en' });
      el.password = '02367073578';
      document.body.append(el);
      expect((await failed).detail.error.code).to.equal(-1007);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('http');
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).to.deep.equal([]);
      el.remove();
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it('password-md5 set after password replaces it: the refusal shows, the old rows go', async () => {
    const el = await log();
    const refused = oneEvent(el, 'voip-error');
    el.setAttribute('password-md5', '0123456789abcdef0123456789abcdef');
    expect((await refused).detail.error.code).to.equal(-2);
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([['No pushes']]);
  });

  it('resend: fails again with the reason while the CRM refuses, succeeds once it accepts', async () => {
    const el = await log({ status: '1' });
    const failed = oneEvent(el, 'voip-error');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="resend-button"]')!.click();
    const { detail } = await failed;
    expect(detail.error.code).to.equal(-1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent!.length).to.be.greaterThan(0);

    await control(mock.url, 'crm', { pushUrl: `${mock.url}/mock/crm-sink` });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="resend-button"]')!.click();
    await waitUntil(() => rows(el).length === 3, 'one fewer failed push');
    const { pushes } = await control<{ pushes: { cdrs_status: number }[] }>(mock.url, 'pushes', {});
    expect(pushes.filter((p) => p.cdrs_status === 0).length).to.equal(1);
  });
});
