/**
 * The agent's recent calls (docs/contract.md "Recent and missed calls"): newest first, at most `limit`,
 * each ended, `missed` for an inbound call that rang and was never answered. Kept per account in
 * this origin's storage across reloads; numbers are stored masked when the agent's numbers are
 * hidden (`disablePhoneNum` 1), and nothing of the credentials is ever stored.
 *
 * Storage is untrusted too (another script, an older version, a full disk): every stored entry is
 * checked on the way in, a damaged one is dropped and reported, and nothing here ever throws.
 */
import { LocalCode } from '../protocol/codes.js';
import { VoipError } from '../protocol/index.js';
import { toCallId } from '../protocol/normalize.js';
import { maskPhone } from '../protocol/phone-mask.js';
import { CallState, Direction, type Call } from '../session/index.js';
import { isSameCall, type CallIdentity } from './call-key.js';
import { httpUrl, toContact, type Contact } from './lookup.js';

/** A finished call in the list. */
export interface RecentCall extends Call {
  /** An inbound call that rang and ended without being answered. */
  missed?: true;
  /** The number was stored masked: it cannot be called back. */
  masked?: true;
  contact?: Contact;
  /** The caller's region (findDialrecord `cdrPhoneArea`). */
  area?: string;
  /** The recording's URL, for an answered call the server recorded. */
  recording?: string;
}

/** What a recent call can learn after it was listed. */
export type RecentCallDetails = Partial<Pick<RecentCall, 'contact' | 'area' | 'recording'>>;

/** The part of `Storage` used: `localStorage` in a page, a fake in tests. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** docs/contract.md `recent-limit` default. */
export const RECENT_LIMIT = 20;

const KEY_PREFIX = 'voip-softphone:recent:';
/** The stored layout's version: another version is dropped, not misread. */
const FORMAT = 1;
const METHOD = 'recent-calls';

interface Stored {
  v: number;
  /** When the list was last opened (unix ms). */
  seen: number;
  calls: RecentCall[];
}

export interface RecentCallsOptions {
  /** `accountOf(client)`: server and user. */
  account: string;
  /** Default: the page's localStorage, when it can be used. */
  storage?: StorageLike | null;
  /** Default RECENT_LIMIT. */
  limit?: number;
  /** The agent's `disablePhoneNum` is 1: numbers are stored masked. */
  masked?: boolean;
  /** A storage problem (the list goes on in memory). */
  onError?: (error: VoipError) => void;
}

/** The storage key of an account's list. */
export function recentCallsKey(account: string): string {
  return KEY_PREFIX + account;
}

/** An inbound call that ended without being answered. */
export function isMissed(call: Call): boolean {
  return call.direction === Direction.Inbound && call.answeredAt === undefined;
}

/** A finished call as the list keeps it: state ended, `missed` when it rang in and was not answered. */
export function toRecentCall(call: Call, missed = isMissed(call)): RecentCall {
  const recent: RecentCall = { ...call, state: CallState.Ended };
  if (missed) recent.missed = true;
  else delete recent.missed;
  return recent;
}

function pageStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a sandboxed frame, storage disabled
  }
}

/** The type each stored field must have; any other field, or a field of another type, is left out. */
const STORED_FIELDS: Record<string, string> = {
  phone: 'string',
  direction: 'string',
  cdrId: 'string',
  paramvalue: 'string',
  area: 'string',
  startedAt: 'number',
  answeredAt: 'number',
  endedAt: 'number',
  missed: 'boolean',
  masked: 'boolean',
};

/** A stored entry checked field by field, or undefined when it cannot be a call. */
function fromStored(value: unknown): RecentCall | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const call: Record<string, unknown> = { state: CallState.Ended };
  for (const [field, type] of Object.entries(STORED_FIELDS)) {
    // Texts are short on a card; times are finite; flags are only ever true.
    const x = v[field];
    if (typeof x === type && x !== false && (type !== 'string' || (x as string).length <= 200) && (type !== 'number' || Number.isFinite(x))) call[field] = x;
  }
  const url = httpUrl(v.recording);
  if (url) call.recording = url;
  const contact = toContact(v.contact);
  if (contact) call.contact = contact;
  call.cdrId = toCallId(call.cdrId);
  if (!call.cdrId) delete call.cdrId;
  const ok = call.phone && call.startedAt !== undefined && (call.direction === Direction.Inbound || call.direction === Direction.Outbound);
  return ok ? (call as unknown as RecentCall) : undefined;
}

export class RecentCalls {
  readonly #key: string;
  readonly #storage: StorageLike | null;
  readonly #onError: (error: VoipError) => void;
  #limit: number;
  #masked: boolean;
  #calls: RecentCall[] = [];
  #seen = 0;

  constructor(options: RecentCallsOptions) {
    this.#key = recentCallsKey(options.account);
    this.#storage = options.storage === undefined ? pageStorage() : options.storage;
    this.#onError = options.onError ?? (() => {});
    this.#limit = validLimit(options.limit);
    this.#masked = options.masked === true;
    this.reload();
  }

  /** Newest first. */
  get calls(): readonly RecentCall[] {
    return this.#calls;
  }

  /** Missed calls that ended after the list was last opened (docs/contract.md `missed-badge`). */
  get missedCount(): number {
    return this.#calls.filter((c) => c.missed && (c.endedAt ?? c.startedAt) > this.#seen).length;
  }

  get limit(): number {
    return this.#limit;
  }

  /** A new `recent-limit`: an invalid value falls back to the default; a smaller one drops the oldest. */
  set limit(value: number) {
    this.#limit = validLimit(value);
    this.#commit();
  }

  /** The agent's `disablePhoneNum` is 1: numbers are stored masked from now on. */
  set masked(value: boolean) {
    this.#masked = value;
    this.#commit();
  }

  /** Reads the stored list again (at start, or when another tab changed it: a `storage` event). */
  reload(): void {
    const stored = this.#read();
    this.#calls = stored?.calls ?? [];
    this.#seen = stored?.seen ?? 0;
  }

  /** A call ended (the session's `hangup`): listed, newest first. Returns it unless it was listed already. */
  add(call: Call): RecentCall | undefined {
    return this.merge([toRecentCall(call)])[0];
  }

  /**
   * Lists calls from anywhere (the server's history, another tab) without doubles: a call listed
   * already only gains what it lacked (an id, the answer time, area, recording, contact), and an
   * answer anywhere means it was not missed. Returns the calls newly listed.
   */
  merge(calls: readonly RecentCall[]): RecentCall[] {
    const added: RecentCall[] = [];
    for (const given of calls) {
      // `-1`, `0`, '' are no ids (docs/800ing-api.md §7.1): never kept as one.
      const call: RecentCall = { ...given, state: CallState.Ended };
      const id = toCallId(call.cdrId);
      if (id) call.cdrId = id;
      else delete call.cdrId;
      const known = this.#find(call);
      if (!known) {
        this.#calls.push(call);
        added.push(call);
        continue;
      }
      for (const field of ['cdrId', 'paramvalue', 'answeredAt', 'endedAt', 'area', 'recording', 'contact'] as const) {
        if (known[field] === undefined && call[field] !== undefined) Object.assign(known, { [field]: call[field] });
      }
      if (known.masked && !call.masked) {
        known.phone = call.phone; // the plain number is known again (in memory only, when masking)
        delete known.masked;
      }
      // Missed only while no view of the call knows an answer.
      if (known.answeredAt !== undefined) delete known.missed;
      else if (call.missed) known.missed = true;
    }
    this.#calls.sort((a, b) => b.startedAt - a.startedAt);
    this.#commit();
    return added.filter((c) => this.#calls.includes(c));
  }

  /** Details learnt later (the lookup's contact, the area, the recording) for a listed call. */
  update(call: CallIdentity, details: RecentCallDetails): void {
    const known = this.#find(call);
    if (!known) return;
    Object.assign(known, details);
    this.#commit();
  }

  /** The list was opened: the missed count starts again from 0. */
  markSeen(now = Date.now()): void {
    this.#seen = now;
    this.#commit();
  }

  #find(call: CallIdentity): RecentCall | undefined {
    // A number stored masked is compared masked: masking twice changes nothing.
    const phone = (c: CallIdentity): string => (this.#masked ? maskPhone(c.phone) : c.phone);
    return this.#calls.find((c) => isSameCall({ ...c, phone: phone(c) }, { ...call, phone: phone(call) }));
  }

  /** One text for every storage problem (the code table's): the agent can do nothing but know it. */
  #report(cause?: unknown): void {
    this.#onError(new VoipError(LocalCode.StorageFailed, undefined, { method: METHOD, cause }));
  }

  #read(): Stored | undefined {
    let text: string | null;
    try {
      text = this.#storage?.getItem(this.#key) ?? null;
    } catch (error) {
      this.#report(error);
      return undefined;
    }
    if (text === null) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const stored = value as Partial<Stored> | undefined;
    if (!stored || stored.v !== FORMAT || !Array.isArray(stored.calls)) {
      this.#report();
      this.#write(undefined);
      return undefined;
    }
    const calls = stored.calls.flatMap((c) => fromStored(c) ?? []);
    if (calls.length < stored.calls.length) this.#report();
    calls.sort((a, b) => b.startedAt - a.startedAt);
    return { v: FORMAT, seen: Number(stored.seen) || 0, calls: calls.slice(0, this.#limit) };
  }

  #commit(): void {
    this.#calls.length = Math.min(this.#calls.length, this.#limit);
    const calls = this.#masked
      ? this.#calls.map((c) => (c.masked ? c : { ...c, phone: maskPhone(c.phone), masked: true as const }))
      : this.#calls;
    this.#write({ v: FORMAT, seen: this.#seen, calls });
  }

  #write(stored: Stored | undefined): void {
    try {
      if (stored) this.#storage?.setItem(this.#key, JSON.stringify(stored));
      else this.#storage?.removeItem(this.#key);
    } catch (error) {
      this.#report(error);
    }
  }
}

function validLimit(value: number | undefined): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : RECENT_LIMIT;
}
