/**
 * A small CRM backend for the 八百呼 (800ing) call centre, on node:http with no framework:
 *
 *   GET /voip/push         call events and call records (spec §5 §2.7) → SQLite
 *   GET /voip/navigation   which agent takes an inbound caller (§2.8) ← the routes table
 *   GET /voip/ivr          what the IVR does with the caller's keys (§2.10)
 *   GET /calls?phone=…     the stored call records, newest first (read-only, for the CRM's UI)
 *   GET /calls/{cdrId}     one call's record and the pushes received for it
 *   GET /, /login          the agent's page (after the CRM login) with the softphone, auth="proxy"
 *   /voip-proxy/…          the 800ing API through createVoipProxy, with the agent's account added
 *
 * With `callbackToken`, the three callbacks live at /voip/<token>/push (…/navigation, …/ivr) and
 * any other path is 404: only who was given the URL (the 800ing server) can call them.
 *
 * The three callbacks are voip-softphone's handlers: they validate the query, call our function
 * with a typed value and answer the JSON the 800ing server expects (failures with code -1).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentStore, type AgentSeed } from './agents.js';
import { MAX_CALLS, openCrmDb, type CrmDb } from './db.js';
import { createWebApp } from './web.js';
import { DEFAULT_IVR_AGENT, ivrMenu, routeByTable } from './routes.js';
import { createIvrHandler, createNavigationHandler, createPushHandler, type CallbackHandler, type Push } from './voip.js';

export interface CrmServerOptions {
  /** Port to listen on; 0 takes a free one. Default 3000. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1; the 800ing server must be able to reach it. */
  host?: string;
  /** The SQLite file (created when missing). */
  dbPath: string;
  /** The agent extension for callers the routes table does not name. */
  defaultExtension: string;
  /** The agent the IVR's key 1 transfers to. Default 800 (the mock's test agent). */
  ivrAgent?: string;
  /** Rows written to the routes table at start: caller phone → agent extension. */
  routes?: Record<string, string>;
  /** A line for every callback; default: none. */
  log?: (line: string) => void;
  /**
   * A secret path segment for the callbacks (the handlers' `pathToken`, 16+ URL-safe characters):
   * they are then at /voip/<token>/push, …/navigation, …/ivr. Without it, at /voip/push etc.
   */
  callbackToken?: string;
  /** Base URL of the 800ing server the agents' widgets reach through /voip-proxy. */
  voipServer?: string;
  /** Agents written to the agents table at start (CRM login + 800ing account, MD5 only). */
  agents?: AgentSeed[];
  /** Mark the session cookie `Secure` (the CRM is served over https). */
  secureCookie?: boolean;
}

export interface CrmServer {
  /** Base URL, e.g. `http://127.0.0.1:3000` (no trailing slash). */
  url: string;
  port: number;
  /** Stops listening, lets requests under way finish, then closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
/** The 800ing server over https (an https CRM page cannot reach an http one: mixed content). */
export const DEFAULT_VOIP_SERVER = 'https://voip.800ing.com';

/** The paths the 800ing server is configured with (its push, navigation and IVR URLs), without a token. */
export const CallbackPath = { Push: '/voip/push', Navigation: '/voip/navigation', Ivr: '/voip/ivr' } as const;
export type CallbackPath = (typeof CallbackPath)[keyof typeof CallbackPath];

/** A callback's path with the token as its second segment: /voip/<token>/push. */
export function callbackPath(path: CallbackPath, token?: string): string {
  return token ? path.replace(/^\/voip\//, `/voip/${token}/`) : path;
}

/**
 * Above the handlers' 64 KiB query limit, so an oversized push gets their clear 414 answer
 * rather than Node's bare 431 (a long speech-to-text `woOther1` makes a long memo).
 */
const MAX_HEADER_BYTES = 80 * 1024;
/** close() cuts the connections still open after this. */
const CLOSE_GRACE_MS = 2_000;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function describePush(push: Push): string {
  return `push ${push.key} type=${push.type} peer=${push.peer} phone=${push.phone}${push.record ? ' with record' : ''}`;
}

/** The read-only API of the CRM's UI: GET /calls?phone=&limit= and GET /calls/{cdrId}. */
function callsApi(db: CrmDb, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    json(res, 405, { error: `method ${req.method ?? ''} not allowed: the calls API is read-only` }, { Allow: 'GET, HEAD' });
    return;
  }
  if (url.pathname === '/calls') {
    const phone = url.searchParams.get('phone')?.trim() || undefined;
    const limitText = url.searchParams.get('limit') ?? '50';
    const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_CALLS)) {
      json(res, 400, { error: `limit must be a whole number from 1 to ${MAX_CALLS}` });
      return;
    }
    json(res, 200, { calls: db.calls(phone === undefined ? { limit } : { phone, limit }) });
    return;
  }
  let cdrId: string;
  try {
    cdrId = decodeURIComponent(url.pathname.slice('/calls/'.length));
  } catch {
    cdrId = ''; // a malformed %-escape names no call
  }
  const call = cdrId ? db.call(cdrId) : undefined;
  if (!call) {
    json(res, 404, { error: 'no such call' });
    return;
  }
  json(res, 200, { call, pushes: db.pushesOf(cdrId) });
}

/** Opens the database, mounts the handlers and listens. */
export async function startCrmServer(options: CrmServerOptions): Promise<CrmServer> {
  const log = options.log ?? (() => {});
  const db = openCrmDb(options.dbPath);
  let agents: AgentStore | undefined;
  try {
    agents = new AgentStore(options.dbPath);
    for (const [phone, extension] of Object.entries(options.routes ?? {})) db.setRoute(phone, extension);
    for (const agent of options.agents ?? []) agents.setAgent(agent);
  } catch (error) {
    agents?.close();
    db.close();
    throw error;
  }
  const closeDbs = (): void => {
    agents.close();
    db.close();
  };
  const web = createWebApp({ agents, db, voipServer: options.voipServer ?? DEFAULT_VOIP_SERVER, secureCookie: options.secureCookie });
  const token = options.callbackToken;
  const guard = token === undefined ? undefined : { pathToken: token };
  const route = routeByTable(db, options.defaultExtension);
  const menu = ivrMenu(options.ivrAgent ?? DEFAULT_IVR_AGENT);

  const callbacks = new Map<string, CallbackHandler>([
    [
      callbackPath(CallbackPath.Push, token),
      createPushHandler((push) => {
        const { repeat } = db.recordPush(push);
        log(`${describePush(push)}: ${repeat ? 'received before, not stored again' : 'stored'}`);
      }, guard),
    ],
    [
      callbackPath(CallbackPath.Navigation, token),
      createNavigationHandler((query) => {
        const extension = route(query);
        log(`navigation ${query.phone} → ${extension}`);
        return extension;
      }, guard),
    ],
    [
      callbackPath(CallbackPath.Ivr, token),
      createIvrHandler((query) => {
        const reply = menu(query);
        log(`ivr ${query.cdrId ?? '-'} ${query.phone} input=${query.input ?? ''} → type ${reply.type} ${reply.message ?? ''}`);
        return reply;
      }, guard),
    ],
  ]);

  let closing: Promise<void> | undefined;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    try {
      const url = new URL(`http://crm.invalid${(req.url ?? '/').replace(/^[^/]*/, '')}`);
      const callback = callbacks.get(url.pathname);
      if (callback) {
        void callback(req, res); // answers every request itself and never rejects
      } else if (url.pathname === '/calls' || url.pathname.startsWith('/calls/')) {
        callsApi(db, req, res, url);
      } else if (!web(req, res, url)) {
        json(res, 404, { error: 'not found' });
      }
    } catch {
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    closeDbs();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(cut);
          closeDbs();
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
