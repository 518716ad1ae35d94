/**
 * What createVoipProxy refuses: it is not an open proxy. Other paths, dot segments (plain and
 * percent-encoded), absolute-form request targets, oversized queries and bodies, slow bodies;
 * it never passes the CRM's cookie on nor the vendor's cookie back, types the vendor's bytes so
 * they cannot run in the CRM's origin, and answers 502 / 504 for an unreachable or slow server.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen } from '../../src/node/listen.js';
import { createVoipProxy, startMockServer, TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';
import { Endpoint, ResultCode } from '../../src/protocol/index.js';
import { proxiedClient, rawRequest, SESSION_COOKIE, startProxy, type ProxyServer } from './proxy-helpers.js';

const COOKIE = { cookie: `${SESSION_COOKIE}=agent` };
const MAX_QUERY = 2048;
const READ_TIMEOUT_MS = 300;

async function codeOf(res: Response): Promise<number> {
  return ((await res.json()) as { code: number }).code;
}

describe('createVoipProxy refuses what is not an 800ing API request', () => {
  let mock: MockServer;
  let proxy: ProxyServer;

  before(async () => {
    mock = await startMockServer({ holdMs: 0 });
    proxy = await startProxy({ target: mock.url, maxQueryBytes: MAX_QUERY, readTimeoutMs: READ_TIMEOUT_MS });
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => mock.resetLog());

  it('answers 404 to any other path, the mock control API included, and forwards nothing', async () => {
    for (const path of ['/mock/ring?user=100008800&phone=1', '/', '/etc/passwd', '/voip/admin/users.json', '/voip/api/other.html', '/voip/record/']) {
      const res = await fetch(proxy.url + path, { headers: COOKIE });
      assert.equal(res.status, 404, path);
      assert.equal(await codeOf(res), ResultCode.Network);
    }
    assert.equal(mock.requests().length, 0);
    assert.equal(mock.calls().length, 0, 'no call was rung through the control API');
  });

  it('refuses dot segments, plain or percent-encoded, and encoded separators with 400', async () => {
    const hostile = [
      '/voip/api/../../mock/ring?user=100008800&phone=1',
      '/voip/record/../../mock/ring?user=100008800&phone=1',
      '/voip/record/%2e%2e/%2E%2E/mock/ring',
      '/voip/record/.%2e/x.wav',
      '/voip/record/a%2f..%2fb.wav',
      '/voip/record/a%5c..%5cb.wav',
      '/voip/record/bad%zz.wav',
    ];
    for (const path of hostile) {
      // fetch would normalise `..` away: send the request line as written.
      const { status } = await rawRequest(proxy.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nCookie: ${COOKIE.cookie}\r\nConnection: close\r\n\r\n`);
      assert.equal(status, 400, path);
    }
    assert.equal(mock.requests().length, 0);
  });

  it('refuses absolute-form and authority-form request targets', async () => {
    const { host } = new URL(mock.url);
    for (const target of [`http://${host}${Endpoint.Json}?method=getExtension`, `//${host}${Endpoint.Json}`, `${host}:80`]) {
      const { status } = await rawRequest(proxy.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nCookie: ${COOKIE.cookie}\r\nConnection: close\r\n\r\n`);
      assert.ok(status === 400, `${target}: ${status}`);
    }
    assert.equal(mock.requests().length, 0);
  });

  it('refuses an oversized query (414) and an oversized form body (413)', async () => {
    const long = 'x'.repeat(MAX_QUERY + 1);
    const query = await fetch(`${proxy.url}${Endpoint.Json}?method=getExtension&pad=${long}`, { headers: COOKIE });
    assert.equal(query.status, 414);
    const body = await fetch(proxy.url + Endpoint.Json, {
      method: 'POST',
      headers: { ...COOKIE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `method=getExtension&pad=${long}`,
    });
    assert.equal(body.status, 413);
    assert.equal(mock.requests().length, 0);
  });

  it(`refuses a body that does not arrive within ${READ_TIMEOUT_MS} ms (408) and closes the connection`, async () => {
    const started = Date.now();
    const head = `POST ${Endpoint.Json} HTTP/1.1\r\nHost: x\r\nCookie: ${COOKIE.cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nmethod=get`;
    const { status } = await rawRequest(proxy.url, head, false);
    assert.equal(status, 408);
    assert.ok(Date.now() - started < READ_TIMEOUT_MS + 1000);
    assert.equal(mock.requests().length, 0);
  });

  it('answers 405 to other methods on an API path', async () => {
    const res = await fetch(proxy.url + Endpoint.Json, { method: 'PUT', headers: COOKIE, body: 'x' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, POST');
  });
});

describe('createVoipProxy and an unreachable, slow or hostile 800ing server', () => {
  let target: Server;
  let targetUrl: string;
  let behave: (headers: IncomingHttpHeaders, res: import('node:http').ServerResponse) => void;
  let lastHeaders: IncomingHttpHeaders = {};

  before(async () => {
    target = createServer((req, res) => {
      lastHeaders = req.headers;
      behave(req.headers, res);
    });
    targetUrl = (await listen(target, 0, '127.0.0.1')).url;
  });
  after(async () => {
    target.closeAllConnections();
    await new Promise((r) => target.close(r));
  });

  it('answers 502 with code -1 when the server cannot be reached', async () => {
    const closed = createServer();
    const { url } = await listen(closed, 0, '127.0.0.1');
    await new Promise((r) => closed.close(r)); // a port nobody listens on now
    const proxy = await startProxy({ target: url });
    try {
      const res = await fetch(`${proxy.url}${Endpoint.Json}?method=getExtension`, { headers: COOKIE });
      assert.equal(res.status, 502);
      assert.equal(await codeOf(res), ResultCode.Network);
      await assert.rejects(proxiedClient(proxy.url).login(), /502/);
    } finally {
      await proxy.close();
    }
  });

  it('answers 504 with code -1 when the server does not answer within timeoutMs', async () => {
    behave = () => undefined; // holds forever
    const proxy = await startProxy({ target: targetUrl, timeoutMs: 300 });
    try {
      const started = Date.now();
      const res = await fetch(`${proxy.url}${Endpoint.Json}?method=getLongWaterLine`, { headers: COOKIE });
      assert.equal(res.status, 504);
      assert.equal(await codeOf(res), ResultCode.Network);
      assert.ok(Date.now() - started < 2000);
    } finally {
      target.closeAllConnections();
      await proxy.close();
    }
  });

  it('passes no CRM cookie on, no vendor cookie back, and serves an HTML answer as inert JSON', async () => {
    behave = (_headers, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html', 'Set-Cookie': 'JSESSIONID=vendor' }).end('<script>alert(1)</script>');
    const proxy = await startProxy({ target: targetUrl });
    try {
      const res = await fetch(`${proxy.url}${Endpoint.Json}?method=getExtension`, { headers: { ...COOKIE, authorization: 'Bearer crm' } });
      assert.equal(res.headers.get('set-cookie'), null);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      await res.text();
      assert.equal(lastHeaders.cookie, undefined);
      assert.equal(lastHeaders.authorization, undefined);
      await assert.rejects(proxiedClient(proxy.url).login(), /HTML/);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an answer larger than maxAnswerBytes', async () => {
    behave = (_headers, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"pad":"${'x'.repeat(5000)}"}`);
    const proxy = await startProxy({ target: targetUrl, maxAnswerBytes: 1000 });
    try {
      const res = await fetch(`${proxy.url}${Endpoint.Json}?method=getExtension`, { headers: COOKIE });
      assert.equal(res.status, 502);
    } finally {
      await proxy.close();
    }
  });

  it('answers 500 when credentials(req) throws, and builds only with valid options', async () => {
    const proxy = createVoipProxy({
      target: targetUrl,
      credentials: () => {
        throw new Error('session store down');
      },
    });
    const server = createServer((req, res) => void proxy(req, res));
    const { url } = await listen(server, 0, '127.0.0.1');
    try {
      const res = await fetch(`${url}${Endpoint.Json}?method=getExtension`);
      assert.equal(res.status, 500);
      assert.doesNotMatch(await res.text(), /session store/);
    } finally {
      await new Promise((r) => server.close(r));
    }
    assert.throws(() => createVoipProxy({ target: 'ftp://x', credentials: () => null }), TypeError);
    assert.throws(() => createVoipProxy({ target: 'http://x', credentials: null as never }), TypeError);
    assert.throws(() => createVoipProxy({ target: 'http://x', credentials: () => null, timeoutMs: 0 }), TypeError);
    assert.doesNotThrow(() => createVoipProxy({ target: `http://x/${TEST_ACCOUNT.user}`, credentials: () => null }));
  });
});
