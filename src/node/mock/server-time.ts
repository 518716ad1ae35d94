/**
 * Times as the vendor's server writes them. Its servers run on China time (UTC+8, no daylight
 * saving), so the mock formats in that zone whatever the host's zone is: records look the same
 * on every machine and in CI.
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

/** "YYYY-MM-DD HH:mm:ss" (the call record's and push_list's format, spec §4 §5). */
export function formatServerTime(ms: number): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** "YYYY/MM/DD", the folder of a recording file. */
export function serverDatePath(ms: number): string {
  const [y, mo, d] = parts(ms);
  return `${y}/${mo}/${d}`;
}
