/**
 * One handler per API method (docs/800ing-api.md §3, §7), dispatched on the `method` parameter after the
 * credentials are checked. Handlers throw VoipError for a server error code; the dispatcher turns
 * it into `{code, message}`.
 */
import {
  BaseParam,
  CallStatus,
  CheckStatus,
  ClientType,
  LOGIN_TYPE,
  MessageKind,
  Method,
  RECV_MSG_DEFAULT_LIMIT,
  ResultCode,
  SendMsgKind,
  VoipError,
  codeText,
  isVoipError,
} from '../../protocol/index.js';
import { COMPANY_PREFIX_LENGTH, loginNumber, MOCK_COMPANY, type Account } from './accounts.js';
import { toWireMessage, type StoredMessage } from './call-content.js';
import { CallDirection, HangupBy, MockCallState } from './calls.js';
import { WakeReason } from './long-poll.js';
import type { MockState } from './mock-state.js';
import { PollCursor } from './options.js';
import type { Params } from './params.js';

export interface ApiAnswer {
  /** A number, or its text in the `stringCodes` dialect. */
  code: number | string;
  message: string;
  [field: string]: unknown;
}

/** A handler's result when the client went away: nothing is written. */
export const NO_ANSWER = Symbol('no answer');

export interface ApiContext {
  state: MockState;
  account: Account;
  params: Params;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
}

type ApiHandler = (ctx: ApiContext) => ApiAnswer | Promise<ApiAnswer | typeof NO_ANSWER>;

const OK_MESSAGE = codeText(ResultCode.Ok, 'zh-CN');

/** getLongWaterLine carries at most this many messages; the client pages the rest with recvMsg. */
const WATERLINE_MSGS_LIMIT = 100;
/** A cursor's first getLongWaterLine carries the latest message (docs/800ing-api.md §7.1: the deployed client applies only the newest). */
const FIRST_ANSWER_MSGS = 1;
/** recvMsg never answers more than this, whatever `limit` asks for. */
const RECV_MSG_MAX_LIMIT = 1_000;
const CALL_RECORD_DEFAULT_LIMIT = 10;
const CALL_RECORD_MAX_LIMIT = 100;

/** Digits with an optional leading +, and * # for IVR extensions. */
const PHONE_PATTERN = /^\+?[0-9*#]{1,32}$/;

function ok(fields: Record<string, unknown> = {}): ApiAnswer {
  return { code: ResultCode.Ok, message: OK_MESSAGE, ...fields };
}

function fail(code: number, message: string): never {
  throw new VoipError(code, message);
}

function requirePhone(params: Params, name: string): string {
  const phone = params.require(name).trim();
  if (!PHONE_PATTERN.test(phone)) fail(ResultCode.Internal, `参数 ${name} 不是有效号码 (invalid phone number)`);
  return phone;
}

function requireClient(params: Params): void {
  const client = params.requireNumber('client');
  const known: number[] = Object.values(ClientType);
  if (!known.includes(client)) fail(ResultCode.Internal, `参数 client 无效 (invalid client ${client})`);
}

/**
 * getExtension (docs/800ing-api.md §3 §2.1, §7.1): `extension` is the agent's login number (company prefix +
 * short extension), and every login gets a login line of its own, which getLongWaterLine's
 * state is kept for.
 */
function getExtension({ state, account }: ApiContext): ApiAnswer {
  account.loginLines++;
  return ok({
    exteId: account.exteId,
    name: account.name,
    extension: loginNumber(account),
    compNumber: loginNumber(account).slice(0, COMPANY_PREFIX_LENGTH),
    compName: MOCK_COMPANY.compName,
    disablePhoneNum: account.disablePhoneNum,
    exteLoginType: 0,
    sessionId: account.sessionId,
    compId: MOCK_COMPANY.compId,
    loginLine: String(account.loginLines),
    // Checked in or out, for a client that wants to show it at login.
    statustext: state.statusText(account),
  });
}

function callbackPhone({ state, account, params }: ApiContext): ApiAnswer {
  const phone = requirePhone(params, 'descPhone');
  const colleague = state.accounts.byExtension(phone);
  if (colleague && colleague !== account) state.calls.dialInternal(account, phone, params.text('paramvalue'), colleague);
  else state.calls.dial(account, phone, params.text('paramvalue'));
  return ok();
}

/**
 * getLongWaterLine, a long poll (docs/800ing-api.md §3, §7, §7.1). The server keeps a cursor per login line
 * (or per account, `pollCursor: 'account'`): a cursor's first poll answers at once with the
 * latest messages; later polls hold until the store moves past what that cursor was last
 * answered. With our optional `waterLine` parameter (unless `waterLineParam` is off) the poll
 * answers at once when the store is past it, else holds until the store moves.
 */
async function getLongWaterLine({ state, account, params, signal }: ApiContext): Promise<ApiAnswer | typeof NO_ANSWER> {
  requireClient(params);
  if (params.require(BaseParam.LoginType) !== LOGIN_TYPE) {
    fail(ResultCode.Internal, `参数 ${BaseParam.LoginType} 应为 ${LOGIN_TYPE}`);
  }
  const { dialect } = state.options;
  const given = dialect.waterLineParam ? params.number('waterLine') : undefined;
  const cursor = dialect.pollCursor === PollCursor.Line ? params.text('loginLine').trim() : '';
  const store = account.messages;
  const startWaterline = store.waterline;
  const startEpoch = store.epoch;

  const ready = (): boolean => {
    if (account.pendingKeys.length > 0 || store.epoch !== startEpoch) return true;
    if (given !== undefined) return store.waterline > given || store.waterline !== startWaterline;
    const last = account.cursors.get(cursor);
    return last === undefined || store.waterline !== last;
  };

  // Hold time is real time (timers), not the injectable clock that stamps messages.
  const deadline = performance.now() + state.options.holdMs;
  while (!ready()) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    const reason = await state.polls.wait(account.user, remaining, signal);
    if (reason === WakeReason.Gone) return NO_ANSWER;
    if (reason !== WakeReason.Changed) break;
  }

  let msgs: StoredMessage[];
  const last = account.cursors.get(cursor);
  if (given !== undefined) msgs = store.after(given, WATERLINE_MSGS_LIMIT);
  else if (last === undefined) msgs = store.latestMessages(FIRST_ANSWER_MSGS);
  else msgs = store.after(last, WATERLINE_MSGS_LIMIT);
  if (given === undefined) account.cursors.set(cursor, store.waterline);
  const keylist = account.pendingKeys;
  account.pendingKeys = [];
  return {
    code: ResultCode.Ok,
    message: '',
    waterline: store.waterline,
    msgs: msgs.map((m) => toWireMessage(m, Method.Waterline, dialect)),
    // Only when keys were pressed (docs/800ing-api.md §7.1).
    ...(keylist.length > 0 ? { keylist } : {}),
    userInfo: {
      extension: account.extension,
      exteName: account.name,
      checkStatus: account.checkStatus,
      statustext: state.statusText(account),
    },
  };
}

function recvMsg({ state, account, params }: ApiContext): ApiAnswer {
  requireClient(params);
  const waterLine = params.number('waterLine') ?? 0;
  const asked = params.number('limit');
  const limit = asked === undefined || asked <= 0 ? RECV_MSG_DEFAULT_LIMIT : Math.min(Math.floor(asked), RECV_MSG_MAX_LIMIT);
  const msgs = account.messages.after(waterLine, limit).map((m) => toWireMessage(m, Method.RecvMsg, state.options.dialect));
  return ok({ msgs });
}

function hangupExten({ state, account, params }: ApiContext): ApiAnswer {
  // The number exactly as the server gave it (anonymous, sip:…); empty means the newest call.
  const phone = params.text('phoneNum') || undefined;
  const call = state.calls.current(account, phone);
  if (!call) fail(ResultCode.NotFound, '没有进行中的通话 (no call in progress)');
  state.calls.hangup(call.cdrId, HangupBy.Agent);
  return ok();
}

/**
 * sendMsg (docs/800ing-api.md §3 §2.6, §7.1): kind 6 answers the ringing inbound call from `phone`, the number
 * exactly as the server gave it (anonymous, empty, sip:…); kind 7 stops the ringing: the ringing
 * call ends (for `phone`, or the newest one), a call already talking is muted.
 */
function sendMsg({ state, account, params }: ApiContext): ApiAnswer {
  const kind = params.requireNumber('kind');
  const phone = params.requirePresent('phone');
  const ringing = state.calls
    .active(account)
    .filter((c) => c.direction === CallDirection.Inbound && c.state === MockCallState.Ringing);
  if (kind === SendMsgKind.Answer) {
    const call = ringing.find((c) => c.phone === phone);
    if (!call) fail(ResultCode.NotFound, `没有 ${phone} 的来电振铃 (no ringing call from ${phone})`);
    state.calls.answer(call.cdrId);
    return ok();
  }
  if (kind === SendMsgKind.Mute) {
    account.muteCount++;
    const call = ringing.filter((c) => !phone || c.phone === phone).at(-1) ?? state.calls.current(account, phone || undefined);
    if (call) {
      call.muted = true;
      if (call.state === MockCallState.Ringing && call.direction === CallDirection.Inbound) state.calls.hangup(call.cdrId, HangupBy.Agent);
    }
    return ok();
  }
  fail(ResultCode.Internal, `不支持的 kind ${kind} (unsupported kind)`);
}

function registerExtension({ state, account, params }: ApiContext): ApiAnswer {
  if (!account.admin) fail(ResultCode.Permission, '没有权限：需要系统管理员帐号 (permission denied)');
  const created = state.accounts.register(params.require('showphone').trim());
  // `user` is the mock's addition: the sa_user the new agent logs in with.
  return ok({ extension: created.extension, password: created.password, user: created.user });
}

function transferExten({ state, account, params }: ApiContext): ApiAnswer {
  const extension = params.require('descExten').trim();
  const target = state.accounts.byExtension(extension);
  if (!target) fail(ResultCode.NotFound, `分机 ${extension} 不存在 (no such extension)`);
  if (target === account) fail(ResultCode.Internal, '不能转接给自己 (cannot transfer to yourself)');
  const talking = state.calls.active(account).filter((c) => c.state === MockCallState.Talking);
  const call = talking[talking.length - 1];
  if (!call) fail(ResultCode.NotFound, '没有通话中的电话 (no call in progress)');
  state.calls.transfer(call, target);
  return ok();
}

function setUserCheckInOut({ state, account, params }: ApiContext): ApiAnswer {
  const status = params.requireNumber('status');
  if (status !== CheckStatus.In && status !== CheckStatus.Out) {
    fail(ResultCode.Internal, `参数 status 应为 ${CheckStatus.In} 或 ${CheckStatus.Out}`);
  }
  account.checkStatus = status;
  return ok({ statustext: state.statusText(account) });
}

function getChannelList({ state, account }: ApiContext): ApiAnswer {
  const rows = state.calls.active(account).map((call) => ({
    cdrId: call.cdrId,
    phone: call.phone,
    kind: call.direction === CallDirection.Inbound ? MessageKind.Inbound : MessageKind.Outbound,
    status: call.state === MockCallState.Talking ? CallStatus.Connected : CallStatus.Ringing,
    extension: account.extension,
    cdrStartTime: call.record.cdrStartTime,
    paramvalue: call.paramvalue,
  }));
  return ok({ total: rows.length, rows });
}

function findDialrecord({ state, account, params }: ApiContext): ApiAnswer {
  const asked = params.number('limit');
  const limit =
    asked === undefined || asked <= 0 ? CALL_RECORD_DEFAULT_LIMIT : Math.min(Math.floor(asked), CALL_RECORD_MAX_LIMIT);
  // `extension` is the agent's login number (docs/800ing-api.md §7.1); the short extension is accepted too.
  const named = params.text('extension').trim();
  const agent = named ? state.accounts.byExtension(named) : account;
  if (!agent) return ok({ total: 0, rows: [] });
  const rows = state.calls.records({
    extension: agent.extension,
    phone: shortNumber(state, params.text('phoneNum').trim()),
    cdrId: params.text('scdrId').trim(),
    limit,
  });
  for (const row of rows) row.cdrPhoneArea = state.options.areas[String(row.cdrPhoneNum)] ?? '';
  return ok({ total: rows.length, rows });
}

/**
 * An internal call shows the colleague's short extension; the deployed client looks it up with
 * the company prefix in front (docs/800ing-api.md §7.1), which is the colleague's login number.
 */
function shortNumber(state: MockState, phone: string): string {
  return state.accounts.byUser(phone)?.extension ?? phone;
}

export const apiMethods: Record<Method, ApiHandler> = {
  [Method.Login]: getExtension,
  [Method.Dial]: callbackPhone,
  [Method.Waterline]: getLongWaterLine,
  [Method.RecvMsg]: recvMsg,
  [Method.Hangup]: hangupExten,
  [Method.SendMsg]: sendMsg,
  [Method.RegisterExtension]: registerExtension,
  [Method.Transfer]: transferExten,
  [Method.CheckInOut]: setUserCheckInOut,
  [Method.ChannelList]: getChannelList,
  [Method.CallRecord]: findDialrecord,
};

function isMethod(name: string): name is Method {
  return Object.hasOwn(apiMethods, name);
}

/** Checks the credentials, then runs the method; every failure becomes `{code, message}`. */
export async function dispatchApi(
  state: MockState,
  params: Params,
  signal: AbortSignal,
): Promise<ApiAnswer | typeof NO_ANSWER> {
  try {
    const name = params.require(BaseParam.Method);
    const account = state.accounts.authenticate(params.text(BaseParam.User), params.text(BaseParam.Password));
    if (!account) fail(ResultCode.Auth, '帐号或密码错误 (wrong account or password)');
    if (!isMethod(name)) fail(ResultCode.Internal, `未知方法 ${name} (unknown method)`);
    return inDialect(state, await apiMethods[name]({ state, account, params, signal }));
  } catch (error) {
    const answer = isVoipError(error) ? { code: error.code, message: error.message } : internalError(state, error);
    return inDialect(state, answer);
  }
}

function internalError(state: MockState, error: unknown): ApiAnswer {
  state.options.log(`mock: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { code: ResultCode.Internal, message: '方法内部错误 (internal error)' };
}

/** `code` written as a string when the dialect says so (docs/800ing-api.md §7.1: the client reads it with parseInt). */
function inDialect(state: MockState, answer: ApiAnswer | typeof NO_ANSWER): ApiAnswer | typeof NO_ANSWER {
  if (answer === NO_ANSWER || !state.options.dialect.stringCodes) return answer;
  return { ...answer, code: String(answer.code) };
}
