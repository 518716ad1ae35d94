/**
 * Which request targets the proxy forwards: only the 800ing paths the widget and VoipClient use
 * (docs/800ing-api.md §1, §4, §5), written in origin form and free of dot segments. Everything else is refused
 * here, before any credential is looked up: the proxy must never become an open proxy that adds
 * an agent's credentials to a URL of the caller's choosing.
 */
import { Endpoint } from '../../protocol/index.js';

/** What a forwarded path is; decides which target serves it and how its answer is typed. */
export const VendorPathKind = {
  /** A JSON API endpoint (jsondata.html, jsonpdata.json, jsonpdata.jsonp, loadmonitor). */
  Api: 'api',
  /** A report endpoint (push_list, push_send…), served by the report target. */
  Report: 'report',
  /** A recording file or the MP3 download: bytes, not JSON. */
  Recording: 'recording',
} as const;
export type VendorPathKind = (typeof VendorPathKind)[keyof typeof VendorPathKind];

const EXACT_PATHS: ReadonlyMap<string, VendorPathKind> = new Map([
  [Endpoint.Json, VendorPathKind.Api],
  [Endpoint.JsonAlt, VendorPathKind.Api],
  // Forwarded without its `callback`: the proxy always answers JSON, never a script.
  [Endpoint.Jsonp, VendorPathKind.Api],
  [Endpoint.LoadMonitor, VendorPathKind.Api],
  [Endpoint.RecordDownload, VendorPathKind.Recording],
]);

/** Report endpoints: `/voip/ai/report/<name>.json` (push_list, push_send, and any later one). */
const REPORT_PATH = /^\/voip\/ai\/report\/[A-Za-z0-9_]+\.json$/;

/** A recording file below `/voip/record/`: path characters only, no query, no dot segments. */
const RECORD_FILE = /^[A-Za-z0-9._~!$&'()*+,;=:@%/-]+$/;

export type VendorPath =
  | { ok: true; pathname: string; kind: VendorPathKind }
  | { ok: false; reason: string };

/** A path segment that is `.` or `..` once percent-decoded, or a segment that decodes to a separator. */
function hasDotOrHiddenSeparator(pathname: string): boolean {
  for (const raw of pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return true; // malformed percent-encoding: no honest client sends it
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return true;
  }
  return false;
}

/**
 * Classifies `req.url` (relative to the mount point under Express). Refuses absolute-form and
 * authority-form targets (`http://other/…`, `host:443`), `//host` paths, backslashes and dot
 * segments, encoded or not. `match: false` means "not ours" (middleware passes it on); a refusal
 * with a reason means "ours, but hostile or malformed".
 */
export function vendorPathOf(url: string): VendorPath | { ok: false; match: false } {
  if (!url.startsWith('/') || url.startsWith('//')) return { ok: false, reason: 'only origin-form paths are forwarded' };
  const pathname = url.split(/[?#]/, 1)[0]!;
  if (!pathname.startsWith('/voip/')) return { ok: false, match: false };
  if (pathname.includes('\\') || hasDotOrHiddenSeparator(pathname)) return { ok: false, reason: 'the path has dot segments or encoded separators' };

  const exact = EXACT_PATHS.get(pathname);
  if (exact) return { ok: true, pathname, kind: exact };
  if (REPORT_PATH.test(pathname)) return { ok: true, pathname, kind: VendorPathKind.Report };
  if (pathname.startsWith(Endpoint.Record)) {
    const file = pathname.slice(Endpoint.Record.length);
    if (file !== '' && RECORD_FILE.test(file)) return { ok: true, pathname, kind: VendorPathKind.Recording };
  }
  return { ok: false, match: false };
}
