/**
 * VoipClient: one async method per 800ing API method (docs/800ing-api.md §3, §4, §7), typed answers, and a
 * VoipError for every failure. No DOM rendering and no Lit: usable from any framework, a worker
 * (with the fetch transport) or Node.
 */
import {
  BaseParam,
  CheckStatus,
  ClientType,
  Endpoint,
  LocalCode,
  LOGIN_TYPE,
  Method,
  RECV_MSG_DEFAULT_LIMIT,
  ResultCode,
  SEND_MSG_LOST_TIME,
  SendMsgKind,
  VoipError,
  type Agent,
  type AgentStatusAnswer,
  type BaseAnswer,
  type CallRecord,
  type PushListAnswer,
  type PushListQuery,
  type RecvMsgAnswer,
  type RegisterAnswer,
  type WaterlineAnswer,
} from '../protocol/index.js';
import { isObject, toCallRecord, toId, toNumber, toRawMessages, toText, type Json } from '../protocol/normalize.js';
import { FetchTransport, JsonpTransport, notAnObjectError, type Params, type Transport } from '../transport/index.js';
import { passwordDigest } from './credentials.js';

/** Who adds the credentials: the page (`password`) or the CRM's server (`proxy`, createVoipProxy). */
export const AuthMode = {
  Password: 'password',
  Proxy: 'proxy',
} as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

export interface VoipClientOptions {
  /** Base URL of the 800ing server, e.g. `http://voip.800ing.com:8080`, or of the CRM's proxy (in a page also a path, `/voip-proxy`). */
  server: string;
  /**
   * `password` (default): `user` + `password`/`passwordMd5` travel with every request. `proxy`:
   * the page holds no credentials; `server` is the CRM's createVoipProxy, which adds them.
   */
  auth?: AuthMode;
  /** The account (`sa_user`); not needed with `auth: 'proxy'`. */
  user?: string;
  /** The plain password: hashed at once, never kept or sent. */
  password?: string;
  /** Or the 32-hex MD5 of it. */
  passwordMd5?: string;
  /** `jsonp` (default, cross-origin), `fetch` (same origin / proxy; the default with `auth: 'proxy'`), or your own. */
  transport?: 'jsonp' | 'fetch' | Transport;
  /** Base URL of the report server (docs/800ing-api.md §4: the vendor hosts it elsewhere); defaults to `server`. */
  reportServer?: string;
  /** Default timeout of each request in ms (10 s). */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface WaterlineOptions extends CallOptions {
  /**
   * Our local waterline. Not in the vendor document: the real server ignores it; our mock uses
   * it to hold the long poll until something newer than it exists.
   */
  waterLine?: number;
}

export interface CallRecordQuery {
  phone?: string;
  cdrId?: string;
  extension?: string;
}

export class VoipClient {
  readonly server: string;
  readonly user: string;
  readonly reportServer: string;
  readonly transport: Transport;
  readonly auth: AuthMode;
  readonly #passwordMd5: string;
  readonly #timeoutMs: number | undefined;
  #agent: Agent | null = null;

  constructor(options: VoipClientOptions) {
    const server = options && typeof options.server === 'string' ? onPageOrigin(options.server) : '';
    if (!/^https?:\/\//i.test(server)) {
      throw new VoipError(LocalCode.NotConfigured, 'server must be an http(s) URL', { method: 'login' });
    }
    this.auth = options.auth === AuthMode.Proxy ? AuthMode.Proxy : AuthMode.Password;
    const byProxy = this.auth === AuthMode.Proxy;
    if (!byProxy && (typeof options.user !== 'string' || options.user.trim() === '')) {
      throw new VoipError(LocalCode.NotConfigured, 'user is required', { method: 'login' });
    }
    this.server = trimSlash(server);
    this.reportServer = trimSlash(options.reportServer ? onPageOrigin(options.reportServer) : server);
    // With a proxy the page knows no account: the proxy decides it from the CRM's session.
    this.user = byProxy ? '' : options.user!.trim();
    this.#passwordMd5 = byProxy ? '' : passwordDigest(options.password, options.passwordMd5);
    this.#timeoutMs = options.timeoutMs;
    const t = options.transport ?? (byProxy ? 'fetch' : 'jsonp');
    this.transport =
      t === 'jsonp' ? new JsonpTransport() : t === 'fetch' ? new FetchTransport() : t;
    if (byProxy && this.transport.kind === 'jsonp') {
      // A JSONP answer is a script run in the page: the proxy answers JSON only (and JSONP would
      // let any other site read the agent's data with the CRM's cookies).
      throw new VoipError(LocalCode.NotConfigured, 'auth "proxy" needs transport "fetch", not "jsonp"', { method: 'login' });
    }
  }

  /** The last getExtension answer, or null before login. */
  get agent(): Agent | null {
    return this.#agent;
  }

  /** The MD5 sent as `sa_password`, so a session in another tab can be built without the password ('' with a proxy). */
  get passwordMd5(): string {
    return this.#passwordMd5;
  }

  // ---- §3: the methods the browser calls --------------------------------------------------

  /** getExtension: checks the credentials and learns who the agent is. */
  async login(options?: CallOptions): Promise<Agent> {
    const a = await this.#api(Method.Login, {}, options);
    const agent: Agent = {
      code: toNumber(a.code),
      message: toText(a.message),
      exteId: toNumber(a.exteId),
      name: toText(a.name),
      extension: toText(a.extension),
      compNumber: toText(a.compNumber),
      compName: toText(a.compName),
      disablePhoneNum: toNumber(a.disablePhoneNum) === 1 ? 1 : 0,
      exteLoginType: toNumber(a.exteLoginType),
      sessionId: toText(a.sessionId),
    };
    if (a.compId !== undefined) agent.compId = toNumber(a.compId);
    if (a.loginLine !== undefined) agent.loginLine = toText(a.loginLine);
    this.#agent = agent;
    return agent;
  }

  /** callbackPhone: the server calls the agent, then `phone`. `paramvalue` comes back in events and pushes. */
  async dial(phone: string, paramvalue?: string, options?: CallOptions): Promise<BaseAnswer> {
    const descPhone = requirePhone(phone, Method.Dial);
    return base(await this.#api(Method.Dial, { descPhone, paramvalue: paramvalue || undefined }, options));
  }

  /**
   * sendMsg kind 6: answers the inbound call ringing from `phone`. The number goes back exactly as
   * the server gave it (`anonymous`, empty, `sip:…`): only numbers a person typed are checked.
   */
  async answer(phone: string, options?: CallOptions): Promise<BaseAnswer> {
    return base(await this.#sendMsg(SendMsgKind.Answer, phone, options));
  }

  /**
   * hangupExten: ends the agent's current call (`phone` narrows it, as the deployed client does;
   * sent exactly as the server gave it, an empty one not at all).
   */
  async hangup(phone?: string, options?: CallOptions): Promise<BaseAnswer> {
    return base(await this.#api(Method.Hangup, { phoneNum: phone || undefined }, options));
  }

  /** getLongWaterLine: the long poll. Resolves when the server has news or its hold time ends. */
  async waterline(options: WaterlineOptions = {}): Promise<WaterlineAnswer> {
    const params: Params = { client: ClientType.Web, message: 1, loginLine: this.#agent?.loginLine, waterLine: options.waterLine };
    const a = await this.#api(Method.Waterline, params, options);
    const waterline = toNumber(a.waterline ?? a.waterLine, Number.NaN);
    if (!Number.isFinite(waterline)) {
      throw new VoipError(LocalCode.BadAnswer, 'getLongWaterLine answered without a waterline', { method: Method.Waterline });
    }
    const keylist = Array.isArray(a.keylist)
      ? a.keylist.filter(isObject).map((k) => ({ phone: toText(k.phone), key: toText(k.key) }))
      : [];
    return { code: toNumber(a.code), message: toText(a.message), waterline, msgs: toRawMessages(a.msgs), keylist, userInfo: a.userInfo };
  }

  /** recvMsg: the messages after `waterLine`, oldest first, at most `limit`. */
  async recvMsg(waterLine: number, limit = RECV_MSG_DEFAULT_LIMIT, options?: CallOptions): Promise<RecvMsgAnswer> {
    const a = await this.#api(Method.RecvMsg, { client: ClientType.Web, waterLine, limit }, options);
    const msgs = toRawMessages(a.msgs).sort((x, y) => x.waterLine - y.waterLine);
    return { ...base(a), msgs };
  }

  /** registerExtension: creates an agent (needs an admin account). */
  async registerExtension(showphone: string, options?: CallOptions): Promise<RegisterAnswer> {
    const a = await this.#api(Method.RegisterExtension, { showphone: requirePhone(showphone, Method.RegisterExtension) }, options);
    return { ...base(a), extension: toText(a.extension), password: toText(a.password) };
  }

  // ---- §7: methods of the deployed client ------------------------------------------------

  /** transferExten: hands the current call to another agent. */
  async transfer(extension: string, options?: CallOptions): Promise<BaseAnswer> {
    const descExten = requirePhone(extension, Method.Transfer);
    return base(await this.#api(Method.Transfer, { descExten }, options));
  }

  /** sendMsg kind 7: stops / mutes the phone of the call with `phone`. */
  async mute(phone: string, options?: CallOptions): Promise<BaseAnswer> {
    return base(await this.#sendMsg(SendMsgKind.Mute, phone, options));
  }

  /** setUserCheckInOut status 0: the agent is available. */
  async checkIn(options?: CallOptions): Promise<BaseAnswer> {
    return base(await this.#api(Method.CheckInOut, { status: CheckStatus.In }, options));
  }

  /** setUserCheckInOut status 1: the agent is away. */
  async checkOut(options?: CallOptions): Promise<BaseAnswer> {
    return base(await this.#api(Method.CheckInOut, { status: CheckStatus.Out }, options));
  }

  /** getChannelList: the agent's channels (queue size 1, as the deployed client asks). */
  async channelList(options?: CallOptions): Promise<BaseAnswer & { rows: Json[] }> {
    const a = await this.#api(Method.ChannelList, { queueSize: 1 }, options);
    return { ...base(a), rows: Array.isArray(a.rows) ? a.rows.filter(isObject) : [] };
  }

  /** findDialrecord: the record of a finished call, or null when the server has none yet. */
  async callRecord(query: CallRecordQuery, options?: CallOptions): Promise<CallRecord | null> {
    return (await this.callRecords(query, 1, options))[0] ?? null;
  }

  /** findDialrecord: the agent's latest finished calls (narrowed by `query`), newest first. */
  async callRecords(query: CallRecordQuery, limit: number, options?: CallOptions): Promise<CallRecord[]> {
    const a = await this.#api(
      Method.CallRecord,
      { phoneNum: query.phone || undefined, limit, extension: query.extension ?? this.#agent?.extension, scdrId: query.cdrId },
      options,
    );
    return (Array.isArray(a.rows) ? a.rows : []).flatMap((row) => toCallRecord(row) ?? []);
  }

  /** loadmonitor: the agent's status text as the call centre shows it. */
  agentStatus(options?: CallOptions): Promise<AgentStatusAnswer> {
    return this.#loadMonitor(true, options);
  }

  /** loadmonitor without an extension: every agent of the company, with their status texts. */
  agentStatuses(options?: CallOptions): Promise<AgentStatusAnswer> {
    return this.#loadMonitor(false, options);
  }

  async #loadMonitor(own: boolean, options?: CallOptions): Promise<AgentStatusAnswer> {
    const agent = await this.#loggedIn(options);
    const params = { sessionId: agent.sessionId, extension: own ? agent.extension : undefined };
    const a = await this.#get(`${this.server}${Endpoint.LoadMonitor}`, params, 'loadmonitor', options);
    const rows = Array.isArray(a.rows)
      ? a.rows.filter(isObject).map((r) => ({ ...r, exteName: toText(r.exteName), statustext: toText(r.statustext) }))
      : [];
    return { ...base(a), rows };
  }

  // ---- §4: report endpoints ----------------------------------------------------------------

  /** push_list: the pushes the server made to the CRM, with the call records. */
  async pushList(query: PushListQuery, options?: CallOptions): Promise<PushListAnswer> {
    const agent = await this.#loggedIn(options);
    const params: Params = {
      page: query.page ?? 1,
      rows: query.rows ?? 10,
      startTime: query.startTime,
      endTime: query.endTime,
      timeType: query.timeType ?? 'cdrStartTime',
      order: query.order ?? 'cdrStartTime',
      sort: query.sort ?? 'desc',
      extes: query.extes ?? '',
      status: query.status ?? '',
      phone: query.phone ?? '',
      sessionId: agent.sessionId,
    };
    const a = await this.#get(`${this.reportServer}${Endpoint.PushList}`, params, 'push_list', options);
    const rows = (Array.isArray(a.rows) ? a.rows : []).flatMap((row) => {
      const record = toCallRecord(row);
      if (!record || !isObject(row)) return [];
      return [{ ...record, cdrs_status: toNumber(row.cdrs_status), cdrsId: toId(row.cdrsId) ?? '' }];
    });
    return { ...base(a), total: toNumber(a.total, rows.length), rows };
  }

  /** push_send: pushes record `cdrsId` to the CRM again. */
  async pushResend(cdrsId: string, options?: CallOptions): Promise<BaseAnswer> {
    const agent = await this.#loggedIn(options);
    return base(await this.#get(`${this.reportServer}${Endpoint.PushSend}`, { sessionId: agent.sessionId, id: cdrsId }, 'push_send', options));
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The URL of a call's recording (docs/800ing-api.md §5). */
  recordingUrl(record: CallRecord): string | null {
    return record.cdrRecordFile ? `${this.server}${Endpoint.Record}${record.cdrRecordFile.replace(/^\/+/, '')}` : null;
  }

  /** The MP3 download URL of a call's recording (docs/800ing-api.md §5). */
  recordingMp3Url(cdrId: string): string {
    return `${this.server}${Endpoint.RecordDownload}?id=${encodeURIComponent(cdrId)}&ismp3=1`;
  }

  async #loggedIn(options?: CallOptions): Promise<Agent> {
    return this.#agent ?? (await this.login(options));
  }

  #sendMsg(kind: number, phone: string, options?: CallOptions): Promise<Json> {
    return this.#api(Method.SendMsg, { phone, kind, client: ClientType.Web, lostTime: SEND_MSG_LOST_TIME }, options);
  }

  /** One API call with the base parameters (docs/800ing-api.md §1) to the transport's endpoint. */
  #api(method: Method, params: Params, options?: CallOptions): Promise<Json> {
    const path = this.transport.kind === 'jsonp' ? Endpoint.Jsonp : Endpoint.Json;
    return this.#get(`${this.server}${path}`, { ...params, [BaseParam.Method]: method }, method, options);
  }

  async #get(url: string, params: Params, method: string, options: CallOptions = {}): Promise<Json> {
    const full: Params = {
      // undefined is left out of the request: through a proxy the page sends no credentials.
      [BaseParam.User]: this.user || undefined,
      [BaseParam.Password]: this.#passwordMd5 || undefined,
      [BaseParam.LoginType]: LOGIN_TYPE,
      ...params,
    };
    const answer = await this.transport.request(url, full, {
      method,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
    });
    if (!isObject(answer)) throw notAnObjectError(method);
    // A missing code counts as success (getLongWaterLine's answer, docs/800ing-api.md §2).
    const code = answer.code === undefined || answer.code === null || answer.code === '' ? ResultCode.Ok : toNumber(answer.code, Number.NaN);
    if (!Number.isFinite(code)) {
      throw new VoipError(LocalCode.BadAnswer, 'the server answered a code that is not a number', { method });
    }
    if (code !== ResultCode.Ok) throw new VoipError(code, toText(answer.message), { method });
    return answer;
  }
}

/** A server given as a path (`/voip-proxy`, a same-origin proxy) is on the page's own origin. */
function onPageOrigin(server: string): string {
  const page = globalThis.location;
  return page && /^\/(?!\/)/.test(server) ? page.origin + server : server;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function base(a: Json): BaseAnswer {
  return { code: toNumber(a.code), message: toText(a.message) };
}

/** Phone numbers and extensions: digits with an optional leading +, * or #, at most 32 characters. */
const PHONE = /^\+?[0-9*#]{1,32}$/;

export function requirePhone(value: string, method: string): string {
  const phone = typeof value === 'string' ? value.replace(/[\s-]/g, '') : '';
  if (!PHONE.test(phone)) {
    throw new VoipError(LocalCode.BadInput, 'enter a phone number: digits only, at most 32', { method });
  }
  return phone;
}
