/**
 * The CRM-side callbacks (spec §5) over real HTTP on 127.0.0.1: what the 800ing server sends,
 * what the CRM's function receives, and the exact JSON the server reads back.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  createIvrHandler,
  createNavigationHandler,
  createPushHandler,
  type IvrQuery,
  type NavigationQuery,
} from '../../src/node/handlers/index.js';
import { IvrType, Peer, PushType, type IvrReply, type Push } from '../../src/protocol/index.js';
import { send, serve, type Reply, type Served } from './handlers-helpers.js';

function qs(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

/** Every §5 memo field, as the server writes them (numbers unquoted), plus unknown extras. */
const FULL_MEMO = {
  cdrId: 282982852097151,
  cdrExtension: '100001800',
  cdrCalledName: '张三',
  cdrExtensionIp: '10.0.0.8',
  cdrHangupTime: '2024-05-01 10:00:35',
  cdrPhonePort: '5060',
  cdrStartTime: '2024-05-01 10:00:00',
  cdrIVR: '主导航',
  cdrTalktime: 35,
  cdrChargingTimes: '1',
  cdrLastPhoneNumber: '13688888888',
  cdrPeer: 2,
  exteName: '李四',
  cdrHangupReasonText: 'NORMAL_CLEARING',
  cdrHangupReasonCode: '16',
  cdrPhoneNum: '13688888888',
  cdrPhoneIp: '10.0.0.9',
  cdrTrunkRoute: 'route-1',
  cdrCmmId: '77',
  cdrExtensionPort: '5061',
  cdrIVRKey: '1#',
  cdrRecordFile: '2024/05/01/282982852097151.wav',
  paramvalue: 'crm-order-42',
  woOther1: '你好，我想咨询',
  woOther11: '3',
  woOther3: 'extra work-order field',
  customFlag: true,
};

describe('push callback (spec §5 §2.7)', () => {
  const received: Push[] = [];
  let served: Served;
  before(async () => {
    served = await serve(
      createPushHandler((push) => {
        received.push(push);
      }),
    );
  });
  after(() => served.close());

  async function push(params: Record<string, string | number>): Promise<{ reply: Reply; pushed: Push | undefined }> {
    const before = received.length;
    const reply = await send(served.port, `/crm/voip?${qs(params)}`);
    return { reply, pushed: received.length > before ? received[received.length - 1] : undefined };
  }

  it('answers OK and hands onPush the hang-up with the whole call record typed', async () => {
    const { reply, pushed } = await push({ type: 3, peer: 2, phone: '13688888888', memo: JSON.stringify(FULL_MEMO), extra: 'kept' });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(reply.text, '{"code":0,"message":"OK"}');
    assert.ok(pushed);
    assert.equal(pushed.type, PushType.HungUp);
    assert.equal(pushed.peer, Peer.Inbound);
    assert.equal(pushed.phone, '13688888888');
    assert.equal(pushed.key, '282982852097151:3');
    assert.deepEqual(pushed.record, {
      ...FULL_MEMO,
      cdrId: '282982852097151', // an id stays text, every digit
      cdrChargingTimes: 1, // sent as a string, typed as a number
      customFlag: 'true',
    });
    assert.equal(typeof pushed.record?.cdrTalktime, 'number');
    assert.equal(typeof pushed.record?.cdrPeer, 'number');
    assert.deepEqual({ ...pushed.raw }, { type: '3', peer: '2', phone: '13688888888', memo: JSON.stringify(FULL_MEMO), extra: 'kept' });
  });

  it('takes a dialing push without memo; its key falls back to phone:type:peer, or cdrId:type with a cdrId parameter', async () => {
    const dialing = await push({ type: 1, peer: 1, phone: '13688888888' });
    assert.equal(dialing.reply.text, '{"code":0,"message":"OK"}');
    assert.equal(dialing.pushed?.record, undefined);
    assert.equal(dialing.pushed?.key, '13688888888:1:1');
    assert.equal(Object.hasOwn(dialing.pushed!, 'record'), false);

    const withId = await push({ type: 2, peer: 1, phone: '13688888888', cdrId: '99', memo: '' });
    assert.equal(withId.pushed?.key, '99:2');
    assert.equal(withId.pushed?.record, undefined);
  });

  it('takes a cdrId parameter of -1, 0 or empty as no id: the key falls back to phone:type:peer', async () => {
    for (const cdrId of ['-1', '0', '']) {
      const { pushed } = await push({ type: 2, peer: 1, phone: '13688888888', cdrId });
      assert.equal(pushed?.key, '13688888888:2:1', `cdrId=${cdrId}`);
    }
    const padded = await push({ type: 2, peer: 1, phone: '13688888888', cdrId: '0099' });
    assert.equal(padded.pushed?.key, '99:2', 'the same id however it is written');
  });

  it('gives a re-sent push the same key', async () => {
    const memo = JSON.stringify({ cdrId: 5150, cdrTalktime: 3 });
    const first = await push({ type: 4, peer: 1, phone: '1', memo });
    const again = await push({ type: 4, peer: 1, phone: '1', memo });
    assert.equal(first.pushed?.key, '5150:4');
    assert.equal(again.pushed?.key, first.pushed?.key);
  });

  it('reads a memo written as a JavaScript literal and keeps a cdrId too long for a double exact', async () => {
    const loose = await push({ type: 3, peer: 1, phone: '1', memo: "{cdrId:'77', cdrTalktime:'12', note:'it\\'s',}" });
    assert.equal(loose.reply.text, '{"code":0,"message":"OK"}');
    assert.deepEqual({ ...loose.pushed?.record }, { cdrId: '77', cdrTalktime: 12, note: "it's" });

    const long = await push({ type: 3, peer: 1, phone: '1', memo: '{"cdrId":12345678901234567890,"cdrTalktime":5}' });
    assert.equal(long.pushed?.record?.cdrId, '12345678901234567890');
    assert.equal(long.pushed?.key, '12345678901234567890:3');
  });

  it('takes the cdrId parameter for a memo that has none', async () => {
    const { pushed } = await push({ type: 3, peer: 1, phone: '1', cdrId: '4242', memo: '{"cdrTalktime":9}' });
    assert.deepEqual({ ...pushed?.record }, { cdrId: '4242', cdrTalktime: 9 });
  });

  it('refuses a push without type or peer, naming the parameter', async () => {
    const noType = await push({ peer: 1, phone: '1' });
    assert.equal(noType.reply.status, 200);
    assert.deepEqual(noType.reply.json, { code: -1, message: 'missing parameter type' });
    assert.equal(noType.pushed, undefined);
    const noPeer = await push({ type: 1, phone: '1' });
    assert.deepEqual(noPeer.reply.json, { code: -1, message: 'missing parameter peer' });
    assert.equal(noPeer.pushed, undefined);
  });

  it('refuses a type or peer that is not a documented number', async () => {
    for (const [params, name] of [
      [{ type: 5, peer: 1 }, 'type'],
      [{ type: 0, peer: 1 }, 'type'],
      [{ type: 'abc', peer: 1 }, 'type'],
      [{ type: '1.5', peer: 1 }, 'type'],
      [{ type: '0x3', peer: 1 }, 'type'],
      [{ type: 1, peer: 3 }, 'peer'],
      [{ type: 1, peer: '-1' }, 'peer'],
    ] as const) {
      const { reply, pushed } = await push({ ...params, phone: '1' });
      assert.equal(reply.json.code, -1, JSON.stringify(params));
      assert.match(String(reply.json.message), new RegExp(`^parameter ${name} must be `));
      assert.equal(pushed, undefined);
    }
  });

  it('refuses a malformed memo with the reason', async () => {
    const broken = await push({ type: 3, peer: 1, phone: '1', memo: '{"cdrId":2323,' });
    assert.equal(broken.reply.json.code, -1);
    assert.match(String(broken.reply.json.message), /^memo is not valid JSON \(.+\)$/);
    assert.equal(broken.pushed, undefined);

    const list = await push({ type: 3, peer: 1, phone: '1', memo: '[1,2]' });
    assert.deepEqual(list.reply.json, { code: -1, message: 'memo must be a JSON object (the call record)' });

    const noId = await push({ type: 3, peer: 1, phone: '1', memo: '{"cdrTalktime":1}' });
    assert.deepEqual(noId.reply.json, { code: -1, message: 'memo has no cdrId' });

    const code = await push({ type: 3, peer: 1, phone: '1', memo: '{cdrId: alert(1)}' });
    assert.equal(code.reply.json.code, -1);
    assert.equal(code.pushed, undefined);
  });

  it('refuses a query over 64 KiB with 414 and a JSON failure', async () => {
    const reply = await send(served.port, `/crm/voip?type=3&peer=1&phone=1&memo=${'a'.repeat(64 * 1024)}`);
    assert.equal(reply.status, 414);
    assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(reply.json, { code: -1, message: 'query string longer than 65536 bytes' });
  });

  it('carries markup, control characters and bad percent-encoding as plain text', async () => {
    const path = '/crm/voip?type=3&peer=1&phone=%3Cscript%3Ealert(1)%3C%2Fscript%3E&note=%zz%FF%E4%B8&ctl=a%00b%0Ac';
    const before = received.length;
    const reply = await send(served.port, path);
    assert.equal(reply.text, '{"code":0,"message":"OK"}');
    const pushed = received[before]!;
    assert.equal(pushed.phone, '<script>alert(1)</script>');
    assert.equal(pushed.raw.note, '%zz\ufffd\ufffd');
    assert.equal(pushed.raw.ctl, 'a\u0000b\nc');
  });

  it('quotes hostile text in a reason without markup', async () => {
    const reply = await send(served.port, `/crm/voip?${qs({ type: '<img src=x onerror=alert(1)>', peer: 1 })}`);
    assert.equal(reply.json.code, -1);
    assert.ok(!reply.text.includes('<'), reply.text);
    assert.match(String(reply.json.message), /<img src=x/); // the value survives, escaped as \u003c in the JSON
  });

  it('keeps __proto__ as a plain field, in the query and in the memo', async () => {
    const memo = '{"cdrId":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const before = received.length;
    const reply = await send(served.port, `/crm/voip?type=3&peer=1&phone=1&__proto__=x&constructor=y&memo=${encodeURIComponent(memo)}`);
    assert.equal(reply.text, '{"code":0,"message":"OK"}');
    const pushed = received[before]!;
    assert.equal(Object.hasOwn(pushed.raw, '__proto__'), true);
    assert.equal(pushed.raw['__proto__'], 'x');
    assert.equal(pushed.raw.constructor, 'y');
    assert.equal(Object.getPrototypeOf(pushed.record), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses a parameter repeated with different values, accepts an identical repeat', async () => {
    const conflict = await send(served.port, '/crm/voip?type=1&type=3&peer=1&phone=1');
    assert.deepEqual(conflict.json, { code: -1, message: 'parameter type given more than once with different values' });
    const same = await send(served.port, '/crm/voip?type=3&type=3&peer=1&phone=1');
    assert.equal(same.text, '{"code":0,"message":"OK"}');
  });

  it('accepts a POST form body, and refuses other bodies and oversized ones', async () => {
    const before = received.length;
    const form = await send(served.port, '/crm/voip', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: qs({ type: 3, peer: 2, phone: '13688888888', memo: '{"cdrId":7,"cdrTalktime":"8"}' }),
    });
    assert.equal(form.text, '{"code":0,"message":"OK"}');
    assert.equal(received[before]?.record?.cdrTalktime, 8);

    const json = await send(served.port, '/crm/voip', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":3}' });
    assert.equal(json.status, 415);
    assert.equal(json.json.code, -1);

    const huge = await send(served.port, '/crm/voip', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `type=3&peer=1&memo=${'a'.repeat(70 * 1024)}`,
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.json.code, -1);
  });

  it('answers a client written from the vendor document alone', async () => {
    // §2.7: http://127.0.0.1/api/voip.json?type=3&phone=13688888888&peer=1&memo={"cdrId":2323,"cdrExtension":"2323232"....}
    const memo = '{"cdrId":2323,"cdrExtension":"2323232","cdrTalktime":12,"cdrPeer":1,"cdrPhoneNum":"13688888888"}';
    const before = received.length;
    const res = await fetch(`http://127.0.0.1:${served.port}/api/voip.json?type=3&phone=13688888888&peer=1&memo=${encodeURIComponent(memo)}`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{"code":0,"message":"OK"}');
    assert.equal(received[before]?.key, '2323:3');
    assert.equal(received[before]?.record?.cdrExtension, '2323232');

    // The same URL with the memo not encoded at all, as the document prints it.
    const raw = await send(served.port, `/api/voip.json?type=3&phone=13688888888&peer=1&memo=${memo}`);
    assert.equal(raw.text, '{"code":0,"message":"OK"}');
    assert.equal(received.at(-1)?.record?.cdrTalktime, 12);
  });
});

describe('push callback failures of the CRM function', () => {
  it('answers -1 with the error text, never a stack, when onPush throws or rejects', async () => {
    const served = await serve(
      createPushHandler((push) => {
        if (push.type === PushType.Dialing) throw new Error('database down\n    at secret (/srv/crm.js:1:1)');
        return Promise.reject(new TypeError('cannot write'));
      }),
    );
    try {
      const sync = await send(served.port, '/?type=1&peer=1&phone=1');
      assert.equal(sync.status, 200);
      assert.deepEqual(sync.json, { code: -1, message: 'onPush failed: database down' });
      const rejected = await send(served.port, '/?type=2&peer=1&phone=1');
      assert.deepEqual(rejected.json, { code: -1, message: 'onPush failed: cannot write' });
      assert.ok(!rejected.text.includes('handlers'), 'no file paths of ours');
    } finally {
      await served.close();
    }
  });

  it('answers -1 when onPush outlasts timeoutMs, and ignores its late failure', async () => {
    let fail: (error: Error) => void = () => {};
    const served = await serve(createPushHandler(() => new Promise<void>((_, reject) => (fail = reject)), { timeoutMs: 100 }));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reply = await send(served.port, '/?type=1&peer=1&phone=1');
      assert.deepEqual(reply.json, { code: -1, message: 'onPush timed out after 100 ms' });
      fail(new Error('too late'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await served.close();
    }
  });

  it('refuses invalid options when the handler is made', () => {
    assert.throws(() => createPushHandler(() => {}, { timeoutMs: 0 }), TypeError);
    assert.throws(() => createPushHandler(() => {}, { timeoutMs: Number.POSITIVE_INFINITY }), TypeError);
    assert.throws(() => createPushHandler(() => {}, { maxQueryBytes: -1 }), TypeError);
    assert.throws(() => createPushHandler(undefined as unknown as () => void), TypeError);
  });

  it('applies a smaller maxQueryBytes', async () => {
    const served = await serve(createPushHandler(() => {}, { maxQueryBytes: 100 }));
    try {
      const reply = await send(served.port, `/?type=1&peer=1&phone=${'1'.repeat(100)}`);
      assert.equal(reply.status, 414);
      assert.deepEqual(reply.json, { code: -1, message: 'query string longer than 100 bytes' });
    } finally {
      await served.close();
    }
  });
});

describe('callback handlers as Express/Connect middleware', () => {
  it('answers GET and POST itself, passes other methods to next(), else 405', async () => {
    const nextCalls: string[] = [];
    const handler = createPushHandler(() => {});
    const served = await serve((req, res) => {
      void handler(req, res, () => {
        nextCalls.push(req.method ?? '');
        res.statusCode = 204;
        res.end();
      });
    });
    const bare = await serve(createPushHandler(() => {}));
    try {
      const get = await send(served.port, '/hooks/push?type=1&peer=1&phone=1');
      assert.equal(get.text, '{"code":0,"message":"OK"}');
      const put = await send(served.port, '/hooks/push?type=1&peer=1&phone=1', { method: 'PUT' });
      assert.equal(put.status, 204);
      assert.deepEqual(nextCalls, ['PUT']);

      const refused = await send(bare.port, '/?type=1&peer=1', { method: 'DELETE' });
      assert.equal(refused.status, 405);
      assert.equal(refused.headers.allow, 'GET, POST');
      assert.equal(refused.json.code, -1);
    } finally {
      await served.close();
      await bare.close();
    }
  });

  it('reads a body an earlier middleware already parsed (req.body)', async () => {
    const seen: Push[] = [];
    const handler = createPushHandler((push) => void seen.push(push));
    const served = await serve((req, res) => {
      // What express.urlencoded() does: consume the stream, leave the fields on req.body.
      req.resume();
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = { type: '4', peer: '2', phone: '1', memo: '{"cdrId":3}' };
        void handler(req, res, () => assert.fail('next must not be called for POST'));
      });
    });
    try {
      const reply = await send(served.port, '/', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'ignored=1' });
      assert.equal(reply.text, '{"code":0,"message":"OK"}');
      assert.equal(seen[0]?.key, '3:4');
    } finally {
      await served.close();
    }
  });

  it('does not answer twice when the response was already sent', async () => {
    let settled: Promise<void> | undefined;
    const handler = createPushHandler(() => {});
    const served = await serve((req: IncomingMessage, res: ServerResponse) => {
      res.end('earlier');
      settled = handler(req, res);
    });
    try {
      const reply = await send(served.port, '/?type=1&peer=1&phone=1');
      assert.equal(reply.text, 'earlier');
      await settled;
    } finally {
      await served.close();
    }
  });
});

describe('navigation callback (spec §5 §2.8)', () => {
  const asked: NavigationQuery[] = [];
  let extension: unknown = '100001800';
  let served: Served;
  before(async () => {
    served = await serve(
      createNavigationHandler((q) => {
        asked.push(q);
        if (q.phone === 'throw') throw new Error('no agent free');
        if (q.phone === 'slow') return new Promise<string>(() => {});
        return extension as string;
      }, { timeoutMs: 100 }),
    );
  });
  after(() => served.close());

  it('answers the agent extension and passes phone, trunkno and a numeric cdrId', async () => {
    extension = '100001800';
    const reply = await send(served.port, `/nav?${qs({ phone: '013688888888', trunkno: '100068001', cdrId: '282982852097151', x: 'y' })}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.text, '{"code":0,"message":"100001800"}');
    assert.deepEqual(asked.at(-1), { phone: '013688888888', trunkno: '100068001', cdrId: 282982852097151 });
  });

  it('passes only the phone when the optional fields are absent', async () => {
    const reply = await send(served.port, '/nav?phone=13688888888');
    assert.equal(reply.text, '{"code":0,"message":"100001800"}');
    assert.deepEqual(asked.at(-1), { phone: '13688888888' });
  });

  it('refuses a request without phone, without asking the CRM', async () => {
    const count = asked.length;
    const reply = await send(served.port, '/nav?trunkno=100068001');
    assert.deepEqual(reply.json, { code: -1, message: 'missing parameter phone' });
    assert.equal(asked.length, count);
  });

  it('refuses a cdrId that is not a whole number that fits a double exactly', async () => {
    for (const cdrId of ['abc', '1.5', '-3', '12345678901234567890', '9007199254740992']) {
      const reply = await send(served.port, `/nav?${qs({ phone: '1', cdrId })}`);
      assert.equal(reply.json.code, -1, cdrId);
      assert.match(String(reply.json.message), /^parameter cdrId must be a whole number/);
    }
    const largest = await send(served.port, `/nav?${qs({ phone: '1', cdrId: '9007199254740991' })}`);
    assert.equal(largest.json.code, 0);
    assert.equal(asked.at(-1)?.cdrId, Number.MAX_SAFE_INTEGER);
  });

  it('answers -1 for an empty or invalid extension from the CRM', async () => {
    for (const bad of ['', '   ', 100001800, undefined, 'ext\n1']) {
      extension = bad;
      const reply = await send(served.port, '/nav?phone=1');
      assert.equal(reply.json.code, -1, String(bad));
    }
    extension = ' 8001 ';
    assert.equal((await send(served.port, '/nav?phone=1')).text, '{"code":0,"message":"8001"}');
  });

  it('answers -1 when route throws or is too slow', async () => {
    assert.deepEqual((await send(served.port, '/nav?phone=throw')).json, { code: -1, message: 'route failed: no agent free' });
    assert.deepEqual((await send(served.port, '/nav?phone=slow')).json, { code: -1, message: 'route timed out after 100 ms' });
  });

  it('carries a hostile phone as text and never echoes markup', async () => {
    extension = '8001';
    const reply = await send(served.port, '/nav?phone=%3Cb%3E%zz&__proto__=1');
    assert.equal(reply.text, '{"code":0,"message":"8001"}');
    assert.equal(asked.at(-1)?.phone, '<b>%zz');
  });
});

describe('IVR keys callback (spec §5 §2.10)', () => {
  const asked: IvrQuery[] = [];
  let reply: unknown = { type: IvrType.Speak, message: '请输入身份证号' };
  let served: Served;
  before(async () => {
    served = await serve(
      createIvrHandler((q) => {
        asked.push(q);
        if (q.phone === 'throw') throw new Error('lookup failed');
        if (q.phone === 'slow') return new Promise<IvrReply>(() => {});
        return reply as IvrReply;
      }, { timeoutMs: 100 }),
    );
  });
  after(() => served.close());

  it('answers code, message and type for every documented type', async () => {
    const cases: [IvrReply, string][] = [
      [{ type: IvrType.Speak, message: '您的订单已发货' }, '{"code":0,"message":"您的订单已发货","type":0}'],
      [{ type: IvrType.ToAgent, message: '100001800' }, '{"code":0,"message":"100001800","type":1}'],
      [{ type: IvrType.ToQueue }, '{"code":0,"message":"","type":2}'],
      [{ type: IvrType.SpeakThenHangup, message: '再见' }, '{"code":0,"message":"再见","type":9}'],
    ];
    for (const [given, expected] of cases) {
      reply = given;
      const answer = await send(served.port, `/ivr?${qs({ phone: '13688888888', input: '110101199001011234#', cdrId: '282982852097151' })}`);
      assert.equal(answer.status, 200);
      assert.equal(answer.text, expected);
    }
    assert.deepEqual(asked.at(-1), { phone: '13688888888', input: '110101199001011234#', cdrId: 282982852097151 });
  });

  it('passes the phone as given and an empty input as empty', async () => {
    reply = { type: IvrType.ToQueue };
    await send(served.port, '/ivr?phone=075512345678&input=');
    assert.deepEqual(asked.at(-1), { phone: '075512345678', input: '' });
  });

  it('refuses a request without phone', async () => {
    assert.deepEqual((await send(served.port, '/ivr?input=1')).json, { code: -1, message: 'missing parameter phone' });
  });

  it('answers -1 (the failed branch) for an invalid reply', async () => {
    for (const bad of [{ type: 3 }, { type: '1', message: '8001' }, { type: IvrType.ToAgent }, { type: 0, message: 5 }, null, 'speak']) {
      reply = bad;
      const answer = await send(served.port, '/ivr?phone=1&input=1');
      assert.equal(answer.json.code, -1, JSON.stringify(bad));
      assert.equal(answer.json.type, undefined);
    }
  });

  it('answers -1 when answer throws or is too slow', async () => {
    assert.deepEqual((await send(served.port, '/ivr?phone=throw')).json, { code: -1, message: 'answer failed: lookup failed' });
    assert.deepEqual((await send(served.port, '/ivr?phone=slow')).json, { code: -1, message: 'answer timed out after 100 ms' });
  });

  it('sends markup in a spoken message escaped, with its text intact', async () => {
    reply = { type: IvrType.Speak, message: '<speak>1 & 2</speak>' };
    const answer = await send(served.port, '/ivr?phone=1');
    assert.ok(!answer.text.includes('<') && !answer.text.includes('&'), answer.text);
    assert.deepEqual(answer.json, { code: 0, message: '<speak>1 & 2</speak>', type: 0 });
  });

  it('refuses an oversized query', async () => {
    const answer = await send(served.port, `/ivr?phone=1&input=${'9'.repeat(65 * 1024)}`);
    assert.equal(answer.status, 414);
    assert.equal(answer.json.code, -1);
  });
});
