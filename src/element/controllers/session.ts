/**
 * The element's session: a client and a (tab-shared) watch session for the configuration the host
 * has now, started before the render that follows a change and stopped when the host leaves the
 * page. It carries the calls that were up across a restart of the same account, and lets the page
 * hear of each call event once, however many sessions show the call again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AuthMode, VoipClient } from '../../client/index.js';
import { accountOf } from '../../client/account.js';
import { LocalCode, VoipError, type Agent } from '../../protocol/index.js';
import { SessionStatus, workerClock, type Call } from '../../session/index.js';
import { occurrenceKey } from '../../session/call-identity.js';
import { Role, SharedSession, tabKey } from '../../tabs/index.js';
import { jsonpPollGate } from '../../transport/index.js';
import { voipEvent, type VoipEventDetails, type VoipEventName } from '../../ui/events.js';

export type TransportName = 'jsonp' | 'fetch';
export type CallEventName = 'voip-ring' | 'voip-answer' | 'voip-hangup';

/** The host's configuration: a change of any of it means a new session (a new login). */
export interface SessionHost extends ReactiveControllerHost, HTMLElement {
  server: string;
  /** `password` (user + password MD5) or `proxy` (the page holds no credentials; the server's proxy adds them). */
  auth: AuthMode;
  user: string;
  passwordMd5: string;
  transport: TransportName;
  pollInterval: number;
  shareTabs: boolean;
  popFromPoll: boolean;
}

/** What the host does with what the session tells. */
export interface SessionDelegate {
  /** The session failed, or no client could be made of the configuration (a bad server URL…). */
  fail(error: unknown): void;
  onStatus(status: SessionStatus): void;
  onLogin(): void;
  /** After `calls` changed; `first` is false when the page already heard of this event of `call`. */
  onCall(type: CallEventName, call: Call, first: boolean): void;
  /** The session stopped: nothing of it may stay on screen. */
  onStop(): void;
}

/** What a configuration without a session lacks. */
const UNCONFIGURED = 'set server, user and password first';

/** How many call events are remembered as announced (the oldest are forgotten first). */
const ANNOUNCED_MEMORY = 3000;

export class SessionController implements ReactiveController {
  readonly #host: SessionHost;
  readonly #delegate: () => SessionDelegate;
  #client: VoipClient | null = null;
  #session: SharedSession | null = null;
  #unsubscribe: (() => void)[] = [];
  /** The configuration the current session was started with. */
  #running = '';
  /** Call events the page already heard of, by call (see #firstTime). */
  readonly #announced = new Set<string>();
  /** The calls up when the last session stopped, and whose they were (see #stop). */
  #carried: { account: string; calls: Call[] } | null = null;

  status: SessionStatus = SessionStatus.Offline;
  agent: Agent | null = null;
  /** The calls still up, oldest first. */
  calls: Call[] = [];

  /** `delegate` is asked for when there is something to tell: the host may make it after the session. */
  constructor(host: SessionHost, delegate: () => SessionDelegate) {
    (this.#host = host).addController(this);
    this.#delegate = delegate;
  }

  /** The client of the running session (null until configured). */
  get client(): VoipClient | null {
    return this.#client;
  }

  /** The session's waterline, once its first poll set one (the recent calls' recvMsg look-back). */
  get waterline(): number | undefined {
    return this.#session?.waterline;
  }

  /** This tab polls for the account (the others follow it): what happens once per call happens here. */
  get polls(): boolean {
    return this.#session?.role === Role.Leader;
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onWake);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#host.requestUpdate(); // the session starts in the update that follows (hostUpdate)
  }

  /**
   * Starts the session, or a new one after a change of server, user, password…, before the
   * render: the login's round trip overlaps the (first) render instead of following it. Not on
   * connection: properties a framework set before the element was defined are applied by Lit only
   * now, and a start there would log in once with the defaults and then again.
   */
  hostUpdate(): void {
    if (this.#host.isConnected && this.#configKey() !== this.#running) this.restart();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onWake);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    // Stop at once: no network activity once removed. An element that is only being moved logs
    // in again when it is connected; #announced keeps it from firing the events of a call in
    // progress a second time, #carried lets it hear how such a call went meanwhile.
    this.stop();
  }

  /** A new client and session for the current configuration (a runtime change re-logs in cleanly). */
  restart(): void {
    this.stop();
    this.#running = this.#configKey();
    const config = this.#host;
    const byProxy = config.auth === AuthMode.Proxy;
    if (!config.server || (!byProxy && (!config.user || !config.passwordMd5))) return;
    let client: VoipClient;
    try {
      client = new VoipClient({
        server: config.server,
        auth: config.auth,
        user: config.user,
        passwordMd5: config.passwordMd5,
        // With a proxy, fetch unless the page asked for jsonp itself (then VoipClient says why not).
        transport: config.transport === 'fetch' || (byProxy && !config.hasAttribute('transport')) ? 'fetch' : 'jsonp',
      });
    } catch (error) {
      this.#delegate().fail(error);
      return;
    }
    const session = new SharedSession(client, {
      // Tabs with other credentials (a stale password) never follow this one: a digest, never the MD5.
      key: tabKey(accountOf(client), config.passwordMd5),
      clock: workerClock(),
      pollIntervalMs: config.pollInterval, // checked once, with every other option, by sessionSettings()
      shareAcrossTabs: config.shareTabs,
      popFromPoll: config.popFromPoll,
      // A JSONP poll started before the page's `load` event would hold it back (see pageLoaded).
      ...(client.transport.kind === 'jsonp' ? { beforePolling: jsonpPollGate() } : {}),
    });
    this.#client = client;
    this.#session = session;
    const carried = this.#carried;
    this.#carried = null;
    const delegate = this.#delegate();
    this.#unsubscribe = [
      session.on('status', (d) => {
        this.status = d.status;
        delegate.onStatus(d.status);
        this.#emit('voip-status', d);
      }),
      session.on('login', (d) => {
        this.agent = d.agent;
        delegate.onLogin();
        this.#emit('voip-login', d);
      }),
      session.on('ring', (d) => this.#onCall('voip-ring', d.call)),
      session.on('answer', (d) => this.#onCall('voip-answer', d.call)),
      session.on('hangup', (d) => this.#onCall('voip-hangup', d.call)),
      session.on('message', (d) => this.#emit('voip-message', d)),
      session.on('error', (d) => delegate.fail(d.error)),
    ];
    if (carried?.account === accountOf(client)) session.carryOn(carried.calls);
    session.start();
  }

  /** Stops the session (its calls are carried to the next one of the account) and clears its state. */
  stop(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    if (this.#session && this.#client) this.#carried = { account: accountOf(this.#client), calls: this.calls };
    this.#session?.dispose();
    this.#session = null;
    this.#client = null;
    this.#running = '';
    if (this.status !== SessionStatus.Offline && this.status !== SessionStatus.Error) {
      this.status = SessionStatus.Offline;
      this.#emit('voip-status', { status: SessionStatus.Offline });
    }
    this.calls = [];
    this.agent = null;
    this.#delegate().onStop();
    this.#host.requestUpdate();
  }

  /** The running client; throws a VoipError while none is configured. */
  requireClient(): VoipClient {
    if (!this.#client) throw new VoipError(LocalCode.NotConfigured, UNCONFIGURED);
    return this.#client;
  }

  /** Why no session could start (login() gave null), for `method`. */
  notStarted(method: string): VoipError {
    return new VoipError(LocalCode.NotConfigured, this.#host.isConnected ? UNCONFIGURED : 'add the element to the page first', { method });
  }

  /**
   * Logs in again now (a new session) and gives the login's agent, or its first error; null when
   * no session can run. Not while out of the page: it would poll with nothing to stop it.
   */
  login(): Promise<Agent> | null {
    if (this.#host.isConnected) this.restart();
    const session = this.#session;
    if (!session) return null;
    return new Promise<Agent>((resolve, reject) => {
      const offs = [
        session.on('login', (d) => {
          for (const off of offs) off();
          resolve(d.agent);
        }),
        session.on('error', (d) => {
          for (const off of offs) off();
          reject(d.error);
        }),
      ];
    });
  }

  #configKey(): string {
    const { server, auth, user, passwordMd5, transport, pollInterval, shareTabs, popFromPoll } = this.#host;
    return JSON.stringify([server, auth, user, passwordMd5, transport, pollInterval, shareTabs, popFromPoll]);
  }

  #onCall(type: CallEventName, call: Call): void {
    this.calls = this.#session?.liveCalls ?? [];
    // A new session shows a call in progress again: the card and the ringtone come back, but
    // what the page heard of (event, announcement, CRM pop, notification) it hears of once.
    const first = this.#firstTime(type, call);
    this.#delegate().onCall(type, call, first);
    if (first) this.#emit(type, { call });
    this.#host.requestUpdate();
  }

  /** True the first time this element sees `type` for `call` (bounded memory, oldest forgotten). */
  #firstTime(type: string, call: Call): boolean {
    const key = `${type}|${occurrenceKey(call)}`;
    if (this.#announced.has(key)) return false;
    this.#announced.add(key);
    if (this.#announced.size > ANNOUNCED_MEMORY) this.#announced.delete(this.#announced.values().next().value!);
    return true;
  }

  /** Fires `type` on the host, which renders what changed with it. */
  #emit<K extends VoipEventName>(type: K, detail: VoipEventDetails[K]): void {
    this.#host.dispatchEvent(voipEvent(type, detail));
    this.#host.requestUpdate();
  }

  #onWake = (): void => this.#session?.wake(true);

  #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.#session?.wake();
  };
}
