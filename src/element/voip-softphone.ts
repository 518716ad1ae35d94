import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AuthMode, requirePhone, type VoipClient } from '../client/index.js';
import { passwordDigest } from '../client/credentials.js';
import { DEFAULT_DESKTOP_PORT } from '../desktop/index.js';
import { LocalCode, VoipError, type Agent, type Lang } from '../protocol/index.js';
import { CallState, DEFAULT_POLL_INTERVAL_MS, Direction, SessionStatus, type Call } from '../session/index.js';
import { isOn } from '../ui/attributes.js';
import { AttentionController, ClockController, CrmPopController, EndedCallController, ErrorController } from './controllers/index.js';
import { HotkeysController, SessionController, type CallEventName, type CrmOpen, type TransportName } from './controllers/index.js';
import { AgentStatusController, CallCardsController, DesktopController, CallerInfoController, RecentCallsController, type CallWithInfo } from './controllers/index.js';
import type { LookupHook } from '../console/lookup.js';
import { RECENT_LIMIT, type RecentCall } from '../console/recent-calls.js';
import { crmTemplateProblem, crmUrl, maskPhone } from './format.js';
import { format, normalizeLang, stringsFor, type Strings } from './i18n/index.js';
import { ClickToDialController } from './placement/click-to-dial-controller.js';
import { DockController } from './placement/dock-controller.js';
import { renderBadge, renderDockControls } from './placement/dock-view.js';
import { dockStyles } from './placement/dock.styles.js';
import { themeStyles } from './placement/theme.styles.js';
import { quietly } from './views/actions.js';
import { renderDialBox, renderError, renderHeader, renderSoundPrompt, statusWords } from './views/index.js';
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
 * @fires voip-dial - A click on a `tel:` link is about to dial (`click-to-dial`). detail: `{ phone }`; `preventDefault()` leaves the link to the page.
 *
 * @csspart status - The connection status in the header (online, connecting, unreachable, error).
 * @csspart availability - The agent's availability beside it: available or away, with the call centre's own status text in the UI's language while no call is up (empty until known).

 * @csspart dial-input - The number box.
 * @csspart dial-button - The dial button.
 * @csspart card - The pop card of a call: one per live call, oldest first, plus the one that just ended.
 * @csspart phone - The number on the card, as text.
 * @csspart answer-button - Answers the card's call; present only while it rings inbound.
 * @csspart hangup-button - Hangs up the card's call.
 * @csspart transfer-button - Opens the card's transfer form (part `transfer`, with the part `colleagues` list when the server lists any).
 * @csspart mute-button - Mutes the card's call; `aria-pressed` tells whether it is muted.
 * @csspart crm-link - The link to the customer in the CRM (`crm-url`).
 * @csspart error - The visible error text.
 * @csspart sound-prompt - "Click to enable the ringtone", shown until the page has had a user gesture.
 * @csspart desktop-menu - The desktop-client menu on the card (when the page set `desktop-port`, or the client answered).
 * @csspart minimize-button - Shrinks the dock to its badge (`mode="dock"`).
 * @csspart badge - The minimised dock: status and missed count; opens the dock.
 * @csspart contact-name - The caller's name (and company) from `lookup`, once it answered.
 * @csspart area - The caller's region (findDialrecord `cdrPhoneArea`), when the server gives one.
 * @csspart recent-button - Opens and closes the list of recent calls (disabled until the list is there after the login).
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
 * @cssprop --voip-on-accent - Text on `--voip-accent` (the dial button).
 * @cssprop --voip-on-success - Text on `--voip-success` (the answer button).
 * @cssprop --voip-on-danger - Text on `--voip-danger` (hang-up, the missed count).
 * @cssprop --voip-link - Link colour.
 * @cssprop --voip-dock-z-index - Stacking of the dock (999: below the modal dialogs of the usual UI kits).
 */
export class VoipSoftphone extends LitElement {
  static override styles = [styles, themeStyles, dockStyles];

  // One controller per concern, each with its own file in controllers/.
  readonly #errors = new ErrorController(this);
  readonly #session = new SessionController(this, {
    fail: (error) => this.#errors.fail(error),
    onStatus: (status) => status === SessionStatus.Online && this.#errors.clear(true), // the network is back
    onLogin: () => {
      this.#errors.clear(); // a login that works ends whatever error came before it
      void this.#agentStatus.load();
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
      this.#cards.forget();
    },
  });
  readonly #attention = new AttentionController(this);
  readonly #ended = new EndedCallController(this);
  readonly #crmPop = new CrmPopController(this, (error) => this.#errors.fail(error));
  readonly #clock = new ClockController(this, () => this.call !== null);
  readonly #dock = new DockController(this, () => this.mode === 'dock');
  // After #session: each reads the client the session made in the same update.
  readonly #callerInfo = new CallerInfoController(
    this,
    (error) => this.#errors.fail(error),
    (call, info) => this.#recent.update(call, info),
  );
  readonly #recent = new RecentCallsController(this, (error) => this.#errors.fail(error));
  readonly #desktop = new DesktopController(this, (error) => this.#errors.fail(error));
  readonly #agentStatus = new AgentStatusController(this, (error) => this.#errors.fail(error));
  readonly #cards = new CallCardsController(this, {
    decorate: (call) => this.#callerInfo.decorate(call),
    phone: (phone) => this.#displayPhone(phone),
    crmLink: (call) => this.#crmLink(call),
    now: () => this.#clock.now,
    ended: this.#ended,
    colleagues: () => this.#agentStatus.colleagues,
    loadColleagues: () => void this.#agentStatus.load(),
    desktop: () => (this.#desktop.offered ? (type, params) => this.desktop(type, params) : undefined),
  });
  #passwordMd5 = '';

  constructor() {
    super();
    new ClickToDialController(this, {
      active: () => this.clickToDial && this.status === SessionStatus.Online,
      dial: (phone) => quietly(this.dial(phone)),
    });
    // Registers itself with the element (addController): nothing else holds it.
    new HotkeysController(this, {
      answer: () => quietly(this.#cards.byUser(this.answer(), 'answer')),
      hangup: () => quietly(this.#cards.byUser(this.hangup(), 'hangup')),
      focusDial: () => this.#cards.focusPart('dial-input'),
      close: () => this.#cards.closeAll(),
    });
  }

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
   * `inline` (default: flows in the page, fits any container from 240 px) or `dock` (fixed in a
   * corner, draggable by its header, minimisable to a badge; remembered for the origin). Any
   * other value is inline.
   */
  @property({ reflect: true }) mode: 'inline' | 'dock' = 'inline';

  /** `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). Any other value is light. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /**
   * `tel:` links anywhere in the page (light DOM and open shadow roots) dial through this element
   * while it is online, after a cancelable `voip-dial`.
   */
  @property({ attribute: 'click-to-dial', type: Boolean }) clickToDial = false;

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

  /** Every live call, oldest first. */
  get calls(): Call[] {
    return [...this.#session.calls];
  }

  /** Alt+A, Alt+H, Alt+D and a page-wide Escape (see HotkeysController). */
  @property({ type: Boolean }) hotkeys = false;

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
    const talking = calls.some((c) => c.state === CallState.Talking);
    let say: string | undefined;
    if (type === 'voip-ring') {
      this.#dock.reveal(); // a minimised dock opens for every call
      this.#crmPop.reset();
      this.#ended.clear();
      // A new call: whatever was open on the other cards closes (the desktop menu, a transfer form).
      this.#cards.closeAll();
      const inbound = call.direction === Direction.Inbound;
      say = inbound ? (talking ? t.newCallRinging : t.incomingCall) : t.outgoingCall;
      // One pop per call for the account: only the tab (and element) that polls opens it, not
      // every open CRM tab or every element of the account, and once across reloads (CrmPopController).
      if (first && this.#session.polls) {
        this.#crmPop.pop(call, this.#crmLink(call), phone);
        if (this.#crmPop.blocked) this.#cards.uiOf(call).crmHighlight = true;
      }
    } else if (type === 'voip-answer') {
      say = t.announceAnswered;
    } else {
      say = t.callEnded;
      this.#cards.forget(call);
      this.#ended.show(call, this.client);
    }
    if (first) this._announcement = format(say, { phone, who: phone });
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

  /** Answers `call`, by default the ringing inbound call (sendMsg kind 6). */
  async answer(call: Call | undefined = this.#cards.ringingIn()): Promise<void> {
    await this.#act((client) => {
      if (!call) throw new VoipError(LocalCode.BadInput, 'no inbound call is ringing', { method: 'answer' });
      return client.answer(call.phone);
    });
  }

  /** Hangs up `call`, by default the newest live call (hangupExten). */
  async hangup(call: Call | undefined = this.#session.calls.at(-1)): Promise<void> {
    await this.#act((client) => client.hangup(call?.phone));
  }

  /** Transfers the current call to another agent's extension (transferExten). */
  async transfer(extension: string): Promise<void> {
    await this.#act((client) => client.transfer(extension));
  }

  /** Mutes / stops the phone of `call`, by default the newest live call (sendMsg kind 7); again unmutes. */
  async mute(call: Call | undefined = this.#session.calls.at(-1)): Promise<void> {
    await this.#act((client) => {
      if (!call) throw new VoipError(LocalCode.BadInput, 'no call is up', { method: 'mute' });
      return client.mute(call.phone);
    });
    const ui = this.#cards.uiOf(call!);
    ui.muted = !ui.muted;
    this._announcement = ui.muted ? this.#t.muted : '';
    this.requestUpdate();
  }

  /** The agent becomes available (setUserCheckInOut 0). */
  async checkIn(): Promise<void> {
    await this.#act((client) => client.checkIn());
    this.#agentStatus.set(true);
  }

  /** The agent goes away (setUserCheckInOut 1). */
  async checkOut(): Promise<void> {
    await this.#act((client) => client.checkOut());
    this.#agentStatus.set(false);
  }

  /**
   * Sends a command to the vendor desktop client on 127.0.0.1:`desktop-port` (docs/800ing-api.md §6), e.g.
   * `desktop(0, { phone: '138…' })` to dial from it, `desktop(1000, { url, caption })` to open a
   * page in its pop window. Rejects when the client is not running.
   */
  desktop(type: number, params: Record<string, string | number | boolean | string[]> = {}): Promise<void> {
    return this.#desktop.send(type, params);
  }

  // ---- render ---------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.#t;
    const live = html`<div class="visually-hidden" aria-live="assertive">${this._announcement}</div>`;
    const dock = this.#dock;
    if (dock.minimized) {
      const statusText = statusWords(t, this.status, !!this.#errors.error?.unreachable);
      return html`${renderBadge(dock, t, { status: this.status, statusText, missed: this.#recent.missedCount })}${live}`;
    }
    return html`${this.#renderPanel(t)}${live}`;
  }

  #renderPanel(t: Strings): TemplateResult {
    const calls = this.#session.calls;
    const ended = this.#ended.call;
    const talking = calls.some((c) => c.state === CallState.Talking);
    const error = this.#errors.error;
    const { available, serverStatus } = this.#agentStatus;
    const online = this.status === SessionStatus.Online;
    const toggleAvailable = (): Promise<void> => (available === false ? this.checkIn() : this.checkOut());
    const dock = { grab: this.#dock.onPointerDown, controls: this.mode === 'dock' ? renderDockControls(this.#dock, t) : nothing };
    const header = { status: this.status, agent: this.agent, available, serverStatus, unreachable: !!error?.unreachable };
    return html`${renderHeader(t, { ...header, toggleAvailable, dock })}
      ${renderDialBox(t, { busy: calls.length > 0, online, hotkeys: this.hotkeys, dial: (phone) => this.dial(phone) })}
      ${this.#recent.render(t, {
        lang: this.lang,
        phone: (recent) => (recent.masked ? recent.phone : this.#displayPhone(recent.phone)),
        canDial: online && calls.length === 0,
        callBack: (phone) => this.dial(phone),
      })}
      ${calls.map((call) => this.#cards.render(t, call, talking))} ${ended ? this.#cards.render(t, ended, false) : nothing}
      ${error ? renderError(t, error, normalizeLang(this.lang), () => this.#errors.clear()) : nothing}
      ${this.#attention.soundBlocked ? renderSoundPrompt(t, () => this.#attention.unlock()) : nothing}`;
  }
}
