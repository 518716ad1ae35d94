/**
 * createVoipProxy: the CRM's own server forwards the widget's 800ing requests and adds the agent's
 * credentials itself, so the page holds none (issue 18). Same origin as the CRM page: no mixed
 * content on an https CRM, no JSONP, no password MD5 in any URL the browser sees.
 *
 * Stateless by design: every request is read, checked, forwarded and answered on its own, so any
 * number of proxies can run behind a load balancer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ResultCode } from '../../protocol/index.js';
import { readFields } from '../handlers/query.js';
import { sendJson } from '../handlers/respond.js';
import { encodeParams, withQuery } from '../../transport/query.js';
import { checkCredentials, withServerCredentials } from './credentials.js';
import { proxySettings, type ProxyCredentials, type ProxySettings, type VoipProxyOptions } from './options.js';
import { forward } from './upstream.js';
import { VendorPathKind, vendorPathOf } from './vendor-paths.js';

/**
 * A handler for `http.createServer(proxy)` and for Express/Connect `app.use('/any/mount', proxy)`
 * (it reads `req.url`, which Express makes relative to the mount). A path that is not an 800ing
 * API path goes to `next()` when given, else gets 404. The promise never rejects.
 */
export type VoipProxy = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

const ALLOWED_METHODS = 'GET, POST';

function refuse(res: ServerResponse, status: number, message: string, close = false): void {
  sendJson(res, status, { code: ResultCode.Network, message }, close ? { Connection: 'close' } : {});
}

/** Asks the CRM whose request this is; a throwing or malformed answer is the CRM's fault (500). */
async function credentialsOf(req: IncomingMessage, settings: ProxySettings): Promise<ProxyCredentials | null | Error> {
  try {
    return checkCredentials(await settings.credentials(req));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function createVoipProxy(options: VoipProxyOptions): VoipProxy {
  const settings = proxySettings(options);

  return async (req, res, next) => {
    try {
      const path = vendorPathOf(req.url ?? '');
      if (!path.ok) {
        if ('reason' in path) refuse(res, 400, path.reason);
        else if (typeof next === 'function') next();
        else refuse(res, 404, 'not an 800ing API path');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'POST') {
        sendJson(res, 405, { code: ResultCode.Network, message: `method ${req.method ?? ''} not allowed` }, { Allow: ALLOWED_METHODS });
        return;
      }
      const read = await readFields(req, settings.maxQueryBytes, settings.readTimeoutMs);
      if (!read.ok) {
        refuse(res, read.status, read.message, read.close);
        if (read.close) res.once('finish', () => req.socket.destroy()); // stop reading a body we refused
        return;
      }
      const credentials = await credentialsOf(req, settings);
      if (credentials instanceof Error) {
        refuse(res, 500, 'the CRM could not tell whose request this is');
        return;
      }
      if (credentials === null) {
        sendJson(res, 401, { code: ResultCode.Auth, message: 'not logged in to the CRM' });
        return;
      }
      const params = withServerCredentials(read.fields, credentials);
      const base = path.kind === VendorPathKind.Report ? settings.reportTarget : settings.target;
      const url = new URL(base.pathname.replace(/\/+$/, '') + path.pathname, base);
      const isPost = req.method === 'POST';
      await forward(req, res, {
        url: isPost ? url : new URL(withQuery(url.href, params)),
        method: isPost ? 'POST' : 'GET',
        body: isPost ? encodeParams(params) : undefined,
        kind: path.kind,
        timeoutMs: settings.timeoutMs,
        maxAnswerBytes: settings.maxAnswerBytes,
      });
    } catch {
      // A fault of ours: answer it (once), never crash the CRM's server or reject into it.
      if (!sendJson(res, 500, { code: ResultCode.Network, message: 'internal error in the proxy' })) res.destroy();
    }
  };
}
