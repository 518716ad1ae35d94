/** The options of createVoipProxy, checked once when the proxy is built (a TypeError, not per request). */
import type { IncomingMessage } from 'node:http';
import { DEFAULT_MAX_QUERY_BYTES, DEFAULT_READ_TIMEOUT_MS } from '../handlers/query.js';

/** What `credentials(req)` returns for a request the CRM accepts: the agent's 800ing account. */
export interface ProxyCredentials {
  user: string;
  /** The 32-hex MD5 of the agent's password (the vendor's `sa_password`); never the password. */
  passwordMd5: string;
}

export interface VoipProxyOptions {
  /** Base URL of the 800ing server, e.g. `https://voip.800ing.com`. */
  target: string;
  /**
   * The account to use for this request (the CRM reads its own session cookie here), or null
   * when the request is not from a logged-in agent: it is answered 401 with code -2.
   */
  credentials: (req: IncomingMessage) => ProxyCredentials | null | Promise<ProxyCredentials | null>;
  /**
   * How long the 800ing server may take to start answering, and the longest silence while an
   * answer streams; default 60 000 ms, longer than the server's long-poll hold (about 35 s).
   */
  timeoutMs?: number;
  /** The longest query string (and, separately, form body) accepted; default 65 536 bytes. */
  maxQueryBytes?: number;
  /** Base URL of the report server (docs/800ing-api.md §4: the vendor hosts it elsewhere); defaults to `target`. */
  reportTarget?: string;
  /** The largest answer passed on, in bytes; default 64 MiB (a long call's recording fits). */
  maxAnswerBytes?: number;
  /** How long a request body may take to arrive; default 10 000 ms (a slow body is refused). */
  readTimeoutMs?: number;
}

export interface ProxySettings {
  target: URL;
  reportTarget: URL;
  credentials: VoipProxyOptions['credentials'];
  timeoutMs: number;
  maxQueryBytes: number;
  maxAnswerBytes: number;
  readTimeoutMs: number;
}

/** Longer than the real server's long-poll hold, which the deployed client restarts after 35 s (docs/800ing-api.md §7). */
export const DEFAULT_PROXY_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The largest delay setTimeout honours; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function targetUrl(name: string, value: unknown): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new TypeError(`${name} must be an http(s) URL without query, fragment or credentials`);
  }
  return url;
}

function positive(name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = value ?? fallback;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) throw new TypeError(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

export function proxySettings(options: VoipProxyOptions): ProxySettings {
  if (!options || typeof options !== 'object') throw new TypeError('createVoipProxy needs options');
  if (typeof options.credentials !== 'function') throw new TypeError('credentials must be a function (req) => { user, passwordMd5 } | null');
  const target = targetUrl('target', options.target);
  return {
    target,
    reportTarget: options.reportTarget === undefined ? target : targetUrl('reportTarget', options.reportTarget),
    credentials: options.credentials,
    timeoutMs: positive('timeoutMs', options.timeoutMs, DEFAULT_PROXY_TIMEOUT_MS, MAX_TIMER_MS),
    maxQueryBytes: positive('maxQueryBytes', options.maxQueryBytes, DEFAULT_MAX_QUERY_BYTES),
    maxAnswerBytes: positive('maxAnswerBytes', options.maxAnswerBytes, DEFAULT_MAX_ANSWER_BYTES),
    readTimeoutMs: positive('readTimeoutMs', options.readTimeoutMs, DEFAULT_READ_TIMEOUT_MS, MAX_TIMER_MS),
  };
}
