/**
 * Chromium for the bench: the one scripts/find-chromium.mjs finds, headless, with the project's
 * flags. Two ways to start it:
 *  - launchBrowser(): Playwright's own launch. Playwright keeps every page "visible" and turns
 *    background throttling off (--disable-background-timer-throttling and friends): right for
 *    every latency figure, wrong for the hidden-page figure.
 *  - launchThrottlingBrowser(): Chromium started by us with throttling left on and forced early,
 *    attached with connectOverCDP({ noDefaults: true }) so Playwright does not enable focus
 *    emulation (which would keep every page visible); a page behind a newer tab is then really
 *    `document.visibilityState === 'hidden'`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import type { PopRecord, PageStats } from './page-api.js';

let executable: string | undefined;
export function chromiumPath(): string {
  return (executable ??= findChromium({ install: true }));
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
}

export interface ThrottlingBrowser {
  browser: Browser;
  context: BrowserContext;
  /** The switches Chromium was started with (for the report). */
  args: string[];
  close(): Promise<void>;
}

/**
 * Chromium with intensive wake-up throttling (the "once a minute after five minutes hidden" rule)
 * starting after `graceSeconds` of being hidden instead of 300.
 */
export async function launchThrottlingBrowser(graceSeconds: number): Promise<ThrottlingBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'voip-bench-chromium-'));
  const args = [
    ...CHROMIUM_ARGS,
    '--headless',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    `--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/${graceSeconds}`,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    'about:blank',
  ];
  const child: ChildProcess = spawn(chromiumPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not print its DevTools endpoint: ${output.slice(-500)}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited with ${code}: ${output.slice(-500)}`));
    });
  });
  child.stderr!.resume();
  // Never outlive the bench, whatever happens to it.
  const kill = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const context = browser.contexts()[0]!;
  return {
    browser,
    context,
    args: args.filter((a) => !a.startsWith('--user-data-dir') && a !== 'about:blank'),
    close: async () => {
      process.off('exit', kill);
      await browser.close().catch(() => {});
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch {
        /* a helper process still writing: the OS cleans tmp */
      }
    },
  };
}

type Waiter<T> = { resolve: (value: T) => void; timer: NodeJS.Timeout };

/** A page of the fixture, with the pops and hang-ups it reports, by phone number. */
export class BenchPage {
  readonly page: Page;
  readonly #pops = new Map<string, PopRecord>();
  readonly #popWaiters = new Map<string, Waiter<PopRecord | null>>();
  readonly #hangups = new Map<string, number>();
  readonly #hangupWaiters = new Map<string, Waiter<number | null>>();

  private constructor(page: Page) {
    this.page = page;
  }

  /** Opens `url` in a new page of `context`; the page reports to Node from its first script on. */
  static async open(context: BrowserContext, url: string): Promise<BenchPage> {
    const page = await context.newPage();
    const bench = new BenchPage(page);
    await page.exposeFunction('__benchReport', (kind: string, data: unknown) => bench.#onReport(kind, data));
    // Not 'load': JSONP scripts the widget appends before the load event hold it back (see README).
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return bench;
  }

  #onReport(kind: string, data: unknown): void {
    if (kind === 'pop') {
      const rec = data as PopRecord;
      const waiter = this.#popWaiters.get(rec.phone);
      if (waiter) {
        clearTimeout(waiter.timer);
        this.#popWaiters.delete(rec.phone);
        waiter.resolve(rec);
      } else {
        this.#pops.set(rec.phone, rec);
      }
    } else if (kind === 'hangup') {
      const { phone, eventAt } = data as { phone: string; eventAt: number };
      const waiter = this.#hangupWaiters.get(phone);
      if (waiter) {
        clearTimeout(waiter.timer);
        this.#hangupWaiters.delete(phone);
        waiter.resolve(eventAt);
      } else {
        this.#hangups.set(phone, eventAt);
      }
    }
  }

  /** The pop of the call from `phone`; null when it does not come within `timeoutMs`. */
  pop(phone: string, timeoutMs: number): Promise<PopRecord | null> {
    const seen = this.#pops.get(phone);
    if (seen) {
      this.#pops.delete(phone);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#popWaiters.delete(phone);
        resolve(null);
      }, timeoutMs);
      this.#popWaiters.set(phone, { resolve, timer });
    });
  }

  /** When the page saw the hang-up of the call from `phone` (its Date.now()); null on timeout. */
  hangup(phone: string, timeoutMs: number): Promise<number | null> {
    const seen = this.#hangups.get(phone);
    if (seen !== undefined) {
      this.#hangups.delete(phone);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#hangupWaiters.delete(phone);
        resolve(null);
      }, timeoutMs);
      this.#hangupWaiters.set(phone, { resolve, timer });
    });
  }

  waitOnline(timeoutMs = 15_000): Promise<boolean> {
    return Promise.race([
      this.page.evaluate(() => window.__bench.waitOnline()),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
    ]);
  }

  stats(): Promise<PageStats> {
    return this.page.evaluate(() => window.__bench.stats());
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
