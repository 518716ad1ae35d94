/**
 * The endpoints that take a `sessionId` (from getExtension) instead of credentials: the agent
 * status monitor (docs/800ing-api.md §7 loadmonitor) and the report server's push list / push again (docs/800ing-api.md §4).
 */
import { PushStatus, ResultCode, VoipError, codeText, isVoipError } from '../../protocol/index.js';
import type { Account } from './accounts.js';
import type { ApiAnswer } from './api-methods.js';
import type { MockState } from './mock-state.js';
import type { Params } from './params.js';
import { PUSH_TIME_FIELDS, type PushTimeField } from './push-log.js';
import { formatServerTime, parseServerTime } from '../../protocol/server-time.js';

/** push_list never answers more rows than this in one page. */
const PUSH_LIST_MAX_ROWS = 1_000;

function requireSession(state: MockState, params: Params): Account {
  const account = state.accounts.bySessionId(params.text('sessionId').trim());
  if (!account) throw new VoipError(ResultCode.Auth, 'sessionId 无效，请重新登录 (invalid sessionId)');
  return account;
}

/** Runs an endpoint; a thrown VoipError becomes `{code, message}`. */
function answering(run: () => ApiAnswer): ApiAnswer {
  try {
    return run();
  } catch (error) {
    if (isVoipError(error)) return { code: error.code, message: error.message };
    throw error;
  }
}

/** loadmonitor: one row per agent asked for (all agents when `extension` is omitted). */
export function loadMonitor(state: MockState, params: Params): ApiAnswer {
  return answering(() => {
    requireSession(state, params);
    const extension = params.text('extension').trim();
    const accounts = extension ? [state.findAccount({ extension })] : state.accounts.all();
    const rows = accounts.map((account) => ({
      exteName: account.name,
      statustext: state.statusText(account),
      extension: account.extension,
      checkStatus: account.checkStatus,
    }));
    return { code: ResultCode.Ok, message: codeText(ResultCode.Ok, 'zh-CN'), total: rows.length, rows };
  });
}

/** A time filter, checked: canonical "YYYY-MM-DD HH:mm:ss" or '' when not given; -3 when unreadable. */
function timeParam(params: Params, name: string, endOfDay: boolean): string {
  const text = params.text(name).trim();
  if (!text) return '';
  const ms = parseServerTime(text, endOfDay);
  if (ms === undefined) {
    throw new VoipError(ResultCode.Internal, `参数 ${name} 应为 "YYYY-MM-DD HH:mm:ss" (bad time "${text}")`);
  }
  return formatServerTime(ms);
}

function timeTypeParam(params: Params): PushTimeField {
  const text = params.text('timeType').trim() || 'cdrStartTime';
  const known = PUSH_TIME_FIELDS.find((field) => field === text);
  if (!known) throw new VoipError(ResultCode.Internal, `参数 timeType 无效 (unknown timeType ${text})`);
  return known;
}

/** push_list: pushes made to the CRM, filtered, sorted and paged (docs/800ing-api.md §4). */
export function pushList(state: MockState, params: Params): ApiAnswer {
  return answering(() => {
    requireSession(state, params);
    const status = params.text('status').trim();
    const pushStatus = [PushStatus.Ok, PushStatus.Failed].find((s) => String(s) === status);
    if (status && pushStatus === undefined) {
      throw new VoipError(ResultCode.Internal, `参数 status 应为空、${PushStatus.Ok} 或 ${PushStatus.Failed}`);
    }
    const sort = params.text('sort').trim().toLowerCase();
    const order = params.text('order').trim();
    if (order && !/^[A-Za-z_][\w]*$/.test(order)) throw new VoipError(ResultCode.Internal, `参数 order 无效 (bad order ${order})`);
    const rows = params.number('rows');
    const { total, rows: page } = state.pushLog.list({
      page: params.number('page') ?? 1,
      rows: rows === undefined ? 10 : Math.min(rows, PUSH_LIST_MAX_ROWS),
      startTime: timeParam(params, 'startTime', false),
      endTime: timeParam(params, 'endTime', true),
      timeType: timeTypeParam(params),
      status: pushStatus,
      phone: params.text('phone').trim(),
      // An agent may be named by its short extension or by its login number (docs/800ing-api.md §7.1).
      extes: params
        .text('extes')
        .split(',')
        .map((e) => state.accounts.byExtension(e.trim())?.extension ?? e.trim())
        .join(','),
      order: order || 'cdrStartTime',
      sort: sort === 'asc' ? 'asc' : 'desc',
    });
    return { code: ResultCode.Ok, message: 'OK', total, rows: page };
  });
}

/**
 * push_send: delivers one push again to the pushUrl configured now and updates its row (docs/800ing-api.md §4).
 * `{code: 0}` when the CRM accepted it, `{code: -1, message: <why>}` when it failed again, -11 for
 * an unknown id. With no pushUrl configured nothing is sent and the answer is code 0 with a
 * message saying so: the mock then stands in for a server whose CRM is not under test.
 */
export async function pushSend(state: MockState, params: Params): Promise<ApiAnswer> {
  try {
    requireSession(state, params);
    const id = params.require('id').trim();
    const result = await state.pushes.resend(id);
    if (!result.sent) return { code: ResultCode.Ok, message: `OK (${result.reason ?? ''}; 未发送 / nothing sent)` };
    if (result.ok) return { code: ResultCode.Ok, message: 'OK' };
    return { code: ResultCode.Network, message: result.reason ?? codeText(ResultCode.Network, 'zh-CN') };
  } catch (error) {
    if (isVoipError(error)) return { code: error.code, message: error.message };
    throw error;
  }
}
