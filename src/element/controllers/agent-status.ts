/**
 * The agent's availability and colleagues, both from the server's loadmonitor (src/console/
 * colleagues.ts, in the lazy extras file): checked in or out as the agent last set it or, until
 * then, as the server's status text says; that text for the header; and the colleagues the
 * transfer form lists. Loaded after the login, after a check-in/out and when a transfer form
 * opens; a source that fails is reported, the form keeps its free-text box.
 */
import type { ReactiveControllerHost } from 'lit';
import type { VoipClient } from '../../client/index.js';
import type { Colleague } from '../../console/colleagues.js';
import type { VoipError } from '../../protocol/index.js';
import { loadExtras } from '../../ui/extras.js';

/** loadmonitor's status text of an agent who checked out (docs/800ing-api.md §7). */
const CHECKED_OUT_TEXT = '签出';

export interface AgentStatusHost extends ReactiveControllerHost {
  /** The client of the running session, or null. */
  readonly client: VoipClient | null;
}

export class AgentStatusController {
  readonly #host: AgentStatusHost;
  readonly #fail: (error: VoipError) => void;
  /** Checked in (true) or out (false); undefined until known. */
  available: boolean | undefined;
  /** The server's status text of the agent (空闲, 签出…), when it gave one. */
  serverStatus: string | undefined;
  colleagues: readonly Colleague[] = [];

  constructor(host: AgentStatusHost, fail: (error: VoipError) => void) {
    this.#host = host;
    this.#fail = fail;
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
    const client = this.#host.client;
    if (!client) return;
    try {
      const { colleaguesOf } = await loadExtras();
      const { colleagues, ownStatus } = await colleaguesOf(client, { onError: this.#fail });
      if (client !== this.#host.client) return; // another session by now
      this.colleagues = colleagues;
      this.serverStatus = ownStatus;
      if (ownStatus && this.available === undefined) this.available = ownStatus !== CHECKED_OUT_TEXT;
      this.#host.requestUpdate();
    } catch (error) {
      this.#fail(error as VoipError); // the extras could not be loaded (a VoipError of loadExtras)
    }
  }
}
