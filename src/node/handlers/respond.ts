/**
 * Writes the JSON answer of a CRM callback (docs/800ing-api.md §5). The 800ing server reads the `code` of the
 * body, so every answer — success or failure — is a small JSON object.
 */
import type { ServerResponse } from 'node:http';
import { ResultCode } from '../../protocol/index.js';

/** What a callback answers: `code`, `message`, and (IVR) `type`. */
export type CallbackAnswer = { code: number; message: string } & Record<string, unknown>;

/**
 * The code of a failed callback. The vendor document spells out only "non-zero is a failure",
 * except for the IVR (§2.10), whose "failed" branch is taken on exactly `code=-1`; we use -1 for
 * every handler so that one value means "failed" everywhere. -1 is ResultCode.Network in the
 * code table; it is imported, not written again.
 */
export const CALLBACK_FAILED: number = ResultCode.Network;

export function failure(message: string): CallbackAnswer {
  return { code: CALLBACK_FAILED, message };
}

export function success(message: string, extra: Record<string, unknown> = {}): CallbackAnswer {
  return { code: ResultCode.Ok, message, ...extra };
}

/**
 * JSON with `<`, `>`, `&` and the two JavaScript line separators escaped: the answer may echo
 * caller text (a reason naming a bad value), and must stay inert if someone opens it in a browser.
 * The escapes are plain JSON, so any JSON reader (the 800ing server's included) reads the same value.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Sends `body` as `application/json; charset=utf-8` with `status`. Answers false, writing nothing,
 * when an answer has already been started or the connection is gone: a callback answers once.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: CallbackAnswer,
  headers: Record<string, string> = {},
): boolean {
  if (res.headersSent || res.writableEnded || res.destroyed) return false;
  const text = safeJson(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text, 'utf8'));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(text);
  return true;
}
