/**
 * The agent's availability and colleagues, both from the server's loadmonitor (src/console/
 * colleagues.ts, in the lazy extras file): checked in or out as the agent last set it or, until
 * then, as the server's status text says; that text for the header, in the element's language;
 * and the colleagues the transfer form lists. Loaded after the login, after a check-in/out, when
 * a transfer form opens, when the language changes and when a call ends (once for a burst of
 * hang-ups); a source that fails is reported, the form keeps its free-text box.
 *
 * The server's text lags behind the calls the element sees (通话中 long after the hang-up), so it is
 * shown only when it was asked for with no call up and after the latest call came or went: while
 * a call is up, the call's own state is what the agent sees.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VoipClient } from '../../client/index.js';
import type { Colleague } from '../../console/colleagues.js';
import type { VoipError } from '../../protocol/index.js';
import { loadExtras } from '../../ui/extras.js';

/** Hang-ups within this time of each other make one loadmonitor request. */
export const STATUS_REFRESH_DELAY_MS = 1000;

export interface AgentStatusHost extends ReactiveControllerHost {
  /** The client of the running session, or null. */
  readonly client: VoipClient | null;
  /** Every live call. */
  readonly calls: readonly unknown[];
  /** The element's language, which the server's texts are shown in. */
  readonly lang: string;
}

export class AgentStatusController implements ReactiveController {
  readonly #host: AgentStatusHost;
  readonly #fail: (error: VoipError) => void;
  /** Live calls at the latest update. */
  #live = 0;
  /** Counts the calls that came or went: the text of an answer asked for before the latest is stale. */
  #callEvents = 0;
  /** The language of the latest request (undefined before the first). */
  #lang: string | undefined;
  #refresh: ReturnType<typeof setTimeout> | undefined;
  /** Loads started: only the latest one's answer is used (an older one may land after it). */
  #loads = 0;
  /** The session's client the state below belongs to. */
  #client: VoipClient | null = null;
  /** Checked in (true) or out (false); undefined until known. */
  available: boolean | undefined;
  /** The server's status text of the agent (空闲, 签出… or idle, checked out…), when it is current. */
  serverStatus: string | undefined;
  colleagues: readonly Colleague[] = [];

  constructor(host: AgentStatusHost, fail: (error: VoipError) => void) {
    (this.#host = host).addController(this);
    this.#fail = fail;
  }

  hostDisconnected(): void {
    clearTimeout(this.#refresh);
  }

  /** Before each render: a call came or went (the text goes; asked again once calls end), or the language changed. */
  hostUpdate(): void {
    if (this.#host.client !== this.#client) {
      // Another session (new credentials, a logout): what the server said of the old one goes;
      // the login's load asks again.
      this.#client = this.#host.client;
      this.available = this.serverStatus = undefined;
      this.colleagues = [];
    }
    const live = this.#host.calls.length;
    if (live !== this.#live) {
      if (live < this.#live) {
        clearTimeout(this.#refresh);
        this.#refresh = setTimeout(() => this.load(), STATUS_REFRESH_DELAY_MS);
      }
      this.#live = live;
      this.#callEvents++;
      this.serverStatus = undefined;
    }
    if (this.#lang && this.#lang !== this.#host.lang) void this.load();
  }

  /** The agent checked in (true) or out: the server's text of before goes, the new one follows. */
  set(available: boolean): void {
    this.available = available;
    this.serverStatus = undefined;
    this.#host.requestUpdate();
    void this.load();
  }

  /** Colleagues to transfer to and the agent's own status text, fresh from the server. */
  async load(): Promise<void> {
    const lang = (this.#lang = this.#host.lang);
    const client = this.#host.client;
    if (!client) return;
    // With a call up the text would describe it (-1: never shown).
    const asked = this.#host.calls.length ? -1 : this.#callEvents;
    const load = ++this.#loads;
    try {
      const { colleaguesOf } = await loadExtras();
      const { colleagues, ownStatus, ownAvailable, ownOnCall } = await colleaguesOf(client, { onError: this.#fail, lang });
      // Another session by now, or a newer load (a check-out, another language) asked after this one.
      if (client !== this.#host.client || load !== this.#loads) return;
      this.colleagues = colleagues;
      // The server's "on a call" with no call up is behind the hang-up we saw: not shown.
      if (asked === this.#callEvents && !(ownOnCall && !this.#host.calls.length)) this.serverStatus = ownStatus;
      this.available ??= ownAvailable;
      this.#host.requestUpdate();
    } catch (error) {
      this.#fail(error as VoipError); // the extras could not be loaded (a VoipError of loadExtras)
    }
  }
}
