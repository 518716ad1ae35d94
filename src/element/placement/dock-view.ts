import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import type { DockController } from './dock-controller.js';

/**
 * The dock's words, in the element's language: `dockMove` names the move handle (and says that
 * arrow keys move it), `dockOpen` comes before the status in the badge ("Open the softphone:
 * Online"), `dockMissed` after the missed count ("2 missed").
 */
export type DockStrings = Pick<Strings, 'dockMove' | 'dockMinimize' | 'dockOpen' | 'dockMissed'>;

/**
 * The move handle and the minimise button, for the end of the dock's header. The handle says it
 * is disabled until the dock can move (a moment after the page loads: the moves come with the
 * extras), so it neither jumps into place nor pretends to work.
 */
export function renderDockControls(dock: DockController, t: DockStrings): TemplateResult {
  // prettier-ignore
  return html`<button class="grip small" type="button" data-drag-handle aria-label=${t.dockMove} title=${t.dockMove} aria-disabled=${dock.movable ? nothing : 'true'} @keydown=${dock.onKeyDown}><span aria-hidden="true">⠿</span></button><button part="minimize-button" class="small" type="button" aria-label=${t.dockMinimize} title=${t.dockMinimize} @click=${() => dock.minimize()}><span aria-hidden="true">–</span></button>`;
}

export interface BadgeState {
  /** `offline | connecting | online | error`: the colour of the dot. */
  status: string;
  /** The status in words, as in the header. */
  statusText: string;
  /** Missed calls since the list was last opened; 0 shows none. */
  missed: number;
}

/** The minimised dock: one button with the status and the missed count, which opens the dock. */
export function renderBadge(dock: DockController, t: DockStrings, badge: BadgeState): TemplateResult {
  return html`<button part="badge" type="button" @click=${() => dock.restore()}>
    <span class="dot" data-status=${badge.status} aria-hidden="true"></span>
    <span class="visually-hidden">${t.dockOpen}</span>
    <span>${badge.statusText}</span>
    ${badge.missed > 0 ? html`<span class="missed">${badge.missed}<span class="visually-hidden"> ${t.dockMissed}</span></span>` : nothing}
  </button>`;
}
