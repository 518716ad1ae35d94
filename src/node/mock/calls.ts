/**
 * The call simulation: inbound rings, outbound dials, answer, connect, hang-up, transfer. Every
 * state change stores the message the real server would send the agent (docs/800ing-api.md §3) and keeps the
 * call record (docs/800ing-api.md §5) up to date; the record is final once the call has ended.
 */
import {
  CallStatus,
  CdrPeer,
  MessageKind,
  ResultCode,
  VoipError,
  type CallRecord,
} from '../../protocol/index.js';
import type { Account } from './accounts.js';
import { writeCallContent } from './call-content.js';
import type { IvrStep } from './ivr-step.js';
import { formatServerTime, serverDatePath } from '../../protocol/server-time.js';

export const MockCallState = { Ringing: 'ringing', Talking: 'talking', Ended: 'ended' } as const;
export type MockCallState = (typeof MockCallState)[keyof typeof MockCallState];

export const CallDirection = { Inbound: 'inbound', Outbound: 'outbound' } as const;
export type CallDirection = (typeof CallDirection)[keyof typeof CallDirection];

/** Who ended a call: it decides the record's hang-up reason. */
export const HangupBy = { Agent: 'agent', Caller: 'caller', Transfer: 'transfer', Ivr: 'ivr' } as const;
export type HangupBy = (typeof HangupBy)[keyof typeof HangupBy];

export interface MockCall {
  readonly cdrId: string;
  readonly account: Account;
  readonly direction: CallDirection;
  readonly phone: string;
  readonly paramvalue: string;
  /** Inbound: ringing. Outbound: dialing. */
  state: MockCallState;
  readonly startedAt: number;
  answeredAt: number | undefined;
  endedAt: number | undefined;
  /** sendMsg kind 7 received while this call was current. */
  muted: boolean;
  /** IVR keys pressed on this call, in order. */
  keys: string;
  /** Every IVR input sent to the CRM (docs/800ing-api.md §5 §2.10) and the branch its answer took. */
  readonly ivr: IvrStep[];
  /** Every §5 field, present from the start; final once the call has ended. */
  readonly record: CallRecord;
  /** An internal call's other half (the colleague's ring, or the dialling agent's call). */
  peer: MockCall | undefined;
}

/** A call as the control API and `MockServer.calls()` show it. */
export interface MockCallView {
  cdrId: string;
  user: string;
  extension: string;
  direction: CallDirection;
  phone: string;
  paramvalue: string;
  state: MockCallState;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  muted: boolean;
  /** Present once the caller has used the CRM's IVR (ivrInput). */
  ivr?: IvrStep[];
  record: CallRecord;
}

export interface CallSimulatorOptions {
  clock: () => number;
  /** Delay before an outbound call is answered by the far end: 0 at once, negative never. */
  outboundConnectMs: number;
  /** The first cdrId, a 15-digit number. */
  firstCdrId: number;
  /**
   * Called after every message a call posts to its agent: status 0 when it starts ringing or
   * dialing, 1 when it is answered, 3 when it has ended (the record is final by then).
   */
  onChange?: (call: MockCall, status: number) => void;
}

export interface RecordQuery {
  extension?: string;
  phone?: string;
  cdrId?: string;
  limit: number;
}

/** Q.850 cause codes, written as the server writes them (text). */
const CAUSE_NORMAL = '16';
const CAUSE_NO_ANSWER = '19';

function notFound(message: string): VoipError {
  return new VoipError(ResultCode.NotFound, message);
}

export function viewCall(call: MockCall): MockCallView {
  const view: MockCallView = {
    cdrId: call.cdrId,
    user: call.account.user,
    extension: call.account.extension,
    direction: call.direction,
    phone: call.phone,
    paramvalue: call.paramvalue,
    state: call.state,
    startedAt: call.startedAt,
    muted: call.muted,
    record: { ...call.record },
  };
  if (call.answeredAt !== undefined) view.answeredAt = call.answeredAt;
  if (call.endedAt !== undefined) view.endedAt = call.endedAt;
  if (call.ivr.length > 0) view.ivr = call.ivr.map((step) => ({ ...step }));
  return view;
}

export class CallSimulator {
  readonly #clock: () => number;
  readonly #outboundConnectMs: number;
  readonly #calls = new Map<string, MockCall>();
  /** Pending outbound connects, by cdrId, so hang-up and dispose() can cancel them. */
  readonly #connectTimers = new Map<string, NodeJS.Timeout>();
  readonly #onChange: ((call: MockCall, status: number) => void) | undefined;
  #nextCdrId: number;

  constructor(options: CallSimulatorOptions) {
    if (!Number.isSafeInteger(options.firstCdrId) || String(options.firstCdrId).length !== 15) {
      throw new RangeError('idSeed must be a 15-digit integer (the first cdrId)');
    }
    this.#clock = options.clock;
    this.#outboundConnectMs = options.outboundConnectMs;
    this.#nextCdrId = options.firstCdrId;
    this.#onChange = options.onChange;
  }

  /**
   * Takes the next cdrId before the call exists: the navigation callback (docs/800ing-api.md §5 §2.8) names the
   * call by the id it will have once an agent is chosen. Pass it to ring() as `cdrId`.
   */
  reserveCdrId(): string {
    return String(this.#nextCdrId++);
  }

  /** An inbound call rings at the agent: kind 2, status 0. `cdrId` must come from reserveCdrId(). */
  ring(
    account: Account,
    phone: string,
    options: { paramvalue?: string; trunkno?: string; cmmId?: string; cdrId?: string } = {},
  ): MockCall {
    if (options.cdrId !== undefined && this.#calls.has(options.cdrId)) throw new RangeError(`cdrId ${options.cdrId} is taken`);
    const call = this.#create(account, CallDirection.Inbound, phone, options.paramvalue ?? '', options.trunkno ?? '', options.cdrId);
    if (options.cmmId) call.record.cdrCmmId = options.cmmId;
    this.#post(call, CallStatus.Ringing);
    return call;
  }

  /** callbackPhone: the agent dials out, kind 1 status 0; the far end answers after outboundConnectMs. */
  dial(account: Account, phone: string, paramvalue: string): MockCall {
    const call = this.#create(account, CallDirection.Outbound, phone, paramvalue, '');
    this.#post(call, CallStatus.Ringing);
    if (this.#outboundConnectMs === 0) {
      this.connect(call.cdrId);
    } else if (this.#outboundConnectMs > 0) {
      const timer = setTimeout(() => {
        this.#connectTimers.delete(call.cdrId);
        if (call.state === MockCallState.Ringing) this.connect(call.cdrId);
      }, this.#outboundConnectMs);
      this.#connectTimers.set(call.cdrId, timer);
    }
    return call;
  }

  /**
   * callbackPhone to a colleague (docs/800ing-api.md §7.1 internal calls): the agent dials `phone` (the
   * colleague's short extension, as dialled), the colleague's phone rings from the agent's short
   * extension; the two halves connect when the colleague answers and end together.
   */
  dialInternal(account: Account, phone: string, paramvalue: string, colleague: Account): MockCall {
    const call = this.#create(account, CallDirection.Outbound, phone, paramvalue, '');
    this.#post(call, CallStatus.Ringing);
    const peer = this.ring(colleague, account.extension, { paramvalue });
    call.peer = peer;
    peer.peer = call;
    return call;
  }

  /** The agent picks up a ringing inbound call: status 1 (and its internal caller connects). */
  answer(cdrId: string): MockCall {
    const call = this.#require(cdrId);
    if (call.direction !== CallDirection.Inbound || call.state !== MockCallState.Ringing) {
      throw notFound(`通话 ${cdrId} 不是振铃中的来电`);
    }
    this.#talk(call);
    if (call.peer?.state === MockCallState.Ringing) this.#talk(call.peer);
    return call;
  }

  /** The far end answers an outbound call that is dialing: status 1. */
  connect(cdrId: string): MockCall {
    const call = this.#require(cdrId);
    if (call.direction !== CallDirection.Outbound || call.state !== MockCallState.Ringing) {
      throw notFound(`通话 ${cdrId} 不是拨号中的去电`);
    }
    this.#cancelConnect(cdrId);
    return this.#talk(call);
  }

  /** Ends a call that has not ended: status 3 and the final record. */
  hangup(cdrId: string, by: HangupBy, transferTo?: string): MockCall {
    const call = this.#require(cdrId);
    if (call.state === MockCallState.Ended) throw notFound(`通话 ${cdrId} 已结束`);
    this.#cancelConnect(cdrId);
    const now = this.#clock();
    call.state = MockCallState.Ended;
    call.endedAt = now;
    this.#finaliseRecord(call, by, transferTo);
    this.#post(call, CallStatus.HungUpRecv);
    if (call.peer && call.peer.state !== MockCallState.Ended) this.hangup(call.peer.cdrId, by === HangupBy.Agent ? HangupBy.Caller : by);
    return call;
  }

  /**
   * transferExten: the agent's talking call ends for them and rings at the target agent as a new
   * inbound call whose record points back to the first one (cdrCmmId, the "related id").
   */
  transfer(call: MockCall, target: Account): MockCall {
    this.hangup(call.cdrId, HangupBy.Transfer, target.extension);
    return this.ring(target, call.phone, { paramvalue: call.paramvalue, cmmId: call.cdrId });
  }

  /** Records an IVR key on the caller's call in progress, if there is one. */
  pressKey(account: Account, phone: string, key: string): void {
    const call = this.current(account, phone);
    if (call) this.addKeys(call, key);
  }

  /** Records IVR keys on this call: `cdrIVRKey` and the work-order field `woOther11`. */
  addKeys(call: MockCall, keys: string): void {
    call.keys += keys;
    call.record.cdrIVRKey = call.keys;
    call.record.woOther11 = call.keys;
  }

  /** The IVR spoke `text` to the caller: kept in the work-order field `woOther1`, one line each. */
  addSpoken(call: MockCall, text: string): void {
    if (!text) return;
    call.record.woOther1 = call.record.woOther1 ? `${String(call.record.woOther1)}\n${text}` : text;
  }

  get(cdrId: string): MockCall | undefined {
    return this.#calls.get(cdrId);
  }

  /** The agent's calls that have not ended, oldest first. */
  active(account: Account): MockCall[] {
    return [...this.#calls.values()].filter((c) => c.account === account && c.state !== MockCallState.Ended);
  }

  /** The agent's newest call in progress, optionally the one with this phone number. */
  current(account: Account, phone?: string): MockCall | undefined {
    const calls = this.active(account).filter((c) => !phone || c.phone === phone);
    return calls[calls.length - 1];
  }

  /** Every call, or one agent's, oldest first. */
  list(account?: Account): MockCall[] {
    return [...this.#calls.values()].filter((c) => !account || c.account === account);
  }

  /** Final records of ended calls, newest first (findDialrecord). */
  records(query: RecordQuery): CallRecord[] {
    return [...this.#calls.values()]
      .filter(
        (c) =>
          c.state === MockCallState.Ended &&
          (!query.extension || c.account.extension === query.extension) &&
          (!query.phone || c.phone === query.phone) &&
          (!query.cdrId || c.cdrId === query.cdrId),
      )
      .reverse()
      .slice(0, Math.max(0, query.limit))
      .map((c) => ({ ...c.record }));
  }

  /** The ended call whose recording is at this path below /voip/record/. */
  byRecordFile(file: string): MockCall | undefined {
    if (!file) return undefined;
    for (const call of this.#calls.values()) if (call.record.cdrRecordFile === file) return call;
    return undefined;
  }

  /** Cancels every pending timer (server close). */
  dispose(): void {
    for (const timer of this.#connectTimers.values()) clearTimeout(timer);
    this.#connectTimers.clear();
  }

  #require(cdrId: string): MockCall {
    const call = this.#calls.get(cdrId);
    if (!call) throw notFound(`没有通话 ${cdrId}`);
    return call;
  }

  #cancelConnect(cdrId: string): void {
    const timer = this.#connectTimers.get(cdrId);
    if (timer) clearTimeout(timer);
    this.#connectTimers.delete(cdrId);
  }

  #talk(call: MockCall): MockCall {
    call.state = MockCallState.Talking;
    call.answeredAt = this.#clock();
    call.record.cdrSucessTime = formatServerTime(call.answeredAt);
    this.#post(call, CallStatus.Connected);
    return call;
  }

  #create(
    account: Account,
    direction: CallDirection,
    phone: string,
    paramvalue: string,
    trunkno: string,
    reservedCdrId?: string,
  ): MockCall {
    const cdrId = reservedCdrId ?? this.reserveCdrId();
    const startedAt = this.#clock();
    const inbound = direction === CallDirection.Inbound;
    const record: CallRecord = {
      cdrId,
      cdrExtension: account.extension,
      cdrCalledName: inbound ? account.name : '',
      cdrExtensionIp: '127.0.0.1',
      cdrHangupTime: '',
      cdrPhonePort: 'SIP/5060',
      cdrStartTime: formatServerTime(startedAt),
      cdrIVR: inbound ? '默认导航' : '',
      cdrTalktime: 0,
      cdrChargingTimes: 0,
      cdrLastPhoneNumber: phone.replace(/^0+/, ''),
      cdrPeer: inbound ? CdrPeer.Inbound : CdrPeer.Outbound,
      exteName: account.name,
      cdrHangupReasonText: '',
      cdrHangupReasonCode: '',
      cdrPhoneNum: phone,
      cdrPhoneIp: '127.0.0.1',
      cdrTrunkRoute: trunkno || (inbound ? '默认线路' : account.showphone || '默认线路'),
      cdrCmmId: '',
      cdrExtensionPort: `SIP/${account.extension}`,
      cdrIVRKey: '',
      cdrRecordFile: '',
      paramvalue,
      woOther1: '',
      woOther11: '',
      // findDialrecord extras (docs/800ing-api.md §7).
      cdrPhoneArea: '',
      cdrSucessTime: '',
    };
    const call: MockCall = {
      cdrId,
      account,
      direction,
      phone,
      paramvalue,
      state: MockCallState.Ringing,
      startedAt,
      answeredAt: undefined,
      endedAt: undefined,
      muted: false,
      keys: '',
      ivr: [],
      record,
      peer: undefined,
    };
    this.#calls.set(cdrId, call);
    return call;
  }

  #finaliseRecord(call: MockCall, by: HangupBy, transferTo: string | undefined): void {
    const { record } = call;
    const endedAt = call.endedAt ?? this.#clock();
    record.cdrHangupTime = formatServerTime(endedAt);
    const talked = call.answeredAt !== undefined;
    const talkSeconds = talked ? Math.max(0, Math.round((endedAt - call.answeredAt!) / 1000)) : 0;
    record.cdrTalktime = talkSeconds;
    record.cdrChargingTimes = Math.ceil(talkSeconds / 60);
    if (talked) record.cdrRecordFile = `${serverDatePath(call.startedAt)}/${call.cdrId}.wav`;
    if (by === HangupBy.Transfer) {
      record.cdrHangupReasonText = `转接至 ${transferTo ?? ''}`.trim();
      record.cdrHangupReasonCode = CAUSE_NORMAL;
    } else if (by === HangupBy.Ivr) {
      record.cdrHangupReasonText = '语音导航挂机';
      record.cdrHangupReasonCode = CAUSE_NORMAL;
    } else if (!talked) {
      record.cdrHangupReasonText = call.direction === CallDirection.Inbound ? '坐席未接听' : '对方未接听';
      record.cdrHangupReasonCode = CAUSE_NO_ANSWER;
    } else {
      record.cdrHangupReasonText = by === HangupBy.Agent ? '坐席挂机' : '客户挂机';
      record.cdrHangupReasonCode = CAUSE_NORMAL;
    }
  }

  #post(call: MockCall, status: number): void {
    const fields = { status, cdrId: call.cdrId, paramvalue: call.paramvalue };
    call.account.messages.append({
      kind: call.direction === CallDirection.Inbound ? MessageKind.Inbound : MessageKind.Outbound,
      phone: call.phone,
      content: writeCallContent(fields),
      call: fields,
    });
    this.#onChange?.(call, status);
  }
}
