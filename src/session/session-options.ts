/**
 * WatchSession's options, normalised once: every number checked (a bad one takes its default),
 * so the session reads one object of plain values.
 */
import { RECV_MSG_DEFAULT_LIMIT } from '../protocol/index.js';
import type { BackoffOptions } from './backoff.js';
import { systemClock, type Clock } from './clock.js';

export interface WatchSessionOptions {
  /** The least time between the starts of two getLongWaterLine requests (ms). */
  pollIntervalMs?: number;
  /** Timeout of one long poll: longer than the server's hold (docs/800ing-api.md §3: about 40 s). */
  pollTimeoutMs?: number;
  backoff?: BackoffOptions;
  /**
   * On the first poll, how far back (in waterline units, which the server writes as ms
   * timestamps) to look for a call still in progress.
   */
  resumeLookback?: number;
  /** recvMsg page size. */
  pageSize?: number;
  /** At most this many recvMsg pages in one catch-up; the next poll continues from there. */
  maxPages?: number;
  /**
   * Apply getLongWaterLine's own `msgs` at once (the fastest pop), then confirm with recvMsg.
   * Off: wait for recvMsg. Either way each message is applied once.
   */
  popFromPoll?: boolean;
  /**
   * After popping from a poll's own `msgs`, wait this long (ms) before the confirming recvMsg:
   * creating that request costs the page a few ms of its main thread, which would otherwise delay
   * the paint of the card just popped. Default 20 (about one frame); 0 sends it at once.
   */
  confirmAfterPopMs?: number;
  /**
   * Awaited before each poll. The element passes `jsonpPollGate()` for JSONP: a held poll must
   * not start before the page's `load` event, which it would delay.
   */
  beforePolling?: () => Promise<unknown>;
  clock?: Clock;
  random?: () => number;
}

export const DEFAULT_POLL_INTERVAL_MS = 1000;
export const DEFAULT_POLL_TIMEOUT_MS = 40_000;
const DEFAULT_RESUME_LOOKBACK = 10 * 60_000;
const DEFAULT_CONFIRM_AFTER_POP_MS = 20;
const DEFAULT_MAX_PAGES = 20;

/** The options with every default applied and every number valid. */
export interface SessionSettings {
  pollIntervalMs: number;
  pollTimeoutMs: number;
  resumeLookback: number;
  pageSize: number;
  maxPages: number;
  popFromPoll: boolean;
  confirmAfterPopMs: number;
  beforePolling: (() => Promise<unknown>) | undefined;
  backoff: BackoffOptions | undefined;
  clock: Clock;
  random: (() => number) | undefined;
}

export function sessionSettings(options: WatchSessionOptions = {}): SessionSettings {
  return {
    pollIntervalMs: sanitize(options.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS),
    pollTimeoutMs: sanitize(options.pollTimeoutMs, DEFAULT_POLL_TIMEOUT_MS),
    resumeLookback: sanitize(options.resumeLookback, DEFAULT_RESUME_LOOKBACK),
    // A page of 0 could never make progress: those two fall back to their defaults.
    pageSize: sanitize(options.pageSize, RECV_MSG_DEFAULT_LIMIT) || RECV_MSG_DEFAULT_LIMIT,
    maxPages: sanitize(options.maxPages, DEFAULT_MAX_PAGES) || DEFAULT_MAX_PAGES,
    popFromPoll: options.popFromPoll ?? true,
    confirmAfterPopMs: sanitize(options.confirmAfterPopMs, DEFAULT_CONFIRM_AFTER_POP_MS),
    beforePolling: options.beforePolling,
    backoff: options.backoff,
    clock: options.clock ?? systemClock,
    random: options.random,
  };
}

function sanitize(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
