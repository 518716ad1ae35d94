/**
 * Leader election among the tabs of one origin: exactly one tab per account polls the server.
 * Web Locks where the browser has them (they are released by the browser when a tab closes or
 * crashes); otherwise a lease in localStorage that the leader renews and others take over when
 * it lapses (Web Locks need a secure context, and many CRMs are plain-http intranet pages).
 */
import type { Clock } from '../session/index.js';

export interface Election {
  /**
   * Calls `onLead` once this tab becomes the leader (maybe at once, maybe never), and `onLose`
   * if another tab then seizes the lead: this tab is then out of the election until `start()`.
   */
  start(onLead: () => void, onLose?: () => void): void;
  /**
   * Takes the lead now, from a holder that has stopped answering (a hung tab, a script holding
   * the lock): `onLead` of the last `start()` follows, the old holder's `onLose` too.
   */
  seize(): void;
  /** Gives up leadership or the wait for it. */
  stop(): void;
}

type Handlers = { onLead: () => void; onLose: (() => void) | undefined };

/** Web Locks: the lock is held for as long as this tab leads. */
export class LockElection implements Election {
  #abort: AbortController | undefined;
  #release: (() => void) | undefined;
  #handlers: Handlers | undefined;

  constructor(readonly name: string) {}

  static supported(): boolean {
    return typeof navigator !== 'undefined' && typeof navigator.locks?.request === 'function';
  }

  start(onLead: () => void, onLose?: () => void): void {
    this.#request({ onLead, onLose }, false);
  }

  seize(): void {
    if (this.#handlers && !this.#release) this.#request(this.#handlers, true);
  }

  #request(handlers: Handlers, steal: boolean): void {
    this.stop();
    this.#handlers = handlers;
    const abort = (this.#abort = new AbortController());
    // A steal request may not carry a signal; stop() then releases it through #release.
    navigator.locks
      .request(this.name, steal ? { steal: true } : { signal: abort.signal }, () => {
        if (abort.signal.aborted) return undefined;
        handlers.onLead();
        return new Promise<void>((resolve) => (this.#release = resolve));
      })
      .catch(() => {
        // Aborted while waiting (stop()), or the lock was stolen while this tab led it.
        if (abort.signal.aborted || !this.#release) return;
        this.#release = undefined;
        this.#abort = undefined;
        handlers.onLose?.();
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

  #handlers: Handlers | undefined;

  start(onLead: () => void, onLose?: () => void): void {
    this.stop();
    this.#handlers = { onLead, onLose };
    this.#tick();
    addEventListener('pagehide', this.#onPageHide);
  }

  seize(): void {
    if (this.#handlers && !this.#leading) {
      this.#write({ owner: this.#id, until: this.clock.now() + this.leaseMs });
      this.clock.clearTimeout(this.#timer);
      this.#tick();
    }
  }

  #tick = (): void => {
    const handlers = this.#handlers;
    if (!handlers) return;
    const now = this.clock.now();
    const lease = this.#read();
    if (this.#leading && lease && lease.owner !== this.#id && lease.until >= now) {
      // Another tab seized the lead: this one stands down until started again.
      this.#leading = false;
      this.#handlers = undefined;
      handlers.onLose?.();
      return;
    }
    if (!lease || lease.owner === this.#id || lease.until < now) {
      this.#write({ owner: this.#id, until: now + this.leaseMs });
      // Two tabs may write at once: the one whose id stuck is the leader.
      if (this.#read()?.owner === this.#id && !this.#leading) {
        this.#leading = true;
        handlers.onLead();
      }
    }
    this.#timer = this.clock.setTimeout(this.#tick, this.renewMs);
  };

  stop(): void {
    this.#handlers = undefined;
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
  seize(): void {}
  stop(): void {}
}

export function createElection(name: string, clock: Clock): Election {
  if (typeof BroadcastChannel === 'undefined') return new SoloElection();
  if (LockElection.supported()) return new LockElection(name);
  if (LeaseElection.supported()) return new LeaseElection(name, clock);
  return new SoloElection();
}
