/**
 * The endpoints that take a `sessionId` (from getExtension) instead of credentials: the agent
 * status monitor (spec §7 loadmonitor) and the report server's push list / push again (spec §4).
 */
import { PushStatus, ResultCode, VoipError, codeText, isVoipError } from '../../protocol/index.js';
import type { Account } from './accounts.js';
import type { ApiAnswer } from './api-methods.js';
import type { MockState } from './mock-state.js';
import type { Params } from './params.js';

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

/** push_list: pushes made to the CRM, filtered and paged (spec §4). */
export function pushList(state: MockState, params: Params): ApiAnswer {
  return answering(() => {
    requireSession(state, params);
    const status = params.text('status').trim();
    const pushStatus = [PushStatus.Ok, PushStatus.Failed].find((s) => String(s) === status);
    const sort = params.text('sort').trim().toLowerCase();
    const { total, rows } = state.pushLog.list({
      page: params.number('page') ?? 1,
      rows: params.number('rows') ?? 10,
      startTime: params.text('startTime').trim(),
      endTime: params.text('endTime').trim(),
      status: pushStatus,
      phone: params.text('phone').trim(),
      extes: params.text('extes').trim(),
      sort: sort === 'asc' ? 'asc' : 'desc',
    });
    return { code: ResultCode.Ok, message: 'OK', total, rows };
  });
}

/** push_send: push one record again. The mock only checks that the push exists. */
export function pushSend(state: MockState, params: Params): ApiAnswer {
  return answering(() => {
    requireSession(state, params);
    const id = params.require('id').trim();
    if (!state.pushLog.get(id)) throw new VoipError(ResultCode.NotFound, `推送记录 ${id} 不存在 (no such push)`);
    return { code: ResultCode.Ok, message: 'OK' };
  });
}
