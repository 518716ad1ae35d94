/** Where the control API lives and which web origins may call it: the one rule the HTTP layer and the options share. */
export const CONTROL_PREFIX = '/mock/';

/**
 * Which web origins may call the control API besides loopback ones (`http://127.0.0.1:5173`,
 * `http://localhost:8000`, `http://[::1]`): none by default, a list, or `'*'` for any. The
 * control API reads the request log (with password MD5s) and re-points the CRM callbacks, so a
 * page the developer happens to visit must not reach it: it is for development only.
 */
export type ControlOrigins = readonly string[] | '*';

/** Said by every control answer, and by the refusal. */
export const CONTROL_NOTICE = 'mock control API: for development only, never expose it';

/** Hostnames that name this machine: 127.0.0.0/8, ::1, localhost and *.localhost. */
function isLoopbackHost(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]' || hostname === 'localhost' || hostname.endsWith('.localhost');
}

/**
 * True when a request with this `Origin` header may use the control API. No Origin (curl, Node,
 * a test runner) is not a web page's request and may; `null` (a sandboxed frame, a file) may not.
 */
export function controlOriginAllowed(origin: string | undefined, allowed: ControlOrigins = []): boolean {
  if (origin === undefined) return true;
  if (allowed === '*') return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return true;
  return allowed.includes(url.origin);
}
