/**
 * The one fixture module of the browser tests: the accounts the mock knows, an element on the page
 * with the attributes a test gives, what its shadow root shows, and what the mock saw. The mock
 * server itself is started with ./mock.ts (re-exported here).
 *
 *   const el = await connected({ server: mock.url, user: USER, password: PASSWORD, lang: 'en' });
 *   const cdrId = await ring(mock, '13812345678');
 *   expect(part(el, 'phone')!.textContent).to.equal('13812345678');
 */
import { fixture, waitUntil } from '@open-wc/testing';
import '../../../src/index.js';
import type { VoipSoftphone } from '../../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from './mock.js';

export * from './mock.js';

/** The mock's default agent (extension 8800). */
export const USER = '100008800';
export const PASSWORD = '02367073578';
/** A second agent, for two elements of two accounts on one page. */
export const AGENT_B = { user: '100008802', password: 'agent-b-2', extension: '8802', name: 'Agent B' };

/** An attribute's value: `true` sets it empty, `false` and `undefined` leave it out. */
export type AttributeValue = string | number | boolean | undefined;

/**
 * A `<voip-softphone>` with these attributes (set before it is connected, as a page's markup sets
 * them), in the page.
 */
export async function softphone(attributes: Record<string, AttributeValue>): Promise<VoipSoftphone> {
  const el = document.createElement('voip-softphone');
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== false) el.setAttribute(name, value === true ? '' : String(value));
  }
  return fixture<VoipSoftphone>(el);
}

/** `softphone(attributes)`, once it is online (logged in; its first poll may still be on the way). */
export async function connected(attributes: Record<string, AttributeValue>): Promise<VoipSoftphone> {
  const el = await softphone(attributes);
  await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
  return el;
}

/** The element of `el`'s shadow root that has the part `name`. */
export function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** What a user sees in the status part, trimmed. */
export function statusText(el: VoipSoftphone): string {
  return part(el, 'status')!.textContent!.trim();
}

/** The button of `el` whose text is `text`; throws when there is none. */
export function button(el: Element, text: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

export interface LoggedRequest {
  at: number;
  method: string;
  user: string;
  path: string;
  params: Record<string, string>;
}

/** What the mock saw, oldest first (optionally one user's / one method's). */
export async function requests(mock: MockHandle, filter: { user?: string; method?: string } = {}): Promise<LoggedRequest[]> {
  const params: Record<string, string> = {};
  if (filter.user) params.user = filter.user;
  if (filter.method) params.method = filter.method;
  return (await control<{ requests: LoggedRequest[] }>(mock.url, 'requests', params)).requests;
}

/** Rings `user`'s extension from `phone`; gives the call's cdrId. */
export async function ring(mock: MockHandle, phone: string, user = USER): Promise<string> {
  return (await control<{ cdrId: string }>(mock.url, 'ring', { user, phone })).cdrId;
}

/**
 * Waits until the session has set its base (getLongWaterLine, then recvMsg) and holds its next
 * poll at the mock: a fault added now meets the next request, not the first poll's catch-up.
 * (`status` is already `online` right after the login, before the first poll.)
 */
export async function polling(mock: MockHandle, user = USER): Promise<void> {
  await waitUntil(
    async () => {
      // From the latest login on: a page life that follows another of the same account has its own.
      const all = await requests(mock, { user });
      const seen = all.slice(all.map((r) => r.method).lastIndexOf('getExtension') + 1);
      // The first poll sets the base (with recvMsg when it catches up); the next poll is sent only then.
      const base = seen.findIndex((r) => r.method === 'recvMsg' || r.method === 'getLongWaterLine');
      return base >= 0 && seen.slice(base + 1).some((r) => r.method === 'getLongWaterLine');
    },
    'the session polling',
    { timeout: 5000, interval: 20 },
  );
}

/** Server round trips (an answer, then the poll that tells it) may take a while on a busy machine. */
export const ROUND_TRIPS = { timeout: 5000 };

/**
 * One mock for the whole file (started before, stopped after), and a `ring` whose calls are hung
 * up at the mock after each test, whatever happened, so none leaks into the next test.
 */
export function mockForFile(options: Parameters<typeof startMock>[0]): { readonly mock: MockHandle; ring(phone: string, user?: string): Promise<string> } {
  let mock: MockHandle | undefined;
  const rung: string[] = [];
  before(async () => {
    mock = await startMock(options);
  });
  after(async () => {
    if (mock) await stopMock(mock.port);
  });
  afterEach(async () => {
    for (const cdrId of rung.splice(0)) await control(mock!.url, 'hangup', { cdrId }).catch(() => {});
  });
  return {
    get mock(): MockHandle {
      if (!mock) throw new Error('mockForFile: the mock starts in before()');
      return mock;
    },
    async ring(phone: string, user = USER): Promise<string> {
      const cdrId = await ring(this.mock, phone, user);
      rung.push(cdrId);
      return cdrId;
    },
  };
}
