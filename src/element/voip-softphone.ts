import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { requirePhone, VoipClient } from '../client/index.js';
import { passwordDigest } from '../client/credentials.js';
import { isVoipError, LocalCode, VoipError, type Agent, type CallRecord, type Lang } from '../protocol/index.js';
import { CallState, Direction, SessionStatus, workerClock, type Call } from '../session/index.js';
import { occurrenceKey } from '../session/call-identity.js';
import { Role, SharedSession } from '../tabs/index.js';
import { jsonpPollGate } from '../transport/index.js';
import { DesktopClient, type AnyDesktopParams, type DesktopType } from '../desktop/index.js';
import { askNotificationPermission, notifyCall } from './attention/notifier.js';
import { ringtone } from './attention/ringtone.js';
import { titleFlash } from './attention/title-flash.js';
import { renderDesktopMenu } from './desktop-menu.js';
import { voipEvent, type VoipEventDetails, type VoipEventName } from './events.js';
import { crmUrl, formatDuration, maskPhone } from './format.js';
import { format, normalizeLang, stringsFor, type Strings } from './i18n/index.js';
import { styles } from './voip-softphone.styles.js';

/** How long the card of a finished call stays before it collapses (ms). */
const ENDED_CARD_MS = 6000;

export type CrmOpen = 'link' | 'tab' | 'desktop';
export type TransportName = 'jsonp' | 'fetch';

/**
 * Pops a card for every call of an 800ing (八百呼) agent: logs in, watches the call centre, and
 * offers dial, answer, hang-up, transfer and mute.
 *
 * @fires voip-status - `status` changed. detail: `{ status, error? }`
 * @fires voip-login - Login succeeded. detail: `{ agent }`
 * @fires voip-ring - A call started: inbound ringing or outbound dialing. detail: `{ call }`
 * @fires voip-answer - The call was connected. detail: `{ call }`
 * @fires voip-hangup - The call ended. detail: `{ call }`
 * @fires voip-message - Every message received (calls and SMS). detail: `{ message }`
 * @fires voip-error - Any failure. detail: `{ error }` with `code` and `message`
 *
 * @csspart status - The status text in the header.
 * @csspart dial-input - The number box.
 * @csspart dial-button - The dial button.
 * @csspart card - The pop card of the current (or just-ended) call.
 * @csspart phone - The number on the card, as text.
 * @csspart answer-button - Answers; present only while an inbound call rings.
 * @csspart hangup-button - Hangs up the current call.
 * @csspart crm-link - The link to the customer in the CRM (`crm-url`).
 * @csspart error - The visible error text.
 * @csspart sound-prompt - "Click to enable the ringtone", shown until the page has had a user gesture.
 * @csspart desktop-menu - The desktop-client menu on the card (while `desktop-port` is not 0).
 *
 * @cssprop --voip-accent - Accent colour (links, primary button).
 * @cssprop --voip-success - Answer button and ringing card colour.
 * @cssprop --voip-danger - Hang-up button and error colour.
 * @cssprop --voip-warning - Connecting status colour.
 * @cssprop --voip-bg - Background.
 * @cssprop --voip-fg - Text colour.
 * @cssprop --voip-muted - Secondary text colour.
 * @cssprop --voip-border - Border colour.
 * @cssprop --voip-radius - Corner radius.
 * @cssprop --voip-font - Font family.
 * @cssprop --voip-font-size - Base font size.
 * @cssprop --voip-width - Width of the widget.
 * @cssprop --voip-shadow - Shadow of the pop card.
 */
export class VoipSoftphone extends LitElement {
  static override styles = styles;

  #client: VoipClient | null = null;
  #session: SharedSession | null = null;
  #unsubscribe: (() => void)[] = [];
  #passwordMd5 = '';
  /** The configuration the current session was started with: a change means a new login. */
  #sessionConfig = '';
  #tickTimer: ReturnType<typeof setInterval> | undefined;
  #endedTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Call events this element already fired, by call: a new session (after a runtime change of
   * server, user, password…) shows a call in progress again, but the page hears of it once.
   */
  readonly #announced = new Set<string>();
  /**
   * The calls up when the last session stopped (the element moved, the configuration changed), and
   * whose they were: the next session of that account carries them on until it learns how they went.
   */
  #carried: { account: string; calls: Call[] } | null = null;
  /** The record fetched for the ended call (duration, recording), by cdrId. */
  #record: CallRecord | null = null;

  @state() private _status: SessionStatus = SessionStatus.Offline;
  @state() private _agent: Agent | null = null;
  @state() private _calls: Call[] = [];
  @state() private _endedCall: Call | null = null;
  @state() private _error: VoipError | null = null;
  @state() private _available: boolean | undefined;
  @state() private _transferOpen = false;
  @state() private _announcement = '';
  @state() private _crmHighlight = false;
  @state() private _now = Date.now();

  /** Base URL of the 800ing server, e.g. `http://voip.800ing.com:8080`. */
  @property() server = '';

  /** The account (`sa_user`). */
  @property() user = '';

  /**
   * The plain password. It is hashed (MD5) as soon as it is set and never kept, stored or sent
   * in plain; the attribute is removed from the DOM. Reading it gives ''.
   */
  @property()
  set password(value: string | null | undefined) {
    if (value) {
      this.#setDigest(passwordDigest(value, undefined));
      if (this.hasAttribute('password')) this.removeAttribute('password');
    }
  }
  get password(): string {
    return '';
  }

  /** The 32-hex MD5 of the password, instead of `password`. */
  @property({ attribute: 'password-md5' })
  set passwordMd5(value: string | null | undefined) {
    if (!value) return;
    try {
      this.#setDigest(passwordDigest(undefined, value));
    } catch (error) {
      this.#fail(error);
    }
  }
  get passwordMd5(): string {
    return this.#passwordMd5;
  }

  /** `jsonp` (cross-origin, default) or `fetch` (same origin / proxy). */
  @property() transport: TransportName = 'jsonp';

  /** The least time in ms between two getLongWaterLine requests. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 1000;

  /** `zh-CN` (default) or `en`. */
  @property({ reflect: true }) override lang: Lang = 'zh-CN';

  /** Screen-pop URL template: `{phone}`, `{cdrId}`, `{direction}`, `{paramvalue}`, `{extension}`. */
  @property({ attribute: 'crm-url' }) crmUrl = '';

  /**
   * What a ring does with `crm-url`: `link` (default), `tab`, or `desktop`. A tab or desktop pop
   * happens once per call for the account, from the tab that polls, however many tabs show it.
   */
  @property({ attribute: 'crm-open' }) crmOpen: CrmOpen = 'link';

  /** Port of the vendor desktop client; `0` hides the desktop controls. */
  @property({ attribute: 'desktop-port', type: Number }) desktopPort = 10800;

  /** A desktop notification when a call rings while the page is hidden. */
  @property({ type: Boolean }) notify = false;

  /** `on` (default) or `off`. */
  @property() ringtone: 'on' | 'off' = 'on';

  /**
   * Tabs of this origin showing the same account share one poller (one tab polls, the others
   * follow). `share-tabs="false"` (or `el.shareTabs = false`) makes this element poll alone.
   */
  @property({ attribute: 'share-tabs', converter: isOn }) shareTabs = true;

  /**
   * Pop a call from getLongWaterLine's own message summary, one round trip before recvMsg
   * confirms it (the default). `pop-from-poll="false"` waits for recvMsg. Each call event is
   * fired once either way.
   */
  @property({ attribute: 'pop-from-poll', converter: isOn }) popFromPoll = true;

  /** `'offline' | 'connecting' | 'online' | 'error'`. */
  get status(): SessionStatus {
    return this._status;
  }

  /** The getExtension result, or null before login. */
  get agent(): Agent | null {
    return this._agent;
  }

  /** The current call (the newest one still up, else the one that just ended), or null. */
  get call(): Call | null {
    return this._calls.at(-1) ?? this._endedCall;
  }

  /** The framework-free client this element uses (null until configured). */
  get client(): VoipClient | null {
    return this.#client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onWake);
    document.addEventListener('visibilitychange', this.#onVisibility);
    document.addEventListener('pointerdown', this.#onUserGesture, true);
    document.addEventListener('keydown', this.#onUserGesture, true);
    this.addEventListener('click', this.#onOwnClick);
    this.requestUpdate(); // the session starts in the update that follows (willUpdate)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onWake);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    document.removeEventListener('pointerdown', this.#onUserGesture, true);
    document.removeEventListener('keydown', this.#onUserGesture, true);
    this.removeEventListener('click', this.#onOwnClick);
    // Stop at once (CONTRACT.md: no network activity once removed). An element that is only
    // being moved logs in again when it is connected; #announced keeps it from firing the events
    // of a call in progress a second time, #carried lets it hear how such a call went meanwhile.
    this.#stopSession();
  }

  /**
   * Starts the session, or a new one after a change of server, user, password…, before the
   * render: the login's round trip overlaps the (first) render instead of following it. Not in
   * connectedCallback: properties a framework set before the element was defined are applied by
   * Lit only now, and a start there would log in once with the defaults and then again.
   */
  protected override willUpdate(): void {
    this.#syncSession();
  }

  // ---- session wiring ------------------------------------------------------------------------

  #setDigest(md5: string): void {
    if (md5 === this.#passwordMd5) return;
    this.#passwordMd5 = md5;
    this.requestUpdate();
  }

  #configKey(): string {
    return JSON.stringify([this.server, this.user, this.#passwordMd5, this.transport, this.pollInterval, this.shareTabs, this.popFromPoll]);
  }

  /** Starts a session when connected and the configuration is not the one already running. */
  #syncSession(): void {
    if (this.isConnected && this.#configKey() !== this.#sessionConfig) this.#restartSession();
  }

  /** A new client and session for the current configuration (a runtime change re-logs in cleanly). */
  #restartSession(): void {
    this.#stopSession();
    this.#sessionConfig = this.#configKey();
    if (!this.server || !this.user || !this.#passwordMd5) return;
    let client: VoipClient;
    try {
      client = new VoipClient({
        server: this.server,
        user: this.user,
        passwordMd5: this.#passwordMd5,
        transport: this.transport === 'fetch' ? 'fetch' : 'jsonp',
      });
    } catch (error) {
      this.#fail(error);
      return;
    }
    const session = new SharedSession(client, {
      key: accountOf(client),
      clock: workerClock(),
      pollIntervalMs: validInterval(this.pollInterval),
      shareAcrossTabs: this.shareTabs,
      popFromPoll: this.popFromPoll,
      // A JSONP poll started before the page's `load` event would hold it back (see pageLoaded).
      ...(client.transport.kind === 'jsonp' ? { beforePolling: jsonpPollGate() } : {}),
    });
    this.#client = client;
    this.#session = session;
    const carried = this.#carried;
    this.#carried = null;
    this.#unsubscribe = [
      session.on('status', (d) => this.#onStatus(d)),
      session.on('login', (d) => {
        this._agent = d.agent;
        this._error = null; // a login that works ends whatever error came before it
        this.#emit('voip-login', d);
      }),
      session.on('ring', (d) => this.#onCall('voip-ring', d.call)),
      session.on('answer', (d) => this.#onCall('voip-answer', d.call)),
      session.on('hangup', (d) => this.#onCall('voip-hangup', d.call)),
      session.on('message', (d) => this.#emit('voip-message', d)),
      session.on('error', (d) => this.#showError(d.error)),
    ];
    if (carried?.account === accountOf(client)) session.carryOn(carried.calls);
    session.start();
  }

  #stopSession(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    if (this.#session && this.#client) this.#carried = { account: accountOf(this.#client), calls: this._calls };
    this.#session?.dispose();
    this.#session = null;
    this.#client = null;
    this.#sessionConfig = '';
    if (this._status !== SessionStatus.Offline && this._status !== SessionStatus.Error) {
      this._status = SessionStatus.Offline;
      this.#emit('voip-status', { status: SessionStatus.Offline });
    }
    this._calls = [];
    this._agent = null;
    // Nothing of the old session stays on screen: no ended card (whose number only the agent's
    // masking setting may show), no ringtone or flashing title.
    this._endedCall = null;
    clearTimeout(this.#endedTimer);
    this.#stopAlerting();
    this.#syncTicker();
  }

  #onStatus(detail: VoipEventDetails['voip-status']): void {
    this._status = detail.status;
    if (detail.status === SessionStatus.Online && this._error && isTransient(this._error)) this._error = null;
    this.#emit('voip-status', detail);
  }

  #onCall(type: 'voip-ring' | 'voip-answer' | 'voip-hangup', call: Call): void {
    this._calls = this.#session?.liveCalls ?? [];
    // A new session shows a call in progress again: the card and the ringtone come back, but
    // what the page heard of (event, announcement, CRM pop, notification) it hears of once.
    const first = this.#firstTime(type, call);
    if (type === 'voip-ring') {
      this._crmHighlight = false;
      this._endedCall = null;
      this.#record = null;
      if (first) {
        this._announcement = format(call.direction === Direction.Inbound ? this.#t.incomingCall : this.#t.outgoingCall, {
          phone: this.#displayPhone(call.phone),
        });
        // One pop per call for the account: only the tab (and element) that polls opens it, not
        // every open CRM tab or every element of the account.
        if (this.#session?.role === Role.Leader) {
          if (this.crmOpen === 'tab') this.#openCrmTab(call);
          else if (this.crmOpen === 'desktop') this.#openCrmInDesktop(call);
        }
      }
    } else if (type === 'voip-hangup') {
      this._transferOpen = false;
      if (first) this._announcement = format(this.#t.callEnded, { phone: this.#displayPhone(call.phone) });
      if (this._calls.length === 0) this.#showEnded(call);
    }
    this.#syncTicker();
    this.#syncAlerting(call, type, first);
    if (first) this.#emit(type, { call });
  }

  /** True the first time this element sees `type` for `call` (bounded memory, oldest forgotten). */
  #firstTime(type: string, call: Call): boolean {
    const key = `${type}|${occurrenceKey(call)}`;
    if (this.#announced.has(key)) return false;
    this.#announced.add(key);
    if (this.#announced.size > 3000) this.#announced.delete(this.#announced.values().next().value!);
    return true;
  }

  /** Ringtone, tab title and notification while an inbound call rings; quiet otherwise. */
  #syncAlerting(call: Call, type: 'voip-ring' | 'voip-answer' | 'voip-hangup', first: boolean): void {
    const ringing = this._calls.filter((c) => c.direction === Direction.Inbound && c.state === CallState.Ringing);
    if (ringing.length === 0) {
      this.#stopAlerting();
      return;
    }
    if (type !== 'voip-ring' || call.direction !== Direction.Inbound) return;
    const phone = this.#displayPhone(call.phone);
    if (this.ringtone !== 'off') ringtone.start(this, `voip-softphone:${this.server}|${this.user}`);
    titleFlash.start(this, format(this.#t.incomingCall, { phone }));
    if (first && this.notify && document.visibilityState === 'hidden') {
      notifyCall(format(this.#t.incomingCall, { phone }), this._agent?.name ?? '', `voip-${call.cdrId ?? phone}`, () => {
        this.scrollIntoView({ block: 'nearest' });
        (this.shadowRoot?.querySelector('[part~="answer-button"]') as HTMLElement | null)?.focus();
      });
    }
  }

  #stopAlerting(): void {
    ringtone.stop(this);
    titleFlash.stop(this);
  }

  /** Any user gesture on the page lets the browser play sound: hide the prompt, prepare audio. */
  #onUserGesture = (): void => {
    if (this.ringtone === 'off') return;
    ringtone.unlock();
    if (this.#soundBlocked) this.requestUpdate();
  };

  /** Notification permission is asked only from a click on the widget itself. */
  #onOwnClick = (): void => {
    if (this.notify) askNotificationPermission();
  };

  get #soundBlocked(): boolean {
    return this.ringtone !== 'off' && !ringtone.allowed;
  }

  /** Keeps the finished call's card for a few seconds, with its duration from the call record. */
  #showEnded(call: Call): void {
    this._endedCall = call;
    clearTimeout(this.#endedTimer);
    this.#endedTimer = setTimeout(() => {
      this._endedCall = null;
      this.#record = null;
      this.#syncTicker();
    }, ENDED_CARD_MS);
    const client = this.#client;
    if (!client || !call.cdrId) return;
    client.callRecord({ cdrId: call.cdrId, phone: call.phone }).then(
      (record) => {
        if (record && this._endedCall === call) {
          this.#record = record;
          this.requestUpdate();
        }
      },
      () => {
        /* the duration then comes from our own timestamps */
      },
    );
  }

  /** A 1 s ticker only while a card is shown: an idle widget renders nothing and runs no timer. */
  #syncTicker(): void {
    const needed = this.isConnected && (this._calls.length > 0 || this._endedCall !== null);
    if (needed && this.#tickTimer === undefined) {
      this._now = Date.now();
      this.#tickTimer = setInterval(() => (this._now = Date.now()), 1000);
    } else if (!needed && this.#tickTimer !== undefined) {
      clearInterval(this.#tickTimer);
      this.#tickTimer = undefined;
    }
  }

  #onWake = (): void => this.#session?.wake(true);

  #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.#session?.wake();
  };

  #openCrmTab(call: Call): void {
    const url = crmUrl(this.crmUrl, call, this._agent?.extension, location.href);
    if (!url) return;
    // Not `noopener` in the features: with it, window.open returns null even when the tab
    // opened, and a blocked pop-up could not be told apart. The opener is cut by hand instead.
    const opened = window.open(url, '_blank');
    if (opened) {
      opened.opener = null;
    } else {
      this._crmHighlight = true;
      this.#showError(new VoipError(LocalCode.PopupBlocked, undefined, { method: 'crm-open' }));
    }
  }

  /** `crm-open="desktop"`: the desktop client's pop window shows the customer (spec §6 type 1000). */
  #openCrmInDesktop(call: Call): void {
    const url = crmUrl(this.crmUrl, call, this._agent?.extension, location.href);
    if (url) this.#swallow(this.desktop(1000, { url, caption: this.#displayPhone(call.phone) }));
  }

  // ---- errors and events ---------------------------------------------------------------------

  #emit<K extends VoipEventName>(type: K, detail: VoipEventDetails[K]): void {
    this.dispatchEvent(voipEvent(type, detail));
  }

  #fail(error: unknown): VoipError {
    const voipError = isVoipError(error)
      ? error
      : new VoipError(LocalCode.BadInput, error instanceof Error ? error.message : String(error), { cause: error });
    this.#showError(voipError);
    return voipError;
  }

  #showError(error: VoipError): void {
    this._error = error;
    this.#emit('voip-error', { error });
  }

  get #t(): Strings {
    return stringsFor(this.lang);
  }

  #displayPhone(phone: string): string {
    return this._agent?.disablePhoneNum === 1 ? maskPhone(phone) : phone;
  }

  /** Runs a user action: its failure becomes a visible error, a `voip-error`, and a rejection. */
  async #act<T>(action: (client: VoipClient) => Promise<T>): Promise<T> {
    const client = this.#client;
    if (!client) throw this.#fail(new VoipError(LocalCode.NotConfigured, 'set server, user and password first'));
    try {
      const result = await action(client);
      if (this._error && !isTransient(this._error)) this._error = null;
      return result;
    } catch (error) {
      throw this.#fail(error);
    }
  }

  // ---- handlers ----------------------------------------------------------------------------

  #onDialSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('phone') as HTMLInputElement;
    this.dial(input.value).then(
      () => (input.value = ''),
      () => {
        /* shown by #act */
      },
    );
  };

  #onTransferSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('extension') as HTMLInputElement;
    this.transfer(input.value).then(
      () => (this._transferOpen = false),
      () => {},
    );
  };

  #swallow = (promise: Promise<unknown>): void => {
    promise.catch(() => {
      /* already shown and fired as voip-error */
    });
  };

  // ---- public methods (CONTRACT.md) ----------------------------------------------------------

  /**
   * Logs in again now (also after fixing credentials) and watches; resolves with the agent, or
   * rejects with the first error (the session keeps retrying network failures by itself).
   */
  login(): Promise<Agent> {
    this._error = null;
    // Not in the page: it would poll with nothing to stop it (a removed element never polls).
    if (this.isConnected) this.#restartSession();
    const session = this.#session;
    if (!session) {
      const why = this.isConnected ? 'set server, user and password first' : 'add the element to the page first';
      return Promise.reject(this.#fail(new VoipError(LocalCode.NotConfigured, why, { method: 'login' })));
    }
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

  /** Stops watching and forgets the credentials. */
  async logout(): Promise<void> {
    this.#stopSession();
    this.#passwordMd5 = '';
    this._error = null;
  }

  /** Calls `phone` (callbackPhone); `paramvalue` comes back in events and the CRM pushes. */
  async dial(phone: string, paramvalue?: string): Promise<void> {
    await this.#act(async (client) => {
      requirePhone(phone, 'callbackPhone');
      await client.dial(phone, paramvalue);
    });
  }

  /** Answers the ringing inbound call (sendMsg kind 6). */
  async answer(): Promise<void> {
    const call = this._calls.findLast((c) => c.direction === Direction.Inbound && c.state === CallState.Ringing);
    await this.#act((client) => {
      if (!call) throw new VoipError(LocalCode.BadInput, 'no inbound call is ringing', { method: 'answer' });
      return client.answer(call.phone);
    });
  }

  /** Hangs up the current call (hangupExten). */
  async hangup(): Promise<void> {
    const call = this._calls.at(-1);
    await this.#act((client) => client.hangup(call?.phone));
  }

  /** Transfers the current call to another agent's extension (transferExten). */
  async transfer(extension: string): Promise<void> {
    await this.#act((client) => client.transfer(extension));
  }

  /** Mutes / stops the phone of the current call (sendMsg kind 7). */
  async mute(): Promise<void> {
    const call = this._calls.at(-1);
    await this.#act((client) => {
      if (!call) throw new VoipError(LocalCode.BadInput, 'no call is up', { method: 'mute' });
      return client.mute(call.phone);
    });
  }

  /** The agent becomes available (setUserCheckInOut 0). */
  async checkIn(): Promise<void> {
    await this.#act((client) => client.checkIn());
    this._available = true;
  }

  /** The agent goes away (setUserCheckInOut 1). */
  async checkOut(): Promise<void> {
    await this.#act((client) => client.checkOut());
    this._available = false;
  }

  /**
   * Sends a command to the vendor desktop client on 127.0.0.1:`desktop-port` (spec §6), e.g.
   * `desktop(0, { phone: '138…' })` to dial from it, `desktop(1000, { url, caption })` to open a
   * page in its pop window. Rejects when the client is not running.
   */
  async desktop(type: number, params: Record<string, string | number | boolean | string[]> = {}): Promise<void> {
    if (!this.desktopPort) {
      throw this.#fail(new VoipError(LocalCode.NotConfigured, 'desktop-port is 0: the desktop client is off', { method: 'desktop' }));
    }
    const desktop = new DesktopClient({ port: this.desktopPort, lang: normalizeLang(this.lang) });
    try {
      await desktop.send(type as DesktopType, params as AnyDesktopParams as never);
    } catch (error) {
      throw this.#fail(error);
    }
  }

  // ---- render ----------------------------------------------------------------------------------

  #renderHeader(t: Strings): TemplateResult {
    const statusText = {
      offline: t.statusOffline,
      connecting: t.statusConnecting,
      online: t.statusOnline,
      error: t.statusError,
    }[this._status];
    const agent = this._agent;
    const availability = this._available === undefined ? '' : ` · ${this._available ? t.checkedIn : t.checkedOut}`;
    return html`<header>
      <span class="dot" data-status=${this._status} aria-hidden="true"></span>
      <span class="who">${agent ? html`${agent.name} <small>${agent.extension}</small>` : t.softphone}</span>
      <span part="status" role="status">${statusText}${availability}</span>
      ${agent
        ? html`<button
            class="small"
            type="button"
            @click=${() => this.#swallow(this._available === false ? this.checkIn() : this.checkOut())}
          >
            ${this._available === false ? t.checkIn : t.checkOut}
          </button>`
        : nothing}
    </header>`;
  }

  #renderDial(t: Strings): TemplateResult {
    const busy = this._calls.length > 0;
    const ready = this._status === SessionStatus.Online;
    return html`<form class="dial" @submit=${this.#onDialSubmit}>
      <input
        part="dial-input"
        name="phone"
        type="tel"
        inputmode="tel"
        autocomplete="off"
        maxlength="40"
        placeholder=${t.dialPlaceholder}
        aria-label=${t.dialLabel}
        ?disabled=${busy}
      />
      <button part="dial-button" class="primary" type="submit" ?disabled=${busy || !ready}>${t.dial}</button>
    </form>`;
  }

  #renderCard(t: Strings, call: Call): TemplateResult {
    const inbound = call.direction === Direction.Inbound;
    const stateText =
      call.state === CallState.Ringing ? (inbound ? t.ringing : t.dialing) : call.state === CallState.Talking ? t.talking : t.ended;
    const link = crmUrl(this.crmUrl, call, this._agent?.extension, location.href);
    const others = this._calls.length - 1;
    return html`<section part="card" data-state=${call.state} aria-label=${inbound ? t.inbound : t.outbound}>
      <div class="line">
        <span class="muted">${inbound ? t.inbound : t.outbound} · ${stateText}</span>
        <span class="timer">${this.#timerText(call)}</span>
      </div>
      <div part="phone">${this.#displayPhone(call.phone)}</div>
      ${others > 0 ? html`<div class="muted">${format(t.otherCalls, { n: others })}</div>` : nothing}
      ${link
        ? html`<a part="crm-link" href=${link} target="_blank" rel="noopener noreferrer" ?data-highlight=${this._crmHighlight}
            >${t.openCrm}</a
          >`
        : nothing}
      ${call.state === CallState.Ended ? this.#renderEnded(t, call) : this.#renderActions(t, call)}
      ${this.desktopPort
        ? renderDesktopMenu(t, {
            send: (type, params) => this.#swallow(this.desktop(type, params)),
            crmUrl: link,
            phone: this.#displayPhone(call.phone),
          })
        : nothing}
    </section>`;
  }

  #renderActions(t: Strings, call: Call): TemplateResult {
    const ringingIn = call.direction === Direction.Inbound && call.state === CallState.Ringing;
    return html`<div class="actions">
        ${ringingIn
          ? html`<button part="answer-button" class="answer" type="button" @click=${() => this.#swallow(this.answer())}>
              ${t.answer}
            </button>`
          : nothing}
        <button part="hangup-button" class="danger" type="button" @click=${() => this.#swallow(this.hangup())}>${t.hangup}</button>
        ${call.state === CallState.Talking
          ? html`<button type="button" @click=${() => (this._transferOpen = !this._transferOpen)} aria-expanded=${this._transferOpen}>
                ${t.transfer}
              </button>
              <button type="button" @click=${() => this.#swallow(this.mute())}>${t.mute}</button>`
          : nothing}
      </div>
      ${this._transferOpen && call.state === CallState.Talking
        ? html`<form class="transfer" @submit=${this.#onTransferSubmit}>
            <input name="extension" inputmode="numeric" autocomplete="off" aria-label=${t.transferTo} placeholder=${t.transferTo} />
            <button type="submit">${t.transferGo}</button>
          </form>`
        : nothing}`;
  }

  #renderEnded(t: Strings, call: Call): TemplateResult {
    const record = this.#record;
    const talkMs =
      record?.cdrTalktime !== undefined
        ? record.cdrTalktime * 1000
        : call.answeredAt !== undefined && call.endedAt !== undefined
          ? call.endedAt - call.answeredAt
          : 0;
    const recording = record && this.#client ? this.#client.recordingUrl(record) : null;
    return html`<div class="line">
        <span class="muted">${t.duration}</span><span class="timer">${formatDuration(talkMs)}</span>
      </div>
      ${recording && this.#client && call.cdrId
        ? html`<div class="actions">
            <a href=${recording} target="_blank" rel="noopener noreferrer">${t.recording}</a>
            <a href=${this.#client.recordingMp3Url(call.cdrId)} target="_blank" rel="noopener noreferrer">${t.recordingMp3}</a>
          </div>`
        : nothing}`;
  }

  #timerText(call: Call): string {
    if (call.state === CallState.Ended) return '';
    const since = call.state === CallState.Talking ? (call.answeredAt ?? call.startedAt) : call.startedAt;
    return formatDuration(this._now - since);
  }

  override render(): TemplateResult {
    const t = this.#t;
    const call = this.call;
    const error = this._error;
    return html`${this.#renderHeader(t)} ${this.#renderDial(t)} ${call ? this.#renderCard(t, call) : nothing}
      ${error
        ? html`<div part="error" role="alert">
            <span>${error.localized(normalizeLang(this.lang))}</span>
            <button class="small" type="button" aria-label=${t.dismiss} @click=${() => (this._error = null)}>×</button>
          </div>`
        : nothing}
      ${this.#soundBlocked && this._status === SessionStatus.Online
        ? html`<button part="sound-prompt" class="sound small" type="button" @click=${() => ringtone.unlock()}>🔔 ${t.enableSound}</button>`
        : nothing}
      <div class="visually-hidden" aria-live="assertive">${this._announcement}</div>`;
  }
}

function validInterval(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 1000;
}

/** Errors that go away by themselves once the network is back. */
function isTransient(error: VoipError): boolean {
  return error.code === -1 || error.code === LocalCode.BadAnswer;
}

/** A boolean attribute that is on unless it says `false` or `off` (absent: the default applies). */
function isOn(value: string | null): boolean {
  return value !== 'false' && value !== 'off';
}

/** The account a client watches (server and user): the key of its tab sharing and of carried calls. */
function accountOf(client: VoipClient): string {
  return `${client.server}|${client.user}`;
}
