/**
 * An outside client written from the vendor document alone (800ing-api-v10.5.zh.md §1–§2):
 * plain URLs with `sa_user`, `sa_password` (upper-case MD5, as the vendor's example) and
 * `method`, JSONP with `callback`. It must get the documented fields from our mock server.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startMockServer, type MockServer } from '../../src/node/index.js';

const USER = '100008800';
const PASSWORD_MD5 = createHash('md5').update('02367073578').digest('hex').toUpperCase();

/** GET `path?…` and unwrap `cb({...})` the way a browser's JSONP callback would receive it. */
async function jsonp(base: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ callback: 'vendorCb', sa_user: USER, sa_password: PASSWORD_MD5, ...params });
  const text = await (await fetch(`${base}/voip/api/jsonpdata.jsonp?${query}`)).text();
  const match = /^\s*vendorCb\(([\s\S]*)\);?\s*$/.exec(text);
  assert.ok(match, `a JSONP answer: ${text.slice(0, 80)}`);
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

async function json(base: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ sa_user: USER, sa_password: PASSWORD_MD5, ...params });
  return (await (await fetch(`${base}/voip/api/jsondata.html?${query}`)).json()) as Record<string, unknown>;
}

describe('a client written from the vendor document', () => {
  let mock: MockServer;
  before(async () => {
    mock = await startMockServer({ holdMs: 0, outboundConnectMs: 0 });
  });
  after(() => mock.close());

  it('logs in (§2.1) and gets every documented field', async () => {
    const answer = await json(mock.url, { method: 'getExtension' });
    assert.equal(answer.code, 0);
    for (const field of ['message', 'exteId', 'name', 'extension', 'compNumber', 'compName', 'disablePhoneNum', 'exteLoginType']) {
      assert.ok(field in answer, `getExtension answers ${field}`);
    }
    assert.equal(answer.extension, USER, 'the login number (spec §7.1)');
  });

  it('is refused with code -2 for a wrong password (§1.2)', async () => {
    const query = new URLSearchParams({ sa_user: USER, sa_password: '0'.repeat(32), method: 'getExtension' });
    const answer = (await (await fetch(`${mock.url}/voip/api/jsondata.html?${query}`)).json()) as { code: number };
    assert.equal(answer.code, -2);
  });

  it('dials (§2.2), polls the waterline (§2.3) and reads the messages (§2.4)', async () => {
    const first = await jsonp(mock.url, { method: 'getLongWaterLine', loginType: 'jsonpLogin', client: '1' });
    assert.equal(typeof first.waterline, 'number');
    assert.ok('msgs' in first);
    assert.ok(!('keylist' in first), 'keylist only when keys were pressed (spec §7.1)');

    const dial = await jsonp(mock.url, { method: 'callbackPhone', descPhone: '13812345678', paramvalue: '订单42' });
    assert.deepEqual(dial, { code: 0, message: dial.message });

    const polled = await jsonp(mock.url, { method: 'getLongWaterLine', loginType: 'jsonpLogin', client: '1' });
    assert.ok((polled.waterline as number) > (first.waterline as number), 'the waterline moved');

    const recv = await jsonp(mock.url, { method: 'recvMsg', client: '1', waterLine: String(first.waterline), limit: '100' });
    assert.equal(recv.code, 0);
    const msgs = recv.msgs as Record<string, unknown>[];
    assert.ok(msgs.length >= 2, 'dialing and connected');
    for (const m of msgs) for (const field of ['kind', 'phone', 'content', 'time', 'waterLine']) assert.ok(field in m, `msg has ${field}`);
    assert.equal(msgs[0]!.kind, 1, 'outbound');
    assert.equal(msgs[0]!.phone, '13812345678');
    assert.match(String(msgs[0]!.content), /status\s*:\s*0/);
    assert.match(String(msgs[0]!.content), /订单42/, 'paramvalue comes back');

    const hangup = await jsonp(mock.url, { method: 'hangupExten' });
    assert.equal(hangup.code, 0);
  });

  it('answers an inbound call with sendMsg kind 6 (§2.6)', async () => {
    const { cdrId } = mock.ring({ user: USER, phone: '13900000000' });
    const answer = await json(mock.url, { method: 'sendMsg', phone: '13900000000', kind: '6', client: '1', lostTime: '10' });
    assert.equal(answer.code, 0);
    assert.equal(mock.calls(USER).find((c) => c.cdrId === cdrId)?.state, 'talking');
  });
});
