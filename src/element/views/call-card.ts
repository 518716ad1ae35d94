/**
 * The pop card of one call: direction, state, timer, the number as the agent may see it, the CRM
 * link, and the actions of its state (answer, hang up, transfer, mute) or, once it ended, its
 * duration and recording. Everything comes in as arguments, one card per call: each card's
 * buttons act on its own call, and what is open on it (transfer, desktop menu) is that call's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { CallState, Direction, type Call } from '../../session/index.js';
import type { CallWithInfo } from '../controllers/caller-info.js';
import { formatDuration } from '../format.js';
import { format, type Strings } from '../i18n/index.js';
import type { DesktopMenu } from './desktop-menu.js';
import { quietly } from './actions.js';

/** What is open or on for one call's card (kept per call by the element). */
export interface CallUi {
  transferOpen?: boolean;
  menuOpen?: boolean;
  muted?: boolean;
  /** The CRM pop-up of this call was blocked: its link stands out. */
  crmHighlight?: boolean;
}

/** What the card's buttons do to its call; failures are shown by the element. */
export interface CallActions {
  answer(): Promise<unknown>;
  hangup(): Promise<unknown>;
  mute(): Promise<unknown>;
  toggleTransfer(): void;
  /** The desktop menu was opened or closed by the agent. */
  toggleMenu(open: boolean): void;
  /**
   * Set while the desktop menu is offered (the client answered, or the page set `desktop-port`)
   * and its view, in the lazily loaded extras, is there.
   */
  desktop?: DesktopMenu;
}

export interface CallCardProps {
  /** With what is known of the caller (`contact`, `area`) once known. */
  call: CallWithInfo;
  /** The number as the agent may see it (masked when the account says so). */
  phone: string;
  /** Now, for the timer (the shared clock). */
  now: number;
  /** Another call is being talked on: a ringing card says it is a new call. */
  waiting: boolean;
  crmLink: string | null;
  ui: CallUi;
  /** The transfer form while it is open (CallCardsController; its view comes with the extras). */
  transferForm: TemplateResult | typeof nothing;
  /** Of the ended call: its duration and recording (EndedCallController.details). */
  endedDetails: TemplateResult | typeof nothing;
  actions: CallActions;
}

export function renderCallCard(t: Strings, props: CallCardProps): TemplateResult {
  const { call, crmLink, actions, ui } = props;
  const contact = call.contact;
  const inbound = call.direction === Direction.Inbound;
  const ringing = call.state === CallState.Ringing;
  const stateText = ringing ? (inbound ? t.ringing : t.dialing) : call.state === CallState.Talking ? t.talking : t.ended;
  return html`<div part="card" role="group" data-state=${call.state} ?data-waiting=${ringing && props.waiting} aria-label=${format(t.callWith, { who: props.phone })}>
    <div class="line">
      <span class="muted">${inbound ? t.inbound : t.outbound} · ${stateText}${ui.muted ? ` · ${t.muted}` : ''}</span>
      <span class="timer">${timerText(call, props.now)}</span>
    </div>
    <div part="phone">${props.phone}</div>
    ${contact ? html`<div part="contact-name">${contact.name}${contact.company ? html` · <span class="muted">${contact.company}</span>` : nothing}</div>` : nothing}
    ${call.area ? html`<div part="area" class="muted">${call.area}</div>` : nothing}
    ${crmLink
      ? html`<a part="crm-link" href=${crmLink} target="_blank" rel="noopener noreferrer" ?data-highlight=${!!ui.crmHighlight}>${t.openCrm}</a>`
      : nothing}
    ${call.state === CallState.Ended ? props.endedDetails : renderActions(t, props)}
    ${actions.desktop && call.state !== CallState.Ended
      ? actions.desktop.render({ crmUrl: crmLink, phone: props.phone, open: !!ui.menuOpen, toggle: actions.toggleMenu })
      : nothing}
  </div>`;
}

function renderActions(t: Strings, { call, ui, actions, transferForm }: CallCardProps): TemplateResult {
  const ringingIn = call.direction === Direction.Inbound && call.state === CallState.Ringing;
  const talking = call.state === CallState.Talking;
  return html`<div class="actions">
      ${ringingIn ? html`<button part="answer-button" class="answer" type="button" @click=${() => quietly(actions.answer())}>${t.answer}</button>` : nothing}
      <button part="hangup-button" class="danger" type="button" @click=${() => quietly(actions.hangup())}>${t.hangup}</button>
      ${talking
        ? html`<button part="transfer-button" type="button" @click=${actions.toggleTransfer} aria-expanded=${!!ui.transferOpen}>${t.transfer}</button>
            <button part="mute-button" type="button" aria-pressed=${!!ui.muted} @click=${() => quietly(actions.mute())}>${t.mute}</button>`
        : nothing}
    </div>
    ${ui.transferOpen && talking ? transferForm : nothing}`;
}

/** Ringing: since it started; talking: since it was answered; ended: nothing (the duration shows). */
function timerText(call: Call, now: number): string {
  if (call.state === CallState.Ended) return '';
  const since = call.state === CallState.Talking ? (call.answeredAt ?? call.startedAt) : call.startedAt;
  return formatDuration(now - since);
}
