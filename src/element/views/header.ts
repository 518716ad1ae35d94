/**
 * The header: the agent (or the widget's name), the session status with the agent's availability
 * (available / away, in words and in the dot's colour, with the call centre's own status text when
 * it gives one), and the button that switches it. Before the login the availability is empty and
 * the button disabled, but both are there: the header keeps its height when the login completes.
 */
import { html, type TemplateResult } from 'lit';
import type { Agent } from '../../protocol/index.js';
import type { SessionStatus } from '../../session/index.js';
import type { Strings } from '../i18n/index.js';
import { quietly } from './actions.js';

export interface HeaderProps {
  status: SessionStatus;
  agent: Agent | null;
  /** Checked in (true), out (false), or not known yet. */
  available: boolean | undefined;
  /** loadmonitor's status text of the agent (空闲, 通话中…), when the server gave one. */
  serverStatus: string | undefined;
  /** The server cannot be reached: said instead of "Connecting…". */
  unreachable: boolean;
  /** Checks in when the agent is away, else out. */
  toggleAvailable(): Promise<unknown>;
  /** mode="dock": the header starts a drag, and ends with the move handle and minimise button. */
  dock?: { grab(event: PointerEvent): void; controls: unknown };
}

/** The session status in words (the header, the dock's badge); `unreachable` says so instead of "Connecting…". */
export const statusWords = (t: Strings, status: SessionStatus, unreachable = false): string =>
  unreachable && status !== 'online'
    ? t.statusUnreachable
    : { offline: t.statusOffline, connecting: t.statusConnecting, online: t.statusOnline, error: t.statusError }[status];

export function renderHeader(t: Strings, props: HeaderProps): TemplateResult {
  const { status, agent, available, dock } = props;
  const statusText = statusWords(t, status, props.unreachable);
  // Only for a logged-in agent: before the login, or after one that failed, there is nobody to describe.
  const word = !agent || available === undefined ? '' : available ? t.available : t.away;
  // The server's own text only when it says more than our word (e.g. 通话中 while available).
  const extra = word && props.serverStatus && props.serverStatus !== word ? ` (${props.serverStatus})` : '';
  return html`<header @pointerdown=${dock?.grab}>
    <span class="dot" data-status=${available === false && status === 'online' ? 'away' : status} aria-hidden="true"></span>
    <span class="who">${agent ? html`${agent.name} <small>${agent.extension}</small>` : t.softphone}</span>
    <span part="status" role="status">${statusText}</span>
    <span part="availability" data-available=${String(available)}>${word}${extra}</span>
    <button class="small" type="button" ?disabled=${!agent} @click=${() => quietly(props.toggleAvailable())}>${available === false ? t.checkIn : t.checkOut}</button>
    ${dock?.controls}
  </header>`;
}
