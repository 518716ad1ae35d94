/**
 * The time the cards' timers show, from ONE 1 s ticker shared by every element of the page (like
 * relative-time-element's one observer), running only while some element shows a card: an idle
 * widget renders nothing and runs no timer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const TICK_MS = 1000;

/** The clocks that need ticks now, and the one timer that gives them. */
const ticking = new Set<ClockController>();
let ticker: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  for (const clock of ticking) clock.tick();
}

export class ClockController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #needed: () => boolean;
  /** What the host renders as now (ms since the epoch). */
  now = Date.now();

  /** `needed` says whether the host shows anything that counts time; it is asked at each update. */
  constructor(host: ReactiveControllerHost & HTMLElement, needed: () => boolean) {
    (this.#host = host).addController(this);
    this.#needed = needed;
  }

  /** Joins or leaves the shared ticker before each render, as the host's need changed. */
  hostUpdate(): void {
    if (this.#host.isConnected && this.#needed()) {
      if (ticking.has(this)) return;
      this.now = Date.now();
      ticking.add(this);
      ticker ??= setInterval(tick, TICK_MS);
    } else {
      this.hostDisconnected();
    }
  }

  hostDisconnected(): void {
    ticking.delete(this);
    if (ticking.size > 0 || ticker === undefined) return;
    clearInterval(ticker);
    ticker = undefined;
  }

  tick(): void {
    this.now = Date.now();
    this.#host.requestUpdate();
  }
}
