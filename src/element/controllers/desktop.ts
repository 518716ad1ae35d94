/**
 * The vendor desktop client (docs/800ing-api.md §6) as the element offers it: a command sent to
 * 127.0.0.1:`desktop-port`, and whether the card's desktop menu is offered (the page set
 * `desktop-port`, or the client answered a command). The sender (src/desktop/) is in the lazily
 * loaded extras: no first pop needs it, and loadExtras() has it by the time an agent can use it.
 */
import type { ReactiveControllerHost } from 'lit';
import type { AnyDesktopParams, DesktopType } from '../../desktop/index.js';
import { LocalCode, VoipError } from '../../protocol/index.js';
import { loadedExtras, loadExtras, renderWhenExtrasArrive } from '../../ui/extras.js';
import { normalizeLang } from '../../ui/i18n.js';
import type { DesktopMenu, DesktopMenuHandlers } from '../views/desktop-menu.js';

export interface DesktopHost extends ReactiveControllerHost {
  readonly desktopPort: number;
  readonly lang: string;
  hasAttribute(name: string): boolean;
}

export type DesktopParams = Record<string, string | number | boolean | string[]>;

export class DesktopController {
  readonly #host: DesktopHost;
  readonly #fail: (error: unknown) => VoipError;
  /** The client answered a command: its menu is offered even without a `desktop-port` attribute. */
  #answered = false;
  /** The menu asked for the extras (once: a failed load is picked up by any later one). */
  #menuAsked = false;

  constructor(host: DesktopHost, fail: (error: unknown) => VoipError) {
    this.#host = host;
    this.#fail = fail;
  }

  get offered(): boolean {
    return !!this.#host.desktopPort && (this.#answered || this.#host.hasAttribute('desktop-port'));
  }

  /**
   * The card's desktop menu while it is offered, sending with `send`; undefined until its view
   * arrived with the extras (normally already there: they load right after the login). Asked for
   * once per element, not at every render (the call timer renders each second); after a failed
   * load the menu shows as soon as any later load (the next login's) brings the extras.
   */
  menu(send: DesktopMenuHandlers['send']): DesktopMenu | undefined {
    if (!this.offered) return undefined;
    const render = loadedExtras()?.renderDesktopMenu;
    if (render) return { render: (view) => render(normalizeLang(this.#host.lang), { ...view, send }) };
    if (!this.#menuAsked) {
      this.#menuAsked = true;
      renderWhenExtrasArrive(this.#host);
    }
    return undefined;
  }

  /** Sends `type`; a failure (port 0, the client not running) is shown, fired and thrown. */
  async send(type: number, params: DesktopParams): Promise<void> {
    const port = this.#host.desktopPort;
    if (!port) throw this.#fail(new VoipError(LocalCode.NotConfigured, 'desktop-port is 0: the desktop client is off', { method: 'desktop' }));
    try {
      const { DesktopClient } = await loadExtras();
      const desktop = new DesktopClient({ port, lang: normalizeLang(this.#host.lang) });
      await desktop.send(type as DesktopType, params as AnyDesktopParams as never);
    } catch (error) {
      throw this.#fail(error);
    }
    if (!this.#answered) {
      this.#answered = true;
      this.#host.requestUpdate();
    }
  }
}
