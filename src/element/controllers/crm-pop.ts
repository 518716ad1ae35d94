/**
 * `crm-open="tab"` / `"desktop"`: opens the CRM page of a call that starts ringing, in a new tab or
 * in the desktop client's pop window. The element asks once per call for the account, from the tab
 * that polls (see SessionController's role).
 */
import type { ReactiveControllerHost } from 'lit';
import { DesktopType } from '../../desktop/index.js';
import { LocalCode, VoipError } from '../../protocol/index.js';

export type CrmOpen = 'link' | 'tab' | 'desktop';

export interface CrmPopHost extends ReactiveControllerHost {
  crmOpen: CrmOpen;
  desktop(type: number, params: Record<string, string>): Promise<void>;
}

export class CrmPopController {
  readonly #host: CrmPopHost;
  readonly #fail: (error: VoipError) => void;
  /** The pop-up was blocked: the card's CRM link stands out instead. */
  blocked = false;

  constructor(host: CrmPopHost, fail: (error: VoipError) => void) {
    this.#host = host;
    this.#fail = fail;
  }

  /** Opens `url` (the call's filled `crm-url`, null when none) as `crm-open` says; `caption` titles a desktop pop. */
  pop(url: string | null, caption: string): void {
    const how = this.#host.crmOpen;
    if (!url) return;
    if (how === 'desktop') {
      // The desktop client's pop window shows the customer; a failure is shown by desktop().
      this.#host.desktop(DesktopType.OpenUrl, { url, caption }).catch(() => {});
    } else if (how === 'tab') {
      // Not `noopener` in the features: with it, window.open returns null even when the tab
      // opened, and a blocked pop-up could not be told apart. The opener is cut by hand instead.
      const opened = window.open(url, '_blank');
      if (opened) {
        opened.opener = null;
      } else {
        this.blocked = true;
        this.#fail(new VoipError(LocalCode.PopupBlocked, undefined, { method: 'crm-open' }));
      }
    }
  }

  /** A new call rings: its link is not the one a blocked pop-up highlighted. */
  reset(): void {
    this.blocked = false;
  }
}
