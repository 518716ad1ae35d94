import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AuthMode, requirePhone, type VoipClient } from '../client/index.js';
import { passwordDigest } from '../client/credentials.js';
import { DEFAULT_DESKTOP_PORT, DesktopClient, type AnyDesktopParams, type DesktopType } from '../desktop/index.js';
import { LocalCode, VoipError, type Agent, type Lang } from '../protocol/index.js';
import { CallState, DEFAULT_POLL_INTERVAL_MS, Direction, SessionStatus, type Call } from '../session/index.js';
import { isOn } from '../ui/attributes.js';
import { AttentionController, ClockController, CrmPopController, EndedCallController, ErrorController } from './controllers/index.js';
import { SessionController, type CallEventName, type CrmOpen, type TransportName } from './controllers/index.js';
import { CallerInfoController, RecentCallsController, type CallWithInfo } from './controllers/index.js';
import type { LookupHook } from '../console/lookup.js';
import { RECENT_LIMIT, type RecentCall } from '../console/recent-calls.js';
import { consoleStrings } from '../console/strings.js';
import { crmTemplateProblem, crmUrl, maskPhone } from './format.js';
import { format, normalizeLang, stringsFor, type Strings } from './i18n/index.js';
import { renderCallCard, renderDialBox, renderError, renderHeader, renderRecentList, renderSoundPrompt } from './views/index.js';
import { styles } from './voip-softphone.styles.js';

export type { CrmOpen, TransportName };

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
 * @csspart contact-name - The caller's name (and company) from `lookup`, once it answered.
 * @csspart area - The caller's region (findDialrecord `cdrPhoneArea`), when the server gives one.
 * @csspart recent-button - Opens and closes the list of recent calls.
 * @csspart missed-badge - On `recent-button`: missed calls since the list was last opened (absent at 0).
 * @csspart recent - The list of recent calls.
 * @csspart recent-item - One recent call.
 * @csspart callback-button - In `recent-item`: dials that number.
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

  // One controller per concern, each with its own file in controllers/.
  readonly #errors = new ErrorController(this);
  readonly #session = new SessionController(this, {
    fail: (error) => this.#errors.fail(error),
    onStatus: (status) => status === SessionStatus.Online && this.#errors.clear(true), // the network is back
    onLogin: () => {
      this.#errors.clear(); // a login that works ends whatever error came before it
      const { client, agent } = this.#session;
      if (client && agent) this.#recent.loggedIn(client, agent, this.#session.waterline);
    },
    onCall: (type, call, first) => this.#onCall(type, call, first),
    // Nothing of the old session stays on screen: no ended card (whose number only the agent's
    // masking setting may show), no ringtone or flashing title.
    onStop: () => {
      this.#ended.clear();
      this.#callerInfo.clear();
      this.#attention.quiet();
    },
  });
  readonly #attention = new AttentionController(this);
  readonly #ended = new EndedCallController(this);
  readonly #crmPop = new CrmPopController(this, (error) => this.#errors.fail(error));
  readonly #clock = new ClockController(this, () => this.call !== null);
  // After #session: each reads the client the session made in the same update.
  readonly #callerInfo = new CallerInfoController(
    this,
    (error) => this.#errors.fail(error),
    (call, info) => this.#recent.update(call, info),
  );
  readonly #recent = new RecentCallsController(this, (error) => this.#errors.fail(error));
  #passwordMd5 = '';

  @state() private _available: boolean | undefined;
  @state() private _transferOpen = false;
  @state() private _announcement = '';

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
      this.#errors.fail(error);
    }
  }
  get passwordMd5(): string {
    return this.#passwordMd5;
  }

  /** `jsonp` (cross-origin, default) or `fetch` (same origin / proxy). */
  @property() transport: TransportName = 'jsonp';

  /**
   * `password` (default) or `proxy`: the page holds no credentials, `server` is the CRM's
   * createVoipProxy, which adds them; fetch is used unless `transport="jsonp"` is set (an error).
   */
  @property() auth: AuthMode = AuthMode.Password;

  /** The least time in ms between two getLongWaterLine requests. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = DEFAULT_POLL_INTERVAL_MS;

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
  @property({ attribute: 'desktop-port', type: Number }) desktopPort = DEFAULT_DESKTOP_PORT;

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

  /**
   * Who is calling: `(call) => Contact | null | Promise<Contact | null>`, `Contact` being
   * `{ name, company?, url? }`. Called once per call when it starts; the card pops with the number
   * and shows the contact (part `contact-name`) when it answers; a `url` replaces the `crm-url`
   * link of that call. Throwing or taking over 5 s keeps the number and fires `voip-error`.
   * `call.contact` holds the contact once known, also in later events.
   */
  @property({ attribute: false }) lookup: LookupHook | null = null;

  /** The most calls `recentCalls` keeps (default 20). */
  @property({ attribute: 'recent-limit', type: Number }) recentLimit = RECENT_LIMIT;

  /**
   * The agent's latest calls, newest first (at most `recent-limit`), each ended, `missed: true`
   * for an inbound call never answered; kept per account in this origin's storage.
   */
  get recentCalls(): readonly RecentCall[] {
    return this.#recent.calls;
  }

  /** `'offline' | 'connecting' | 'online' | 'error'`. */
  get status(): SessionStatus {
    return this.#session.status;
  }

  /** The getExtension result, or null before login. */
  get agent(): Agent | null {
    return this.#session.agent;
  }

  /** The current call (the newest one still up, else the one that just ended), or null. */
  get call(): CallWithInfo | null {
    const call = this.#session.calls.at(-1) ?? this.#ended.call;
    return call && this.#callerInfo.decorate(call);
  }

  /** The framework-free client this element uses (null until configured). */
  get client(): VoipClient | null {
    return this.#session.client;
  }

  /** A crm-url that leads nowhere safe is refused as it is set, not silently dropped at a ring. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const problem = changed.has('crmUrl') && this.crmUrl ? crmTemplateProblem(this.crmUrl, location.href) : undefined;
    if (problem) this.#errors.fail(new VoipError(LocalCode.BadInput, problem, { method: 'crm-url' }));
  }

  #onCall(type: CallEventName, call: Call, first: boolean): void {
    const calls = this.#session.calls;
    this.#callerInfo.decorate(call); // the event's detail carries the contact once known
    if (type === 'voip-ring') this.#callerInfo.start(call, this.client);
    if (type === 'voip-hangup') this.#recent.ended(call);
    const t = this.#t;
    const phone = this.#displayPhone(call.phone);
    if (type === 'voip-ring') {
      this.#crmPop.reset();
      this.#ended.clear();
      if (first) {
        this._announcement = format(call.direction === Direction.Inbound ? t.incomingCall : t.outgoingCall, { phone });
        // One pop per call for the account: only the tab (and element) that polls opens it, not
        // every open CRM tab or every element of the account.
        if (this.#session.polls) this.#crmPop.pop(this.#crmLink(call), phone);
      }
    } else if (type === 'voip-hangup') {
      this._transferOpen = false;
      if (first) this._announcement = format(t.callEnded, { phone });
      if (calls.length === 0) this.#ended.show(call, this.client);
    }
    const ringsIn = type === 'voip-ring' && call.direction === Direction.Inbound;
    const title = format(t.incomingCall, { phone });
    this.#attention.follow(calls, ringsIn ? { title, body: this.agent?.name ?? '', tag: `voip-${call.cdrId ?? phone}`, first } : undefined);
  }

  /** Runs a user action: its failure becomes a visible error, a `voip-error`, and a rejection. */
  #act<T>(action: (client: VoipClient) => Promise<T>): Promise<T> {
    return this.#errors.run(() => action(this.#session.requireClient()));
  }

  #setDigest(md5: string): void {
    if (md5 === this.#passwordMd5) return;
    this.#passwordMd5 = md5;
    this.requestUpdate();
  }

  get #t(): Strings {
    return stringsFor(this.lang);
  }

  #displayPhone(phone: string): string {
    return this.agent?.disablePhoneNum === 1 ? maskPhone(phone) : phone;
  }

  #crmLink(call: CallWithInfo): string | null {
    return call.contact?.url ?? crmUrl(this.crmUrl, call, this.agent?.extension, location.href);
  }

  // ---- public methods -------------------------------------------------------------------------

  /**
   * Logs in again now (also after fixing credentials) and watches; resolves with the agent, or
   * rejects with the first error (the session keeps retrying network failures by itself).
   */
  login(): Promise<Agent> {
    this.#errors.clear();
    const login = this.#session.login();
    if (!login) {
      const why = this.isConnected ? 'set server, user and password first' : 'add the element to the page first';
      return Promise.reject(this.#errors.fail(new VoipError(LocalCode.NotConfigured, why, { method: 'login' })));
    }
    return login;
  }

  /** Stops watching and forgets the credentials. */
  async logout(): Promise<void> {
    this.#session.stop();
    this.#passwordMd5 = '';
    this.#errors.clear();
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
    const call = this.#session.calls.findLast((c) => c.direction === Direction.Inbound && c.state === CallState.Ringing);
    await this.#act((client) => {
      if (!call) throw new VoipError(LocalCode.BadInput, 'no inbound call is ringing', { method: 'answer' });
      return client.answer(call.phone);
    });
  }

  /** Hangs up the current call (hangupExten). */
  async hangup(): Promise<void> {
    const call = this.#session.calls.at(-1);
    await this.#act((client) => client.hangup(call?.phone));
  }

  /** Transfers the current call to another agent's extension (transferExten). */
  async transfer(extension: string): Promise<void> {
    await this.#act((client) => client.transfer(extension));
  }

  /** Mutes / stops the phone of the current call (sendMsg kind 7). */
  async mute(): Promise<void> {
    const call = this.#session.calls.at(-1);
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
      throw this.#errors.fail(new VoipError(LocalCode.NotConfigured, 'desktop-port is 0: the desktop client is off', { method: 'desktop' }));
    }
    const desktop = new DesktopClient({ port: this.desktopPort, lang: normalizeLang(this.lang) });
    await desktop.send(type as DesktopType, params as AnyDesktopParams as never).catch((error: unknown) => {
      throw this.#errors.fail(error);
    });
  }

  // ---- render ---------------------------------------------------------------------------------

  #renderCard(t: Strings, call: Call): TemplateResult {
    return renderCallCard(t, {
      call,
      phone: this.#displayPhone(call.phone),
      now: this.#clock.now,
      others: this.#session.calls.length - 1,
      crmLink: this.#crmLink(call),
      crmHighlight: this.#crmPop.blocked,
      transferOpen: this._transferOpen,
      ended: this.#ended,
      actions: {
        answer: () => this.answer(),
        hangup: () => this.hangup(),
        mute: () => this.mute(),
        toggleTransfer: () => (this._transferOpen = !this._transferOpen),
        transfer: (extension) => this.transfer(extension).then(() => (this._transferOpen = false)),
        desktop: this.desktopPort ? (type, params) => this.desktop(type, params) : undefined,
      },
    });
  }

  override render(): TemplateResult {
    const t = this.#t;
    const call = this.call;
    const error = this.#errors.error;
    const available = this._available;
    const online = this.status === SessionStatus.Online;
    const toggleAvailable = (): Promise<void> => (available === false ? this.checkIn() : this.checkOut());
    return html`${renderHeader(t, { status: this.status, agent: this.agent, available, toggleAvailable })}
      ${renderDialBox(t, { busy: this.#session.calls.length > 0, online, dial: (phone) => this.dial(phone) })}
      ${this.client
        ? renderRecentList(t, consoleStrings(normalizeLang(this.lang)), {
            calls: this.#recent.calls,
            open: this.#recent.open,
            missed: this.#recent.missedCount,
            lang: this.lang,
            phone: (recent) => (recent.masked ? recent.phone : this.#displayPhone(recent.phone)),
            toggle: () => this.#recent.toggle(),
            canDial: online && this.#session.calls.length === 0,
            callBack: (phone) => this.dial(phone),
          })
        : nothing}
      ${call ? this.#renderCard(t, call) : nothing}
      ${error ? renderError(t, error, normalizeLang(this.lang), () => this.#errors.clear()) : nothing}
      ${this.#attention.soundBlocked && online ? renderSoundPrompt(t, () => this.#attention.unlock()) : nothing}
      <div class="visually-hidden" aria-live="assertive">${this._announcement}</div>`;
  }
}
