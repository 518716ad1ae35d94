import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { voipEvent } from '../../ui/events.js';

export interface ClickToDialOptions {
  /** True while `tel:` links should dial through the host: `click-to-dial` is on and it is online. */
  active: () => boolean;
  /** Dials the number (the host's `dial()`; its failures are the host's to show). */
  dial: (phone: string) => void;
}

/**
 * The number of a `tel:` URL, normalised only as far as the server needs (RFC 3966): decoded,
 * parameters (`;ext=…`, `;phone-context=…`) dropped, visual separators (spaces, `-`, `.`,
 * brackets) removed, a leading `+` kept. Anything else is left for `dial()` to accept or refuse.
 */
export function telNumber(href: string): string {
  const number = href.replace(/^tel:/i, '').split(/[;?#]/)[0]!;
  let decoded = number;
  try {
    decoded = decodeURIComponent(number);
  } catch {
    /* a stray % : the text as written */
  }
  return decoded.replace(/[\s\-.()[\]]/g, '');
}

/** The `tel:` link a click went through, if any (the composed path reaches into open shadow roots). */
function telLinkOf(event: Event): HTMLAnchorElement | HTMLAreaElement | undefined {
  for (const node of event.composedPath()) {
    if ((node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement) && node.protocol === 'tel:') return node;
  }
  return undefined;
}

/**
 * `click-to-dial`: a click on any `tel:` link of the page dials through the host while it is
 * active. One capturing listener on the document rather than one per link, so links in open
 * shadow roots and links added later are covered, and it runs before the page's own handlers
 * on the link. The host first fires a cancelable `voip-dial`; `preventDefault()` on it, or an
 * inactive host, leaves the link to the browser.
 */
export class ClickToDialController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ClickToDialOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ClickToDialOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('click', this.#onClick, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('click', this.#onClick, true);
  }

  #onClick = (event: MouseEvent): void => {
    // A modified or non-primary click means "open it elsewhere / copy it": the browser's to handle.
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (!this.#options.active()) return;
    const link = telLinkOf(event);
    const phone = link && telNumber(link.href);
    if (!phone) return;
    if (!this.#host.dispatchEvent(voipEvent('voip-dial', { phone }, true))) return;
    event.preventDefault();
    this.#options.dial(phone);
  };
}
