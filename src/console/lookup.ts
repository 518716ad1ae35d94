/**
 * Who is calling: runs the page's `lookup(call)` hook (docs/contract.md "Who is calling") once per call,
 * after the card has popped, with a time limit. What the page answers is untrusted input like
 * server text: it is checked here, and only plain strings and an http(s) link get through.
 */
import { LocalCode } from '../protocol/codes.js';
import { VoipError } from '../protocol/index.js';
import { systemClock, type Call, type Clock } from '../session/index.js';
import { lineKey } from './call-key.js';

/** What the page's CRM knows about a caller. */
export interface Contact {
  name: string;
  company?: string;
  /** Replaces the `crm-url` link for that call; http(s) only. */
  url?: string;
}

/** The page's hook: a contact, null when the number is unknown, or a promise of either. */
export type LookupHook = (call: Call) => Contact | null | undefined | Promise<Contact | null | undefined>;

/** A lookup that takes longer is given up: the card keeps the number. */
export const LOOKUP_TIMEOUT_MS = 5_000;

/** Longer texts are cut: a contact is one line on a card, not a document. */
const MAX_TEXT = 200;

const METHOD = 'lookup';

/** Results remembered; older calls are long gone from the screen. */
const REMEMBERED = 100;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_TEXT) : undefined;
}

/** An absolute http(s) URL, or undefined (`javascript:`, `data:`, relative, garbage). */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A contact from whatever the hook answered: null for null/undefined (unknown caller), a Contact
 * with only its valid fields, or undefined when it is no contact at all (no name).
 */
export function toContact(value: unknown): Contact | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const name = text(v.name);
  if (!name) return undefined;
  const contact: Contact = { name };
  const company = text(v.company);
  if (company) contact.company = company;
  const url = httpUrl(v.url);
  if (url) contact.url = url;
  return contact;
}

function failed(message: string, cause?: unknown): VoipError {
  return new VoipError(LocalCode.LookupFailed, message, { method: METHOD, cause });
}

export interface LookupRunnerOptions {
  /** Default LOOKUP_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Timers (a fake clock in tests). */
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
}

/**
 * Runs the hook at most once per call: asking again for the same call (a re-render, a later event
 * of the call, the call gaining its cdrId) answers the first result. The hook starts in a later
 * task, so the pop is on screen before any page code runs, even a hook that blocks.
 */
export class LookupRunner {
  readonly #timeoutMs: number;
  readonly #clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  readonly #results = new Map<string, Promise<Contact | null>>();

  constructor(options: LookupRunnerOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? LOOKUP_TIMEOUT_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * The contact of `call`: null when the page knows no one; rejects with a VoipError
   * (LookupFailed) when the hook throws, answers no contact, or is slower than the time limit.
   */
  contactFor(hook: LookupHook, call: Call): Promise<Contact | null> {
    const key = lineKey(call);
    let result = this.#results.get(key);
    if (!result) {
      result = this.#run(hook, { ...call });
      this.#results.set(key, result);
      if (this.#results.size > REMEMBERED) this.#results.delete(this.#results.keys().next().value!);
    }
    return result;
  }

  /** Forgets every call (a logout, another account). */
  clear(): void {
    this.#results.clear();
  }

  #run(hook: LookupHook, call: Call): Promise<Contact | null> {
    return new Promise<Contact | null>((resolve, reject) => {
      const timer = this.#clock.setTimeout(
        () => reject(failed(`lookup took longer than ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      const settle = (value: unknown): void => {
        this.#clock.clearTimeout(timer);
        const contact = toContact(value);
        if (contact === undefined) reject(failed('lookup answered something that is not a contact with a name'));
        else resolve(contact);
      };
      const fail = (error: unknown): void => {
        this.#clock.clearTimeout(timer);
        reject(failed(`lookup failed: ${error instanceof Error ? error.message : String(error)}`, error));
      };
      this.#clock.setTimeout(() => {
        try {
          Promise.resolve(hook(call)).then(settle, fail);
        } catch (error) {
          fail(error);
        }
      }, 0);
    });
  }
}
