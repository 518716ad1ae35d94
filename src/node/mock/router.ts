/**
 * Which path does what. Control routes (/mock/) go straight to the control API; every other
 * request is logged, may meet an injected fault, and is then answered by the API methods, the
 * session endpoints or the recordings.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BaseParam, Endpoint, ResultCode, codeText } from '../../protocol/index.js';
import { NO_ANSWER, dispatchApi } from './api-methods.js';
import { CONTROL_PREFIX, handleControl, type MockControl } from './control-api.js';
import type { FaultSpec } from './faults.js';
import { CONTENT_TYPE, json, raw, type MockRequest, type Outcome } from './http.js';
import type { MockState } from './mock-state.js';
import { recordingDownload, recordingFile } from './recordings.js';
import { loadMonitor, pushList, pushSend } from './report-api.js';

const API_PATHS: ReadonlySet<string> = new Set([Endpoint.Json, Endpoint.Jsonp, Endpoint.JsonAlt]);

/** The name faults and the log know a request by: its `method`, or its endpoint path. */
function requestName(request: MockRequest): string {
  if (API_PATHS.has(request.path)) return request.params.text(BaseParam.Method);
  if (request.path.startsWith(Endpoint.Record)) return Endpoint.Record;
  return request.path;
}

function notFound(path: string): Outcome {
  return json({ code: ResultCode.NotFound, message: `没有这个地址 ${path} (not found)` }, 404);
}

/** Applies a fault; undefined when it only delays and the request goes on as usual. */
async function applyFault(state: MockState, fault: FaultSpec, request: MockRequest): Promise<Outcome | undefined> {
  if (fault.delayMs) {
    // Ends early when the client leaves (nothing to answer) or the server closes (answer now).
    try {
      await sleep(fault.delayMs, undefined, { signal: AbortSignal.any([request.signal, state.lifetime.signal]) });
    } catch {
      if (request.signal.aborted) return { type: 'none' };
    }
  }
  if (fault.drop) return { type: 'drop' };
  if (fault.body !== undefined) {
    const contentType =
      fault.contentType ??
      (fault.body.trimStart().startsWith('<')
        ? CONTENT_TYPE.html
        : request.callback
          ? CONTENT_TYPE.javascript
          : CONTENT_TYPE.json);
    return raw(fault.body, contentType, fault.status ?? 200);
  }
  if (fault.code !== undefined) {
    return json({ code: fault.code, message: fault.message ?? codeText(fault.code, 'zh-CN') }, fault.status ?? 200);
  }
  return undefined;
}

async function answer(state: MockState, request: MockRequest): Promise<Outcome> {
  const { path, params } = request;
  if (API_PATHS.has(path)) {
    const result = await dispatchApi(state, params, request.signal);
    return result === NO_ANSWER ? { type: 'none' } : json(result);
  }
  switch (path) {
    case Endpoint.LoadMonitor:
      return json(loadMonitor(state, params));
    case Endpoint.PushList:
      return json(pushList(state, params));
    case Endpoint.PushSend:
      return json(await pushSend(state, params));
    case Endpoint.RecordDownload: {
      const file = recordingDownload(state, params);
      return file ? raw(file.body, file.contentType) : notFound(path);
    }
  }
  if (path.startsWith(Endpoint.Record)) {
    let name: string;
    try {
      name = decodeURIComponent(path.slice(Endpoint.Record.length));
    } catch {
      return notFound(path); // malformed percent-encoding names no file
    }
    const file = recordingFile(state, name);
    return file ? raw(file.body, file.contentType) : notFound(path);
  }
  return notFound(path);
}

export async function routeRequest(state: MockState, control: MockControl, request: MockRequest): Promise<Outcome> {
  const { path, params } = request;
  if (path.startsWith(CONTROL_PREFIX)) {
    return json(await handleControl(path.slice(CONTROL_PREFIX.length), params, control));
  }
  const name = requestName(request);
  const user = params.text(BaseParam.User);
  state.logRequest({ at: state.clock(), path, method: name, user, params: params.toObject() });
  state.options.log(`${path} ${name}${user ? ` user=${user}` : ''}`);
  const fault = state.faults.take(name);
  if (fault) {
    const faulted = await applyFault(state, fault, request);
    if (faulted) return faulted;
  }
  return answer(state, request);
}
