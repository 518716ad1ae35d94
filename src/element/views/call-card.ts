/**
 * The pop card of one call: direction, state, timer, the number as the agent may see it, the CRM
 * link, and the actions of its state (answer, hang up, transfer, mute) or, once it ended, its
 * duration and recording. Everything comes in as arguments, so a page of several cards can render
 * one per call.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DesktopType } from '../../desktop/index.js';
import { CallState, Direction, type Call } from '../../session/index.js';
import type { CallWithInfo } from '../controllers/caller-info.js';
import { formatDuration } from '../format.js';
import { format, type Strings } from '../i18n/index.js';
import { renderDesktopMenu } from './desktop-menu.js';
import { renderEndedDetails, type EndedDetails } from './ended-card.js';
import { onSubmitValue, quietly } from './actions.js';

/** What the card's buttons do; failures are shown by the element. */
export interface CallActions {
  answer(): Promise<unknown>;
  hangup(): Promise<unknown>;
  mute(): Promise<unknown>;
  toggleTransfer(): void;
  transfer(extension: string): Promise<unknown>;
  /** Set while the desktop client is on (`desktop-port` not 0). */
  desktop?: (type: DesktopType, params?: Record<string, string | number | boolean>) => Promise<unknown>;
}

export interface CallCardProps {
  /** With what is known of the caller (`contact`, `area`) once known. */
  call: CallWithInfo;
  /** The number as the agent may see it (masked when the account says so). */
  phone: string;
  /** Now, for the timer (the shared clock). */
  now: number;
  /** How many other calls are up. */
  others: number;
  crmLink: string | null;
  /** The CRM pop-up was blocked: the link stands out. */
  crmHighlight: boolean;
  transferOpen: boolean;
  /** Of the ended call: the record fetched for it. */
  ended: EndedDetails;
  actions: CallActions;
}

export function renderCallCard(t: Strings, props: CallCardProps): TemplateResult {
  const { call, crmLink, actions } = props;
  const contact = call.contact;
  const inbound = call.direction === Direction.Inbound;
  const stateText =
    call.state === CallState.Ringing ? (inbound ? t.ringing : t.dialing) : call.state === CallState.Talking ? t.talking : t.ended;
  return html`<section part="card" data-state=${call.state} aria-label=${inbound ? t.inbound : t.outbound}>
    <div class="line">
      <span class="muted">${inbound ? t.inbound : t.outbound} · ${stateText}</span>
      <span class="timer">${timerText(call, props.now)}</span>
    </div>
    <div part="phone">${props.phone}</div>
    ${contact ? html`<div part="contact-name">${contact.name}${contact.company ? html` · <span class="muted">${contact.company}</span>` : nothing}</div>` : nothing}
    ${call.area ? html`<div part="area" class="muted">${call.area}</div>` : nothing}
    ${props.others > 0 ? html`<div class="muted">${format(t.otherCalls, { n: props.others })}</div>` : nothing}
    ${crmLink
      ? html`<a part="crm-link" href=${crmLink} target="_blank" rel="noopener noreferrer" ?data-highlight=${props.crmHighlight}
          >${t.openCrm}</a
        >`
      : nothing}
    ${call.state === CallState.Ended ? renderEndedDetails(t, call, props.ended) : renderActions(t, props)}
    ${actions.desktop ? renderDesktopMenu(t, { send: actions.desktop, crmUrl: crmLink, phone: props.phone }) : nothing}
  </section>`;
}

function renderActions(t: Strings, { call, transferOpen, actions }: CallCardProps): TemplateResult {
  const ringingIn = call.direction === Direction.Inbound && call.state === CallState.Ringing;
  const talking = call.state === CallState.Talking;
  return html`<div class="actions">
      ${ringingIn ? html`<button part="answer-button" class="answer" type="button" @click=${() => quietly(actions.answer())}>${t.answer}</button>` : nothing}
      <button part="hangup-button" class="danger" type="button" @click=${() => quietly(actions.hangup())}>${t.hangup}</button>
      ${talking
        ? html`<button type="button" @click=${actions.toggleTransfer} aria-expanded=${transferOpen}>${t.transfer}</button>
            <button type="button" @click=${() => quietly(actions.mute())}>${t.mute}</button>`
        : nothing}
    </div>
    ${transferOpen && talking
      ? html`<form class="transfer" @submit=${onSubmitValue('extension', actions.transfer)}>
          <input name="extension" inputmode="numeric" autocomplete="off" aria-label=${t.transferTo} placeholder=${t.transferTo} />
          <button type="submit">${t.transferGo}</button>
        </form>`
      : nothing}`;
}

/** Ringing: since it started; talking: since it was answered; ended: nothing (the duration shows). */
function timerText(call: Call, now: number): string {
  if (call.state === CallState.Ended) return '';
  const since = call.state === CallState.Talking ? (call.answeredAt ?? call.startedAt) : call.startedAt;
  return formatDuration(now - since);
}
