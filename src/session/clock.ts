/** The session's only view of time, injected so tests can drive it with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A sleep that `wake()` can end early (a network change, a tab coming back) and `cancel()`
 * ends for good (the session stopped). Resolves true when woken or elapsed, false when cancelled.
 */
export class Sleeper {
  #pending: { handle: unknown; resolve: (value: boolean) => void } | undefined;
  constructor(readonly clock: Clock) {}

  sleep(ms: number): Promise<boolean> {
    this.cancel();
    if (ms <= 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const handle = this.clock.setTimeout(() => this.#settle(true), ms);
      this.#pending = { handle, resolve };
    });
  }

  get sleeping(): boolean {
    return this.#pending !== undefined;
  }

  wake(): void {
    this.#settle(true);
  }

  cancel(): void {
    this.#settle(false);
  }

  #settle(value: boolean): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    this.clock.clearTimeout(pending.handle);
    pending.resolve(value);
  }
}
