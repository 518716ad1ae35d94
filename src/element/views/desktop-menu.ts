/**
 * The card's compact menu for the vendor desktop client (docs/800ing-api.md §6): commands that take a number or
 * an extension share one box; the others are plain buttons. Pure template: the element sends.
 * In the lazily loaded extras (src/ui/extras-entry.ts): the card gets it as a `DesktopMenu`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DesktopType } from '../../desktop/types.js';
import type { Lang } from '../../protocol/index.js';
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

/**
 * The menu as the card gets it while offered (DesktopController.menu()): this view, from the
 * extras, with the sender and the language already bound.
 */
export interface DesktopMenu {
  render(view: Omit<DesktopMenuHandlers, 'send'>): TemplateResult;
}

/** The menu's words: only this lazily loaded view uses them, so they are not in the main tables. */
const WORDS = {
  'zh-CN': {
    menu: '客户端',
    transfer: '转接',
    monitor: '监听',
    whisper: '耳语',
    bargeIn: '强插',
    forceHangup: '强拆',
    showWindow: '弹出客户端',
    closePop: '关闭弹窗',
    openCrm: '客户端中打开客户页面',
    askExtension: '坐席号',
  },
  en: {
    menu: 'Desktop',
    transfer: 'Transfer',
    monitor: 'Monitor',
    whisper: 'Whisper',
    bargeIn: 'Barge in',
    forceHangup: 'Force hang-up',
    showWindow: 'Show client',
    closePop: 'Close pop window',
    openCrm: 'Open customer in client',
    askExtension: 'Extension',
  },
} satisfies Record<Lang, Record<string, string>>;

type Words = (typeof WORDS)['en'];

/** Commands that act on a number or extension typed in the menu's box. */
const TARGETED: [DesktopType, keyof Words][] = [
  [DesktopType.Transfer, 'transfer'],
  [DesktopType.Monitor, 'monitor'],
  [DesktopType.Whisper, 'whisper'],
  [DesktopType.BargeIn, 'bargeIn'],
  [DesktopType.ForceHangup, 'forceHangup'],
];

export function renderDesktopMenu(lang: Lang, handlers: DesktopMenuHandlers): TemplateResult {
  const t: Words = WORDS[lang];
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
    <summary>${t.menu}</summary>
    <div class="actions">
      <input name="desktop-target" inputmode="tel" autocomplete="off" aria-label=${t.askExtension} placeholder=${t.askExtension} />
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
        ${t.showWindow}
      </button>
      <button class="small" type="button" data-desktop-type=${DesktopType.ClosePop} @click=${() => quietly(handlers.send(DesktopType.ClosePop))}>
        ${t.closePop}
      </button>
      ${handlers.crmUrl
        ? html`<button
            class="small"
            type="button"
            data-desktop-type=${DesktopType.OpenUrl}
            @click=${() => quietly(handlers.send(DesktopType.OpenUrl, { url: handlers.crmUrl!, caption: handlers.phone }))}
          >
            ${t.openCrm}
          </button>`
        : nothing}
    </div>
  </details>`;
}
