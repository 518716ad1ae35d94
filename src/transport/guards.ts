import { LocalCode, VoipError, unreachableError } from '../protocol/index.js';

/**
 * An https: page cannot load http: scripts or fetch http: URLs (mixed content): the browser
 * blocks them silently and we would only see a timeout. Say so at once instead. Loopback
 * addresses are exempt: browsers treat them as potentially trustworthy.
 */
export function assertNotMixedContent(url: string, method?: string): void {
  const page = globalThis.location;
  if (!page || page.protocol !== 'https:') return;
  let target: URL;
  try {
    target = new URL(url, page.href);
  } catch {
    return;
  }
  if (target.protocol !== 'http:') return;
  if (['localhost', '127.0.0.1', '[::1]'].includes(target.hostname)) return;
  throw new VoipError(LocalCode.MixedContent, undefined, { method });
}

export function abortedError(method?: string, cause?: unknown): VoipError {
  return new VoipError(LocalCode.Aborted, undefined, { method, cause });
}

/** An answer that parsed but is not a JSON object: every transport and the client say it alike. */
export function notAnObjectError(method?: string): VoipError {
  return new VoipError(LocalCode.BadAnswer, 'the server answered something that is not an object', { method });
}

export function timeoutError(timeoutMs: number, method?: string): VoipError {
  return unreachableError(`request timed out after ${timeoutMs} ms`, method);
}
