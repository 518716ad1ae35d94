/**
 * The browser-test plumbing itself: a mock server started from the page through the runner's
 * server command answers its control API cross-origin, and stops when asked.
 */
import { expect } from '@open-wc/testing';
import { control, startMock, stopMock, type MockHandle } from './helpers/mock.js';

describe('browser test plumbing', () => {
  let mock: MockHandle;
  before(async () => {
    mock = await startMock({ holdMs: 0 });
  });
  after(async () => {
    await stopMock(mock.port);
  });

  it('starts a mock server on another origin whose control API answers code 0', async () => {
    expect(new URL(mock.url).origin).to.not.equal(location.origin);
    expect(mock.url).to.equal(`http://127.0.0.1:${mock.port}`);
    const response = await fetch(`${mock.url}/mock/requests`);
    const body = (await response.json()) as { code: number; requests: unknown[] };
    expect(body.code).to.equal(0);
    expect(body.requests).to.be.an('array');
  });

  it('stops a mock server so its port refuses connections', async () => {
    const other = await startMock();
    await control(other.url, 'requests');
    await stopMock(other.port);
    let refused = false;
    try {
      await fetch(`${other.url}/mock/requests`, { cache: 'no-store' });
    } catch {
      refused = true;
    }
    expect(refused, 'a stopped mock no longer answers').to.equal(true);
  });
});
