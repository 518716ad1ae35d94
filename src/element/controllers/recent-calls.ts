/**
 * Recent and missed calls (docs/contract.md "Recent and missed calls"): the account's RecentCalls store
 * (src/console/recent-calls.ts, kept in localStorage), made as soon as the account is known so a
 * reload shows the list before the login answers; seeded from the server's history after the
 * login; fed each call that ends; reloaded when another tab changed it; and whether the list is
 * open (opening it resets the missed count).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { accountOf } from '../../client/account.js';
import type { VoipClient } from '../../client/index.js';
import { RecentCalls, recentCallsKey, type RecentCall, type RecentCallDetails } from '../../console/recent-calls.js';
import { seedRecentCalls } from '../../console/seed.js';
import type { Agent, VoipError } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';

export interface RecentCallsHost extends ReactiveControllerHost {
  recentLimit: number;
  /** The client of the running configuration (its account names the list). */
  readonly client: VoipClient | null;
}

export class RecentCallsController implements ReactiveController {
  readonly #host: RecentCallsHost;
  readonly #fail: (error: VoipError) => void;
  #store: RecentCalls | null = null;
  #account = '';
  #seed: AbortController | undefined;
  /** The list is shown. */
  open = false;

  constructor(host: RecentCallsHost, fail: (error: VoipError) => void) {
    (this.#host = host).addController(this);
    this.#fail = fail;
  }

  hostConnected(): void {
    window.addEventListener('storage', this.#onStorage);
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.#onStorage);
    this.#seed?.abort();
  }

  /** After the session's own hostUpdate (a new configuration has its client by then). */
  hostUpdate(): void {
    this.#use(this.#host.client);
    if (this.#store && this.#store.limit !== this.#host.recentLimit) this.#store.limit = this.#host.recentLimit;
  }

  /** Newest first. */
  get calls(): readonly RecentCall[] {
    return this.#store?.calls ?? [];
  }

  /** Missed calls since the list was last opened. */
  get missedCount(): number {
    return this.#store?.missedCount ?? 0;
  }

  /** The client of a (new) configuration: its account's stored list, read now (the render follows). */
  #use(client: VoipClient | null): void {
    const account = client ? accountOf(client) : '';
    if (account === this.#account) return;
    this.#seed?.abort();
    this.#account = account;
    this.open = false;
    this.#store = account ? new RecentCalls({ account, limit: this.#host.recentLimit, onError: this.#fail }) : null;
  }

  /**
   * Logged in: numbers are masked in storage when the agent may not see them, and the list is
   * seeded from the server's recent history in the background (`waterline`: the session's, when
   * it has one, for the recvMsg look-back).
   */
  loggedIn(client: VoipClient, agent: Agent, waterline: number | undefined): void {
    const store = this.#store;
    if (!store) return;
    store.masked = agent.disablePhoneNum === 1;
    this.#seed?.abort();
    const seed = (this.#seed = new AbortController());
    void seedRecentCalls(client, { store, waterline, signal: seed.signal, onError: this.#fail }).then(
      (added) => added.length > 0 && this.#host.requestUpdate(),
    );
  }

  /** A call ended: listed (missed when it rang in and was never answered). */
  ended(call: Call): void {
    if (this.#store?.add(call)) this.#host.requestUpdate();
  }

  /** Something learnt later of a listed call (its contact, its region). */
  update(call: Call, details: RecentCallDetails): void {
    this.#store?.update(call, details);
  }

  /** Opens or closes the list; opening it counts the missed calls as seen. */
  toggle(): void {
    this.open = !this.open;
    if (this.open) this.#store?.markSeen();
    this.#host.requestUpdate();
  }

  #onStorage = (event: StorageEvent): void => {
    if (!this.#store || event.key !== recentCallsKey(this.#account)) return;
    this.#store.reload();
    this.#host.requestUpdate();
  };
}
