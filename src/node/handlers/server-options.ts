/**
 * Server options for an `http.Server` that serves the CRM callbacks. Headers arrive before any
 * handler runs, so a client that trickles them can only be cut off by the server itself; Node
 * does that (answering 408) with `headersTimeout`/`requestTimeout`, but checks them only every
 * `connectionsCheckingInterval` (30 s by default), which these options shorten.
 */
import type { ServerOptions } from 'node:http';
import { DEFAULT_READ_TIMEOUT_MS } from './query.js';

/** How often the server looks for overdue requests at most: once a second. */
const MAX_CHECK_INTERVAL_MS = 1_000;

/**
 * `http.createServer(callbackServerOptions(), handler)`: headers and the whole request must
 * arrive within `readTimeoutMs` (default 10 000 ms, as the handlers' `readTimeoutMs`), else 408.
 */
export function callbackServerOptions(readTimeoutMs: number = DEFAULT_READ_TIMEOUT_MS): ServerOptions {
  if (!(typeof readTimeoutMs === 'number' && readTimeoutMs >= 1 && Number.isFinite(readTimeoutMs))) {
    throw new TypeError('readTimeoutMs must be a positive number of milliseconds');
  }
  return {
    headersTimeout: readTimeoutMs,
    requestTimeout: readTimeoutMs,
    connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, readTimeoutMs),
  };
}
