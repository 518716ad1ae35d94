/**
 * Leader election among the tabs of one origin: exactly one tab per account polls the server.
 * Web Locks where the browser has them (they are released by the browser when a tab closes or
 * crashes); otherwise a lease in localStorage that the leader renews and others take over when
 * it lapses (Web Locks need a secure context, and many CRMs are plain-http intranet pages).
 */
import type { Clock } from '../session/index.js';

export interface Election {
  /** Calls `onLead` once this tab becomes the leader (maybe at once, maybe never). */
  start(onLead: () => void): void;
  /** Gives up leadership or the wait for it. */
  stop(): void;
}

/** Web Locks: the lock is held for as long as this tab leads. */
export class LockElection implements Election {
  #abort: AbortController | undefined;
  #release: (() => void) | undefined;

  constructor(readonly name: string) {}

  static supported(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
  }

  start(onLead: () => void): void {
    this.stop();
    const abort = (this.#abort = new AbortController());
    navigator.locks
      .request(this.name, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return undefined;
        onLead();
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        /* aborted while waiting: stop() was called */
      });
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#release?.();
    this.#release = undefined;
  }
}

interface Lease {
  owner: string;
  until: number;
}

/** A lease in localStorage: renewed every `renewMs`, taken over when older than `leaseMs`. */
export class LeaseElection implements Election {
  readonly #id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  #timer: unknown;
  #leading = false;

  constructor(
    readonly name: string,
    readonly clock: Clock,
    readonly leaseMs = 2500,
    readonly renewMs = 800,
  ) {}

  static supported(): boolean {
    try {
      return typeof localStorage !== 'undefined' && localStorage !== null;
    } catch {
      return false;
    }
  }

  start(onLead: () => void): void {
    this.stop();
    const tick = (): void => {
      const now = this.clock.now();
      const lease = this.#read();
      if (!lease || lease.owner === this.#id || lease.until < now) {
        this.#write({ owner: this.#id, until: now + this.leaseMs });
        // Two tabs may write at once: the one whose id stuck is the leader.
        if (this.#read()?.owner === this.#id && !this.#leading) {
          this.#leading = true;
          onLead();
        }
      }
      this.#timer = this.clock.setTimeout(tick, this.renewMs);
    };
    tick();
    addEventListener('pagehide', this.#onPageHide);
  }

  stop(): void {
    this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    removeEventListener('pagehide', this.#onPageHide);
    if (this.#leading && this.#read()?.owner === this.#id) localStorage.removeItem(this.name);
    this.#leading = false;
  }

  #onPageHide = (): void => this.stop();

  #read(): Lease | undefined {
    try {
      const value = JSON.parse(localStorage.getItem(this.name) ?? 'null') as Lease | null;
      return value && typeof value.owner === 'string' && typeof value.until === 'number' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  #write(lease: Lease): void {
    try {
      localStorage.setItem(this.name, JSON.stringify(lease));
    } catch {
      /* storage full or blocked: this tab then leads alone, as without election */
    }
  }
}

/** No other tab can be reached: this tab leads at once. */
export class SoloElection implements Election {
  start(onLead: () => void): void {
    onLead();
  }
  stop(): void {}
}

export function createElection(name: string, clock: Clock): Election {
  if (typeof BroadcastChannel === 'undefined') return new SoloElection();
  if (LockElection.supported()) return new LockElection(name);
  if (LeaseElection.supported()) return new LeaseElection(name, clock);
  return new SoloElection();
}
