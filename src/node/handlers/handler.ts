/**
 * The request pipeline shared by the three CRM callbacks (docs/800ing-api.md §5): method check, reading the
 * parameters, validation, calling the CRM's function with a time limit, and exactly one answer.
 *
 * HTTP status: every answer about the callback itself (a missing or malformed parameter, a
 * failing or slow CRM function, an invalid reply) is HTTP 200 with `code: -1` and the reason.
 * The 800ing server learns the outcome from the JSON `code` (docs/800ing-api.md §5); the IVR's "failed" branch is
 * documented only as `code=-1` in a read answer (§2.10), and a push answered with a non-zero code
 * is listed as failed in push_list with the answer kept as its result, so the reason stays
 * visible there. A 4xx/5xx may be taken as a transport error before the body is read. HTTP
 * statuses are kept for what is wrong with the HTTP request rather than the callback: 405 (not
 * GET/POST), 403/404 (a source address not admitted, a missing path token: access.ts), 408 (a
 * body not received in time), 413/414 (too large), 415 (a POST body that is not a form), and 500
 * for a fault of ours.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAccessCheck } from './access.js';
import { DEFAULT_MAX_QUERY_BYTES, DEFAULT_READ_TIMEOUT_MS, readFields, type Fields } from './query.js';
import { failure, sendJson, type CallbackAnswer } from './respond.js';
import { errorText, runUser } from './run-user.js';

export interface HandlerOptions {
  /** How long the CRM's function may take before the callback is answered as failed; default 10 000 ms. */
  timeoutMs?: number;
  /** The longest query string (and, separately, form body) accepted; default 65 536 bytes. */
  maxQueryBytes?: number;
  /**
   * How long a POST's form body may take to arrive before the request is answered 408 and its
   * connection closed; default 10 000 ms. (Slow headers are the server's to cut off:
   * `http.createServer(callbackServerOptions(), handler)`.)
   */
  readTimeoutMs?: number;
  /**
   * Only these source addresses or CIDR ranges are answered (`['203.0.113.7', '10.0.0.0/24']`);
   * any other gets 403 `{"code":-1}` before its parameters are read. Behind a reverse proxy the
   * socket's address is the proxy's: restrict there, or use `pathToken`.
   */
  allowAddresses?: string[];
  /**
   * A secret path segment (at least 16 URL-safe characters): a request whose path does not
   * contain it as a whole segment gets 404 `{"code":-1}`. Give the 800ing server the URL with
   * it, e.g. `https://crm.example.com/voip/<token>/push`.
   */
  pathToken?: string;
}

/** Default time limit of the CRM's function. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The largest delay setTimeout honours; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A request handler usable as `http.createServer(handler)` and as Express/Connect middleware
 * `(req, res, next)`. It answers GET and POST itself; any other method goes to `next()` when
 * given, else gets 405. The promise settles once the answer is written, and never rejects.
 */
export type CallbackHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/** A parameter or a reply that is not what the spec documents; its message is the answer's reason. */
export class InvalidCallback extends Error {
  override readonly name = 'InvalidCallback';
}

/** Longest piece of caller text quoted back in a reason. */
const MAX_QUOTE_CHARS = 40;

/** Caller text quoted for a reason: JSON-quoted (so control characters show as escapes), short. */
export function quote(text: string): string {
  const short = text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS)}…` : text;
  return JSON.stringify(short);
}

/**
 * One parameter's value; undefined when absent. A parameter given more than once with different
 * values is refused (which one the sender meant cannot be known); repeats of one value are fine.
 */
export function single(fields: Fields, name: string): string | undefined {
  const values = fields.get(name);
  if (!values) return undefined;
  const first = values[0]!;
  if (values.some((value) => value !== first)) throw new InvalidCallback(`parameter ${name} given more than once with different values`);
  return first;
}

/** A parameter that must be present and not blank. */
export function required(fields: Fields, name: string): string {
  const value = single(fields, name);
  if (value === undefined || value.trim() === '') throw new InvalidCallback(`missing parameter ${name}`);
  return value;
}

/** A whole decimal number (digits only, surrounding spaces allowed); undefined otherwise. */
export function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The optional `cdrId` of navigation and IVR (vendor type `long`) as a number. Blank counts as
 * absent. Ids reach 15 digits, inside 2^53; one that is not a whole number or does not fit a
 * double exactly is refused rather than silently rounded to another call's id.
 */
export function optionalCdrId(fields: Fields, name: string): number | undefined {
  const text = single(fields, name);
  if (text === undefined || text.trim() === '') return undefined;
  const n = wholeNumber(text);
  if (n === undefined) throw new InvalidCallback(`parameter ${name} must be a whole number below 2^53, got ${quote(text)}`);
  return n;
}

/**
 * Every parameter with its first value, unknown ones kept. Null prototype: a parameter named
 * `__proto__` is an own property like any other and cannot reach Object.prototype.
 */
export function rawFields(fields: Fields): Record<string, string> {
  const raw = Object.create(null) as Record<string, string>;
  for (const [name, values] of fields) raw[name] = values[0]!;
  return raw;
}

/** A delay option: a number of milliseconds setTimeout honours. */
function checkDelay(name: string, ms: unknown): number {
  if (typeof ms !== 'number' || !(ms >= 1 && ms <= MAX_TIMER_MS)) throw new TypeError(`${name} must be a number from 1 to ${MAX_TIMER_MS}`);
  return ms;
}

function checkOptions(options: HandlerOptions | undefined) {
  const timeoutMs = checkDelay('timeoutMs', options?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const readTimeoutMs = checkDelay('readTimeoutMs', options?.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS);
  const maxQueryBytes = options?.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES;
  if (!Number.isSafeInteger(maxQueryBytes) || maxQueryBytes < 1) throw new TypeError('maxQueryBytes must be a positive whole number');
  const access = createAccessCheck(options?.allowAddresses, options?.pathToken);
  return { timeoutMs, readTimeoutMs, maxQueryBytes, access };
}

export interface CallbackSpec<Q, R> {
  /** The CRM function's name as reasons show it: "onPush", "route", "answer". */
  label: string;
  user: (query: Q) => R | Promise<R>;
  /** The callback's argument from the parameters; throws InvalidCallback. */
  parse(fields: Fields): Q;
  /** The answer from the CRM function's result; throws InvalidCallback for an invalid result. */
  answer(result: Awaited<R>): CallbackAnswer;
}

/** Builds a handler; a programming error in the arguments throws TypeError here, not per request. */
export function createCallbackHandler<Q, R>(spec: CallbackSpec<Q, R>, options?: HandlerOptions): CallbackHandler {
  if (typeof spec.user !== 'function') throw new TypeError(`${spec.label} must be a function`);
  const { timeoutMs, readTimeoutMs, maxQueryBytes, access } = checkOptions(options);

  return async (req, res, next) => {
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        if (typeof next === 'function') {
          next();
          return;
        }
        sendJson(res, 405, failure(`method ${req.method ?? ''} not allowed: use GET or POST`), { Allow: 'GET, POST' });
        return;
      }
      const refusal = access?.(req);
      if (refusal) {
        sendJson(res, refusal.status, failure(refusal.message));
        return;
      }
      const read = await readFields(req, maxQueryBytes, readTimeoutMs);
      if (!read.ok) {
        sendJson(res, read.status, failure(read.message), read.close ? { Connection: 'close' } : {});
        return;
      }
      let query: Q;
      try {
        query = spec.parse(read.fields);
      } catch (error) {
        if (!(error instanceof InvalidCallback)) throw error;
        sendJson(res, 200, failure(error.message));
        return;
      }
      const outcome = await runUser(spec.user, query, timeoutMs, spec.label);
      if (!outcome.ok) {
        sendJson(res, 200, failure(outcome.reason));
        return;
      }
      let answer: CallbackAnswer;
      try {
        answer = spec.answer(outcome.value);
      } catch (error) {
        // The result is the CRM's value: a throwing getter on it is its failure, not ours.
        const reason = error instanceof InvalidCallback ? error.message : `${spec.label} returned an unreadable value: ${errorText(error)}`;
        sendJson(res, 200, failure(reason));
        return;
      }
      sendJson(res, 200, answer);
    } catch {
      // A fault of ours: answer it (once), never crash the server or reject into it.
      try {
        sendJson(res, 500, failure('internal error in the callback handler'));
      } catch {
        res.destroy();
      }
    }
  };
}
