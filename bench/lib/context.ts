import type { Browser } from 'playwright';
import { TEST_ACCOUNT } from '../../src/node/index.js';
import type { StaticServer } from './static-server.js';

/** What every measurement gets from bench/run.ts. */
export interface BenchContext {
  /** `--quick`: fewer calls and shorter windows, for trying the bench out; not for the record. */
  quick: boolean;
  /** The page's origin (serves the fixture page and the IIFE read at start). */
  site: StaticServer;
  /** The shared Playwright Chromium (launched on first use). */
  browser(): Promise<Browser>;
  /** One progress line. */
  log(line: string): void;
}

/** The vendor's public test account, which the mock knows. */
export const AGENT = { user: TEST_ACCOUNT.user, password: TEST_ACCOUNT.password } as const;

/** Attributes of the element in the bench page. */
export function elementConfig(server: string, extra: Record<string, string | number> = {}): Record<string, string> {
  const config: Record<string, string> = { server, user: AGENT.user, password: AGENT.password, ringtone: 'off' };
  for (const [k, v] of Object.entries(extra)) config[k] = String(v);
  return config;
}
