/**
 * Held getLongWaterLine requests. A poll waits here, keyed by account, until something for that
 * account changes, its hold time passes, the client goes away, or the server closes. Every wait
 * owns exactly one timer and clears it however it ends, so close() leaves nothing running.
 */

export const WakeReason = {
  /** Something changed for the account: re-check and answer. */
  Changed: 'changed',
  /** The hold time passed: answer the current state. */
  Timeout: 'timeout',
  /** The server is closing: answer the current state now. */
  Closed: 'closed',
  /** The client disconnected: answer nothing. */
  Gone: 'gone',
} as const;
export type WakeReason = (typeof WakeReason)[keyof typeof WakeReason];

interface Waiter {
  finish(reason: WakeReason): void;
}

export class LongPollHub {
  readonly #waiters = new Map<string, Set<Waiter>>();
  #closed = false;

  /** How many polls are held right now. */
  get size(): number {
    let n = 0;
    for (const set of this.#waiters.values()) n += set.size;
    return n;
  }

  wait(key: string, holdMs: number, signal: AbortSignal): Promise<WakeReason> {
    if (this.#closed) return Promise.resolve(WakeReason.Closed);
    if (signal.aborted) return Promise.resolve(WakeReason.Gone);
    return new Promise((resolve) => {
      let set = this.#waiters.get(key);
      if (!set) this.#waiters.set(key, (set = new Set()));
      const waiters = set;
      const onAbort = (): void => waiter.finish(WakeReason.Gone);
      const timer = setTimeout(() => waiter.finish(WakeReason.Timeout), Math.max(0, holdMs));
      const waiter: Waiter = {
        finish: (reason) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
          resolve(reason);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
    });
  }

  /** Releases every poll held for this key so it re-checks its condition. */
  wake(key: string): void {
    const set = this.#waiters.get(key);
    if (set) for (const waiter of [...set]) waiter.finish(WakeReason.Changed);
  }

  /** Releases every held poll and refuses new waits. */
  close(): void {
    this.#closed = true;
    for (const set of [...this.#waiters.values()]) for (const waiter of [...set]) waiter.finish(WakeReason.Closed);
  }
}
