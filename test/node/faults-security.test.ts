/**
 * Fault suite, case 8 (the source and server half): no way for server text to become markup or
 * code anywhere in src/, and the password leaves the client only as its MD5. The browser half
 * (DOM, storage, JSONP names, CSP) is test/browser/faults/security.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { VoipClient } from '../../src/client/index.js';
import { isVoipError } from '../../src/protocol/index.js';
import { startMockServer } from '../../src/node/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** The code without its comments (a comment may name what the code must not do). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Ways to turn a string into markup or code. */
const SINKS: [string, RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['unsafeHTML', /\bunsafeHTML\b|unsafe-html/],
  ['unsafeSVG', /\bunsafeSVG\b|unsafe-svg/],
  ['document.write', /\bdocument\.write(ln)?\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['eval', /(^|[^\w.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['setTimeout with a string', /setTimeout\(\s*['"`]/],
  ['javascript: URL', /['"`]javascript:/i],
];

describe('faults: security review (source and server)', () => {
  it('src/ has no HTML or code sink: no innerHTML, unsafeHTML, eval, new Function…', () => {
    const files = sources(SRC);
    assert.ok(files.length > 40, `${files.length} source files`);
    const found: string[] = [];
    for (const file of files) {
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [name, pattern] of SINKS) {
          if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} ${name}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(found, []);
  });

  it('the password leaves the client only as the lower-case MD5, in every request of every method', async () => {
    const password = 'Pw-Секрет-7731!';
    const account = { user: '100008877', password, extension: '8877', name: 'Secret Agent' };
    const mock = await startMockServer({ holdMs: 0, outboundConnectMs: -1, accounts: [account] });
    try {
      const md5 = createHash('md5').update(password, 'utf8').digest('hex');
      for (const http of ['GET', 'POST'] as const) {
        const client = new VoipClient({ server: mock.url, user: account.user, password, transport: 'fetch' });
        if (http === 'POST') {
          // A form POST through the same client API.
          const { FetchTransport } = await import('../../src/transport/index.js');
          Object.defineProperty(client, 'transport', { value: new FetchTransport({ httpMethod: 'POST' }) });
        }
        const agent = await client.login();
        await client.waterline({ waterLine: 0 });
        await client.recvMsg(0);
        await client.dial('13800001301');
        await client.hangup();
        await client.checkIn();
        await client.callRecord({ phone: '13800001301' });
        await client.pushList({ startTime: '2020-01-01 00:00:00', endTime: '2099-01-01 00:00:00' });
        await client.agentStatus();
        await client.registerExtension('0215555').catch(() => undefined);
        assert.equal(agent.extension, '100008877', 'the login number (spec §7.1)');
        for (const text of [inspect(client, { showHidden: true, depth: 5 }), JSON.stringify(client)]) {
          assert.ok(!text.includes(password), 'the client object does not keep the password');
        }
      }
      const wrong = new VoipClient({ server: mock.url, user: account.user, password: `${password}-wrong`, transport: 'fetch' });
      const error = await wrong.login().catch((e: unknown) => e);
      assert.ok(isVoipError(error));
      assert.ok(!JSON.stringify(error).includes(password) && !error.message.includes(password), 'the error does not quote it');

      const sent = mock.requests({ user: account.user });
      assert.ok(sent.length >= 20, `${sent.length} requests`);
      for (const request of sent) {
        const all = JSON.stringify(request);
        assert.ok(!all.includes(password) && !all.includes(encodeURIComponent(password)), `the password in ${request.method}`);
        assert.match(request.params.sa_password ?? '', /^[0-9a-f]{32}$/, request.method);
      }
      const digests = new Set(sent.map((r) => r.params.sa_password));
      assert.deepEqual([...digests].sort(), [md5, createHash('md5').update(`${password}-wrong`).digest('hex')].sort());
    } finally {
      await mock.close();
    }
  });

  it('password-md5 is taken as given (any case), sent lower-case, and anything else is refused before any request', async () => {
    const mock = await startMockServer({ holdMs: 0 });
    try {
      const upper = createHash('md5').update('02367073578').digest('hex').toUpperCase();
      const client = new VoipClient({ server: mock.url, user: '100008800', passwordMd5: upper, transport: 'fetch' });
      await client.login();
      assert.equal(mock.requests()[0]!.params.sa_password, upper.toLowerCase());
      for (const bad of ['02367073578', 'x'.repeat(32), `${upper}0`]) {
        assert.throws(() => new VoipClient({ server: mock.url, user: '100008800', passwordMd5: bad, transport: 'fetch' }), /32 hexadecimal/);
      }
      assert.equal(mock.requests().length, 1, 'nothing sent for the refused ones');
    } finally {
      await mock.close();
    }
  });
});
