/**
 * Shared by the Node session tests (session.test.ts and the fault suite, faults-*.test.ts): a
 * virtual clock for the session, a session wired to record what a page would see, and a polling
 * wait. Not a test file itself.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach } from 'node:test';
import { VoipClient } from '../../src/client/index.js';
import { WatchSession, type Call, type Clock, type SessionStatus, type WatchSessionOptions } from '../../src/session/index.js';
import { startMockServer, TEST_ACCOUNT, type MockServer, type MockServerOptions } from '../../src/node/index.js';

/**
 * Virtual time for the session (src/session/clock.ts): nothing fires until `advance` moves time
 * past it, so a 30 s outage takes a few milliseconds of real time. Every delay asked for is kept.
 */
export class FakeClock implements Clock {
  #now = 1_700_000_000_000;
  #next = 1;
  readonly #timers = new Map<number, { due: number; ms: number; callback: () => void }>();
  /** Every setTimeout delay asked for, in order. */
  readonly asked: number[] = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#next++;
    this.#timers.set(id, { due: this.#now + Math.max(0, ms), ms, callback });
    this.asked.push(ms);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Pending timers' delays, soonest first. */
  pending(): number[] {
    return [...this.#timers.values()].sort((a, b) => a.due - b.due).map((t) => t.ms);
  }

  get size(): number {
    return this.#timers.size;
  }

  /** Moves virtual time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let soonest: [number, { due: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) if (entry[1].due <= end && (!soonest || entry[1].due < soonest[1].due)) soonest = entry;
      if (!soonest) break;
      this.#timers.delete(soonest[0]);
      this.#now = soonest[1].due;
      soonest[1].callback();
    }
    this.#now = end;
  }
}

export interface Seen {
  events: string[];
  calls: Call[];
  statuses: SessionStatus[];
  errors: number[];
  messages: number[];
}

/** The sessions watch() made that no mockEachTest has stopped yet. */
const liveSessions = new Set<WatchSession>();

/**
 * For the calling `describe`: a fresh mock server before each test, handed to `use`; after the
 * test every session watch() made is stopped, then the server is closed.
 */
export function mockEachTest(options: MockServerOptions, use: (mock: MockServer) => void): void {
  let mock: MockServer | undefined;
  beforeEach(async () => {
    mock = await startMockServer(options);
    use(mock);
  });
  afterEach(async () => {
    for (const session of liveSessions) session.stop();
    liveSessions.clear();
    await mock?.close();
    mock = undefined;
  });
}

export function watch(
  mock: MockServer,
  options: WatchSessionOptions = {},
  account: { user: string; password: string } = TEST_ACCOUNT,
  clientOptions: { timeoutMs?: number } = {},
): { session: WatchSession; seen: Seen; client: VoipClient } {
  const client = new VoipClient({ server: mock.url, user: account.user, password: account.password, transport: 'fetch', ...clientOptions });
  const session = new WatchSession(client, { pollIntervalMs: 20, backoff: { initialMs: 50, maxMs: 200 }, ...options });
  liveSessions.add(session);
  const seen: Seen = { events: [], calls: [], statuses: [], errors: [], messages: [] };
  for (const type of ['ring', 'answer', 'hangup'] as const) {
    session.on(type, ({ call }) => {
      seen.events.push(`${type}:${call.phone}`);
      seen.calls.push(call);
    });
  }
  session.on('status', ({ status }) => seen.statuses.push(status));
  session.on('error', ({ error }) => seen.errors.push(error.code));
  session.on('message', ({ message }) => seen.messages.push(message.waterLine));
  return { session, seen, client };
}

/** Waits (real time) until `check` holds, polling every 5 ms; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const isOnline = (s: WatchSession) => (): boolean => s.status === 'online' && s.waterline !== undefined;
