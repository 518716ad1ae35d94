/**
 * Fault injection: the next N requests of a method (or of every method) are delayed, answered
 * with an error code, dropped without an answer, or answered with a raw body (a broken script,
 * an HTML error page, nothing at all). Faults are used up in the order they were added.
 */

export interface FaultSpec {
  /** The API `method`, or an endpoint path such as Endpoint.LoadMonitor; omitted = every request. */
  method?: string;
  /** Answer this result code (in the usual JSON/JSONP form) instead of the real answer. */
  code?: number;
  /** The message with `code`; the code's own text when omitted. */
  message?: string;
  /** Wait this long before answering (or dropping). */
  delayMs?: number;
  /** Destroy the connection without any answer. */
  drop?: boolean;
  /** Answer exactly this text instead (e.g. `alert(`, an HTML page, '' for an empty answer). */
  body?: string;
  /** HTTP status of a `body` or `code` answer; 200 when omitted. */
  status?: number;
  /** Content-Type of a `body` answer; guessed from the body and the request when omitted. */
  contentType?: string;
  /** How many requests it applies to: 1 when omitted, a negative number for every request until cleared. */
  times?: number;
}

/** Delays past this are refused: a typo must not hold a test for hours. */
const MAX_DELAY_MS = 600_000;

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultTable {
  #faults: ActiveFault[] = [];

  /** Adds a fault; throws RangeError on an invalid spec. */
  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times === 0) throw new RangeError('times must be a non-zero integer');
    if (spec.delayMs !== undefined && !(spec.delayMs >= 0 && spec.delayMs <= MAX_DELAY_MS)) {
      throw new RangeError(`delayMs must be between 0 and ${MAX_DELAY_MS}`);
    }
    if (spec.code !== undefined && !Number.isInteger(spec.code)) throw new RangeError('code must be an integer');
    if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 200 && spec.status <= 599)) {
      throw new RangeError('status must be an HTTP status between 200 and 599');
    }
    this.#faults.push({ spec: { ...spec }, remaining: times < 0 ? Number.POSITIVE_INFINITY : times });
  }

  /** The first fault that applies to this request, used up by one. */
  take(method: string): FaultSpec | undefined {
    const index = this.#faults.findIndex((f) => !f.spec.method || f.spec.method === method);
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.spec;
  }

  /** The faults still waiting, with how many requests each still applies to (-1: until cleared). */
  list(): (FaultSpec & { remaining: number })[] {
    return this.#faults.map((f) => ({ ...f.spec, remaining: Number.isFinite(f.remaining) ? f.remaining : -1 }));
  }

  clear(): void {
    this.#faults = [];
  }
}
