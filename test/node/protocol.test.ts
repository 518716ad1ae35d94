/** The protocol layer: the tolerant content reader, answer normalisation, codes and errors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  codeText,
  isVoipError,
  LocalCode,
  parseContent,
  parseLiteral,
  ResultCode,
  toCallRecord,
  toVoipMessage,
  VoipError,
} from '../../src/protocol/index.js';
import { passwordDigest } from '../../src/client/credentials.js';
import { formatServerTime, parseServerTime, serverDay } from '../../src/protocol/server-time.js';

describe('message content reader', () => {
  it('reads strict JSON', () => {
    assert.deepEqual({ ...parseContent('{"status":1,"cdrId":"123","paramvalue":"a"}') }, { status: 1, cdrId: '123', paramvalue: 'a' });
  });

  it('reads JavaScript object literals: unquoted keys, single quotes, trailing commas, comments', () => {
    const value = parseContent("{status:0, cdrId:'282982852097151', paramvalue:'客户 \\'A\\'', /* note */ extra: [1, 2,],}");
    assert.deepEqual({ ...value }, { status: 0, cdrId: '282982852097151', paramvalue: "客户 'A'", extra: [1, 2] });
  });

  it('keeps integers too large for a double as exact strings', () => {
    assert.deepEqual({ ...parseContent('{cdrId: 12345678901234567890}') }, { cdrId: '12345678901234567890' });
  });

  it('never evaluates code: calls, expressions and templates are syntax errors', () => {
    let called = false;
    (globalThis as Record<string, unknown>).__voipProbe = () => (called = true);
    for (const hostile of ['{a: __voipProbe()}', '{a: 1+1}', '{a: `x`}', "(function(){__voipProbe()})()", '{a: new Date()}']) {
      assert.equal(parseContent(hostile), undefined, hostile);
    }
    assert.throws(() => parseLiteral('{a: alert(1)}'));
    assert.equal(called, false);
  });

  it('keeps __proto__ a plain key and refuses nesting deeper than 64', () => {
    const value = parseContent('{"__proto__": {"polluted": 1}, status: 1}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(value?.status, 1);
    assert.equal(parseContent('{a:'.repeat(100) + '1' + '}'.repeat(100)), undefined);
  });

  it('answers undefined for SMS text and garbage', () => {
    for (const text of ['hello', '', '{', '{status:}', 'null', '[1,2]']) assert.equal(parseContent(text), undefined, text);
  });
});

describe('answer normalisation', () => {
  it('turns a call message into a typed call with a string cdrId', () => {
    const msg = toVoipMessage({ kind: 2, phone: '138', content: '{status:"1",cdrId:42}', waterLine: 7, time: 1 });
    assert.deepEqual(msg.call, { status: 1, cdrId: '42' });
  });

  it('leaves SMS and unparseable call content without a call', () => {
    assert.equal(toVoipMessage({ kind: 4, phone: '1', content: '{status:0}', waterLine: 1 }).call, undefined);
    assert.equal(toVoipMessage({ kind: 2, phone: '1', content: 'oops', waterLine: 1 }).call, undefined);
    assert.equal(toVoipMessage({ kind: 2, phone: '1', content: '{cdrId:1}', waterLine: 1 }).call, undefined);
  });

  it('reads a call record: numbers become numbers, unknown fields are kept', () => {
    const record = toCallRecord({ cdrId: 2323, cdrTalktime: '65', cdrPeer: '2', woOther5: 'x', cdrRecordFile: 'a.wav' });
    assert.deepEqual(record, { cdrId: '2323', cdrTalktime: 65, cdrPeer: 2, woOther5: 'x', cdrRecordFile: 'a.wav' });
    assert.equal(toCallRecord({ nope: 1 }), undefined);
  });
});

describe('codes and errors', () => {
  it('has both languages for every documented code', () => {
    for (const code of Object.values(ResultCode)) {
      assert.notEqual(codeText(code, 'zh-CN'), codeText(code, 'en'));
    }
    assert.equal(codeText(-2, 'zh-CN'), '验证错误');
    assert.match(codeText(-99, 'en'), /-99/);
  });

  it('shows our English text for a known code in English, keeps the server text, and is recognised across bundles', () => {
    const server = new VoipError(-3, '坐席不存在', { method: 'callbackPhone' });
    assert.equal(server.localized('en'), 'internal error in the method', 'an English UI never shows the server Chinese text');
    assert.equal(server.localized('zh-CN'), '坐席不存在', 'a Chinese UI shows the server text, more specific than the table');
    assert.equal(server.serverMessage, '坐席不存在');
    assert.equal(new VoipError(-99, '未知错误').localized('en'), 'server error (code -99)');
    const bare = new VoipError(-2);
    assert.equal(bare.message, 'authentication failed');
    assert.equal(bare.localized('zh-CN'), '验证错误');
    assert.ok(isVoipError({ name: 'VoipError', code: -1, message: 'x' }));
    assert.ok(!isVoipError(new Error('x')));
    assert.equal(new VoipError(LocalCode.BadInput, 'enter a number').localized('zh-CN'), '输入无效');
  });
});

describe('password digest', () => {
  it('is the lower-case MD5 of the password (checked against md5sum)', () => {
    // `echo -n 02367073578 | md5sum` → cbca51a4…; the vendor example's hash is of another password.
    assert.equal(passwordDigest('02367073578', undefined), 'cbca51a420dd10423a9acc4db8041d5a');
    assert.equal(passwordDigest(undefined, '92868F142BE5DD78DD0ACF4370B4EB94'), '92868f142be5dd78dd0acf4370b4eb94');
    assert.throws(() => passwordDigest(undefined, 'not-md5'), (e: unknown) => isVoipError(e) && e.code === LocalCode.BadInput);
    assert.throws(() => passwordDigest(undefined, undefined), (e: unknown) => isVoipError(e) && e.code === LocalCode.NotConfigured);
  });
});

describe('server time (China time, UTC+8, whatever the host zone)', () => {
  it('puts 16:00 UTC and later on the next server day, and reads its own times back', () => {
    const lastUtcSecondInServerDay = Date.UTC(2024, 1, 29, 15, 59, 59);
    assert.equal(serverDay(lastUtcSecondInServerDay), '2024-02-29');
    assert.equal(serverDay(lastUtcSecondInServerDay + 1000), '2024-03-01');
    assert.equal(formatServerTime(Date.UTC(2026, 11, 31, 20, 0, 0)), '2027-01-01 04:00:00');
    assert.equal(parseServerTime('2027-01-01 04:00:00'), Date.UTC(2026, 11, 31, 20, 0, 0));
    assert.equal(parseServerTime('2024-03-01', true), Date.UTC(2024, 2, 1, 15, 59, 59));
    assert.equal(parseServerTime('2026-11-31'), undefined);
  });
});
