/**
 * Errors in the agent's language (issue 15 item 7): known server codes read in the UI's language,
 * the server's own text stays on the error, and an unreachable server reads as one short local
 * sentence instead of the transport's "could not load http://…" detail.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { VoipClient } from '../../src/client/index.js';
import { agentStatusEn, consoleEn, consoleZhCN, recentListStrings } from '../../src/console/index.js';
import { LocalCode, ResultCode, VoipError, codeText, isVoipError, unreachableError } from '../../src/protocol/index.js';
import { startMockServer, TEST_ACCOUNT } from '../../src/node/index.js';

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function rejection(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isVoipError(error), `not a VoipError: ${String(error)}`);
    return error;
  }
  assert.fail('did not reject');
}

describe('errors in the agent language', () => {
  it('every known server code and every local code reads differently in English and Chinese', () => {
    for (const code of [...Object.values(ResultCode), ...Object.values(LocalCode)]) {
      assert.notEqual(codeText(code, 'en'), codeText(code, 'zh-CN'), `code ${code}`);
      assert.doesNotMatch(codeText(code, 'en'), /[\u4e00-\u9fff]/, `code ${code}: English text has no Chinese`);
    }
  });

  it('a server refusal reads in English in an English UI and keeps the server text', async () => {
    const mock = await startMockServer();
    try {
      const client = new VoipClient({ server: mock.url, user: TEST_ACCOUNT.user, password: 'wrong', transport: 'fetch' });
      const error = await rejection(client.login());
      assert.equal(error.code, ResultCode.Auth);
      assert.equal(error.localized('en'), 'authentication failed');
      assert.match(error.serverMessage ?? '', /帐号或密码错误/);
      assert.equal(error.localized('zh-CN'), error.serverMessage, 'the Chinese UI shows the server own, more specific, text');
      assert.equal(error.unreachable, false);
    } finally {
      await mock.close();
    }
  });

  it('an unreachable server reads as a short sentence in both languages; the detail stays in message', async () => {
    const port = await closedPort();
    const client = new VoipClient({ server: `http://127.0.0.1:${port}`, user: TEST_ACCOUNT.user, password: TEST_ACCOUNT.password, transport: 'fetch' });
    const error = await rejection(client.login());
    assert.equal(error.code, ResultCode.Network);
    assert.equal(error.unreachable, true);
    assert.equal(error.localized('en'), 'Cannot reach the call centre server');
    assert.equal(error.localized('zh-CN'), '无法连接呼叫中心服务器');
    assert.match(error.message, /network error/, 'the technical detail is kept for logs');
  });

  it('a timeout is unreachable too; a server that answers code -1 itself is not', async () => {
    const timeout = unreachableError('request timed out after 5 ms', 'getExtension');
    assert.equal(timeout.localized('en'), 'Cannot reach the call centre server');
    const server = new VoipError(ResultCode.Network, '网络错误');
    assert.equal(server.unreachable, false);
    assert.equal(server.localized('en'), 'network error');
  });
});

describe('console strings', () => {
  it('has every string in both languages, English without Chinese, the placeholders alike', () => {
    for (const [en, zh] of [
      [consoleEn, consoleZhCN],
      [recentListStrings.en, recentListStrings['zh-CN']],
    ] as const) {
      const english = new Map<string, string>(Object.entries(en));
      assert.deepEqual([...english.keys()].sort(), Object.keys(zh).sort());
      for (const [key, chinese] of Object.entries<string>(zh)) {
        const text = english.get(key)!;
        assert.doesNotMatch(text, /[\u4e00-\u9fff]/, key);
        assert.deepEqual(text.match(/\{\w+\}/g), chinese.match(/\{\w+\}/g), `${key}: placeholders`);
      }
    }
    for (const [zh, en] of Object.entries(agentStatusEn)) assert.doesNotMatch(en, /[\u4e00-\u9fff]/, zh);
  });
});
