/**
 * HTTP plumbing: CORS on every answer, OPTIONS preflight, query and form-body parsing, the JSONP
 * callback check, and writing an outcome (JSON, JSONP, raw bytes, a dropped connection). What
 * each path means is the router's business, not this module's.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { BaseParam, ResultCode } from '../../protocol/index.js';
import { CONTROL_NOTICE, CONTROL_PREFIX, controlOriginAllowed, type ControlOrigins } from './control-origins.js';
import { Params } from './params.js';

export interface MockRequest {
  path: string;
  params: Params;
  /** The JSONP callback name, already validated; undefined for a JSON answer. */
  callback: string | undefined;
  /** Aborted when the client disconnects before its answer is written. */
  signal: AbortSignal;
}

export interface JsonOutcome {
  type: 'json';
  status: number;
  body: unknown;
}
export interface RawOutcome {
  type: 'raw';
  status: number;
  contentType: string;
  body: string | Uint8Array;
}
/** Destroy the socket without an answer (fault injection). */
export interface DropOutcome {
  type: 'drop';
}
/** The client is gone: write nothing. */
export interface NoneOutcome {
  type: 'none';
}
export type Outcome = JsonOutcome | RawOutcome | DropOutcome | NoneOutcome;

export function json(body: unknown, status = 200): JsonOutcome {
  return { type: 'json', status, body };
}

export function raw(body: string | Uint8Array, contentType: string, status = 200): RawOutcome {
  return { type: 'raw', status, contentType, body };
}

export const CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  javascript: 'application/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

/** A JavaScript identifier path such as `cb` or `jQuery123.handlers.cb_1`. */
const CALLBACK_PATTERN = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const MAX_CALLBACK_LENGTH = 200;
/** Form bodies past this are refused (413): the API never needs more. */
const MAX_BODY_BYTES = 1_048_576;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  // Chrome's Private Network Access preflight: a page on a public origin may call the local mock.
  'Access-Control-Allow-Private-Network': 'true',
  'Access-Control-Max-Age': '600',
} as const;

export function isValidCallback(name: string): boolean {
  return name.length <= MAX_CALLBACK_LENGTH && CALLBACK_PATTERN.test(name);
}

/**
 * Merges the query and the form body. Like the vendor's Java server, the first value of a name
 * wins and the query comes first. URLSearchParams decodes UTF-8 percent-encoding and `+` as space.
 */
function mergeParams(query: URLSearchParams, body: URLSearchParams | undefined): Params {
  const values = new Map<string, string>();
  for (const source of [query, body]) {
    if (!source) continue;
    for (const [name, value] of source) if (!values.has(name)) values.set(name, value);
  }
  return new Params(values);
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form bodies (and text/plain, what a no-cors fetch or sendBeacon sends) as parameters; JSON objects too. */
function bodyParams(contentType: string, text: string): URLSearchParams | undefined {
  if (!text) return undefined;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const out = new URLSearchParams();
      for (const [name, field] of Object.entries(value)) {
        const scalar = typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean';
        if (scalar) out.append(name, String(field));
      }
      return out;
    } catch {
      return undefined;
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'text/plain' || type === '') return new URLSearchParams(text);
  return undefined;
}

/** JSON text that is also safe inside a script (U+2028/2029 are line breaks to old engines). */
function scriptSafeJson(body: unknown): string {
  return JSON.stringify(body).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function write(res: ServerResponse, status: number, contentType: string, body: string | Uint8Array): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  res.end(body);
}

function writeOutcome(req: IncomingMessage, res: ServerResponse, outcome: Outcome, callback: string | undefined): void {
  if (res.writableEnded || res.destroyed) return;
  switch (outcome.type) {
    case 'none':
      return;
    case 'drop':
      req.socket.destroy();
      return;
    case 'raw':
      write(res, outcome.status, outcome.contentType, outcome.body);
      return;
    case 'json':
      if (callback) write(res, outcome.status, CONTENT_TYPE.javascript, `${callback}(${scriptSafeJson(outcome.body)});`);
      else write(res, outcome.status, CONTENT_TYPE.json, JSON.stringify(outcome.body));
  }
}

export interface ListenerOptions {
  /** True once the server is closing: answers then carry `Connection: close`. */
  isClosing(): boolean;
  log(line: string): void;
  /** Web origins besides loopback ones that may call the control API (/mock/). */
  controlOrigins?: ControlOrigins;
}

/**
 * The control API's own CORS: only an allowed origin is named (never `*`), and only it is told
 * it may reach a private network. A refused origin gets 403 before anything is done.
 */
function controlCors(req: IncomingMessage, res: ServerResponse, allowed: ControlOrigins | undefined): boolean {
  const origin = req.headers.origin;
  res.removeHeader('Access-Control-Allow-Origin');
  res.removeHeader('Access-Control-Allow-Private-Network');
  res.setHeader('Vary', 'Origin');
  res.setHeader('X-Mock-Control', CONTROL_NOTICE);
  if (!controlOriginAllowed(origin, allowed)) {
    const message = `${CONTROL_NOTICE}: origin ${origin ?? ''} is not allowed (startMockServer({ controlOrigins }) or --control-any-origin opens it)`;
    write(res, 403, CONTENT_TYPE.json, JSON.stringify({ code: ResultCode.Internal, message }));
    return false;
  }
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  return true;
}

export function createRequestListener(
  handle: (request: MockRequest) => Promise<Outcome>,
  options: ListenerOptions,
): RequestListener {
  return (req, res) => {
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    if (options.isClosing()) res.setHeader('Connection', 'close');
    if ((req.url ?? '').startsWith(CONTROL_PREFIX) && !controlCors(req, res, options.controlOrigins)) return;

    // The client going away. Node ends `req` ('close') as soon as its body is read, so only a
    // destroyed socket or a response closed before it finished means the client left.
    const gone = new AbortController();
    const onClose = (): void => {
      if (!res.writableFinished && (req.socket.destroyed || res.destroyed)) gone.abort();
    };
    req.on('close', onClose);
    res.on('close', onClose);

    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, POST, OPTIONS');
      write(res, 405, CONTENT_TYPE.json, JSON.stringify({ code: ResultCode.Internal, message: 'method not allowed' }));
      return;
    }

    void (async () => {
      let callback: string | undefined;
      try {
        const url = new URL(req.url ?? '/', 'http://mock.invalid');
        const text = req.method === 'POST' ? await readBody(req) : '';
        const params = mergeParams(url.searchParams, bodyParams(req.headers['content-type'] ?? '', text));
        const asked = params.get(BaseParam.Callback);
        if (asked !== undefined && asked !== '') {
          if (!isValidCallback(asked)) {
            const message = 'callback 必须是 JavaScript 标识符 (callback must be a JavaScript identifier path)';
            writeOutcome(req, res, json({ code: ResultCode.Internal, message }, 400), undefined);
            return;
          }
          callback = asked;
        }
        const outcome = await handle({ path: url.pathname, params, callback, signal: gone.signal });
        writeOutcome(req, res, outcome, callback);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('Connection', 'close');
          writeOutcome(req, res, json({ code: ResultCode.Internal, message: 'body too large' }, 413), undefined);
          return;
        }
        options.log(`mock: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        writeOutcome(req, res, json({ code: ResultCode.Internal, message: 'internal error' }, 500), callback);
      }
    })();
  };
}
