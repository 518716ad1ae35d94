/** Pure helpers of the card: masking, durations, the CRM link. No DOM. */
import type { Call } from '../session/index.js';

/** Moved to protocol/ so the console modules can mask without importing the element. */
export { maskPhone } from '../protocol/phone-mask.js';

/** `75000` → `01:15`; an hour or more → `1:02:03`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The `crm-url` placeholders. */
const PLACEHOLDER = /\{(phone|cdrId|direction|paramvalue|extension)\}/g;
/** One placeholder anywhere (no `g`: `test` keeps no position). */
const PLACEHOLDER_IN = new RegExp(PLACEHOLDER.source);
/** `scheme://authority` at the start of an absolute template: where no value may go. */
const ORIGIN_PART = /^[a-z][a-z\d+.-]*:(\/\/[^/?#]*)?/i;
/** A path segment the URL parser resolves as `.` or `..` (it also reads `%2e` as a dot). */
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i;

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** Why a `crm-url` template is refused (it does not lead to an http(s) page), or undefined when it is fine. */
export function crmTemplateProblem(template: string, base: string): string | undefined {
  try {
    if (!PLACEHOLDER_IN.test(ORIGIN_PART.exec(template)?.[0] ?? '') && isHttp(new URL(template.replace(PLACEHOLDER, 'x'), base))) return undefined;
  } catch {
    /* not a URL at all */
  }
  return 'crm-url must be an http(s) URL, placeholders after the host';
}

/**
 * Fills the `crm-url` template: `{phone}`, `{cdrId}`, `{direction}`, `{paramvalue}`,
 * `{extension}`, each URL-encoded, and only in the path, query and fragment: a value cannot
 * change the origin (a placeholder in `scheme://host` makes no link), nor climb the path (a value that would make a `.`/`..` segment gives no link).
 * Returns null unless the result is an http(s) URL (or a relative one), so server text can never
 * turn the link into `javascript:`.
 */
export function crmUrl(template: string | undefined, call: Call, extension: string | undefined, base: string): string | null {
  if (!template) return null;
  const values: Record<string, string> = {
    phone: call.phone,
    cdrId: call.cdrId ?? '',
    direction: call.direction,
    paramvalue: call.paramvalue ?? '',
    extension: extension ?? '',
  };
  const fill = (text: string): string => text.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  const origin = ORIGIN_PART.exec(template)?.[0] ?? '';
  if (PLACEHOLDER_IN.test(origin)) return null;
  const rest = template.slice(origin.length);
  const pathEnd = rest.search(/[?#]|$/);
  const segments = rest.slice(0, pathEnd).split('/');
  const filledSegments = segments.map(fill);
  if (filledSegments.some((segment, i) => DOT_SEGMENT.test(segment) && !DOT_SEGMENT.test(segments[i]!))) return null;
  try {
    const url = new URL(origin + filledSegments.join('/') + fill(rest.slice(pathEnd)), base);
    return isHttp(url) ? url.href : null;
  } catch {
    return null;
  }
}
