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

/**
 * Fills the `crm-url` template: `{phone}`, `{cdrId}`, `{direction}`, `{paramvalue}`,
 * `{extension}`, each URL-encoded. Returns null unless the result is an http(s) URL (or a
 * relative one), so server text can never turn the link into `javascript:`.
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
  const filled = template.replace(/\{(phone|cdrId|direction|paramvalue|extension)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
  try {
    const url = new URL(filled, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
