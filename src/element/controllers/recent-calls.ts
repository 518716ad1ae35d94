/**
 * Recent and missed calls (docs/contract.md "Recent and missed calls"): a thin shell around the
 * account's RecentCalls store (src/console/recent-calls.ts, kept in localStorage), which lives in
 * the lazy extras file with the seeding and the list's view. The extras are loaded in the
 * background right after the login, never in the way of a pop; until they arrive the list's button
 * is disabled and what happens is queued (a call that ended, a contact learnt, the login's seed), then
 * replayed into the store: nothing is lost. Also reloads the list when another tab changed it,
 * and knows whether the list is open (opening it resets the missed count).
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { accountOf } from '../../client/account.js';
import type { VoipClient } from '../../client/index.js';
import type { RecentCall, RecentCallDetails, RecentCalls } from '../../console/recent-calls.js';
import type { Agent, VoipError } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';
import { loadExtras, type Extras } from '../../ui/extras.js';
import type { Strings } from '../i18n/index.js';
import type { RecentListProps } from '../views/recent-list.js';

export interface RecentCallsHost extends ReactiveControllerHost {
  recentLimit: number;
  /** The client of the running configuration (its account names the list). */
  readonly client: VoipClient | null;
}

/** Done to the store once it exists. */
type Pending = (store: RecentCalls) => void;

export class RecentCallsController implements ReactiveController {
  readonly #host: RecentCallsHost;
  readonly #fail: (error: VoipError) => void;
  #extras: Extras | undefined;
  #store: RecentCalls | null = null;
  #account = '';
  #seed: AbortController | undefined;
  /** What happened to the account's list before the extras arrived. */
  #pending: Pending[] = [];
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

  /** The client of a (new) configuration: its account's stored list, read once the extras are there. */
  #use(client: VoipClient | null): void {
    const account = client ? accountOf(client) : '';
    if (account === this.#account) return;
    this.#seed?.abort();
    this.#account = account;
    this.open = false;
    this.#store = null;
    this.#pending = [];
    if (account && this.#extras) this.#open(this.#extras);
  }

  #open(extras: Extras): void {
    const store = (this.#store = new extras.RecentCalls({ account: this.#account, limit: this.#host.recentLimit, onError: this.#fail }));
    for (const pending of this.#pending.splice(0)) pending(store);
    this.#host.requestUpdate();
  }

  /** `change` now, or once the store exists (the same account). */
  #withStore(change: Pending): void {
    if (this.#store) change(this.#store);
    else if (this.#account) this.#pending.push(change);
  }

  /**
   * Logged in: numbers are masked in storage when the agent may not see them, and the list is
   * seeded from the server's recent history in the background (`waterline`: the session's, when
   * it has one, for the recvMsg look-back).
   */
  loggedIn(client: VoipClient, agent: Agent, waterline: number | undefined): void {
    const account = this.#account;
    if (!this.#extras) {
      void loadExtras().then((extras) => {
        this.#extras = extras;
        if (!this.#store && account && this.#account === account) this.#open(extras);
      }, this.#fail);
    }
    this.#seed?.abort();
    const seed = (this.#seed = new AbortController());
    this.#withStore((store) => {
      store.masked = agent.disablePhoneNum === 1;
      if (seed.signal.aborted) return;
      void this.#extras!.seedRecentCalls(client, { store, waterline, signal: seed.signal, onError: this.#fail }).then(
        (added) => added.length > 0 && this.#host.requestUpdate(),
      );
    });
  }

  /** A call ended: listed (missed when it rang in and was never answered). */
  ended(call: Call): void {
    this.#withStore((store) => store.add(call) && this.#host.requestUpdate());
  }

  /** Something learnt later of a listed call (its contact, its region). */
  update(call: Call, details: RecentCallDetails): void {
    this.#withStore((store) => store.update(call, details));
  }

  /** Opens or closes the list; opening it counts the missed calls as seen. */
  toggle(): void {
    this.open = !this.open;
    if (this.open) this.#store?.markSeen();
    this.#host.requestUpdate();
  }

  /**
   * The recent-calls button and list, once the extras are there; until then the button, disabled,
   * holds its place (the widget does not grow when the login completes).
   */
  render(t: Strings, props: Omit<RecentListProps, 'calls' | 'open' | 'missed' | 'toggle'>): TemplateResult {
    if (!this.#extras || !this.#store) return html`<button part="recent-button" class="small" type="button" disabled>${t.recentCalls}</button>`;
    return this.#extras.renderRecentList(t, { ...props, calls: this.calls, open: this.open, missed: this.missedCount, toggle: () => this.toggle() });
  }

  #onStorage = (event: StorageEvent): void => {
    if (!this.#store || event.key !== this.#extras!.recentCallsKey(this.#account)) return;
    this.#store.reload();
    this.#host.requestUpdate();
  };
}
