/**
 * Times as the vendor's server writes and reads them. Its servers run on China time (UTC+8, no
 * daylight saving). The mock formats in that zone whatever the host's zone is, so records look
 * the same on every machine and in CI; and a browser asking for "today" must ask for the
 * server's today, or an agent whose machine is on another zone (or CI at 16:00–24:00 UTC) gets
 * the wrong day's list.
 */

const SERVER_UTC_OFFSET_MS = 8 * 3_600_000;

function parts(ms: number): string[] {
  const d = new Date(ms + SERVER_UTC_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return [
    String(d.getUTCFullYear()),
    pad(d.getUTCMonth() + 1),
    pad(d.getUTCDate()),
    pad(d.getUTCHours()),
    pad(d.getUTCMinutes()),
    pad(d.getUTCSeconds()),
  ];
}

/** "YYYY-MM-DD HH:mm:ss" (the call record's and push_list's format, docs/800ing-api.md §4 §5). */
export function formatServerTime(ms: number): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** "YYYY-MM-DD", the server's calendar day at `ms`. */
export function serverDay(ms: number): string {
  const [y, mo, d] = parts(ms);
  return `${y}-${mo}-${d}`;
}

/** "YYYY/MM/DD", the folder of a recording file. */
export function serverDatePath(ms: number): string {
  const [y, mo, d] = parts(ms);
  return `${y}/${mo}/${d}`;
}

/**
 * Reads a server time ("YYYY-MM-DD HH:mm:ss", China time) back to unix ms. Lenient the way the
 * vendor's own example is ("2020-1-1 00:00:00"): one-digit parts, a `T` separator, seconds or the
 * whole time left out. A date alone means its first second, or its last one with `endOfDay`.
 * Undefined when the text is not such a time.
 */
export function parseServerTime(text: string, endOfDay = false): number | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dateOnly = match[4] === undefined;
  const hour = dateOnly ? (endOfDay ? 23 : 0) : Number(match[4]);
  const minute = dateOnly ? (endOfDay ? 59 : 0) : Number(match[5]);
  const second = match[6] !== undefined ? Number(match[6]) : dateOnly && endOfDay ? 59 : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - SERVER_UTC_OFFSET_MS;
  // Day 31 of a 30-day month rolls over into the next one: not a date.
  const [, , shownDay] = parts(ms);
  return Number(shownDay) === day ? ms : undefined;
}
