/**
 * JSONP transport: the only way a CRM page on another origin can call the 800ing server (docs/800ing-api.md §1).
 * Each request gets an unguessable callback name, a timeout, and cleans up after itself in every
 * outcome: the `<script>` is removed at once; the global callback is removed at once unless the
 * script may still run (timeout/abort), in which case a no-op stays to swallow the late answer and
 * removes itself once the script has run or failed to load, or after `lateAnswerGraceMs`.
 */
import { LocalCode, VoipError, unreachableError } from '../protocol/index.js';
import { abortedError, assertNotMixedContent, notAnObjectError, timeoutError } from './guards.js';
import { withQuery } from './query.js';
import { trustedScriptUrl } from './trusted-types.js';
import { DEFAULT_TIMEOUT_MS, type Params, type RequestOptions, type Transport } from './types.js';

export interface JsonpOptions {
  timeoutMs?: number;
  /** How long a no-op stays to swallow an answer that arrives after its timeout. */
  lateAnswerGraceMs?: number;
  /** Prefix of the global callback names. */
  callbackPrefix?: string;
  /** A CSP nonce for the script elements, when the CRM page's policy uses nonces. */
  nonce?: string;
}

type Callbacks = Record<string, ((data: unknown) => void) | undefined>;

let counter = 0;

/** 96 random bits + a counter: not guessable by other scripts, never colliding within a page. */
function callbackName(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}${hex}_${counter}`;
}

export class JsonpTransport implements Transport {
  readonly kind = 'jsonp' as const;
  readonly #timeoutMs: number;
  readonly #graceMs: number;
  readonly #prefix: string;
  readonly #nonce: string | undefined;

  constructor(options: JsonpOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#graceMs = options.lateAnswerGraceMs ?? 60_000;
    this.#prefix = options.callbackPrefix ?? '__voipJsonp_';
    this.#nonce = options.nonce;
  }

  request(url: string, params: Params, options: RequestOptions = {}): Promise<unknown> {
    const { signal, method } = options;
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    return new Promise<unknown>((resolve, reject) => {
      assertNotMixedContent(url, method);
      if (signal?.aborted) throw abortedError(method, signal.reason);

      const callbacks = globalThis as unknown as Callbacks;
      const name = callbackName(this.#prefix);
      const script = document.createElement('script');
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;

      const finish = (scriptMayStillRun: boolean): void => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        script.remove();
        if (!scriptMayStillRun) {
          script.onerror = null;
          script.onload = null;
          delete callbacks[name];
          return;
        }
        // The browser still loads and runs a removed script: leave a no-op so it finds a function.
        // It goes as soon as the script has run or has failed to load (then it never runs), or
        // after the grace period if neither ever happens.
        const cleanUp = (): void => {
          clearTimeout(grace);
          script.onerror = null;
          script.onload = null;
          if (callbacks[name] === noop) delete callbacks[name];
        };
        const noop = (): void => cleanUp();
        const grace = setTimeout(cleanUp, this.#graceMs);
        callbacks[name] = noop;
        script.onload = cleanUp;
        script.onerror = cleanUp;
      };
      const onAbort = (): void => {
        if (settled) return;
        finish(true);
        reject(abortedError(method, signal?.reason));
      };

      callbacks[name] = (data: unknown) => {
        if (settled) return;
        finish(false);
        if (typeof data !== 'object' || data === null) {
          reject(notAnObjectError(method));
        } else {
          resolve(data);
        }
      };
      script.onerror = () => {
        if (settled) return;
        finish(false);
        reject(unreachableError(`could not load ${new URL(url, location.href).origin}`, method));
      };
      // A script that loaded without calling back was not JSONP (a syntax error, an HTML page…):
      // fail now rather than wait for the timeout.
      script.onload = () => {
        if (settled) return;
        finish(false);
        reject(new VoipError(LocalCode.BadAnswer, 'the server answer was not a JSONP call', { method }));
      };
      timer = setTimeout(() => {
        if (settled) return;
        finish(true);
        reject(timeoutError(timeoutMs, method));
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });

      script.async = true;
      if (this.#nonce) script.nonce = this.#nonce;
      try {
        script.src = trustedScriptUrl(withQuery(url, { ...params, callback: name }));
      } catch (error) {
        finish(false); // a server this page does not declare: nothing was inserted
        reject(error);
        return;
      }
      (document.head ?? document.documentElement).appendChild(script);
    });
  }
}
