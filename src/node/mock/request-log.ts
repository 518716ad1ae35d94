/**
 * Every request the server saw on its API, report and recording endpoints (control requests under
 * /mock/ are not logged), so tests can assert what a client sent. Parameters are kept exactly as
 * received, `sa_password` (an MD5) included; the server adds nothing to them.
 */

export interface RequestLogEntry {
  /** The server clock (unix ms) when the request arrived. */
  at: number;
  path: string;
  /** The `method` parameter on the API endpoints; the endpoint path (Endpoint.LoadMonitor…) elsewhere. */
  method: string;
  /** `sa_user`, or ''. */
  user: string;
  params: Record<string, string>;
}

export interface RequestFilter {
  user?: string;
  method?: string;
}

/** The log keeps the newest entries only, so a long benchmark cannot exhaust memory. */
export const MAX_LOG_ENTRIES = 20_000;
/**
 * Old entries are dropped in batches of this many: dropping one per request would shift the whole
 * array each time (O(n) per request, 7 % of the mock's CPU at 3,000 agents).
 */
const TRIM_BATCH = 5_000;

export class RequestLog {
  #entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length >= MAX_LOG_ENTRIES + TRIM_BATCH) this.#entries.splice(0, this.#entries.length - MAX_LOG_ENTRIES);
  }

  /** Entries oldest first, copied, optionally only one user's or one method's. */
  list(filter: RequestFilter = {}): RequestLogEntry[] {
    const newest = this.#entries.length > MAX_LOG_ENTRIES ? this.#entries.slice(-MAX_LOG_ENTRIES) : this.#entries;
    return newest
      .filter((e) => (!filter.user || e.user === filter.user) && (!filter.method || e.method === filter.method))
      .map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear(): void {
    this.#entries = [];
  }
}
