/**
 * The vendor desktop softphone's control API (docs/800ing-api.md §6; vendor document §3 "客户端控制 API"): the
 * command types, their parameters, and the exact URL a page opens to send one, e.g.
 * `http://127.0.0.1:10800/?type=0&phone=13900120013&disablePop=true`.
 *
 * Every name and number of that API is written down here once; the sender and the mock desktop
 * import them.
 */
import { LocalCode } from '../protocol/codes.js';
import { VoipError } from '../protocol/index.js';
import { DEFAULT_DESKTOP_HOST, DEFAULT_DESKTOP_PORT, DESKTOP_METHOD, DesktopType } from './types.js';

export { DESKTOP_METHOD, DEFAULT_DESKTOP_HOST, DEFAULT_DESKTOP_PORT, DesktopType } from './types.js';

/**
 * The query parameter names, spelled as the vendor's example URLs spell them. The vendor's table
 * capitalises some (`Hold`, `DisablePop`, `Width`, `Height`: a word processor's sentence case);
 * its own URLs (docs/800ing-api.md §6) write `disablePop`, `width`, `height` and `hold=1`, so we do too.
 */
export const DesktopParam = {
  Type: 'type',
  /** The number to call; for 1001–1008 the order id; for 992–994/981 the agent's extension. */
  Phone: 'phone',
  /** `1` shows the pop window when dialing, `0` a plain call. */
  Hold: 'hold',
  /** `true`: no pop window on this outbound call; `false` (the client's default): pop it. */
  DisablePop: 'disablePop',
  /** Base64 of the URL to open (type 1000). */
  Url: 'url',
  /** Window title (1000) or work-order type name (1001/1002). */
  Caption: 'caption',
  Width: 'width',
  Height: 'height',
  /** Port of the client meant, when several clients run on one machine. */
  HttpPort: 'httpPort',
  /** Session of the page that controls the client ("关联对方登录的 SESSION"). */
  ApiKey: 'apiKey',
  Host: 'host',
  User: 'user',
  Pass: 'pass',
} as const;
export type DesktopParam = (typeof DesktopParam)[keyof typeof DesktopParam];

/** Parameters every command may carry. */
export interface DesktopCommonParams {
  /**
   * The port of the client meant when several clients run on one machine. It is sent, and it
   * also overrides the port the command goes to.
   */
  httpPort?: number;
  /** The session of the page that controls the client. */
  apiKey?: string;
}

export interface DesktopPhoneParams extends DesktopCommonParams {
  phone: string | number;
}

export interface DesktopDialParams extends DesktopPhoneParams {
  /** `true`/`1`: show the pop window (`hold=1`); `false`/`0`: a plain call (`hold=0`). */
  hold?: boolean | 0 | 1;
  /** `true`: no pop window on this call (`disablePop=true`). */
  disablePop?: boolean;
}

export interface DesktopBatchDialParams extends DesktopCommonParams {
  /** The numbers, as an array or already joined with `,`. */
  phone: string | readonly (string | number)[];
}

export interface DesktopHangupParams extends DesktopCommonParams {
  phone?: string | number;
}

export interface DesktopOpenUrlParams extends DesktopCommonParams {
  /** The plain absolute URL: it is sent as the Base64 of its UTF-8 bytes. */
  url: string;
  /** The window title. */
  caption?: string;
  /** Window size in pixels; the client's default size when left out. */
  width?: number;
  height?: number;
}

export interface DesktopWorkOrderParams extends DesktopCommonParams {
  /** The order id. */
  phone: string | number;
  /** The work-order type name. */
  caption?: string;
}

export interface DesktopLoginParams extends DesktopCommonParams {
  /** The 800ing server, e.g. `voip.800ing.com`. */
  host?: string;
  user?: string;
  pass?: string;
}

/** The parameters of each command type. */
export interface DesktopParamsMap {
  [DesktopType.Dial]: DesktopDialParams;
  [DesktopType.Hangup]: DesktopHangupParams;
  [DesktopType.Transfer]: DesktopPhoneParams;
  [DesktopType.ShowCustomer]: DesktopPhoneParams;
  [DesktopType.BatchDial]: DesktopBatchDialParams;
  [DesktopType.Monitor]: DesktopPhoneParams;
  [DesktopType.Whisper]: DesktopPhoneParams;
  [DesktopType.BargeIn]: DesktopPhoneParams;
  [DesktopType.ForceHangup]: DesktopPhoneParams;
  [DesktopType.OpenUrl]: DesktopOpenUrlParams;
  [DesktopType.PrintWorkOrder]: DesktopWorkOrderParams;
  [DesktopType.DesignWorkOrder]: DesktopWorkOrderParams;
  [DesktopType.ClosePop]: DesktopHangupParams;
  [DesktopType.DesignOrder]: DesktopPhoneParams;
  [DesktopType.PrintOrder]: DesktopPhoneParams;
  [DesktopType.DesignWaybill]: DesktopPhoneParams;
  [DesktopType.PrintWaybill]: DesktopPhoneParams;
  [DesktopType.Login]: DesktopLoginParams;
  [DesktopType.ShowWindow]: DesktopCommonParams;
}
export type DesktopParams<T extends DesktopType = DesktopType> = DesktopParamsMap[T];

/** Every parameter of every type, all optional: for callers that pick the type at run time. */
export interface AnyDesktopParams extends DesktopCommonParams {
  phone?: string | number | readonly (string | number)[];
  hold?: boolean | 0 | 1;
  disablePop?: boolean;
  url?: string;
  caption?: string;
  width?: number;
  height?: number;
  host?: string;
  user?: string;
  pass?: string;
}

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** `[params?]` for a type whose parameters are all optional, `[params]` otherwise. */
export type DesktopParamsArg<T extends DesktopType> = [RequiredKeys<DesktopParams<T>>] extends [never]
  ? [params?: DesktopParams<T>]
  : [params: DesktopParams<T>];

/** Where a command goes. */
export interface DesktopTarget {
  /** 1–65535; default 10800. A command's `httpPort` overrides it. */
  port?: number;
  /** Default `127.0.0.1`. An IPv6 address may be given with or without brackets. */
  host?: string;
}

/** A built command: its URL and where exactly it goes (for messages). */
export interface DesktopRequest {
  url: string;
  host: string;
  port: number;
  type: DesktopType;
}

const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(DesktopType));
const KNOWN_PARAMS: ReadonlySet<string> = new Set<string>(Object.values(DesktopParam));

/** The types whose `phone` must be given (a number, an extension, an order id). */
const PHONE_REQUIRED: ReadonlySet<number> = new Set<number>([
  DesktopType.Dial,
  DesktopType.Transfer,
  DesktopType.ShowCustomer,
  DesktopType.BatchDial,
  DesktopType.Monitor,
  DesktopType.Whisper,
  DesktopType.BargeIn,
  DesktopType.ForceHangup,
  DesktopType.PrintWorkOrder,
  DesktopType.DesignWorkOrder,
  DesktopType.DesignOrder,
  DesktopType.PrintOrder,
  DesktopType.DesignWaybill,
  DesktopType.PrintWaybill,
]);

/** The order of the parameters in the query string, after `type` (the vendor's table order). */
const PARAM_ORDER: readonly DesktopParam[] = [
  DesktopParam.Phone,
  DesktopParam.Hold,
  DesktopParam.DisablePop,
  DesktopParam.Url,
  DesktopParam.Caption,
  DesktopParam.Width,
  DesktopParam.Height,
  DesktopParam.Host,
  DesktopParam.User,
  DesktopParam.Pass,
  DesktopParam.HttpPort,
  DesktopParam.ApiKey,
];

/** True when `value` is one of the command types above. */
export function isDesktopType(value: unknown): value is DesktopType {
  return typeof value === 'number' && KNOWN_TYPES.has(value);
}

/**
 * Base64 of the UTF-8 bytes of `text` (standard alphabet, padded): what type 1000 wants for
 * `url`. `btoa` alone throws on Chinese characters; TextEncoder + btoa works in every browser,
 * worker and Node ≥ 16. The standard alphabet, not base64url: the client's decoder is not known
 * to accept `-`/`_`. Its `+`, `/` and `=` are then percent-encoded in the query like any value.
 */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const chunk = 0x8000; // String.fromCharCode(...) has an argument limit
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * The exact URL of a command, e.g. `buildDesktopUrl(DesktopType.Dial, { phone: '139' }, { port: 10800 })`
 * → `http://127.0.0.1:10800/?type=0&phone=139`. Values are UTF-8 percent-encoded; `url` is sent
 * as Base64. Throws VoipError(LocalCode.BadInput) for an unknown type, a missing `phone` or
 * `url`, an unknown parameter name, or an invalid port, size or host.
 */
export function buildDesktopUrl<T extends DesktopType>(type: T, params: DesktopParams<T>, target?: DesktopTarget): string {
  return buildDesktopRequest(type, params, target).url;
}

/** buildDesktopUrl, also answering the host and port the command goes to. */
export function buildDesktopRequest(type: number, params: AnyDesktopParams | undefined, target: DesktopTarget = {}): DesktopRequest {
  if (!isDesktopType(type)) throw badInput(`unknown desktop command type ${describe(type)}`);
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    throw badInput('desktop command parameters must be an object');
  }
  const given: Record<string, unknown> = { ...(params ?? {}) };
  for (const key of Object.keys(given)) {
    if (!KNOWN_PARAMS.has(key) || key === DesktopParam.Type) {
      throw badInput(`unknown desktop command parameter "${key}" (known: ${PARAM_ORDER.join(', ')})`);
    }
  }

  const values = new Map<DesktopParam, string>();
  const phone = given[DesktopParam.Phone];
  if (isPresent(phone)) values.set(DesktopParam.Phone, phoneText(phone, type));
  else if (PHONE_REQUIRED.has(type)) throw badInput(`desktop command ${type} needs "phone"`);

  const hold = given[DesktopParam.Hold];
  if (isPresent(hold)) {
    if (hold !== true && hold !== false && hold !== 0 && hold !== 1) throw badInput('"hold" must be true, false, 0 or 1');
    values.set(DesktopParam.Hold, hold === true || hold === 1 ? '1' : '0');
  }
  const disablePop = given[DesktopParam.DisablePop];
  if (isPresent(disablePop)) {
    if (typeof disablePop !== 'boolean') throw badInput('"disablePop" must be true or false');
    values.set(DesktopParam.DisablePop, String(disablePop));
  }

  const url = given[DesktopParam.Url];
  if (isPresent(url)) values.set(DesktopParam.Url, base64Utf8(absoluteUrl(url)));
  else if (type === DesktopType.OpenUrl) throw badInput(`desktop command ${type} needs "url"`);

  for (const key of [DesktopParam.Caption, DesktopParam.Host, DesktopParam.User, DesktopParam.Pass, DesktopParam.ApiKey]) {
    const value = given[key];
    if (!isPresent(value)) continue;
    if (typeof value !== 'string') throw badInput(`"${key}" must be a string`);
    values.set(key, value);
  }
  for (const key of [DesktopParam.Width, DesktopParam.Height]) {
    const value = given[key];
    if (!isPresent(value)) continue;
    if (!isPositiveInteger(value)) throw badInput(`"${key}" must be a positive whole number of pixels, not ${describe(value)}`);
    values.set(key, String(value));
  }

  let port = target.port ?? DEFAULT_DESKTOP_PORT;
  if (!isPort(port)) throw badInput(`invalid desktop client port ${describe(port)}`);
  const httpPort = given[DesktopParam.HttpPort];
  if (isPresent(httpPort)) {
    if (!isPort(httpPort)) throw badInput(`invalid "httpPort" ${describe(httpPort)}`);
    values.set(DesktopParam.HttpPort, String(httpPort));
    port = httpPort;
  }
  const host = hostText(target.host ?? DEFAULT_DESKTOP_HOST);

  let query = `${DesktopParam.Type}=${type}`;
  for (const key of PARAM_ORDER) {
    const value = values.get(key);
    if (value !== undefined) query += `&${key}=${encodeURIComponent(value)}`;
  }
  return { url: `http://${host}:${port}/?${query}`, host, port, type };
}

function badInput(message: string): VoipError {
  return new VoipError(LocalCode.BadInput, message, { method: DESKTOP_METHOD });
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isPort(value: unknown): value is number {
  return isPositiveInteger(value) && value <= 65535;
}

/** One number (or id), or for batch dialing a list of them joined with `,`. */
function phoneText(value: unknown, type: number): string {
  if (Array.isArray(value)) {
    if (type !== DesktopType.BatchDial) throw badInput('"phone" may be a list only for batch dialing (type 4)');
    const parts = value.map((part: unknown) => singlePhone(part));
    if (parts.length === 0) throw badInput(`desktop command ${type} needs "phone"`);
    if (parts.some((part) => part.includes(','))) throw badInput('a number in a batch-dial list contains ","');
    return parts.join(',');
  }
  return singlePhone(value);
}

function singlePhone(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (!text) throw badInput(`"phone" must be a non-empty string, not ${describe(value)}`);
  return text;
}

/**
 * The client opens the URL in its own window: a relative URL means nothing there, and only a web
 * page may be opened (`javascript:`, `file:`, `data:` would run or read things on the agent's
 * machine). Sent as given.
 */
function absoluteUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) throw badInput('"url" must be a non-empty string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(`"url" must be an absolute URL, not ${describe(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput(`"url" must be an http(s) URL, not ${describe(value)}`);
  return value;
}

/** A host name or address as it goes into the URL (an IPv6 address in brackets). */
function hostText(value: unknown): string {
  if (typeof value !== 'string' || !value) throw badInput('the desktop client host must be a non-empty string');
  const host = value.includes(':') && !value.startsWith('[') ? `[${value}]` : value;
  let parsed: URL | undefined;
  try {
    parsed = new URL(`http://${host}/`);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.port !== '' || parsed.username !== '' || parsed.pathname !== '/' || /[\s/?#@]/.test(host)) {
    throw badInput(`invalid desktop client host ${describe(value)}`);
  }
  return host;
}
