/** The options of startMockServer, their defaults and their validation. */
import type { AccountSpec } from './accounts.js';
import type { ControlOrigins } from './control-origins.js';
import type { CrmOptions } from './crm-http.js';
import { HangupStatus, PollCursor, type MockDialect } from './dialect.js';
import type { PushLog } from './push-log.js';

export { HangupStatus, PollCursor, type MockDialect } from './dialect.js';

export interface MockServerOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** How long getLongWaterLine holds a request when nothing changes; 0 answers at once. Default 25000. */
  holdMs?: number;
  /** Delay before an outbound call connects: 0 at once, negative never (stays dialing). Default 1500. */
  outboundConnectMs?: number;
  /** The server clock for message times, waterlines and records (unix ms). Default Date.now. */
  clock?: () => number;
  /** The first cdrId, a 15-digit integer. Default 282982852097151. */
  idSeed?: number;
  /** Accounts to add besides TEST_ACCOUNT and ADMIN_ACCOUNT. */
  accounts?: AccountSpec[];
  /** One line per request and per server event; silent when omitted. */
  log?: (line: string) => void;
  /** Where CRM pushes are kept for push_list / push_send; an in-memory log when omitted. */
  pushLog?: PushLog;
  /**
   * The CRM's own server (docs/800ing-api.md §5): call-event pushes, navigation, IVR. Nothing is sent to a URL
   * left out. Changeable later with `configureCrm()` or `/mock/crm`.
   */
  crm?: CrmOptions;
  /**
   * Web origins besides loopback ones that may call the control API (/mock/), or `'*'` for any.
   * Default none: the control API is for development, on this machine.
   */
  controlOrigins?: ControlOrigins;
  /**
   * Calls without a record: every call message says `cdrId: -1`, the real server's "no record"
   * value (docs/800ing-api.md §7.1). The mock still keeps its own ids for the control API. Default false.
   */
  noRecord?: boolean;
  /** `status` in call messages and `code` in every API answer written as strings (`'0'`, docs/800ing-api.md §7.1). Default false. */
  stringCodes?: boolean;
  /**
   * The status a hang-up is written with, in getLongWaterLine and recvMsg alike. Default: the
   * document's pair, 2 in getLongWaterLine and 3 in recvMsg (docs/800ing-api.md §3).
   */
  hangupStatus?: HangupStatus;
  /**
   * Whose state getLongWaterLine keeps (docs/800ing-api.md §7.1): `line` (default), one cursor per login line
   * that getExtension hands out, so every page of an agent sees every message; `account`, one
   * cursor for the agent, so of two pages only one hears of each message.
   */
  pollCursor?: PollCursor;
  /**
   * Honour the `waterLine` a getLongWaterLine request may carry (this project's client sends it;
   * the real server ignores it): answer at once when the store is past it. Default true; false
   * behaves as the real server, which only knows its cursors.
   */
  waterLineParam?: boolean;
  /** The region findDialrecord gives for a number (`cdrPhoneArea`); '' for any other. Default none. */
  areas?: Record<string, string>;
}

export const MOCK_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  holdMs: 25_000,
  outboundConnectMs: 1_500,
  idSeed: 282_982_852_097_151,
  pollCursor: PollCursor.Line,
} as const;

export interface ResolvedMockOptions {
  port: number;
  host: string;
  holdMs: number;
  outboundConnectMs: number;
  clock: () => number;
  idSeed: number;
  accounts: AccountSpec[];
  log: (line: string) => void;
  pushLog: PushLog | undefined;
  crm: CrmOptions;
  dialect: MockDialect;
  areas: Record<string, string>;
}

function finite(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number`);
  return value;
}

export function resolveOptions(options: MockServerOptions = {}): ResolvedMockOptions {
  const port = finite('port', options.port, MOCK_DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('port must be 0..65535');
  const holdMs = finite('holdMs', options.holdMs, MOCK_DEFAULTS.holdMs);
  if (holdMs < 0) throw new RangeError('holdMs must not be negative');
  return {
    port,
    host: options.host ?? MOCK_DEFAULTS.host,
    holdMs,
    outboundConnectMs: finite('outboundConnectMs', options.outboundConnectMs, MOCK_DEFAULTS.outboundConnectMs),
    clock: options.clock ?? Date.now,
    idSeed: finite('idSeed', options.idSeed, MOCK_DEFAULTS.idSeed),
    accounts: options.accounts ?? [],
    log: options.log ?? (() => {}),
    pushLog: options.pushLog,
    crm: options.crm ?? {},
    dialect: resolveDialect(options),
    areas: options.areas ?? {},
  };
}

function resolveDialect(options: MockServerOptions): MockDialect {
  const { hangupStatus, pollCursor = MOCK_DEFAULTS.pollCursor } = options;
  if (hangupStatus !== undefined && !Object.values(HangupStatus).includes(hangupStatus)) {
    throw new RangeError('hangupStatus must be 2 or 3');
  }
  if (!Object.values(PollCursor).includes(pollCursor)) throw new RangeError("pollCursor must be 'line' or 'account'");
  return {
    noRecord: options.noRecord ?? false,
    stringCodes: options.stringCodes ?? false,
    hangupStatus,
    pollCursor,
    waterLineParam: options.waterLineParam ?? true,
  };
}
