/**
 * The control API under /mock/: what a test or a benchmark does to the simulated world over HTTP
 * (ring, answer, hang up, inject messages, inject faults, read the request log, point the mock at
 * a CRM, press IVR keys). Each route calls the MockServer method of the same name, so the HTTP and
 * the JavaScript forms cannot drift.
 */
import { ResultCode, isVoipError, type PushRow, type RawMessage } from '../../protocol/index.js';
import type { AccountInfo, AccountSpec } from './accounts.js';
import type { MockCallView } from './calls.js';
import { CONTROL_PREFIX } from './control-origins.js';
import type { CrmOptions, CrmSettings } from './crm-http.js';
import type { IvrInputOptions, IvrResult } from './crm-ivr.js';
import type { RoutedRing } from './crm-navigation.js';
import type { FaultSpec } from './faults.js';
import type { AccountRef } from './mock-state.js';
import type { Params } from './params.js';
import type { RequestFilter, RequestLogEntry } from './request-log.js';

export { CONTROL_NOTICE, CONTROL_PREFIX, controlOriginAllowed, type ControlOrigins } from './control-origins.js';

/** An inbound call. Without user and extension, ringRouted() lets the CRM's navigation choose the agent. */
export interface RingOptions extends AccountRef {
  phone: string;
  paramvalue?: string;
  /** The line the call came in on (docs/800ing-api.md §5 §2.8). */
  trunkno?: string;
}

export interface SmsOptions extends AccountRef {
  phone: string;
  text: string;
}

export interface InjectOptions extends AccountRef {
  kind: number;
  phone: string;
  /** Stored and answered exactly as given: any text, valid or not. */
  content: string;
}

export interface KeysOptions extends AccountRef {
  phone: string;
  key: string;
}

/** What the control API drives; MockServer implements it. */
export interface MockControl {
  ring(options: RingOptions): { cdrId: string };
  ringRouted(options: RingOptions): Promise<RoutedRing>;
  ivrInput(options: IvrInputOptions): Promise<IvrResult>;
  configureCrm(options: CrmOptions): CrmSettings;
  /** Waits for the pushes queued so far, then answers every push row, oldest first. */
  pushes(): Promise<PushRow[]>;
  answer(cdrId: string): MockCallView;
  hangup(cdrId: string): MockCallView;
  connect(cdrId: string): MockCallView;
  sms(options: SmsOptions): RawMessage;
  inject(options: InjectOptions): RawMessage;
  keys(options: KeysOptions): void;
  requests(filter?: RequestFilter): RequestLogEntry[];
  resetLog(): void;
  calls(user?: string): MockCallView[];
  fault(spec: FaultSpec): void;
  faults(): (FaultSpec & { remaining: number })[];
  clearFaults(): void;
  resetWaterline(ref: string | AccountRef): { waterline: number };
  addAccount(spec: AccountSpec): AccountInfo;
}

function accountRef(params: Params): AccountRef {
  const user = params.text('user').trim();
  const extension = params.text('extension').trim();
  if (!user && !extension) params.require('user');
  return user ? { user } : { extension };
}

function optional<T>(value: T | undefined | ''): T | undefined {
  return value === '' ? undefined : value;
}

function flag(params: Params, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  return value === '1' || value.toLowerCase() === 'true';
}

function faultSpec(params: Params): FaultSpec {
  const spec: FaultSpec = {};
  const method = optional(params.text('method').trim());
  if (method) spec.method = method;
  const code = params.number('code');
  if (code !== undefined) spec.code = code;
  const message = params.get('message');
  if (message !== undefined) spec.message = message;
  const delayMs = params.number('delayMs');
  if (delayMs !== undefined) spec.delayMs = delayMs;
  const drop = flag(params, 'drop');
  if (drop) spec.drop = true;
  // An empty `body=` is a fault of its own: an empty answer.
  const body = params.get('body');
  if (body !== undefined) spec.body = body;
  const status = params.number('status');
  if (status !== undefined) spec.status = status;
  const contentType = optional(params.text('contentType').trim());
  if (contentType) spec.contentType = contentType;
  const times = params.number('times');
  if (times !== undefined) spec.times = times;
  return spec;
}

type ControlRoute = (params: Params, control: MockControl) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** The CRM settings a /mock/crm request names; a parameter left out keeps its setting, an empty one clears it. */
function crmOptions(params: Params): CrmOptions {
  const options: CrmOptions = {};
  for (const key of ['pushUrl', 'navigationUrl', 'ivrUrl'] as const) {
    const value = params.get(key);
    if (value !== undefined) options[key] = value;
  }
  const timeoutMs = params.number('timeoutMs');
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  return options;
}

const routes: Record<string, ControlRoute> = {
  ring: async (p, c) => {
    const phone = p.require('phone').trim();
    const user = p.text('user').trim();
    const extension = p.text('extension').trim();
    const options: RingOptions = user ? { user, phone } : extension ? { extension, phone } : { phone };
    const paramvalue = p.get('paramvalue');
    if (paramvalue !== undefined) options.paramvalue = paramvalue;
    const trunkno = p.get('trunkno');
    if (trunkno !== undefined) options.trunkno = trunkno;
    // No agent named: the CRM's navigation (docs/800ing-api.md §5 §2.8) chooses one.
    return user || extension ? c.ring(options) : { ...(await c.ringRouted(options)) };
  },
  answer: (p, c) => ({ call: c.answer(p.require('cdrId').trim()) }),
  hangup: (p, c) => ({ call: c.hangup(p.require('cdrId').trim()) }),
  connect: (p, c) => ({ call: c.connect(p.require('cdrId').trim()) }),
  sms: (p, c) => ({
    waterLine: c.sms({ ...accountRef(p), phone: p.require('phone').trim(), text: p.text('text') }).waterLine,
  }),
  message: (p, c) => ({
    waterLine: c.inject({
      ...accountRef(p),
      kind: p.requireNumber('kind'),
      phone: p.text('phone'),
      content: p.text('content'),
    }).waterLine,
  }),
  keys: (p, c) => {
    c.keys({ ...accountRef(p), phone: p.require('phone').trim(), key: p.require('key') });
    return {};
  },
  requests: (p, c) => {
    const filter: RequestFilter = {};
    const user = optional(p.text('user').trim());
    if (user) filter.user = user;
    const method = optional(p.text('method').trim());
    if (method) filter.method = method;
    return { requests: c.requests(filter) };
  },
  calls: (p, c) => ({ calls: c.calls(optional(p.text('user').trim())) }),
  'reset-log': (_p, c) => {
    c.resetLog();
    return {};
  },
  fault: (p, c) => {
    c.fault(faultSpec(p));
    return { faults: c.faults() };
  },
  'fault/clear': (_p, c) => {
    c.clearFaults();
    return {};
  },
  'waterline-reset': (p, c) => c.resetWaterline(accountRef(p)),
  account: (p, c) => {
    const spec: AccountSpec = {
      user: p.require('user').trim(),
      password: p.require('password'),
      extension: p.require('extension').trim(),
      name: p.text('name').trim(),
    };
    if (p.text('disablePhoneNum') === '1') spec.disablePhoneNum = 1;
    if (flag(p, 'admin')) spec.admin = true;
    return { account: c.addAccount(spec) };
  },
  crm: (p, c) => ({ crm: c.configureCrm(crmOptions(p)) }),
  ivr: async (p, c) => ({ ...(await c.ivrInput({ cdrId: p.require('cdrId').trim(), input: p.text('input') })) }),
  pushes: async (_p, c) => ({ pushes: await c.pushes() }),
  // A stand-in CRM: answers every push exactly as a CRM that accepted it does
  // ({"code":0,"message":"OK"}, docs/800ing-api.md §5), so `crm.pushUrl = <mock>/mock/crm-sink` works with no CRM.
  'crm-sink': () => ({}),
};

/** The names of the control routes, for the CLI's help and the 404 answer. */
export const CONTROL_ROUTES = Object.keys(routes).map((name) => CONTROL_PREFIX + name);

/** Runs one control route; `route` is the path below /mock/. */
export async function handleControl(route: string, params: Params, control: MockControl): Promise<Record<string, unknown>> {
  const run = Object.hasOwn(routes, route) ? routes[route] : undefined;
  if (!run) return { code: ResultCode.NotFound, message: `no control route /mock/${route}`, routes: CONTROL_ROUTES };
  try {
    return { code: ResultCode.Ok, message: 'OK', ...(await run(params, control)) };
  } catch (error) {
    if (isVoipError(error)) return { code: error.code, message: error.message };
    if (error instanceof RangeError || error instanceof TypeError) {
      return { code: ResultCode.Internal, message: error.message };
    }
    throw error;
  }
}
