/**
 * The `hotkeys` attribute: Alt+A answers, Alt+H hangs up, Alt+D goes to the number box, anywhere on
 * the page; Escape closes the element's open forms and menus (always from inside the element,
 * page-wide with `hotkeys`). While the agent types in another field of the page only Escape acts.
 * Keys are matched by `code` (the key's place), so Alt+A works on every layout, also macOS's where
 * it types "å".
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface HotkeysHost extends ReactiveControllerHost, HTMLElement {
  hotkeys: boolean;
}

export interface HotkeyActions {
  answer(): void;
  hangup(): void;
  focusDial(): void;
  /** Closes what is open; true when something was. */
  close(): boolean;
}

/** Alt + the key's `code` → the action's name. */
const ALT_KEYS: Record<string, 'answer' | 'hangup' | 'focusDial'> = { KeyA: 'answer', KeyH: 'hangup', KeyD: 'focusDial' };

export class HotkeysController implements ReactiveController {
  readonly #host: HotkeysHost;
  readonly #actions: HotkeyActions;

  constructor(host: HotkeysHost, actions: HotkeyActions) {
    (this.#host = host).addController(this);
    this.#actions = actions;
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.#onKey);
  }

  #onKey = (event: KeyboardEvent): void => {
    const host = this.#host;
    const path = event.composedPath();
    const inside = path.includes(host);
    if (event.key === 'Escape') {
      if ((inside || host.hotkeys) && this.#actions.close()) event.preventDefault();
      return;
    }
    const action = event.altKey && !event.ctrlKey && !event.metaKey ? ALT_KEYS[event.code] : undefined;
    if (!action || !host.hotkeys || event.defaultPrevented || (!inside && isEditable(path[0]))) return;
    event.preventDefault();
    this.#actions[action]();
  };
}

/** A field the agent types in (a box, a text area, contenteditable). */
function isEditable(target: EventTarget | undefined): boolean {
  const el = target as HTMLElement | undefined;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName ?? ''));
}
