/**
 * Which script URLs the widget may load, and Trusted Types (a CSP with
 * `require-trusted-types-for 'script'`): such a page refuses a plain string as a script URL, so
 * the JSONP `<script src>` and the timer worker need a TrustedScriptURL from the policy
 * `voip-softphone`.
 *
 * Under a nonce + `'strict-dynamic'` CSP every script the widget inserts is trusted, so markup
 * injected into the CRM page, `<voip-softphone server="https://evil.example">`, would run that
 * server's script. A page declares its 800ing servers in its `<head>`:
 * `<meta name="voip-softphone-servers" content="https://voip.example.com:8443">` (origins, space
 * separated); from then on only those origins (and the widget's own worker, a same-origin `blob:`,
 * and its own extras file, next to its main script) are loaded — with or without Trusted Types —
 * and any other is refused with -1007. Injected markup cannot add to the head's declaration: only
 * the first such `<meta>` in `<head>` counts. Without a declaration any server is loaded, as the CSP allows.
 */
import { LocalCode, VoipError } from '../protocol/index.js';

/** The policy name a CRM's `trusted-types` directive has to allow. */
export const TRUSTED_TYPES_POLICY = 'voip-softphone';

/** The `<meta name>` in the page's `<head>` that lists the 800ing server origins. */
export const SERVERS_META = 'voip-softphone-servers';

interface TrustedTypesPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): TrustedTypesPolicy;
}

let policy: TrustedTypesPolicy | null | undefined;
/** The declared server origins; undefined until read, null when the page declares none. */
let declared: Set<string> | null | undefined;

function declaredOrigins(): Set<string> | null {
  if (declared === undefined) {
    const content = typeof document === 'undefined' ? null : document.head?.querySelector(`meta[name="${SERVERS_META}"]`)?.getAttribute('content');
    declared = null;
    if (content != null) {
      declared = new Set();
      for (const origin of content.split(/\s+/)) {
        try {
          if (origin) declared.add(new URL(origin).origin);
        } catch {
          /* not a URL: names nothing */
        }
      }
    }
  }
  return declared;
}

/** Script URLs of the widget's own files (the extras file), allowed whatever the page declares. */
const ownScripts = new Set<string>();

/** Allows the widget's own script at exactly `url` (the script-tag build's extras file). */
export function allowScriptUrl(url: string): void {
  ownScripts.add(url);
}

/** `url` when the page allows the widget to load it as a script, else a VoipError (-1007). */
function allowedScriptUrl(url: string): string {
  const allowed = declaredOrigins();
  if (!allowed || ownScripts.has(url)) return url;
  const parsed = new URL(url, location.href);
  // The timer worker: a blob the widget made in this page (only same-origin code can make one).
  if (parsed.protocol === 'blob:' && parsed.origin === location.origin) return url;
  if (allowed.has(parsed.origin)) return url;
  throw new VoipError(LocalCode.NotConfigured, `${parsed.origin} is not a server this page declares (${SERVERS_META})`);
}

/** `url` as a TrustedScriptURL where the browser has Trusted Types, else as it is; throws for an undeclared origin. */
export function trustedScriptUrl(url: string): string {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    try {
      policy = factory ? factory.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: allowedScriptUrl }) : null;
    } catch {
      policy = null; // the page's policy list does not allow ours
    }
  }
  // A TrustedScriptURL stands in for the string wherever the DOM takes a script URL.
  return policy ? (policy.createScriptURL(url) as string) : allowedScriptUrl(url);
}
