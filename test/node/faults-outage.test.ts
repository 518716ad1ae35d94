/**
 * Fault suite, case 1: the server goes down in the middle of a call and comes back. The session
 * runs on virtual time (FakeClock), so a 30 s or a 3 min outage takes milliseconds; the server
 * is the real mock over HTTP, dropping every request (the connection is cut, no answer).
 * Afterwards: the outage's events arrive once, in order; the back-off delays grow and stay
 * within their cap; recovery costs a handful of requests, not a storm.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Method, ResultCode } from '../../src/protocol/index.js';
import { DEFAULT_BACKOFF, type WatchSession } from '../../src/session/index.js';
import { TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';
import { FakeClock, isOnline, mockEachTest, until, watch, type Seen } from './faults-helpers.js';

const USER = TEST_ACCOUNT.user;
/** The session's sleep detector (watch-session.ts WAKE_CHECK_MS); every other timer is a back-off. */
const WAKE_CHECK_MS = 5000;
/**
 * Virtual time only moves when a test says so: the session gets no timer but its back-offs and
 * the wake check (no poll spacing, recvMsg confirms a pop at once).
 */
const NO_OTHER_TIMERS = { pollIntervalMs: 0, confirmAfterPopMs: 0 } as const;

/** The back-off sleep the session is in now, if any. */
function backoffPending(clock: FakeClock): number | undefined {
  return clock.pending().find((ms) => ms !== WAKE_CHECK_MS);
}

/**
 * Keeps the server down for `outageMs` of virtual time: each time the session sleeps after a
 * failure, time jumps to the end of that sleep and the next (dropped) try runs for real.
 * Returns the back-off delays slept.
 */
async function sitOut(clock: FakeClock, outageMs: number): Promise<number[]> {
  const delays: number[] = [];
  let elapsed = 0;
  while (elapsed < outageMs) {
    await until(() => backoffPending(clock) !== undefined, `back-off sleep #${delays.length + 1}`);
    const delay = backoffPending(clock)!;
    delays.push(delay);
    elapsed += delay;
    if (elapsed >= outageMs) break;
    clock.advance(delay); // the sleep ends: the next try runs now, for real, and fails
  }
  return delays;
}

describe('faults: the server down in the middle of a call', () => {
  let mock!: MockServer;
  let session: WatchSession | undefined;
  // A short hold: the poll held when the server "goes down" ends soon and meets the outage.
  mockEachTest({ holdMs: 300, outboundConnectMs: -1 }, (started) => {
    mock = started;
    session = undefined;
  });

  /** Online, with a call ringing and answered. */
  async function talking(clock: FakeClock, random: () => number): Promise<{ seen: Seen; cdrId: string }> {
    const w = watch(mock, { clock, ...NO_OTHER_TIMERS, backoff: { ...DEFAULT_BACKOFF }, random });
    session = w.session;
    session.start();
    await until(isOnline(session), 'online');
    const { cdrId } = mock.ring({ user: USER, phone: '13800000101' });
    await until(() => w.seen.events.length === 1, 'ring');
    mock.answer(cdrId);
    await until(() => w.seen.events.length === 2, 'answer');
    return { seen: w.seen, cdrId };
  }

  for (const [name, outageMs, random] of [
    ['30 s, largest jitter', 30_000, () => 1],
    ['30 s, smallest jitter', 30_000, () => 0],
    ['3 min: the back-off reaches its cap and stays there', 180_000, () => 1],
  ] as const) {
    it(`delivers the outage's events once, in order, after ${name}`, async () => {
      const clock = new FakeClock();
      const { seen, cdrId } = await talking(clock, random);
      mock.fault({ drop: true, times: -1 }); // every request, until cleared
      await until(() => backoffPending(clock) !== undefined, 'the first failed request');
      const downAt = mock.requests().length;

      // Meanwhile at the call centre: A hangs up, B rings and is answered.
      mock.hangup(cdrId);
      const b = mock.ring({ user: USER, phone: '13800000102' });
      mock.answer(b.cdrId);

      const delays = await sitOut(clock, outageMs);
      assert.equal(seen.events.length, 2, 'nothing arrives while the server is down');
      assert.equal(session!.status, 'connecting', 'the outage shows as connecting');
      const duringOutage = mock.requests().length - downAt;

      // Back-off: grows from initialMs by factor 2 (± 20 % jitter), never past maxMs.
      const { initialMs, maxMs, jitter } = DEFAULT_BACKOFF;
      for (const [i, delay] of delays.entries()) {
        const base = Math.min(maxMs, initialMs * 2 ** i);
        assert.ok(delay <= maxMs, `delay ${i} = ${delay} within the cap ${maxMs}`);
        assert.ok(delay >= base * (1 - jitter) - 1 && delay <= base * (1 + jitter) + 1, `delay ${i} = ${delay} near ${base}`);
      }
      if (outageMs > 100_000) assert.ok(delays.filter((d) => d === maxMs).length >= 2, `the cap is reached: ${delays.join(', ')}`);
      // One try per sleep (the last sleep ends after the server is back): 30 s costs 4 more tries.
      assert.equal(duringOutage, delays.length - 1, `${duringOutage} requests for ${delays.length} sleeps`);

      // The server is back: the next try gets through.
      mock.clearFaults();
      const backAt = mock.requests().length;
      clock.advance(backoffPending(clock)!);
      await until(() => seen.events.length >= 5, 'the outage events', 5000);
      const recovery = mock.requests().slice(backAt);
      await until(() => session!.status === 'online', 'online again');

      assert.deepEqual(seen.events, [
        'ring:13800000101',
        'answer:13800000101',
        'hangup:13800000101',
        'ring:13800000102',
        'answer:13800000102',
      ]);
      // No storm: one poll that answers at once, one recvMsg catch-up, maybe the next (held) poll.
      assert.ok(recovery.length <= 3, `recovery took ${recovery.map((r) => r.method).join(', ')}`);
      assert.ok(!recovery.some((r) => r.method === Method.Login), 'no second login: the agent is kept');
      assert.deepEqual([...new Set(seen.errors)], [ResultCode.Network], 'the outage is reported as network errors');

      mock.hangup(b.cdrId);
      await until(() => seen.events.length === 6, 'the last hang-up');
      assert.equal(seen.events[5], 'hangup:13800000102');
    });
  }

  it('logs in after an outage that began before the first login, with one login request that succeeds', async () => {
    const clock = new FakeClock();
    mock.fault({ drop: true, times: -1 });
    const { session: s, seen } = watch(mock, { clock, ...NO_OTHER_TIMERS, backoff: { ...DEFAULT_BACKOFF }, random: () => 0.5 });
    session = s;
    s.start();
    const delays = await sitOut(clock, 30_000);
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16_000], 'exact delays without jitter');
    assert.equal(s.status, 'connecting');
    const ringing = mock.ring({ user: USER, phone: '13800000103' });
    mock.clearFaults();
    clock.advance(backoffPending(clock)!);
    await until(isOnline(s), 'online');
    // The call rang before this page ever polled: the first poll shows it (a call in progress).
    await until(() => seen.events.length === 1, 'ring');
    assert.deepEqual(seen.events, ['ring:13800000103']);
    const logins = mock.requests({ user: USER, method: Method.Login });
    assert.equal(logins.length, delays.length + 1, 'one login try per sleep, then the one that worked');
    mock.hangup(ringing.cdrId);
    await until(() => seen.events.length === 2, 'hang-up');
  });
});
