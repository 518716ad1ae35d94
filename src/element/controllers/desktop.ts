/**
 * The vendor desktop client (docs/800ing-api.md §6) as the element offers it: a command sent to
 * 127.0.0.1:`desktop-port`, and whether the card's desktop menu is offered (the page set
 * `desktop-port`, or the client answered a command).
 */
import type { ReactiveControllerHost } from 'lit';
import { DesktopClient, type AnyDesktopParams, type DesktopType } from '../../desktop/index.js';
import { LocalCode, VoipError } from '../../protocol/index.js';
import { normalizeLang } from '../../ui/i18n.js';

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

  constructor(host: DesktopHost, fail: (error: unknown) => VoipError) {
    this.#host = host;
    this.#fail = fail;
  }

  get offered(): boolean {
    return !!this.#host.desktopPort && (this.#answered || this.#host.hasAttribute('desktop-port'));
  }

  /** Sends `type`; a failure (port 0, the client not running) is shown, fired and thrown. */
  async send(type: number, params: DesktopParams): Promise<void> {
    const port = this.#host.desktopPort;
    if (!port) throw this.#fail(new VoipError(LocalCode.NotConfigured, 'desktop-port is 0: the desktop client is off', { method: 'desktop' }));
    const desktop = new DesktopClient({ port, lang: normalizeLang(this.#host.lang) });
    await desktop.send(type as DesktopType, params as AnyDesktopParams as never).catch((error: unknown) => {
      throw this.#fail(error);
    });
    if (!this.#answered) {
      this.#answered = true;
      this.#host.requestUpdate();
    }
  }
}
