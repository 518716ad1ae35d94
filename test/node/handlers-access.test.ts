/**
 * Who may reach a CRM callback, and how long a sender may take (issue 14, item 5): admitted
 * source addresses, a secret path token, and read timeouts for a slowly sent body or headers.
 * Real HTTP on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { callbackServerOptions, createPushHandler, type HandlerOptions } from '../../src/node/handlers/index.js';
import type { Push } from '../../src/protocol/index.js';
import { send, serve, type Served } from './handlers-helpers.js';

const HANG_UP = '?type=3&peer=1&phone=13688888888';
const TOKEN = 'c2VjcmV0LXBhdGgtdG9rZW4';
/** Short read timeout, so the slow senders are cut off within the test. */
const READ_TIMEOUT_MS = 300;

/** A push handler on its own server; `pushes` records what reached the CRM's function. */
async function pushServer(options: HandlerOptions, serverOptions = {}): Promise<Served & { pushes: Push[] }> {
  const pushes: Push[] = [];
  const served = await serve(createPushHandler((push) => void pushes.push(push), options), serverOptions);
  return { ...served, pushes };
}

/** A raw connection that sends `text` and then nothing; resolves with all it received and the time it took to close. */
function stall(port: number, text: string): Promise<{ received: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ received, ms: Date.now() - started }));
  });
}

describe('CRM callbacks admit only listed source addresses (allowAddresses)', () => {
  it('answers 403 with code -1 to an address not listed, without calling the CRM', async () => {
    const served = await pushServer({ allowAddresses: ['203.0.113.7', '10.0.0.0/8'] });
    try {
      const answer = await send(served.port, `/push${HANG_UP}`);
      assert.equal(answer.status, 403);
      assert.deepEqual(answer.json, { code: -1, message: 'source address 127.0.0.1 is not allowed' });
      assert.equal(served.pushes.length, 0);
    } finally {
      await served.close();
    }
  });

  it('answers a listed address or range, also as a dual-stack socket reports it', async () => {
    for (const allowAddresses of [['127.0.0.1'], ['127.0.0.0/8'], ['::ffff:127.0.0.1']]) {
      const served = await pushServer({ allowAddresses });
      try {
        const answer = await send(served.port, `/push${HANG_UP}`);
        assert.deepEqual([answer.status, answer.json], [200, { code: 0, message: 'OK' }], JSON.stringify(allowAddresses));
      } finally {
        await served.close();
      }
    }
  });

  it('refuses an entry that is not an address or range when the handler is made', () => {
    for (const bad of [[], ['crm.example.com'], ['10.0.0.0/33'], ['10.0.0.1/'], [7]]) {
      assert.throws(() => createPushHandler(() => undefined, { allowAddresses: bad as string[] }), TypeError, JSON.stringify(bad));
    }
  });
});

describe('CRM callbacks answer only with the secret path segment (pathToken)', () => {
  let served: Served & { pushes: Push[] };
  before(async () => {
    served = await pushServer({ pathToken: TOKEN });
  });
  after(() => served.close());

  it('answers 404 with code -1 to a path without the token, or with it only as part of a segment or the query', async () => {
    for (const path of [`/push${HANG_UP}`, `/x${TOKEN}/push${HANG_UP}`, `/push${HANG_UP}&t=${TOKEN}`, `/${TOKEN.slice(1)}/push${HANG_UP}`]) {
      const answer = await send(served.port, path);
      assert.deepEqual([answer.status, answer.json], [404, { code: -1, message: 'not found' }], path);
    }
    assert.equal(served.pushes.length, 0);
  });

  it('answers a path that carries the token as a segment', async () => {
    const answer = await send(served.port, `/voip/${TOKEN}/push${HANG_UP}`);
    assert.deepEqual([answer.status, answer.json], [200, { code: 0, message: 'OK' }]);
    assert.equal(served.pushes.length, 1);
  });

  it('refuses a short or non-URL-safe token when the handler is made', () => {
    for (const bad of ['short', `${TOKEN}/x`, `${TOKEN} x`]) {
      assert.throws(() => createPushHandler(() => undefined, { pathToken: bad }), TypeError, bad);
    }
  });
});

describe('CRM callbacks cut off slow senders', () => {
  it('answers 100 slowly sent POST bodies 408 while answering another request at once', async () => {
    const served = await pushServer({ readTimeoutMs: READ_TIMEOUT_MS });
    try {
      const head = `POST /push${HANG_UP} HTTP/1.1\r\nHost: crm\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nmemo=`;
      const slow = Array.from({ length: 100 }, () => stall(served.port, head));
      const started = Date.now();
      const other = await send(served.port, `/push${HANG_UP}`);
      assert.deepEqual([other.status, other.json], [200, { code: 0, message: 'OK' }]);
      assert.ok(Date.now() - started < READ_TIMEOUT_MS, 'the other request waited for the slow ones');
      for (const { received } of await Promise.all(slow)) {
        assert.match(received, /^HTTP\/1\.1 408 /);
        assert.match(received, /request body not received within 300 ms/);
      }
      assert.equal(served.pushes.length, 1);
    } finally {
      await served.close();
    }
  });

  it('with callbackServerOptions, answers 408 to headers that never finish', async () => {
    const served = await pushServer({}, callbackServerOptions(READ_TIMEOUT_MS));
    try {
      const { received, ms } = await stall(served.port, `GET /push${HANG_UP} HTTP/1.1\r\nHost: crm\r\n`);
      assert.match(received, /^HTTP\/1\.1 408 /);
      assert.ok(ms < READ_TIMEOUT_MS + 2_000, `cut off after ${ms} ms`);
    } finally {
      await served.close();
    }
  });
});
