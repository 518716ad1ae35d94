/**
 * startMockServer: the mock 800ing server on a real HTTP port, and the MockServer object that
 * drives its simulated call centre from tests, benchmarks and the CLI.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { MessageKind, type PushRow, type RawMessage } from '../../protocol/index.js';
import { accountInfo, type AccountInfo, type AccountSpec } from './accounts.js';
import { HangupBy, viewCall, type MockCallView } from './calls.js';
import type { InjectOptions, KeysOptions, MockControl, RingOptions, SmsOptions } from './control-api.js';
import type { CrmOptions, CrmSettings } from './crm-http.js';
import { ivrInput, type IvrInputOptions, type IvrResult } from './crm-ivr.js';
import { RingRoute, ringRouted, type RoutedRing } from './crm-navigation.js';
import type { FaultSpec } from './faults.js';
import { createRequestListener } from './http.js';
import { MockState, type AccountRef, type MockMessageEvent } from './mock-state.js';
import { resolveOptions, type MockServerOptions } from './options.js';
import type { PushLog } from './push-log.js';
import type { RequestFilter, RequestLogEntry } from './request-log.js';
import { routeRequest } from './router.js';
import { listen } from '../listen.js';

/** The events a MockServer emits, for tests and benchmarks that need the exact moment. */
export interface MockServerEvents {
  /** A message was stored for an agent (a ring, an answer, a hang-up, an SMS, an injection). */
  message: [event: MockMessageEvent];
  /** A request arrived on an API, report or recording endpoint (control requests are not included). */
  request: [entry: RequestLogEntry];
  /** A push to the CRM was made and recorded (docs/800ing-api.md §5 §2.7), or push_send delivered it again. */
  push: [row: PushRow];
}

/** pushes() reads the log in pages of this size. */
const PUSH_PAGE = 1_000;

function wire(message: RawMessage): RawMessage {
  const { kind, phone, content, time, waterLine } = message;
  return time === undefined ? { kind, phone, content, waterLine } : { kind, phone, content, time, waterLine };
}

export class MockServer extends EventEmitter<MockServerEvents> implements MockControl {
  readonly #state: MockState;
  readonly #http: Server;
  readonly #inFlight = new Set<ServerResponse>();
  #closing: Promise<void> | undefined;
  #url = '';
  #port = 0;

  /** Use startMockServer(); the server is not listening until it resolves. */
  constructor(options: MockServerOptions = {}) {
    super();
    const resolved = resolveOptions(options);
    this.#state = new MockState(resolved, {
      message: (event) => this.emit('message', event),
      request: (entry) => this.emit('request', entry),
      push: (row) => this.emit('push', row),
    });
    const listener = createRequestListener((request) => routeRequest(this.#state, this, request), {
      isClosing: () => this.#closing !== undefined,
      log: resolved.log,
      ...(options?.controlOrigins ? { controlOrigins: options.controlOrigins } : {}),
    });
    this.#http = createServer((req, res) => {
      this.#inFlight.add(res);
      res.on('close', () => {
        this.#inFlight.delete(res);
        // Once the answers released by close() are out, cut the idle keep-alive connections.
        if (this.#closing && this.#inFlight.size === 0) this.#http.closeAllConnections();
      });
      listener(req, res);
    });
  }

  /** Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  get url(): string {
    return this.#url;
  }

  get port(): number {
    return this.#port;
  }

  /** getLongWaterLine requests held right now. */
  get pendingPolls(): number {
    return this.#state.polls.size;
  }

  /** Where push_list / push_send read from; the CRM-push simulation records into it. */
  get pushLog(): PushLog {
    return this.#state.pushLog;
  }

  /** Starts listening; startMockServer calls it. */
  async listen(): Promise<this> {
    const { port, host } = this.#state.options;
    const { port: bound, url } = await listen(this.#http, port, host);
    this.#port = bound;
    this.#url = url;
    return this;
  }

  /** The CRM settings in force (docs/800ing-api.md §5); '' is a URL that is not configured. */
  get crm(): CrmSettings {
    return this.#state.crm.settings;
  }

  /**
   * Points the mock at the CRM's server: the settings named change, the others stay; a URL given
   * as '' (or undefined) is removed. Throws RangeError on a URL that is not http(s).
   */
  configureCrm(options: CrmOptions): CrmSettings {
    return this.#state.crm.configure(options);
  }

  /** An inbound call rings at the agent named by user or extension (kind 2, status 0). */
  ring(options: RingOptions): { cdrId: string } {
    if (!options.user && !options.extension) {
      throw new TypeError('ring() needs user or extension; ringRouted() lets the CRM navigation choose the agent');
    }
    const account = this.#state.findAccount(options);
    const ringOptions: { paramvalue?: string; trunkno?: string } = {};
    if (options.paramvalue !== undefined) ringOptions.paramvalue = options.paramvalue;
    if (options.trunkno !== undefined) ringOptions.trunkno = options.trunkno;
    const call = this.#state.calls.ring(account, options.phone, ringOptions);
    return { cdrId: call.cdrId };
  }

  /**
   * An inbound call for whichever agent the CRM's navigation names (docs/800ing-api.md §5 §2.8): without user
   * and extension it asks `navigationUrl` and falls back to the test account's agent when that
   * fails or is not configured. With user or extension it rings that agent, like ring().
   */
  async ringRouted(options: RingOptions): Promise<RoutedRing> {
    if (options.user || options.extension) {
      const account = this.#state.findAccount(options);
      const { cdrId } = this.ring(options);
      return { cdrId, extension: account.extension, user: account.user, routedBy: RingRoute.Direct };
    }
    const call: { phone: string; trunkno?: string; paramvalue?: string } = { phone: options.phone };
    if (options.trunkno !== undefined) call.trunkno = options.trunkno;
    if (options.paramvalue !== undefined) call.paramvalue = options.paramvalue;
    return ringRouted(this.#state, call);
  }

  /**
   * The caller of inbound call `cdrId` presses `input` in the IVR: the mock asks `ivrUrl`
   * (docs/800ing-api.md §5 §2.10) and follows the answer. Resolves with the decoded answer and the branch taken.
   */
  ivrInput(options: IvrInputOptions): Promise<IvrResult> {
    return ivrInput(this.#state, options);
  }

  /** Resolves once every push queued so far has been delivered (or has failed) and is in the push log. */
  pushesSettled(): Promise<void> {
    return this.#state.pushes.settled();
  }

  /** Every push made so far, oldest first, after waiting for those still under way. */
  async pushes(): Promise<PushRow[]> {
    await this.pushesSettled();
    const all: PushRow[] = [];
    for (let page = 1; ; page++) {
      const { total, rows } = this.#state.pushLog.list({ page, rows: PUSH_PAGE, sort: 'asc', order: 'cdrsId' });
      all.push(...rows);
      if (all.length >= total || rows.length === 0) return all;
    }
  }

  /** The agent picks up a ringing inbound call (status 1). */
  answer(cdrId: string): MockCallView {
    return viewCall(this.#state.calls.answer(cdrId));
  }

  /** The caller (or the far end of an outbound call) hangs up (status 3, final record). */
  hangup(cdrId: string): MockCallView {
    return viewCall(this.#state.calls.hangup(cdrId, HangupBy.Caller));
  }

  /** The far end answers an outbound call that is dialing (status 1). */
  connect(cdrId: string): MockCallView {
    return viewCall(this.#state.calls.connect(cdrId));
  }

  /** An SMS arrives for the agent (kind 4, the text as content). */
  sms(options: SmsOptions): RawMessage {
    const account = this.#state.findAccount(options);
    return wire(account.messages.append({ kind: MessageKind.SmsReceived, phone: options.phone, content: options.text }));
  }

  /** Stores any message exactly as given, content included: for tests of odd server data. */
  inject(options: InjectOptions): RawMessage {
    const account = this.#state.findAccount(options);
    return wire(account.messages.append({ kind: options.kind, phone: options.phone, content: options.content }));
  }

  /** The caller presses IVR keys: in the next getLongWaterLine's keylist and on the call record. */
  keys(options: KeysOptions): void {
    this.#state.pressKey(this.#state.findAccount(options), options.phone, options.key);
  }

  /** Every request seen, oldest first, optionally one user's or one method's. */
  requests(filter?: RequestFilter): RequestLogEntry[] {
    return this.#state.requestLog.list(filter);
  }

  resetLog(): void {
    this.#state.requestLog.clear();
  }

  /** Every call (or one user's), oldest first, with its state and record. */
  calls(user?: string): MockCallView[] {
    const account = user ? this.#state.findAccount({ user }) : undefined;
    return this.#state.calls.list(account).map(viewCall);
  }

  fault(spec: FaultSpec): void {
    this.#state.faults.add(spec);
  }

  faults(): (FaultSpec & { remaining: number })[] {
    return this.#state.faults.list();
  }

  clearFaults(): void {
    this.#state.faults.clear();
  }

  /** Simulates a server restart for one account: its waterlines restart from a smaller value. */
  resetWaterline(ref: string | AccountRef): { waterline: number } {
    const account = this.#state.findAccount(typeof ref === 'string' ? { user: ref } : ref);
    this.#state.restartWaterlines(account);
    return { waterline: account.messages.waterline };
  }

  addAccount(spec: AccountSpec): AccountInfo {
    return accountInfo(this.#state.accounts.add(spec));
  }

  /** Every account, for the CLI's listing. */
  accounts(): AccountInfo[] {
    return this.#state.accounts.all().map(accountInfo);
  }

  /**
   * Stops the server: held polls are answered at once, delays end, every timer is cleared, and
   * the promise resolves when every connection is closed. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closing = new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      this.#state.close();
      this.#http.closeIdleConnections();
      if (this.#inFlight.size === 0) this.#http.closeAllConnections();
    });
    return this.#closing;
  }
}

/** Starts the mock 800ing server; resolves once it is listening. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  return new MockServer(options).listen();
}
