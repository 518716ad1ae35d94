/** Retry delays after failures: exponential with jitter, capped (ky's retry model). */
export interface BackoffOptions {
  /** First delay in ms. */
  initialMs?: number;
  /** Longest delay in ms. */
  maxMs?: number;
  factor?: number;
  /** ± this fraction of the delay, so many agents do not retry in step after an outage. */
  jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.2 };

export class Backoff {
  readonly #options: Required<BackoffOptions>;
  readonly #random: () => number;
  #failures = 0;

  constructor(options: BackoffOptions = {}, random: () => number = Math.random) {
    this.#options = { ...DEFAULT_BACKOFF, ...options };
    this.#random = random;
  }

  get failures(): number {
    return this.#failures;
  }

  /** Records a failure and returns how long to wait before the next try. */
  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.#options;
    const base = Math.min(maxMs, initialMs * factor ** this.#failures);
    this.#failures++;
    const spread = base * jitter * (this.#random() * 2 - 1);
    return Math.max(0, Math.min(maxMs, Math.round(base + spread)));
  }

  reset(): void {
    this.#failures = 0;
  }
}
