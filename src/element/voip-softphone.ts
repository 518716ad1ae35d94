import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { AuthMode, type VoipClient } from '../client/index.js';
import { DEFAULT_DESKTOP_PORT } from '../desktop/types.js';
import { LocalCode, VoipError, type Agent, type Lang } from '../protocol/index.js';
import { DEFAULT_POLL_INTERVAL_MS, SessionStatus, type Call } from '../session/index.js';
import { isOn } from '../ui/attributes.js';
import { PasswordField } from '../ui/password-field.js';
import { AttentionController, CallDisplay, ClockController, EndedCallController, ErrorController } from './controllers/index.js';
import { HotkeysController, SessionController, SessionEventsController, type CrmOpen, type TransportName } from './controllers/index.js';
import { AgentStatusController, CallCardsController, DesktopController, CallerInfoController, RecentCallsController, type CallWithInfo } from './controllers/index.js';
import type { LookupHook } from '../console/lookup.js';
import { RECENT_LIMIT, type RecentCall } from '../console/recent-calls.js';
import { normalizeLang, stringsFor } from './i18n/index.js';
import { ClickToDialController, DockController, dockStyles, renderBadge, renderDockControls, themeStyles } from './placement/index.js';
import { quietly, renderPanel, statusWords } from './views/index.js';
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

  // Reactive properties, each documented where it is declared below (not decorators: 0.5 KB less).
  static override properties = {
    server: {}, user: {}, password: {}, passwordMd5: { attribute: 'password-md5' }, transport: {}, auth: {},
    pollInterval: { attribute: 'poll-interval', type: Number }, lang: { reflect: true }, crmUrl: { attribute: 'crm-url' },
    crmOpen: { attribute: 'crm-open' }, desktopPort: { attribute: 'desktop-port', type: Number }, notify: { type: Boolean },
    ringtone: {}, shareTabs: { attribute: 'share-tabs', converter: isOn },
    popFromPoll: { attribute: 'pop-from-poll', converter: isOn }, mode: { reflect: true }, theme: { reflect: true },
    clickToDial: { attribute: 'click-to-dial', type: Boolean }, lookup: { attribute: false },
    recentLimit: { attribute: 'recent-limit', type: Number }, hotkeys: { type: Boolean },
  };

  // One controller per concern, each with its own file in controllers/.
  readonly #errors = new ErrorController(this);
  readonly #display = new CallDisplay(this, this.#errors.fail);
  // The session tells #events, made last (it moves the other controllers).
  readonly #session = new SessionController(this, (): SessionEventsController => this.#events);
  readonly #attention = new AttentionController(this);
  readonly #ended = new EndedCallController(this);
  readonly #clock = new ClockController(this, () => this.call !== null);
  readonly #dock = new DockController(this, () => this.mode === 'dock');
  // After #session: each reads the client the session made in the same update.
  readonly #callerInfo = new CallerInfoController(this, this.#errors.fail, (call, info) => this.#events.learnt(call, info));
  readonly #recent = new RecentCallsController(this, this.#errors.fail);
  readonly #desktop = new DesktopController(this, this.#errors.fail);
  readonly #agentStatus = new AgentStatusController(this, this.#errors.fail);
  readonly #cards = new CallCardsController(this, {
    callerInfo: this.#callerInfo, display: this.#display, clock: this.#clock, ended: this.#ended, agentStatus: this.#agentStatus,
    desktop: () => this.#desktop.menu((type, params) => this.desktop(type, params)),
    announce: (text) => this.#events.announce(text),
  });
  // What the session's events do to the controllers above.
  readonly #events = new SessionEventsController(this, {
    session: this.#session, errors: this.#errors, agentStatus: this.#agentStatus, callerInfo: this.#callerInfo, recent: this.#recent,
    dock: this.#dock, ended: this.#ended, cards: this.#cards, attention: this.#attention, display: this.#display,
  });
  readonly #password = new PasswordField(this, this.#errors.fail);

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

  /** Base URL of the 800ing server, e.g. `http://voip.800ing.com:8080`. */
  server = '';
  /** The account (`sa_user`). */
  user = '';
  /**
   * The plain password. It is hashed (MD5) as soon as it is set and never kept, stored or sent
   * in plain; the attribute is removed from the DOM. Reading it gives ''.
   */
  set password(value: string | null | undefined) {
    this.#password.plain(value);
  }
  get password(): string {
    return '';
  }
  /** The 32-hex MD5 of the password, instead of `password`. */
  set passwordMd5(value: string | null | undefined) {
    this.#password.md5(value);
  }
  get passwordMd5(): string {
    return this.#password.digest;
  }
  /** `jsonp` (cross-origin, default) or `fetch` (same origin / proxy). */
  transport: TransportName = 'jsonp';
  /**
   * `password` (default) or `proxy`: the page holds no credentials, `server` is the CRM's
   * createVoipProxy, which adds them; fetch is used unless `transport="jsonp"` is set (an error).
   */
  auth: AuthMode = AuthMode.Password;
  /** The least time in ms between two getLongWaterLine requests. */
  pollInterval = DEFAULT_POLL_INTERVAL_MS;

  /** `zh-CN` (default) or `en`. */
  override lang: Lang = 'zh-CN';
  /** Screen-pop URL template: `{phone}`, `{cdrId}`, `{direction}`, `{paramvalue}`, `{extension}`. */
  crmUrl = '';
  /**
   * What a ring does with `crm-url`: `link` (default), `tab`, or `desktop`. A tab or desktop pop
   * happens once per call for the account, from the tab that polls, however many tabs show it.
   */
  crmOpen: CrmOpen = 'link';
  /** Port of the vendor desktop client; `0` hides the desktop controls. */
  desktopPort = DEFAULT_DESKTOP_PORT;
  /** A desktop notification when a call rings while the page is hidden. */
  notify = false;
  /** `on` (default) or `off`. */
  ringtone: 'on' | 'off' = 'on';

  /**
   * Tabs of this origin showing the same account share one poller (one tab polls, the others
   * follow). `share-tabs="false"` (or `el.shareTabs = false`) makes this element poll alone.
   */
  shareTabs = true;
  /**
   * Pop a call from getLongWaterLine's own message summary, one round trip before recvMsg
   * confirms it (the default). `pop-from-poll="false"` waits for recvMsg. Each call event is
   * fired once either way.
   */
  popFromPoll = true;

  /**
   * `inline` (default: flows in the page, fits any container from 240 px) or `dock` (fixed in a
   * corner, draggable by its header, minimisable to a badge; remembered for the origin). Any
   * other value is inline.
   */
  mode: 'inline' | 'dock' = 'inline';
  /** `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). Any other value is light. */
  theme: 'light' | 'dark' | 'auto' = 'light';
  /**
   * `tel:` links anywhere in the page (light DOM and open shadow roots) dial through this element
   * while it is online, after a cancelable `voip-dial`.
   */
  clickToDial = false;

  /**
   * Who is calling: `(call) => Contact | null | Promise<Contact | null>`, `Contact` being
   * `{ name, company?, url? }`. Called once per call when it starts; the card pops with the number
   * and shows the contact (part `contact-name`) when it answers; a `url` replaces the `crm-url`
   * link of that call. Throwing or taking over 5 s keeps the number and fires `voip-error`.
   * `call.contact` holds the contact once known, also in later events.
   */
  lookup: LookupHook | null = null;
  /** The most calls `recentCalls` keeps (default 20). */
  recentLimit = RECENT_LIMIT;
  /** Alt+A, Alt+H, Alt+D and a page-wide Escape (see HotkeysController). */
  hotkeys = false;

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
  /** The current call (the newest one still up, else the one that just ended), or null. */
  get call(): CallWithInfo | null {
    const call = this.#session.calls.at(-1) ?? this.#ended.call;
    return call && this.#callerInfo.decorate(call);
  }
  /** The framework-free client this element uses (null until configured). */
  get client(): VoipClient | null {
    return this.#session.client;
  }

  /** Runs a user action: its failure becomes a visible error, a `voip-error`, and a rejection. */
  #act<T>(action: (client: VoipClient) => Promise<T>): Promise<T> {
    return this.#errors.run(() => action(this.#session.requireClient()));
  }

  // ---- public methods -------------------------------------------------------------------------

  /**
   * Logs in again now (also after fixing credentials) and watches; resolves with the agent, or
   * rejects with the first error (the session keeps retrying network failures by itself).
   */
  login(): Promise<Agent> {
    this.#errors.clear();
    return this.#session.login() ?? Promise.reject(this.#errors.fail(this.#session.notStarted('login')));
  }

  /** Stops watching and forgets the credentials. */
  async logout(): Promise<void> {
    this.#session.stop();
    this.#password.clear();
    this.#errors.clear();
  }

  /** Calls `phone` (callbackPhone); `paramvalue` comes back in events and the CRM pushes. */
  async dial(phone: string, paramvalue?: string): Promise<void> {
    await this.#act((client) => client.dial(phone, paramvalue)); // the client checks the number
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
    this.#cards.toggleMuted(call!);
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
    const t = stringsFor(this.lang);
    const { status, agent } = this;
    const unreachable = !!this.#errors.error?.unreachable;
    const live = html`<div class="visually-hidden" aria-live="assertive">${this.#events.announcement}</div>`;
    if (this.#dock.minimized) {
      return html`${renderBadge(this.#dock, t, { status, statusText: statusWords(t, status, unreachable), missed: this.#recent.missedCount })}${live}`;
    }
    const online = status === SessionStatus.Online;
    const busy = this.calls.length > 0;
    const dial = (phone: string): Promise<void> => this.dial(phone);
    const { available, serverStatus } = this.#agentStatus;
    const toggleAvailable = (): Promise<void> => (available === false ? this.checkIn() : this.checkOut());
    const dock = { grab: this.#dock.onPointerDown, controls: this.mode === 'dock' ? renderDockControls(this.#dock, t) : nothing };
    const phone = (recent: RecentCall): string => (recent.masked ? recent.phone : this.#display.phone(recent.phone));
    return html`${renderPanel(t, {
      header: { status, agent, available, serverStatus, unreachable, toggleAvailable, dock },
      dialBox: { busy, online, hotkeys: this.hotkeys, dial },
      recent: this.#recent.render(t, { lang: this.lang, phone, canDial: online && !busy, callBack: dial }),
      cards: this.#cards.renderAll(t),
      error: this.#errors.error, lang: normalizeLang(this.lang), dismissError: () => this.#errors.clear(),
      unlockSound: this.#attention.soundBlocked ? () => this.#attention.unlock() : undefined,
    })}${live}`;
  }
}
