/**
 * Moving the dock (`mode="dock"`): dragging its header with the pointer, the arrow keys on its
 * move handle. In the lazily loaded extras (src/ui/extras-entry.ts); DockController, in the main
 * file, places the dock and remembers where it is, and hands these moves what they need.
 */

/** Where the dock sits: the gap between its bottom-right corner and the viewport's, in px. */
export interface Offset {
  right: number;
  bottom: number;
}

/** How far an arrow key moves the dock, and with Shift. */
export const DOCK_KEY_STEP = 10;
export const DOCK_KEY_STEP_LARGE = 50;

/** While a drag is on, the header listens to these (the pointer is captured there). */
const DRAG_EVENTS = ['pointermove', 'pointerup', 'pointercancel'] as const;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** What DockController gives the moves. */
export interface DockMover {
  /** Moves happen only while the host is docked. */
  docked(): boolean;
  /** Where the dock is now. */
  current(): Offset;
  /** Puts the dock where the user wants it, as near as the viewport allows. */
  moveTo(wanted: Offset): void;
  /** Remembers the place (at the end of a drag, after a key). */
  persist(): void;
}

export interface DockMoves {
  onPointerDown(event: PointerEvent): void;
  onKeyDown(event: KeyboardEvent): void;
}

export function dockMoves(dock: DockMover): DockMoves {
  /** The drag in progress: where the pointer and the dock were when it started. */
  let drag: { x: number; y: number; from: Offset } | null = null;

  /** The captured pointer moves the dock; its release (or cancel) ends the drag and remembers the place. */
  const onDrag = (event: PointerEvent): void => {
    if (event.type === 'pointermove') {
      if (drag) dock.moveTo({ right: drag.from.right - (event.clientX - drag.x), bottom: drag.from.bottom - (event.clientY - drag.y) });
      return;
    }
    const handle = event.currentTarget as HTMLElement;
    for (const type of DRAG_EVENTS) handle.removeEventListener(type, onDrag);
    drag = null;
    dock.persist(); // the capture ends by itself with the pointer's release
  };

  return {
    // A primary-button drag, not one starting on another control (the move handle is one).
    onPointerDown(event) {
      const handle = event.currentTarget as HTMLElement;
      const control = (event.target as Element).closest('button, input, a, select, textarea, summary');
      if (!dock.docked() || !event.isPrimary || event.button !== 0 || (control && !control.hasAttribute('data-drag-handle'))) return;
      event.preventDefault(); // no text selection while dragging
      drag = { x: event.clientX, y: event.clientY, from: dock.current() };
      handle.setPointerCapture(event.pointerId);
      for (const type of DRAG_EVENTS) handle.addEventListener(type, onDrag);
    },
    onKeyDown(event) {
      const arrow = ARROWS[event.key];
      if (!dock.docked() || !arrow || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault(); // not the page's scroll
      const step = event.shiftKey ? DOCK_KEY_STEP_LARGE : DOCK_KEY_STEP;
      const from = dock.current();
      dock.moveTo({ right: from.right - arrow[0] * step, bottom: from.bottom - arrow[1] * step });
      dock.persist();
    },
  };
}
