import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadedExtras, renderWhenExtrasArrive } from '../../ui/extras.js';
import type { DockMoves, Offset } from './dock-moves.js';

/** The one localStorage key of the dock, for the whole origin: where it sits and whether it is minimised. */
export const DOCK_STORAGE_KEY = 'voip-softphone:dock';
/** The least gap between the dock and any edge of the viewport, in px. */
export const DOCK_EDGE_MARGIN = 8;
/** The attribute the host carries while minimised to its badge (a styling hook, set by this controller). */
export const MINIMIZED_ATTRIBUTE = 'minimized';

interface Saved {
  offset: Offset | null;
  minimized: boolean;
}

type DockHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** What the origin remembers; anything unreadable or malformed counts as nothing remembered. */
function load(): Saved {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(DOCK_STORAGE_KEY) ?? 'null');
    if (saved && typeof saved === 'object') {
      const { offset, minimized } = saved as Partial<Saved>;
      // Number.isFinite is false for anything not a number: a string or null is no position.
      const valid = offset && Number.isFinite(offset.right) && Number.isFinite(offset.bottom);
      return { offset: valid ? { right: offset.right, bottom: offset.bottom } : null, minimized: minimized === true };
    }
  } catch {
    /* corrupt JSON or storage off: the defaults */
  }
  return { offset: null, minimized: false };
}

function save(saved: Saved): void {
  try {
    localStorage.setItem(DOCK_STORAGE_KEY, JSON.stringify(saved));
  } catch {
    /* storage full or off: the dock still works, it just forgets */
  }
}

/** The viewport a fixed box lives in (without scrollbars). */
function viewport(): { width: number; height: number } {
  return { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
}

const clamp = (value: number, max: number): number => Math.max(DOCK_EDGE_MARGIN, Math.min(value, max));

/**
 * `mode="dock"`: the host fixed in a corner of the viewport (dock.styles.ts; bottom-right until
 * moved), moved by dragging its header or with the arrow keys on its move handle, minimised to a
 * badge and opened again, opened by `reveal()` when a call rings. Position and minimised state are
 * remembered for the origin and the host is kept clear of the viewport's edges. Anchored by its
 * bottom-right corner, like the default: it grows upwards and leftwards when a card appears, and
 * the badge stays where the corner of the panel was. Inactive (no listeners' effect, no inline
 * style) while `docked()` is false. Moving it (pointer and keys, ./dock-moves.ts) comes with the
 * lazily loaded extras, asked for at the first docked render: until they arrive (a moment after
 * the page loads) the header does not drag; everything else works from the start.
 */
export class DockController implements ReactiveController {
  readonly #host: DockHost;
  readonly #docked: () => boolean;
  #offset: Offset | null;
  #minimized: boolean;
  /** Drag and arrow-key moves, once the extras brought them. */
  #moves: DockMoves | undefined;
  #movesAsked = false;
  /** True while the host carries an inline position of ours. */
  #placed = false;

  constructor(host: DockHost, docked: () => boolean) {
    this.#host = host;
    this.#docked = docked;
    ({ offset: this.#offset, minimized: this.#minimized } = load());
    host.addController(this);
  }

  /** True while the dock is shrunk to its badge (never in inline mode). */
  get minimized(): boolean {
    return this.#docked() && this.#minimized;
  }

  hostConnected(): void {
    window.addEventListener('resize', this.#keepInView);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.#keepInView);
  }

  /** Places the host after each render: its size may have changed (a card, the badge). */
  hostUpdated(): void {
    const docked = this.#docked();
    this.#host.toggleAttribute(MINIMIZED_ATTRIBUTE, docked && this.#minimized);
    if (docked) this.#keepInView();
    else this.#place(null);
    if (docked && !this.#moves) this.#useMoves();
  }

  /**
   * The moves, from the extras once they are there (then one more render enables the handle).
   * Asked for once per element; after a failed load any later one (the next login's) brings them.
   */
  #useMoves(): void {
    const extras = loadedExtras();
    if (extras) {
      this.#moves = extras.dockMoves({
        docked: this.#docked,
        current: () => this.#currentOffset(),
        moveTo: (wanted) => this.#moveTo(wanted),
        persist: () => this.#persist(),
      });
      this.#host.requestUpdate(); // the move handle is enabled
    } else if (!this.#movesAsked) {
      this.#movesAsked = true;
      renderWhenExtrasArrive(this.#host);
    }
  }

  /** The dock can be moved: false until the moves arrived with the extras. */
  get movable(): boolean {
    return this.#moves !== undefined;
  }

  /** Shrinks the dock to its badge and moves focus there (a user action). */
  minimize(): void {
    this.#setMinimized(true, 'badge');
  }

  /** Opens the dock from its badge and moves focus to its minimise button (a user action). */
  restore(): void {
    this.#setMinimized(false, 'minimize-button');
  }

  /** Opens the dock without moving focus: the host calls it when a call rings. */
  reveal(): void {
    if (this.#minimized) this.#setMinimized(false);
  }

  /** For the header: a primary-button drag (not one starting on another control) moves the dock. */
  onPointerDown = (event: PointerEvent): void => this.#moves?.onPointerDown(event);

  /** For the move handle: arrow keys move the dock (Shift: further). */
  onKeyDown = (event: KeyboardEvent): void => this.#moves?.onKeyDown(event);

  #setMinimized(minimized: boolean, focusPart?: string): void {
    this.#minimized = minimized;
    this.#persist();
    this.#host.requestUpdate();
    if (focusPart) {
      void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(`[part~="${focusPart}"]`)?.focus());
    }
  }

  /** Where the dock is now (from its box, so the CSS default corner counts too). */
  #currentOffset(): Offset {
    const box = this.#host.getBoundingClientRect();
    const { width, height } = viewport();
    return { right: width - box.right, bottom: height - box.bottom };
  }

  /** Moves to where the user wants it, as near as the viewport allows with its margin. */
  #moveTo(wanted: Offset): void {
    this.#offset = this.#clamped(wanted);
    this.#place(this.#offset);
  }

  /** `wanted`, pulled inside the viewport's margins for the host's current size. */
  #clamped(wanted: Offset): Offset {
    const { width, height } = viewport();
    const box = this.#host.getBoundingClientRect();
    return {
      right: clamp(wanted.right, width - box.width - DOCK_EDGE_MARGIN),
      bottom: clamp(wanted.bottom, height - box.height - DOCK_EDGE_MARGIN),
    };
  }

  /**
   * The viewport or the host changed size: a moved dock is shown inside the margins, while the
   * place the user chose is kept (the dock goes back there when the window grows again).
   */
  #keepInView = (): void => {
    if (this.#docked() && this.#offset) this.#place(this.#clamped(this.#offset));
  };

  #place(offset: Offset | null): void {
    // Only ever clears what it set: an inline host's own style is the page's.
    if (!offset && !this.#placed) return;
    this.#placed = offset !== null;
    const style = this.#host.style;
    style.right = offset ? `${offset.right}px` : '';
    style.bottom = offset ? `${offset.bottom}px` : '';
  }

  #persist(): void {
    save({ offset: this.#offset, minimized: this.#minimized });
  }
}
