/**
 * fetch transport against `jsondata.html`: for same-origin pages, a CRM's reverse proxy, or Node.
 * GET with a query string, or a form POST (`application/x-www-form-urlencoded`, docs/800ing-api.md §1).
 */
import { LocalCode, ResultCode, VoipError, unreachableError } from '../protocol/index.js';
import { abortedError, assertNotMixedContent, notAnObjectError, timeoutError } from './guards.js';
import { encodeParams, withQuery } from './query.js';
import { DEFAULT_TIMEOUT_MS, type Params, type RequestOptions, type Transport } from './types.js';

export interface FetchOptions {
  timeoutMs?: number;
  /** `GET` (default) or a form `POST`. */
  httpMethod?: 'GET' | 'POST';
  /** Injected for tests and for environments with their own fetch. */
  fetch?: typeof fetch;
  /** Sent with every request: `include` when a proxy relies on the CRM's cookies. */
  credentials?: RequestCredentials;
}

export class FetchTransport implements Transport {
  readonly kind = 'fetch' as const;
  readonly #timeoutMs: number;
  readonly #httpMethod: 'GET' | 'POST';
  readonly #fetch: typeof fetch;
  readonly #credentials: RequestCredentials | undefined;

  constructor(options: FetchOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#httpMethod = options.httpMethod ?? 'GET';
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#credentials = options.credentials;
  }

  async request(url: string, params: Params, options: RequestOptions = {}): Promise<unknown> {
    const { signal, method } = options;
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    assertNotMixedContent(url, method);
    if (signal?.aborted) throw abortedError(method, signal.reason);

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });

    const init: RequestInit = { signal: controller.signal, headers: { Accept: 'application/json' } };
    if (this.#credentials) init.credentials = this.#credentials;
    let target = url;
    if (this.#httpMethod === 'POST') {
      init.method = 'POST';
      init.headers = { ...init.headers, 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' };
      init.body = encodeParams(params);
    } else {
      target = withQuery(url, params);
    }

    try {
      const response = await this.#fetch(target, init);
      const text = await response.text();
      if (!response.ok) {
        const detail = `HTTP ${response.status} ${response.statusText}`.trim();
        // 502-504: a gateway (our proxy, a load balancer) could not reach the server behind it.
        if (response.status >= 502 && response.status <= 504) throw unreachableError(detail, method);
        throw new VoipError(ResultCode.Network, detail, { method });
      }
      return parseJsonObject(text, method);
    } catch (error) {
      if (error instanceof VoipError) throw error;
      if (timedOut) throw timeoutError(timeoutMs, method);
      if (signal?.aborted) throw abortedError(method, signal.reason);
      throw unreachableError(errorText(error), method, error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error && error.message ? `network error: ${error.message}` : 'network error';
}

/** Parses a JSON object answer, naming what came instead (empty body, an HTML page…). */
export function parseJsonObject(text: string, method?: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (!trimmed) throw new VoipError(LocalCode.BadAnswer, 'the server sent an empty answer', { method });
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (cause) {
    const what = trimmed.startsWith('<') ? 'an HTML page' : 'text that is not JSON';
    throw new VoipError(LocalCode.BadAnswer, `the server sent ${what}`, { method, cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw notAnObjectError(method);
  }
  return value as Record<string, unknown>;
}
