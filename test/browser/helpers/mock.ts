/**
 * The mock 800ing server (and the mock desktop client) from browser tests: each is a real Node
 * server on an ephemeral 127.0.0.1 port, started by web-test-runner.config.mjs's server commands.
 * Start one per test file and stop it in `after`:
 *
 *   let mock: MockHandle;
 *   before(async () => { mock = await startMock({ holdMs: 3000 }); });
 *   after(() => stopMock(mock.port));
 *   const { cdrId } = await control<{ cdrId: string }>(mock.url, 'ring', { user, phone });
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { MockServerOptions } from '../../../src/node/index.js';
import type { DesktopCommand, MockDesktopOptions } from '../../../src/node/mock-desktop.js';

/** Where a started server listens. */
export interface MockHandle {
  /** Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  port: number;
}

/** The options that survive the trip to Node as JSON (no clock, log or push log functions). */
export type BrowserMockOptions = Pick<
  MockServerOptions,
  'holdMs' | 'outboundConnectMs' | 'idSeed' | 'accounts' | 'areas' | MockDialectOption
>;

/** The options that switch the mock to one of the real server's variants (spec §7.1). */
export type MockDialectOption = 'noRecord' | 'stringCodes' | 'hangupStatus' | 'pollCursor' | 'waterLineParam';

/** Each variant of the real server the mock can speak, by name (README "How the mock speaks"). */
export const MOCK_DIALECTS: Record<string, Pick<MockServerOptions, MockDialectOption>> = {
  '§7.1 defaults': {},
  'as the real server, ignoring our waterLine': { waterLineParam: false },
  'calls without a record (cdrId -1)': { noRecord: true, waterLineParam: false },
  'status and code as strings': { stringCodes: true, waterLineParam: false },
  'hang-up always 2': { hangupStatus: 2, waterLineParam: false },
  'hang-up always 3': { hangupStatus: 3, waterLineParam: false },
  'a cursor per account': { pollCursor: 'account', waterLineParam: false },
};

/** Every control answer: `code` 0 and `message` 'OK', then the route's own fields. */
export interface ControlAnswer {
  code: number;
  message: string;
  [field: string]: unknown;
}

export type ControlParams = Record<string, string | number | boolean>;

/** Starts a new mock 800ing server for this test file. */
export function startMock(options: BrowserMockOptions = {}): Promise<MockHandle> {
  return executeServerCommand<MockHandle, BrowserMockOptions>('mock-start', options);
}

/** Stops a server that startMock started; held polls are answered and every connection closed. */
export async function stopMock(port: number): Promise<void> {
  await executeServerCommand<{ stopped: boolean }, { port: number }>('mock-stop', { port });
}

export type BrowserMockDesktopOptions = Pick<MockDesktopOptions, 'delayMs' | 'refuse'>;

/** Starts a new mock desktop client (the control port the vendor's desktop softphone would open). */
export function startMockDesktop(options: BrowserMockDesktopOptions = {}): Promise<MockHandle> {
  return executeServerCommand<MockHandle, BrowserMockDesktopOptions>('mock-desktop-start', options);
}

export async function stopMockDesktop(port: number): Promise<void> {
  await executeServerCommand<{ stopped: boolean }, { port: number }>('mock-desktop-stop', { port });
}

/** The commands a mock desktop client received, oldest first; `clear` forgets them afterwards. */
export async function desktopCommands(port: number, { clear = false } = {}): Promise<DesktopCommand[]> {
  const { commands } = await executeServerCommand<{ commands: DesktopCommand[] }, { port: number; clear: boolean }>(
    'mock-desktop-commands',
    { port, clear },
  );
  return commands;
}

/**
 * Calls the mock's control API (`/mock/ring`, `/mock/answer`, `/mock/hangup`, `/mock/requests`,
 * `/mock/fault`…; it answers with CORS) and returns its JSON answer. Throws when the answer's
 * `code` is not 0: a control call that fails is a broken test, not a result.
 */
export async function control<T extends object = ControlAnswer>(
  mockUrl: string,
  path: string,
  params: ControlParams = {},
): Promise<T & ControlAnswer> {
  const url = new URL(`/mock/${path.replace(/^\/?(mock\/)?/, '')}`, mockUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
  const response = await fetch(url, { cache: 'no-store' });
  const body = (await response.json()) as T & ControlAnswer;
  if (body.code !== 0) throw new Error(`control ${url.pathname} answered code ${body.code}: ${body.message}`);
  return body;
}
