/**
 * One request to the 800ing server and its answer streamed back to the browser, with limits:
 * the server must start answering within `timeoutMs` and never fall silent longer than that while
 * streaming; an answer over `maxAnswerBytes` is cut. A browser that leaves (a long poll given up,
 * a closed tab) aborts the upstream request at once, so a held poll costs nothing after it.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ResultCode } from '../../protocol/index.js';
import { sendJson } from '../handlers/respond.js';
import { VendorPathKind } from './vendor-paths.js';

/** Headers of the browser's request passed on: nothing that identifies the CRM session (no cookie, no authorization). */
const REQUEST_HEADERS = ['accept', 'accept-language', 'range'] as const;

/** Headers of the vendor's answer passed on: no set-cookie (a vendor cookie must not land on the CRM's origin). */
const ANSWER_HEADERS = ['content-length', 'content-range', 'accept-ranges', 'content-disposition', 'last-modified', 'etag'] as const;

/** Types a recording may keep; anything else (an HTML error page…) is served as opaque bytes. */
const RECORDING_TYPE = /^(audio\/[\w.+-]+|application\/octet-stream)\s*(;|$)/i;

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Set on every forwarded answer. The vendor's bytes are untrusted and now come from the CRM's
 * own origin: they must never run as a page there (sandbox CSP, nosniff) nor be included by
 * another site as a script or image with the agent's cookies (CORP same-origin).
 */
const SAFETY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
} as const;

export interface UpstreamRequest {
  url: URL;
  method: 'GET' | 'POST';
  /** The form body of a POST, already encoded. */
  body?: string;
  kind: VendorPathKind;
  timeoutMs: number;
  maxAnswerBytes: number;
}

/** Keep-alive agents: a CRM with thousands of agents re-polls all the time, a new connection each time would cost. */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

function failWith(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: ResultCode.Network, message }, SAFETY_HEADERS);
}

function answerType(kind: VendorPathKind, upstreamType: string | undefined): string {
  if (kind !== VendorPathKind.Recording) return JSON_TYPE; // jsondata.html answers JSON, whatever type it claims
  return upstreamType && RECORDING_TYPE.test(upstreamType) ? upstreamType : 'application/octet-stream';
}

/** Forwards the request and streams the answer into `res`; resolves once `res` is finished or closed. */
export function forward(req: IncomingMessage, res: ServerResponse, upstream: UpstreamRequest): Promise<void> {
  return new Promise((resolve) => {
    // The browser left while its request was being read or its agent looked up: ask nothing upstream.
    if (res.destroyed || res.writableEnded) {
      resolve();
      return;
    }
    const isHttps = upstream.url.protocol === 'https:';
    const headers: Record<string, string> = {};
    for (const name of REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (upstream.body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
      headers['content-length'] = String(Buffer.byteLength(upstream.body));
    }
    const outgoing = (isHttps ? httpsRequest : httpRequest)(upstream.url, {
      method: upstream.method,
      headers,
      agent: isHttps ? agents.https : agents.http,
    });

    let timer: NodeJS.Timeout | undefined;
    /** Set once the answer to the browser is decided; later upstream errors change nothing. */
    let decided = false;
    /** The vendor's answer arrived in full: its connection goes back to the keep-alive pool, untouched. */
    let complete = false;
    const decide = (status: number, message: string): void => {
      if (decided) return;
      decided = true;
      clearTimeout(timer);
      outgoing.destroy();
      // Headers already sent: cutting the connection is the only honest way to say "incomplete".
      if (res.headersSent) res.destroy();
      else failWith(res, status, message);
    };
    const arm = (message: string): void => {
      clearTimeout(timer);
      timer = setTimeout(() => decide(504, message), upstream.timeoutMs);
    };
    arm(`the 800ing server did not answer within ${upstream.timeoutMs} ms`);

    res.once('close', () => {
      // The browser left (or the answer is complete): stop holding the vendor's long poll for nobody.
      decided = true;
      clearTimeout(timer);
      if (!complete) outgoing.destroy();
      resolve();
    });
    // `on`, not `once`: destroying a request can emit a second error, and an unheard one would crash the CRM's server.
    outgoing.on('error', () => decide(502, 'the 800ing server cannot be reached'));

    outgoing.once('response', (answer) => {
      if (decided) return;
      const tooLarge = `the 800ing server's answer is larger than ${upstream.maxAnswerBytes} bytes`;
      const declared = Number(answer.headers['content-length']);
      if (Number.isFinite(declared) && declared > upstream.maxAnswerBytes) {
        decide(502, tooLarge);
        return;
      }
      res.statusCode = answer.statusCode ?? 502;
      for (const name of ANSWER_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      res.setHeader('Content-Type', answerType(upstream.kind, answer.headers['content-type']));
      for (const [name, value] of Object.entries(SAFETY_HEADERS)) res.setHeader(name, value);

      let size = 0;
      const silence = `the 800ing server fell silent for ${upstream.timeoutMs} ms`;
      arm(silence);
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > upstream.maxAnswerBytes) {
          decide(502, tooLarge);
          return;
        }
        arm(silence);
        if (!res.write(chunk)) {
          answer.pause();
          res.once('drain', () => answer.resume());
        }
      });
      answer.once('end', () => {
        complete = true;
        if (decided) return;
        decided = true;
        clearTimeout(timer);
        res.end();
      });
      answer.on('error', () => decide(502, 'the 800ing server broke off its answer'));
    });

    outgoing.end(upstream.body);
  });
}
