/**
 * Reads the parameters of a callback request: the query string of a GET, and also the form body
 * of a POST (some 800ing set-ups POST `application/x-www-form-urlencoded`). Both are read with
 * the WHATWG form decoder, which never throws: an invalid `%` sequence is kept as written and
 * bytes that are not UTF-8 become U+FFFD, so hostile text is carried as text, never interpreted.
 */
import type { IncomingMessage } from 'node:http';

/** The default limit of the query string, and separately of a form body: 64 KiB. */
export const DEFAULT_MAX_QUERY_BYTES = 64 * 1024;

/**
 * The default time a form body may take to arrive: 10 s. A sender that trickles its body (a
 * slow-loris client) is answered 408 and cut off, rather than holding a connection for ever.
 */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

/** The HTTP status of a body (or headers, see server-options.ts) not received in time. */
export const REQUEST_TIMEOUT_STATUS = 408;

/**
 * Every parameter with every value it was given, in order. Query values come before body values.
 * A Map, not an object: a parameter named `__proto__` or `constructor` is just a name.
 */
export type Fields = Map<string, string[]>;

export type ReadResult =
  | { ok: true; fields: Fields }
  | { ok: false; status: number; message: string; close?: boolean };

const FORM_TYPE = 'application/x-www-form-urlencoded';

function addAll(fields: Fields, params: URLSearchParams): void {
  for (const [name, value] of params) {
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
}

/** The query string of `req.url` (after the first `?`, before any `#`). */
function queryOf(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const hash = url.indexOf('#', start);
  return url.slice(start + 1, hash < 0 ? undefined : hash);
}

/** A body an earlier middleware already parsed (Express's `express.urlencoded()` sets `req.body`). */
function parsedBody(req: IncomingMessage): URLSearchParams | undefined {
  const body: unknown = (req as IncomingMessage & { body?: unknown }).body;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) return undefined;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') params.append(name, item);
      else if (typeof item === 'number' && Number.isFinite(item)) params.append(name, String(item));
    }
  }
  return params;
}

type BodyResult = { ok: true; text: string } | { ok: false; timedOut?: boolean };

function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.pause(); // read no more; the 408 answer closes the connection
      finish({ ok: false, timedOut: true });
    }, timeoutMs);
    const finish = (result: BodyResult): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onFail);
      resolve(result);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        req.pause(); // read no more of an oversized body; the answer closes the connection
        finish({ ok: false });
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    const onFail = (): void => finish({ ok: false });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('close', onFail);
  });
}

/**
 * Reads the parameters, refusing a query string over `maxBytes` (HTTP 414), a form body over
 * `maxBytes` (HTTP 413) and one not received within `timeoutMs` (HTTP 408). Node itself refuses a request line over its `maxHeaderSize` (16 KiB by
 * default) with 431 before any handler runs: a server that expects larger queries raises it,
 * `http.createServer({ maxHeaderSize: 128 * 1024 }, handler)`.
 */
export async function readFields(req: IncomingMessage, maxBytes: number, timeoutMs = DEFAULT_READ_TIMEOUT_MS): Promise<ReadResult> {
  const query = queryOf(req.url ?? '');
  if (Buffer.byteLength(query, 'utf8') > maxBytes) {
    return { ok: false, status: 414, message: `query string longer than ${maxBytes} bytes` };
  }
  const fields: Fields = new Map();
  addAll(fields, new URLSearchParams(query));
  if (req.method !== 'POST') return { ok: true, fields };

  const already = parsedBody(req);
  if (already) {
    addAll(fields, already);
    return { ok: true, fields };
  }
  if (req.readableEnded) return { ok: true, fields }; // consumed by someone else, nothing left to read

  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && type !== FORM_TYPE) {
    return { ok: false, status: 415, message: `a POST body must be ${FORM_TYPE}`, close: true };
  }
  const declared = Number(req.headers['content-length']);
  const tooLarge = { ok: false, status: 413, message: `request body longer than ${maxBytes} bytes`, close: true } as const;
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  const body = await readBody(req, maxBytes, timeoutMs);
  if (!body.ok && body.timedOut) {
    return { ok: false, status: REQUEST_TIMEOUT_STATUS, message: `request body not received within ${timeoutMs} ms`, close: true };
  }
  if (!body.ok) return tooLarge; // too large, or the connection failed (then nobody reads the answer)
  addAll(fields, new URLSearchParams(body.text));
  return { ok: true, fields };
}
