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
const MAX_ENTRIES = 20_000;

export class RequestLog {
  #entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  /** Entries oldest first, copied, optionally only one user's or one method's. */
  list(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.#entries
      .filter((e) => (!filter.user || e.user === filter.user) && (!filter.method || e.method === filter.method))
      .map((e) => ({ ...e, params: { ...e.params } }));
  }

  clear(): void {
    this.#entries = [];
  }
}
