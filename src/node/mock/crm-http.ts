/**
 * The mock's side of the callbacks the real server makes to the CRM's own server (docs/800ing-api.md §5):
 * where that server is, and one GET to it with its outcome. The real server sends plain GETs
 * with a query string and reads a small JSON answer `{code, message[, type]}`; code 0 is
 * success, and anything else (another code, an HTTP error, a body that is not JSON, a refused
 * connection, a timeout) is a failure whose reason is kept in words (push_list's `cdrs_result`).
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CallbackParam, ResultCode } from '../../protocol/index.js';

/** The callback parameter names (defined once, in protocol/). */
export const CrmParam = CallbackParam;

/** Where the CRM's server is; startMockServer's `crm` option, `configureCrm()` and `/mock/crm`. */
export interface CrmOptions {
  /** Call events and records (§2.7). Unset: the mock pushes nothing. */
  pushUrl?: string;
  /** Which agent gets an inbound call (§2.8). Unset: routed calls go to the test agent. */
  navigationUrl?: string;
  /** IVR keys (§2.10). Unset: every IVR input takes the "failed" branch. */
  ivrUrl?: string;
  /** How long the CRM has to answer one callback. Default 5000. */
  timeoutMs?: number;
}

/** The CRM settings in force; '' is a URL that is not configured. */
export interface CrmSettings {
  pushUrl: string;
  navigationUrl: string;
  ivrUrl: string;
  timeoutMs: number;
}

export const CRM_DEFAULTS = { timeoutMs: 5_000 } as const;

const URL_KEYS = ['pushUrl', 'navigationUrl', 'ivrUrl'] as const;

function checkUrl(name: string, value: string): string {
  const text = value.trim();
  if (!text) return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`${name} is not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`${name} must be an http(s) URL`);
  return url.href;
}

/** The CRM settings of one mock server. Changes are validated as a whole before any applies. */
export class CrmConfig {
  #settings: CrmSettings = { pushUrl: '', navigationUrl: '', ivrUrl: '', timeoutMs: CRM_DEFAULTS.timeoutMs };

  constructor(options: CrmOptions = {}) {
    this.configure(options);
  }

  get settings(): CrmSettings {
    return { ...this.#settings };
  }

  /**
   * Changes the settings named in `options` and keeps the others; a URL given as '' or
   * undefined is removed. Throws RangeError (and changes nothing) on a bad URL or timeout.
   */
  configure(options: CrmOptions): CrmSettings {
    const next = { ...this.#settings };
    for (const key of URL_KEYS) {
      if (key in options) next[key] = checkUrl(key, options[key] ?? '');
    }
    if (options.timeoutMs !== undefined) {
      if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
      next.timeoutMs = options.timeoutMs;
    }
    this.#settings = next;
    return this.settings;
  }
}

/** A CRM answer that is a JSON object with a numeric `code`. */
export interface CrmAnswer {
  code: number;
  message: string;
  /** The IVR answer's `type` (§2.10), when given. */
  type?: number;
}

/** How one callback went. */
export interface CrmReply {
  /** The CRM answered HTTP 2xx with JSON code 0. */
  ok: boolean;
  /** The URL asked, query included (percent-encoded). */
  url: string;
  /** The body as received ('' when none came). */
  text: string;
  /** The decoded answer, when a 2xx body was a JSON object with a code. */
  answer?: CrmAnswer;
  /** Why it failed, in words (zh and en); undefined when ok. */
  reason?: string;
}

/** Bodies past this are cut: a CRM answer is a few bytes. */
const MAX_ANSWER_BYTES = 65_536;
/** How much of an unexpected body a failure reason quotes. */
const QUOTE_CHARS = 200;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS)}…` : flat;
}

/** The answer when `text` is a JSON object with a code that is a number (or a numeric string). */
export function decodeCrmAnswer(text: string): CrmAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '').trim());
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  const code = typeof fields.code === 'string' && fields.code.trim() !== '' ? Number(fields.code) : fields.code;
  if (typeof code !== 'number' || !Number.isFinite(code)) return undefined;
  const answer: CrmAnswer = { code, message: fields.message === undefined || fields.message === null ? '' : String(fields.message) };
  const type = typeof fields.type === 'string' && fields.type.trim() !== '' ? Number(fields.type) : fields.type;
  if (typeof type === 'number' && Number.isFinite(type)) answer.type = type;
  return answer;
}

function judge(url: string, status: number, text: string): CrmReply {
  if (status < 200 || status > 299) {
    const body = quote(text);
    return { ok: false, url, text, reason: `HTTP ${status}${body ? `: ${body}` : ''}` };
  }
  const answer = decodeCrmAnswer(text);
  if (!answer) return { ok: false, url, text, reason: `应答不是 {code, message} JSON (not a JSON answer): ${quote(text) || '(empty)'}` };
  if (answer.code !== ResultCode.Ok) {
    return { ok: false, url, text, answer, reason: `CRM 返回 code ${answer.code} (CRM answered code ${answer.code}): ${answer.message}` };
  }
  return { ok: true, url, text, answer };
}

function networkReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return '连接被拒绝 (connection refused)';
  if (code === 'ECONNRESET') return '连接被重置 (connection reset)';
  return `网络错误 (network error: ${code ?? (error instanceof Error ? error.message : String(error))})`;
}

export interface AskCrmOptions {
  timeoutMs: number;
  /** Ends the exchange at once (the mock server closing). */
  signal?: AbortSignal;
}

/**
 * One GET to the CRM: `base` with `query` added (UTF-8 percent-encoded; parameters already in
 * `base` are kept). Never rejects: every failure is a reply with `ok: false` and a reason.
 * A fresh connection each time (no keep-alive), so no socket outlives the exchange.
 */
export function askCrm(base: string, query: Record<string, string>, options: AskCrmOptions): Promise<CrmReply> {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const href = url.href;
  return new Promise<CrmReply>((resolve) => {
    let request: ClientRequest | undefined;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => finish({ ok: false, url: href, text: '', reason: '模拟服务器已关闭 (mock server closed)' });
    function finish(reply: CrmReply): void {
      if (timer === undefined) return; // already finished
      clearTimeout(timer);
      timer = undefined;
      options.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(reply);
    }
    timer = setTimeout(
      () => finish({ ok: false, url: href, text: '', reason: `超时 (no answer within ${options.timeoutMs} ms)` }),
      options.timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    request = send(url, { method: 'GET', agent: false, headers: { Accept: 'application/json' } }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_ANSWER_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => finish(judge(href, res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES))));
      res.on('error', (error) => finish({ ok: false, url: href, text: '', reason: networkReason(error) }));
    });
    request.on('error', (error) => finish({ ok: false, url: href, text: '', reason: networkReason(error) }));
    request.end();
  });
}
