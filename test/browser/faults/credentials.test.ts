/**
 * Fault suite, case 5 in real Chromium: wrong credentials (-2) cost at most one more request and
 * then silence until the credentials change; a permission error (-5) on a method is a typed
 * rejection and a voip-error, and watching goes on; a password changed at runtime re-logs in,
 * with no poller left behind on the old one.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import SparkMD5 from 'spark-md5';
import '../../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from '../helpers/mock.js';
import { PASSWORD, USER, online, part, record, rejection, requests, ring, sleep, statusText } from './helpers.js';

describe('faults: credentials and permissions', () => {
  let mock: MockHandle;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1 });
  });
  afterEach(async () => {
    await stopMock(mock.port);
  });

  it('wrong password: one request, -2 shown as an error, then silence until the password changes', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = Object.assign(document.createElement('voip-softphone'), { server: mock.url, user: USER, lang: 'en', desktopPort: 0 });
    el.setAttribute('password', 'not-the-password');
    const seen = record(el);
    host.append(el);
    await waitUntil(() => el.status === 'error', 'error status', { timeout: 5000 });
    await el.updateComplete;
    expect(seen.errors).to.deep.equal([-2]);
    expect(statusText(el)).to.equal('Error');
    // English UI: our English text for -2, not the server's Chinese text.
    expect(part(el, 'error')!.textContent).to.contain('authentication failed');
    // "The network is back" and "the tab is visible again" wake a waiting session, not a refused one.
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    await sleep(1500);
    const sent = await requests(mock, { user: USER });
    expect(sent.map((r) => r.method), 'one login, nothing after it').to.deep.equal(['getExtension']);

    el.password = PASSWORD;
    await waitUntil(() => el.status === 'online', 'online with the right password', { timeout: 5000 });
    await el.updateComplete;
    expect(statusText(el)).to.equal('Online');
    const cdrId = await ring(mock, '13800000801');
    await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 }); // poll-interval is the default 1 s here
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seen.events.length === 2, 'hang-up');
    expect(seen.events).to.deep.equal(['ring:13800000801', 'hangup:13800000801']);
  });

  it('credentials revoked while watching: at most one more request, then silence', async () => {
    const el = await online(mock);
    const seen = record(el);
    const before = (await requests(mock, { user: USER })).length;
    await control(mock.url, 'fault', { code: -2, times: -1 });
    await waitUntil(() => el.status === 'error', 'error status', { timeout: 5000 });
    await el.updateComplete;
    expect(seen.errors).to.deep.equal([-2]);
    expect(statusText(el)).to.equal('Error');
    await sleep(1500);
    const after = (await requests(mock, { user: USER })).slice(before);
    // The poll held when the credentials were revoked ends normally; the next request is refused.
    expect(after.length, after.map((r) => r.method).join(', ')).to.be.at.most(1);
    await control(mock.url, 'fault/clear');
    await sleep(1200);
    expect((await requests(mock, { user: USER })).length - before, 'still silent: nothing changed').to.equal(after.length);
    // The agent logs in again (the widget's login(), e.g. from the CRM's "retry" button).
    await el.login();
    await waitUntil(() => el.status === 'online', 'online again');
  });

  it('a password changed at runtime: re-logs in with the new one, and nothing polls with the old one', async () => {
    const el = await online(mock);
    const seen = record(el);
    const oldMd5 = SparkMD5.hash(PASSWORD);
    el.password = 'changed-by-the-admin';
    await waitUntil(() => el.status === 'error', '-2 with the new password', { timeout: 5000 });
    expect(seen.errors).to.deep.equal([-2]);
    await sleep(1500); // silence while the password is wrong
    el.password = PASSWORD;
    await waitUntil(() => el.status === 'online', 'online with the right password again', { timeout: 5000 });
    const cdrId = await ring(mock, '13800000802');
    await waitUntil(() => seen.events.length === 1, 'ring');
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seen.events.length === 2, 'hang-up');
    const sent = await requests(mock, { user: USER });
    const newMd5 = SparkMD5.hash('changed-by-the-admin');
    const changed = sent.findIndex((r) => r.params.sa_password === newMd5);
    const afterChange = sent.slice(changed);
    // After the change: one login with the new password, refused; nothing at all until the
    // password is fixed; then a fresh login with it. No poller kept running on the old password.
    expect(afterChange.filter((r) => r.params.sa_password === newMd5).map((r) => r.method)).to.deep.equal(['getExtension']);
    expect(afterChange[1]!.params.sa_password).to.equal(oldMd5);
    expect(afterChange[1]!.method, 'the first request after the fix is a login').to.equal('getExtension');
    expect(afterChange[1]!.at - afterChange[0]!.at, 'silence in between').to.be.at.least(1400);
    expect(seen.events).to.deep.equal(['ring:13800000802', 'hangup:13800000802']);
  });

  it('a method the account may not use (-5): a typed rejection and voip-error, and watching goes on', async () => {
    const el = await online(mock);
    const seen = record(el);
    // The mock refuses registerExtension to a non-admin, as the real server does.
    const refused = await rejection(el.client!.registerExtension('02155550000'));
    expect(refused.code).to.equal(-5);
    expect(refused.method).to.equal('registerExtension');

    // The same code on one of the element's own methods.
    await control(mock.url, 'fault', { method: 'callbackPhone', code: -5, message: '没有权限：外呼未开通 (no outbound calls)' });
    const failed = oneEvent(el, 'voip-error');
    const error = await rejection(el.dial('13800000803'));
    const { detail } = await failed;
    expect(error.code).to.equal(-5);
    expect(error.method).to.equal('callbackPhone');
    expect(detail.error).to.equal(error);
    await el.updateComplete;
    expect(part(el, 'error')!.textContent, 'English UI: our text for -5').to.contain('permission denied');
    expect(error.serverMessage, 'the server text is kept').to.contain('外呼未开通');
    expect(el.status, 'a refused method is not a lost connection').to.equal('online');
    expect(statusText(el)).to.equal('Online');

    const cdrId = await ring(mock, '13800000804');
    await waitUntil(() => seen.events.length === 1, 'ring');
    await control(mock.url, 'hangup', { cdrId });
    await waitUntil(() => seen.events.length === 2, 'hang-up');
    expect(seen.events).to.deep.equal(['ring:13800000804', 'hangup:13800000804']);
    expect(seen.errors).to.deep.equal([-5]);
  });
});
