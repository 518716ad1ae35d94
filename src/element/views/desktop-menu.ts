/**
 * The card's compact menu for the vendor desktop client (docs/800ing-api.md §6): commands that take a number or
 * an extension share one box; the others are plain buttons. Pure template: the element sends.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DesktopType } from '../../desktop/index.js';
import type { Strings } from '../i18n/index.js';
import { quietly } from './actions.js';

export interface DesktopMenuHandlers {
  /** Sends `type` with `params`; failures are shown by the element. */
  send(type: DesktopType, params?: Record<string, string | number | boolean>): Promise<unknown>;
  /** The CRM URL of the current call, when `crm-url` is set. */
  crmUrl: string | null;
  phone: string;
  /** Open (per call; closed at each new call and by Escape). */
  open: boolean;
  /** The agent opened or closed it. */
  toggle(open: boolean): void;
}

/** Commands that act on a number or extension typed in the menu's box. */
const TARGETED: [DesktopType, keyof Strings][] = [
  [DesktopType.Transfer, 'desktopTransfer'],
  [DesktopType.Monitor, 'desktopMonitor'],
  [DesktopType.Whisper, 'desktopWhisper'],
  [DesktopType.BargeIn, 'desktopBargeIn'],
  [DesktopType.ForceHangup, 'desktopForceHangup'],
];

export function renderDesktopMenu(t: Strings, handlers: DesktopMenuHandlers): TemplateResult {
  const target = (event: Event): string | undefined => {
    const form = (event.target as HTMLElement).closest('details')?.querySelector('input');
    const value = form?.value.trim();
    if (!value) form?.focus();
    return value || undefined;
  };
  return html`<details
    class="desktop"
    part="desktop-menu"
    ?open=${handlers.open}
    @toggle=${(event: Event) => handlers.toggle((event.target as HTMLDetailsElement).open)}
  >
    <summary>${t.desktopMenu}</summary>
    <div class="actions">
      <input name="desktop-target" inputmode="tel" autocomplete="off" aria-label=${t.desktopAskExtension} placeholder=${t.desktopAskExtension} />
    </div>
    <div class="actions">
      ${TARGETED.map(
        ([type, label]) =>
          html`<button
            class="small"
            type="button"
            data-desktop-type=${type}
            @click=${(event: Event) => {
              const phone = target(event);
              if (phone) quietly(handlers.send(type, { phone }));
            }}
          >
            ${t[label]}
          </button>`,
      )}
    </div>
    <div class="actions">
      <button class="small" type="button" data-desktop-type=${DesktopType.ShowWindow} @click=${() => quietly(handlers.send(DesktopType.ShowWindow))}>
        ${t.desktopShowWindow}
      </button>
      <button class="small" type="button" data-desktop-type=${DesktopType.ClosePop} @click=${() => quietly(handlers.send(DesktopType.ClosePop))}>
        ${t.desktopClosePop}
      </button>
      ${handlers.crmUrl
        ? html`<button
            class="small"
            type="button"
            data-desktop-type=${DesktopType.OpenUrl}
            @click=${() => quietly(handlers.send(DesktopType.OpenUrl, { url: handlers.crmUrl!, caption: handlers.phone }))}
          >
            ${t.desktopOpenCrm}
          </button>`
        : nothing}
    </div>
  </details>`;
}
