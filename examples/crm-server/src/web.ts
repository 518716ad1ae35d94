/**
 * What the agent's browser reaches: the CRM login (a session cookie), the agent's page with the
 * softphone, the widget's script, and the same-origin 800ing proxy that adds the agent's
 * account to each request (`createVoipProxy`, credentials from the session). No credential of
 * the 800ing server ever reaches the browser.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentStore } from './agents.js';
import { SESSION_MS } from './agents.js';
import type { CrmDb } from './db.js';
import { agentPage, loginPage, PAGE_CSP } from './page.js';
import { createVoipProxy, WIDGET_SCRIPT } from './voip.js';

/** Where the proxy is mounted; the page's widget has `server="/voip-proxy"`. */
export const PROXY_PATH = '/voip-proxy';
export const SESSION_COOKIE = 'crm_session';
/** A login form is a few dozen bytes; anything larger is not one. */
const MAX_FORM_BYTES = 4096;
const RECENT_CALLS = 20;

export interface WebOptions {
  agents: AgentStore;
  db: CrmDb;
  /** Base URL of the 800ing server the proxy forwards to. */
  voipServer: string;
  /** Add `Secure` to the session cookie: set it when the CRM is served over https. */
  secureCookie?: boolean;
}

export type WebApp = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res.writeHead(303, { Location: location, ...(cookie ? { 'Set-Cookie': cookie } : {}) }).end();
}

/** The login form's fields; undefined for a body too large or not arriving. */
function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_FORM_BYTES) {
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(new URLSearchParams(text)));
    req.on('error', () => resolve(undefined));
  });
}

export function createWebApp(options: WebOptions): WebApp {
  const { agents, db } = options;
  const secure = options.secureCookie ? '; Secure' : '';
  // SameSite=Strict: another site cannot make the browser send it, so it cannot use the proxy either.
  const sessionCookie = (value: string, maxAgeS: number): string =>
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${secure}`;
  const proxy = createVoipProxy({ target: options.voipServer, credentials: (req) => agents.voipAccountOf(cookieOf(req)) });

  return (req, res, url) => {
    const path = url.pathname;
    if (path === PROXY_PATH || path.startsWith(`${PROXY_PATH}/`)) {
      // Mounted as Express would: the proxy sees the path below the mount.
      req.url = (req.url ?? '').slice(PROXY_PATH.length);
      void proxy(req, res);
      return true;
    }
    if (path === '/voip-softphone.iife.js') {
      readFile(WIDGET_SCRIPT).then(
        (script) => res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end(script),
        () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('the widget is not built: run `npm run build` in voip-softphone'),
      );
      return true;
    }
    if (path === '/login' && req.method === 'POST') {
      void readForm(req).then((form) => {
        const cookie = form && agents.logIn(form.get('login') ?? '', form.get('password') ?? '');
        if (cookie) redirect(res, '/', sessionCookie(cookie, SESSION_MS / 1000));
        else html(res, 401, loginPage(true));
      });
      return true;
    }
    if (path === '/logout' && req.method === 'POST') {
      const cookie = cookieOf(req);
      if (cookie) agents.logOut(cookie);
      redirect(res, '/login', sessionCookie('', 0));
      return true;
    }
    if (path === '/login') {
      html(res, 200, loginPage(false));
      return true;
    }
    if (path === '/') {
      const login = agents.loginOf(cookieOf(req));
      if (!login) redirect(res, '/login');
      else html(res, 200, agentPage(login, PROXY_PATH, db.calls({ limit: RECENT_CALLS })));
      return true;
    }
    return false;
  };
}
