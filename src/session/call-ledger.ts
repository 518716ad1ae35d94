/**
 * What was done once for a call, remembered across page lives (navigation, reloads) in this
 * origin's localStorage: the CRM pop opens one tab per call however often the agent moves between
 * CRM pages during it. Keys are MD5 digests of the account and the call's identity
 * (`occurrenceKey`), so no number is ever stored, whatever the agent's masking setting. Entries
 * live for a call's life at most (`LEDGER_TTL_MS`) and their number is bounded.
 */
import SparkMD5 from 'spark-md5';
import { occurrenceKey, type CallRef } from './call-identity.js';

/** How long a call is remembered: longer than any call lasts, short enough to forget it the same day. */
export const LEDGER_TTL_MS = 6 * 60 * 60 * 1000;
/** The most calls one ledger remembers (the oldest are forgotten first). */
export const LEDGER_MAX_ENTRIES = 200;

/** Digest of a call → when it was claimed (epoch ms). */
type Entries = Record<string, number>;

export class CallLedger {
  /** `name`: the localStorage entry (one per kind of once-per-call action). */
  constructor(
    readonly name: string,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * True the first time `call` of `account` (server|user) is claimed in this origin within the
   * ledger's memory, false after. Without usable storage every claim is a first one: the
   * element's own once-per-page-life rule still holds.
   */
  claim(account: string, call: CallRef & { startedAt: number }): boolean {
    const key = SparkMD5.hash(`${account}|${occurrenceKey(call)}`);
    const now = this.now();
    try {
      const entries = this.#fresh(now);
      if (key in entries) return false;
      entries[key] = now;
      // Oldest first already: keys (hex digests, never array indexes) keep their insertion order.
      const kept = Object.entries(entries).slice(-LEDGER_MAX_ENTRIES);
      localStorage.setItem(this.name, JSON.stringify(Object.fromEntries(kept)));
    } catch {
      // No storage (private mode, quota, a sandboxed frame): nothing to remember with.
    }
    return true;
  }

  /** The stored entries not yet expired; anything malformed (another script's writing) is dropped. */
  #fresh(now: number): Entries {
    const stored: unknown = JSON.parse(localStorage.getItem(this.name) ?? '{}');
    const entries: Entries = Object.create(null) as Entries;
    if (stored && typeof stored === 'object') {
      for (const [key, at] of Object.entries(stored)) {
        if (typeof at === 'number' && now - at < LEDGER_TTL_MS && at <= now) entries[key] = at;
      }
    }
    return entries;
  }
}
