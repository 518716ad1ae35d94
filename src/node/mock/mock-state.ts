/**
 * Everything the mock server knows, in one place: accounts and their messages, calls, held polls,
 * faults, the request log and the push log. The API methods, the report endpoints and the control
 * API all work on this one object.
 */
import { CheckStatus, Method, ResultCode, VoipError, type PushRow, type RawMessage } from '../../protocol/index.js';
import { AgentStatusText } from '../../protocol/agent-status.js';
import { AccountBook, type Account } from './accounts.js';
import { toWireMessage } from './call-content.js';
import { CallSimulator, MockCallState, type MockCall } from './calls.js';
import { CrmConfig } from './crm-http.js';
import { PushSender } from './crm-push.js';
import { FaultTable } from './faults.js';
import { LongPollHub } from './long-poll.js';
import type { ResolvedMockOptions } from './options.js';
import { MemoryPushLog, type PushLog } from './push-log.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';

/** Emitted the moment a message is stored for an agent (a ring, an answer, an SMS…). */
export interface MockMessageEvent {
  user: string;
  extension: string;
  /** As recvMsg will answer it. */
  message: RawMessage & { time: number };
}

export interface MockStateHooks {
  message(event: MockMessageEvent): void;
  request(entry: RequestLogEntry): void;
  /** A push to the CRM was recorded, or its row changed after push_send. */
  push(row: PushRow): void;
}

/** Names an agent: by `sa_user` or by extension. */
export interface AccountRef {
  user?: string;
  extension?: string;
}

/** The loadmonitor `statustext` of an agent: defined with the protocol, where the client reads it. */
export { AgentStatusText };

export class MockState {
  readonly options: ResolvedMockOptions;
  readonly clock: () => number;
  readonly accounts: AccountBook;
  readonly calls: CallSimulator;
  readonly polls = new LongPollHub();
  readonly faults = new FaultTable();
  readonly requestLog = new RequestLog();
  readonly pushLog: PushLog;
  /** Where the CRM's server is (docs/800ing-api.md §5). */
  readonly crm: CrmConfig;
  /** The call-event pushes to the CRM, one queue per call. */
  readonly pushes: PushSender;
  /** Aborted by close(): delays and CRM exchanges in progress end at once. */
  readonly lifetime = new AbortController();
  readonly #hooks: MockStateHooks;

  constructor(options: ResolvedMockOptions, hooks: MockStateHooks) {
    this.options = options;
    this.clock = options.clock;
    this.#hooks = hooks;
    this.accounts = new AccountBook(this.clock, (account, message) => {
      this.polls.wake(account.user);
      this.#hooks.message({
        user: account.user,
        extension: account.extension,
        message: { ...toWireMessage(message, Method.RecvMsg, options.dialect), time: message.time },
      });
    });
    for (const spec of options.accounts) this.accounts.add(spec);
    this.pushLog = options.pushLog ?? new MemoryPushLog(this.clock);
    this.crm = new CrmConfig(options.crm);
    this.pushes = new PushSender({
      pushLog: this.pushLog,
      crm: this.crm,
      clock: this.clock,
      signal: this.lifetime.signal,
      onPush: (row) => this.#hooks.push(row),
      log: options.log,
    });
    this.calls = new CallSimulator({
      clock: this.clock,
      outboundConnectMs: options.outboundConnectMs,
      firstCdrId: options.idSeed,
      onChange: (call, status) => this.pushes.callChanged(call, status),
    });
  }

  get closed(): boolean {
    return this.lifetime.signal.aborted;
  }

  /** The agent named by user or extension; code -11 when there is none. */
  findAccount(ref: AccountRef): Account {
    const account = ref.user
      ? this.accounts.byUser(ref.user)
      : ref.extension
        ? this.accounts.byExtension(ref.extension)
        : undefined;
    if (!account) {
      const name = ref.user ? `帐号 ${ref.user}` : ref.extension ? `分机 ${ref.extension}` : '帐号';
      throw new VoipError(ResultCode.NotFound, `${name} 不存在 (no such account)`);
    }
    return account;
  }

  /** The caller pressed IVR keys: delivered in the next getLongWaterLine `keylist`. */
  pressKey(account: Account, phone: string, key: string): void {
    account.pendingKeys.push({ phone, key });
    this.calls.pressKey(account, phone, key);
    this.polls.wake(account.user);
  }

  /** The caller pressed keys on this call (the CRM's IVR): on its record and in the agent's next keylist. */
  pressCallKeys(call: MockCall, keys: string): void {
    call.account.pendingKeys.push({ phone: call.phone, key: keys });
    this.calls.addKeys(call, keys);
    this.polls.wake(call.account.user);
  }

  /** A simulated server restart for one account: waterlines restart lower, held polls answer. */
  restartWaterlines(account: Account): void {
    account.messages.restart();
    account.cursors.clear();
    this.polls.wake(account.user);
  }

  statusText(account: Account): string {
    if (account.checkStatus === CheckStatus.Out) return AgentStatusText.CheckedOut;
    const calls = this.calls.active(account);
    if (calls.some((c) => c.state === MockCallState.Talking)) return AgentStatusText.Talking;
    if (calls.length > 0) return AgentStatusText.Ringing;
    return AgentStatusText.Idle;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requestLog.add(entry);
    this.#hooks.request(entry);
  }

  /** Releases held polls, cancels every timer and ends delays in progress. */
  close(): void {
    if (this.closed) return;
    this.lifetime.abort();
    this.polls.close();
    this.calls.dispose();
  }
}
