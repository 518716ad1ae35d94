/** WatchSession's options are normalised once: a bad number takes its default, a good one stays. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECV_MSG_DEFAULT_LIMIT } from '../../src/protocol/index.js';
import { DEFAULT_POLL_INTERVAL_MS, DEFAULT_POLL_TIMEOUT_MS, sessionSettings } from '../../src/session/session-options.js';

describe('sessionSettings', () => {
  it('gives the defaults for missing, negative, NaN and infinite numbers', () => {
    for (const bad of [undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const s = sessionSettings({ pollIntervalMs: bad as number, pollTimeoutMs: bad as number, pageSize: bad as number });
      assert.deepEqual([s.pollIntervalMs, s.pollTimeoutMs, s.pageSize], [DEFAULT_POLL_INTERVAL_MS, DEFAULT_POLL_TIMEOUT_MS, RECV_MSG_DEFAULT_LIMIT]);
    }
    assert.equal(sessionSettings().popFromPoll, true);
  });

  it('keeps valid numbers, 0 included, except a page size or page count of 0, which could never progress', () => {
    const s = sessionSettings({ pollIntervalMs: 0, confirmAfterPopMs: 0, pageSize: 0, maxPages: 0, popFromPoll: false });
    assert.deepEqual([s.pollIntervalMs, s.confirmAfterPopMs, s.popFromPoll], [0, 0, false]);
    assert.equal(s.pageSize, RECV_MSG_DEFAULT_LIMIT);
    assert.ok(s.maxPages > 0);
    assert.equal(sessionSettings({ pollIntervalMs: 250 }).pollIntervalMs, 250);
  });
});
