import { html, nothing, type TemplateResult } from 'lit';
import type { DockController } from './dock-controller.js';

/** The dock's words, in the element's language (the lead adds them to i18n/en.ts and zh-CN.ts). */
export interface DockStrings {
  /** The move handle's name; says that arrow keys move it. */
  dockMove: string;
  dockMinimize: string;
  /** Before the status in the badge's name: "Open softphone: Online". */
  dockOpen: string;
  /** After the missed count in the badge: "2 missed". */
  dockMissed: string;
}

/** The move handle and the minimise button, for the end of the dock's header. */
export function renderDockControls(dock: DockController, t: DockStrings): TemplateResult {
  // prettier-ignore
  return html`<button class="grip small" type="button" data-drag-handle aria-label=${t.dockMove} title=${t.dockMove} @keydown=${dock.onKeyDown}><span aria-hidden="true">⠿</span></button><button part="minimize-button" class="small" type="button" aria-label=${t.dockMinimize} title=${t.dockMinimize} @click=${() => dock.minimize()}><span aria-hidden="true">–</span></button>`;
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
