/**
 * Shared pieces of the proxy tests: a CRM server that runs createVoipProxy with an agent chosen by
 * a cookie, a client that sends that cookie, and a raw HTTP request for what fetch refuses to send.
 * Not a test file itself (the runner picks up *.test.ts only).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { listen } from '../../src/node/listen.js';
import { ADMIN_ACCOUNT, createVoipProxy, TEST_ACCOUNT, type VoipProxyOptions } from '../../src/node/index.js';
import { VoipClient } from '../../src/client/index.js';
import { FetchTransport } from '../../src/transport/index.js';
import { md5 } from './mock-test-helpers.js';

/** The CRM's session cookie: which agent a browser is. */
export const SESSION_COOKIE = 'crm_session';

/** What the CRM keeps server-side per session: the 800ing account (MD5 only). */
export const SESSIONS: Record<string, { user: string; passwordMd5: string }> = {
  agent: { user: TEST_ACCOUNT.user, passwordMd5: md5(TEST_ACCOUNT.password) },
  admin: { user: ADMIN_ACCOUNT.user, passwordMd5: md5(ADMIN_ACCOUNT.password) },
};

/** The session named by the request's cookie, or null (the proxy answers 401). */
export function credentialsByCookie(req: IncomingMessage): { user: string; passwordMd5: string } | null {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`).exec(req.headers.cookie ?? '');
  return (match && SESSIONS[match[1]!]) || null;
}

export interface ProxyServer {
  server: Server;
  url: string;
  /** Every req.url the proxy saw, in order. */
  seen: string[];
  close(): Promise<void>;
}

/** A standalone proxy server (`http.createServer(proxy)`) on 127.0.0.1. */
export async function startProxy(options: Partial<VoipProxyOptions> & { target: string }): Promise<ProxyServer> {
  const proxy = createVoipProxy({ credentials: credentialsByCookie, ...options });
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    void proxy(req, res);
  });
  const { url } = await listen(server, 0, '127.0.0.1');
  return {
    server,
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A VoipClient with auth "proxy" whose requests carry the CRM cookie of `session`. */
export function proxiedClient(proxyUrl: string, session: string | null = 'agent', timeoutMs = 10_000): VoipClient {
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}) } });
  return new VoipClient({ server: proxyUrl, auth: 'proxy', transport: new FetchTransport({ fetch: withCookie, timeoutMs }), timeoutMs });
}

/** Writes `text` as the whole request and answers the status line and the rest (for request lines fetch will not send). */
export function rawRequest(url: string, text: string, endAfterWrite = true): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      if (endAfterWrite) socket.end(text);
      else socket.write(text);
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0), text: answer }));
  });
}
