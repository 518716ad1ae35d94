/**
 * `crm-open="tab"` / `"desktop"`: opens the CRM page of a call that starts ringing, in a new tab or
 * in the desktop client's pop window. The element asks once per call for the account, from the tab
 * that polls (see SessionController's role), and once per call across the page's lives: moving to
 * another CRM page or reloading during a call does not open it again (see CallLedger).
 */
import type { ReactiveControllerHost } from 'lit';
import { DESKTOP_OPEN_URL } from '../../desktop/types.js';
import { LocalCode, VoipError } from '../../protocol/index.js';
import { CallLedger } from '../../session/call-ledger.js';
import type { Call } from '../../session/index.js';

export type CrmOpen = 'link' | 'tab' | 'desktop';

/** The calls popped in this origin, by account and call (one entry shared by every tab and element). */
const popped = new CallLedger('voip-softphone:crm-popped');

export interface CrmPopHost extends ReactiveControllerHost {
  crmOpen: CrmOpen;
  /** The account (server and user) the pops are remembered for. */
  server: string;
  user: string;
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

  /**
   * Opens `url` (`call`'s filled `crm-url`, null when none) as `crm-open` says, unless this origin
   * already popped `call`; `caption` titles a desktop pop.
   */
  pop(call: Call, url: string | null, caption: string): void {
    const how = this.#host.crmOpen;
    if (!url || how === 'link') return;
    // Remembered before opening: a blocked pop-up is not retried by the next page either (its
    // card's link stands out, and a page without the user's gesture would be blocked again).
    if (!popped.claim(`${this.#host.server}|${this.#host.user}`, call)) return;
    if (how === 'desktop') {
      // The desktop client's pop window shows the customer; a failure is shown by desktop().
      this.#host.desktop(DESKTOP_OPEN_URL, { url, caption }).catch(() => {});
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
