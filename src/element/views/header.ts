/** The header: the agent (or the widget's name), the session status, check in / check out. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Agent } from '../../protocol/index.js';
import type { SessionStatus } from '../../session/index.js';
import type { Strings } from '../i18n/index.js';
import { quietly } from './actions.js';

export interface HeaderProps {
  status: SessionStatus;
  agent: Agent | null;
  /** Checked in (true), out (false), or not known yet. */
  available: boolean | undefined;
  /** Checks in when the agent is away, else out. */
  toggleAvailable(): Promise<unknown>;
  /** mode="dock": the header starts a drag, and ends with the move handle and minimise button. */
  dock?: { grab(event: PointerEvent): void; controls: unknown };
}

/** The session status in words (the header, the dock's badge). */
export const statusWords = (t: Strings, status: SessionStatus): string =>
  ({ offline: t.statusOffline, connecting: t.statusConnecting, online: t.statusOnline, error: t.statusError })[status];

export function renderHeader(t: Strings, { status, agent, available, toggleAvailable, dock }: HeaderProps): TemplateResult {
  const statusText = statusWords(t, status);
  const availability = available === undefined ? '' : ` · ${available ? t.checkedIn : t.checkedOut}`;
  return html`<header @pointerdown=${dock?.grab}>
    <span class="dot" data-status=${status} aria-hidden="true"></span>
    <span class="who">${agent ? html`${agent.name} <small>${agent.extension}</small>` : t.softphone}</span>
    <span part="status" role="status">${statusText}${availability}</span>
    ${agent
      ? html`<button class="small" type="button" @click=${() => quietly(toggleAvailable())}>${available === false ? t.checkIn : t.checkOut}</button>`
      : nothing}
    ${dock?.controls}
  </header>`;
}
