/**
 * Shared by the fault suite (test/browser/faults/*.test.ts): what every case asserts afterwards —
 * the exact call events, the visible status, and that nothing leaked (JSONP scripts and
 * callbacks, timers, requests after the element is gone).
 */
import { expect } from '@open-wc/testing';
import { isVoipError, type VoipError, type VoipSoftphone } from '../../../src/index.js';
import { connected, control, PASSWORD, polling, startMock, stopMock, USER, type BrowserMockOptions, type MockHandle } from '../helpers/fixture.js';

// The helpers every browser test shares, for the fault suite's imports.
export { AGENT_B, PASSWORD, USER, part, polling, requests, ring, statusText, type LoggedRequest } from '../helpers/fixture.js';

/** The JSONP transport's global callbacks start with this (src/transport/jsonp.ts). */
export const JSONP_PREFIX = '__voipJsonp_';

/** Every call event of `el` as `ring:phone`, `answer:phone`, `hangup:phone`, and every error code. */
export function record(el: EventTarget): { events: string[]; errors: number[]; statuses: string[] } {
  const seen = { events: [] as string[], errors: [] as number[], statuses: [] as string[] };
  for (const type of ['voip-ring', 'voip-answer', 'voip-hangup'] as const) {
    el.addEventListener(type, (e) => {
      seen.events.push(`${type.slice(5)}:${(e as CustomEvent<{ call: { phone: string } }>).detail.call.phone}`);
    });
  }
  el.addEventListener('voip-error', (e) => seen.errors.push((e as CustomEvent<{ error: { code: number } }>).detail.error.code));
  el.addEventListener('voip-status', (e) => seen.statuses.push((e as CustomEvent<{ status: string }>).detail.status));
  return seen;
}

/** `['a', 'a', 'b', 'a']` → `['a', 'b', 'a']`: a status shown again with a new error is the same status to the eye. */
export function collapse<T>(values: T[]): T[] {
  return values.filter((value, i) => i === 0 || values[i - 1] !== value);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `<script>` elements the JSONP transport left in the document (it removes each one at once). */
export function jsonpScripts(mock: MockHandle): HTMLScriptElement[] {
  return [...document.querySelectorAll<HTMLScriptElement>('script[src]')].filter((s) => s.src.startsWith(mock.url));
}

/** JSONP callbacks still defined on window. */
export function jsonpGlobals(): string[] {
  return Object.keys(window).filter((key) => key.startsWith(JSONP_PREFIX));
}

export interface OnlineOptions {
  user?: string;
  password?: string;
  lang?: string;
  pollInterval?: number;
  desktopPort?: number;
  shareTabs?: boolean;
}

/** A connected element, online and polling. */
export async function online(mock: MockHandle, options: OnlineOptions = {}): Promise<VoipSoftphone> {
  const el = await connected({
    server: mock.url,
    user: options.user ?? USER,
    password: options.password ?? PASSWORD,
    lang: options.lang ?? 'en',
    'poll-interval': options.pollInterval ?? 50,
    'desktop-port': options.desktopPort ?? 0,
    'share-tabs': options.shareTabs === false ? 'false' : 'true',
    ringtone: 'off',
  });
  await polling(mock, options.user ?? USER);
  await el.updateComplete;
  return el;
}

type TimerName = 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval';

/**
 * Counts the live timers (setTimeout not yet fired or cleared, setInterval not cleared) that the
 * package's own code (a `/src/` module) creates while it is installed. `live()` names each one by
 * the line that created it.
 */
export class TimerCounter {
  readonly #live = new Map<unknown, string>();
  readonly #originals = {
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout,
    setInterval: window.setInterval,
    clearInterval: window.clearInterval,
  };

  install(): this {
    const live = this.#live;
    // The page's own timer functions, typed loosely: the DOM and Node typings of setTimeout differ.
    const o = this.#originals as unknown as Record<TimerName, (...args: unknown[]) => number>;
    // Only timers our package creates: the test helpers' own (waitUntil never clears its
    // timeout timer) are not the widget's business.
    const ours = (): string | undefined => {
      const stack = (new Error().stack ?? '').split('\n').slice(2);
      const line = stack.find((l) => l.includes(`${location.origin}/src/`));
      return line?.trim();
    };
    const patched = {
      setTimeout: (handler: unknown, ms?: number, ...args: unknown[]): number => {
        const run = typeof handler === 'function' ? (handler as (...a: unknown[]) => void) : () => undefined;
        const id = o.setTimeout.call(
          window,
          (...a: unknown[]) => {
            live.delete(id);
            run(...a);
          },
          ms,
          ...args,
        );
        const where = ours();
        if (where) live.set(id, `timeout ${ms}ms ${where}`);
        return id;
      },
      clearTimeout: (id?: number): void => {
        live.delete(id);
        o.clearTimeout.call(window, id);
      },
      setInterval: (handler: unknown, ms?: number, ...args: unknown[]): number => {
        const id = o.setInterval.call(window, handler, ms, ...args);
        const where = ours();
        if (where) live.set(id, `interval ${ms}ms ${where}`);
        return id;
      },
      clearInterval: (id?: number): void => {
        live.delete(id);
        o.clearInterval.call(window, id);
      },
    };
    Object.assign(window, patched);
    return this;
  }

  uninstall(): void {
    Object.assign(window, this.#originals);
  }

  /** Timers still pending, described. */
  live(): string[] {
    return [...this.#live.values()];
  }
}

/**
 * Collects the page's uncaught errors (window 'error' and unhandled rejections) while installed,
 * instead of letting mocha fail the test on them, so a case can assert there were none.
 */
export class PageErrors {
  readonly errors: string[] = [];
  #previous: OnErrorEventHandler = null;
  readonly #onRejection = (event: PromiseRejectionEvent): void => {
    event.preventDefault();
    this.errors.push(`unhandled rejection: ${String(event.reason)}`);
  };

  install(): this {
    this.#previous = window.onerror;
    window.onerror = (message) => {
      this.errors.push(String(message));
      return true;
    };
    window.addEventListener('unhandledrejection', this.#onRejection);
    return this;
  }

  uninstall(): void {
    window.onerror = this.#previous;
    window.removeEventListener('unhandledrejection', this.#onRejection);
  }
}

/** What each test of a fault `describe` works with. */
export interface FaultFixture {
  mock: MockHandle;
  timers: TimerCounter;
  errors: PageErrors;
}

/**
 * For the calling `describe`: before each test a fresh mock server started with `options`, the
 * page's timers counted and its uncaught errors collected (all handed to `use`); after the test
 * both watchers removed, the mock's faults cleared (a delayed answer ends now) and the mock stopped.
 */
export function faultFixtureEachTest(options: BrowserMockOptions, use: (fixture: FaultFixture) => void): void {
  let fixture: FaultFixture | undefined;
  beforeEach(async () => {
    fixture = { mock: await startMock(options), timers: new TimerCounter().install(), errors: new PageErrors().install() };
    use(fixture);
  });
  afterEach(async () => {
    if (!fixture) return;
    const { mock, timers, errors } = fixture;
    fixture = undefined;
    errors.uninstall();
    timers.uninstall();
    await control(mock.url, 'fault/clear');
    await stopMock(mock.port);
  });
}

/** The VoipError a promise rejects with; fails when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    expect(isVoipError(error), String(error)).to.equal(true);
    return error as VoipError;
  }
  throw new Error('expected a rejection');
}
