/**
 * One account's messages, in waterline order. Waterlines are per account, strictly increasing
 * and timestamp-like as on the real server: `max(previous + 1, clock())`.
 */
import type { StoredMessage } from './call-content.js';

export type { StoredMessage } from './call-content.js';

export interface NewMessage {
  kind: number;
  phone: string;
  content: string;
  call?: StoredMessage['call'];
}

/** Older messages are dropped past this, so a long benchmark cannot exhaust memory. */
const MAX_MESSAGES = 50_000;

/** How far back a simulated restart moves the waterline clock (one day). */
const RESTART_REWIND_MS = 86_400_000;

export class MessageStore {
  readonly #clock: () => number;
  readonly #onAppend: (message: StoredMessage) => void;
  #messages: StoredMessage[] = [];
  #waterline: number;
  /** Subtracted from the clock after simulated restarts, so waterlines restart lower. */
  #rewindMs = 0;
  #epoch = 0;

  constructor(clock: () => number, onAppend: (message: StoredMessage) => void) {
    this.#clock = clock;
    this.#onAppend = onAppend;
    this.#waterline = this.#now();
  }

  /** The waterline of the newest message, or the store's start value when there is none. */
  get waterline(): number {
    return this.#waterline;
  }

  /** Changes on every simulated restart, so a held poll can tell a restart from no change. */
  get epoch(): number {
    return this.#epoch;
  }

  get size(): number {
    return this.#messages.length;
  }

  append(input: NewMessage): StoredMessage {
    const waterLine = Math.max(this.#waterline + 1, this.#now());
    const message: StoredMessage = {
      kind: input.kind,
      phone: input.phone,
      content: input.content,
      time: this.#clock(),
      waterLine,
      ...(input.call ? { call: { ...input.call } } : {}),
    };
    this.#waterline = waterLine;
    this.#messages.push(message);
    if (this.#messages.length > MAX_MESSAGES) this.#messages.splice(0, this.#messages.length - MAX_MESSAGES);
    this.#onAppend(message);
    return message;
  }

  /** Messages with a waterline greater than `waterLine`, oldest first, at most `limit`. */
  after(waterLine: number, limit: number): StoredMessage[] {
    // Binary search for the first message past waterLine: the array is sorted by waterline.
    let lo = 0;
    let hi = this.#messages.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#messages[mid]!.waterLine > waterLine) hi = mid;
      else lo = mid + 1;
    }
    return this.#messages.slice(lo, lo + Math.max(0, limit));
  }

  /** The newest `count` messages, oldest first. */
  latestMessages(count: number): StoredMessage[] {
    return this.#messages.slice(Math.max(0, this.#messages.length - count));
  }

  latest(): StoredMessage | undefined {
    return this.#messages[this.#messages.length - 1];
  }

  all(): StoredMessage[] {
    return [...this.#messages];
  }

  /**
   * Simulates a server restart: the stored messages are lost and waterlines restart from a value
   * smaller than any given before, so clients meet a server waterline below their own.
   */
  restart(): void {
    // Below the old waterline even when it ran ahead of the clock (many messages in one ms).
    const start = Math.min(this.#now(), this.#waterline) - RESTART_REWIND_MS;
    this.#rewindMs = this.#clock() - start;
    this.#messages = [];
    this.#waterline = start;
    this.#epoch++;
  }

  #now(): number {
    return this.#clock() - this.#rewindMs;
  }
}
