/**
 * loadExtras() as npm users get it (ES modules, a dynamic import a bundler splits off): one module
 * for every use, and its functions work against the mock server. The script-tag build (a second
 * file, the strict CSP, a failed load retried) is tested in test/node/extras-iife.test.ts.
 */
import { expect } from '@open-wc/testing';
import { VoipClient } from '../../src/client/index.js';
import { RecentCalls } from '../../src/console/recent-calls.js';
import { accountOf } from '../../src/client/account.js';
import { loadExtras } from '../../src/ui/extras.js';
import { control, startMock, stopMock, type MockHandle } from './helpers/mock.js';

describe('loadExtras() in the ES build', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 0 });
  });
  after(async () => {
    await stopMock(mock.port);
  });

  it('gives one module to every caller, whose seed lists a call the server remembers', async () => {
    const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user: '100008800', phone: '13800001401' });
    await control(mock.url, 'hangup', { cdrId });
    const [first, second] = await Promise.all([loadExtras(), loadExtras()]);
    expect(first).to.equal(second);
    const client = new VoipClient({ server: mock.url, user: '100008800', password: '02367073578' });
    await client.login();
    const store = new RecentCalls({ account: accountOf(client), storage: null });
    const seeded = await first.seedRecentCalls(client, { store });
    expect(seeded.map((call) => call.phone)).to.deep.equal(['13800001401']);
    const { colleagues } = await first.colleaguesOf(client);
    expect(colleagues).to.be.an('array');
  });
});
