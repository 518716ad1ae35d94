/**
 * The mock's control API (/mock/) answers only pages on this machine by default (issue 14, item
 * 6): a page the developer visits must not read the request log (password MD5s) or re-point the
 * CRM callbacks. Real HTTP on 127.0.0.1; the browser's Origin header is sent as a browser would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockServer, type MockServer } from '../../src/node/index.js';
import { parseMockCliArgs } from '../../src/node/mock/cli.js';

const EVIL = 'https://evil.example';

/** A control request as a page on `origin` sends it (a preflight with `method: 'OPTIONS'`). */
async function fromPage(server: MockServer, path: string, origin: string | undefined, method = 'GET'): Promise<Response> {
  const headers: Record<string, string> = origin === undefined ? {} : { Origin: origin };
  if (method === 'OPTIONS') Object.assign(headers, { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Private-Network': 'true' });
  return fetch(`${server.url}${path}`, { method, headers });
}

describe('mock control API: loopback origins only by default', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer({ holdMs: 0 });
  });
  after(() => server.close());

  it('refuses another origin with 403, no CORS grant, and does nothing', async () => {
    const crmBefore = await (await fromPage(server, '/mock/crm', undefined)).json();
    for (const method of ['GET', 'OPTIONS']) {
      const res = await fromPage(server, `/mock/crm?pushUrl=${encodeURIComponent(`${EVIL}/steal`)}`, EVIL, method);
      assert.equal(res.status, 403, method);
      assert.equal(res.headers.get('access-control-allow-origin'), null, method);
      assert.equal(res.headers.get('access-control-allow-private-network'), null, method);
      assert.match(await res.text(), /for development only/);
    }
    const requests = await fromPage(server, '/mock/requests', EVIL);
    assert.equal(requests.status, 403);
    assert.deepEqual(await (await fromPage(server, '/mock/crm', undefined)).json(), crmBefore, 'the CRM callbacks were re-pointed');
  });

  it('refuses a null origin (a sandboxed frame, a file)', async () => {
    assert.equal((await fromPage(server, '/mock/requests', 'null')).status, 403);
  });

  it('answers loopback pages (the demo, the browser tests) naming their origin, and says it is for development', async () => {
    for (const origin of ['http://127.0.0.1:5173', 'http://localhost:8000', 'http://[::1]:9000', 'http://app.localhost']) {
      for (const method of ['GET', 'OPTIONS']) {
        const res = await fromPage(server, '/mock/requests', origin, method);
        assert.equal(res.status, method === 'GET' ? 200 : 204, `${origin} ${method}`);
        assert.equal(res.headers.get('access-control-allow-origin'), origin);
        assert.equal(res.headers.get('access-control-allow-private-network'), 'true');
        assert.match(res.headers.get('x-mock-control') ?? '', /for development only/);
      }
    }
  });

  it('answers a request without Origin (curl, Node, a test runner)', async () => {
    const res = await fromPage(server, '/mock/requests', undefined);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { code: number }).code, 0);
  });

  it('keeps the 800ing API itself open to any origin (a CRM page calls it with transport="fetch")', async () => {
    const res = await fromPage(server, '/voip/interface?callback=&method=login', EVIL);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });
});

describe('mock control API: opened on purpose', () => {
  it('startMockServer({ controlOrigins }) admits the listed origins, and "*" any', async () => {
    for (const [controlOrigins, origin, status] of [
      [[EVIL], EVIL, 200],
      [[EVIL], 'https://other.example', 403],
      ['*', 'https://other.example', 200],
    ] as const) {
      const server = await startMockServer({ holdMs: 0, controlOrigins });
      try {
        const res = await fromPage(server, '/mock/requests', origin);
        assert.equal(res.status, status, `${JSON.stringify(controlOrigins)} ${origin}`);
        assert.equal(res.headers.get('access-control-allow-origin'), status === 200 ? origin : null);
      } finally {
        await server.close();
      }
    }
  });

  it('the CLI flag --control-any-origin opens it; without it, it stays closed', () => {
    assert.equal(parseMockCliArgs(['--control-any-origin'])?.controlOrigins, '*');
    assert.equal(parseMockCliArgs([])?.controlOrigins, undefined);
  });
});
