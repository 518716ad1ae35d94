/**
 * Who is calling (issue 15 item 2, CONTRACT "Who is calling"): the page's lookup hook runs once
 * per call, after the pop, with a 5 s limit on a fake clock; what it answers is checked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LookupRunner, LOOKUP_TIMEOUT_MS, type Contact, type LookupHook } from '../../src/console/index.js';
import { isVoipError, LocalCode, type VoipError } from '../../src/protocol/index.js';
import type { Call } from '../../src/session/index.js';
import { FakeClock } from './faults-helpers.js';

const ring = (phone: string, startedAt = 1_700_000_000_000): Call => ({ phone, direction: 'inbound', state: 'ringing', startedAt });

/** Lets settled promises run their callbacks. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function outcome(promise: Promise<Contact | null>): Promise<Contact | null | VoipError> {
  try {
    return await promise;
  } catch (error) {
    assert.ok(isVoipError(error), String(error));
    return error;
  }
}

describe('lookup', () => {
  it('runs the hook after the pop, once per call, and answers its contact', async () => {
    const clock = new FakeClock();
    const runner = new LookupRunner({ clock });
    const asked: string[] = [];
    const hook: LookupHook = (call) => {
      asked.push(call.phone);
      return { name: '张三', company: '某某公司', url: 'https://crm.example.com/c/1' };
    };
    const call = ring('13800000001');
    const first = runner.contactFor(hook, call);
    assert.deepEqual(asked, [], 'page code never runs before the card has popped');
    clock.advance(0);
    assert.deepEqual(asked, ['13800000001']);
    // The same call again (a later event of it, now with its cdrId): the first answer, no new run.
    const again = runner.contactFor(hook, { ...call, state: 'talking', cdrId: '282982852097151' });
    clock.advance(0);
    assert.deepEqual(await first, { name: '张三', company: '某某公司', url: 'https://crm.example.com/c/1' });
    assert.equal(await again, await first);
    assert.deepEqual(asked, ['13800000001']);
    // Another call of the same number later is another call.
    void runner.contactFor(hook, ring('13800000001', call.startedAt + 600_000));
    clock.advance(0);
    assert.deepEqual(asked, ['13800000001', '13800000001']);
  });

  it('gives up after 5 s with a LookupFailed error, not a moment sooner', async () => {
    const clock = new FakeClock();
    const runner = new LookupRunner({ clock });
    const result = outcome(runner.contactFor(() => new Promise<Contact>(() => {}), ring('13800000002')));
    let settled = false;
    void result.then(() => (settled = true));
    clock.advance(LOOKUP_TIMEOUT_MS - 1);
    await flush();
    assert.equal(settled, false);
    clock.advance(1);
    const error = (await result) as VoipError;
    assert.equal(error.code, LocalCode.LookupFailed);
    assert.equal(error.method, 'lookup');
    assert.equal(error.localized('en'), 'lookup took longer than 5000 ms');
    assert.equal(error.localized('zh-CN'), '来电查询失败');
    assert.equal(clock.size, 0, 'no timer left behind');
  });

  it('a hook that throws, rejects or answers no contact yields a LookupFailed error; null means unknown', async () => {
    const clock = new FakeClock();
    const runner = new LookupRunner({ clock });
    const cases: [string, LookupHook, string | null][] = [
      ['13800000003', () => { throw new TypeError('crm is down'); }, 'crm is down'],
      ['13800000004', () => Promise.reject(new Error('HTTP 500')), 'HTTP 500'],
      ['13800000005', () => ({ company: 'no name' }) as unknown as Contact, 'not a contact'],
      ['13800000006', () => 'Alice' as unknown as Contact, 'not a contact'],
      ['13800000007', () => null, null],
    ];
    const results = cases.map(([phone, hook]) => outcome(runner.contactFor(hook, ring(phone))));
    clock.advance(0);
    for (const [i, result] of (await Promise.all(results)).entries()) {
      const want = cases[i]![2];
      if (want === null) assert.equal(result, null);
      else {
        assert.ok(isVoipError(result));
        assert.equal(result.code, LocalCode.LookupFailed);
        assert.match(result.message, new RegExp(want));
      }
    }
  });

  it('keeps strings only and a link only when it is http(s)', async () => {
    const clock = new FakeClock();
    const runner = new LookupRunner({ clock });
    const hostile = { name: `  <img src=x onerror=alert(1)>${'x'.repeat(500)}`, company: 42, url: 'javascript:alert(1)' };
    const result = runner.contactFor(() => hostile as unknown as Contact, ring('13800000008'));
    clock.advance(0);
    const contact = (await result)!;
    assert.deepEqual(Object.keys(contact), ['name']);
    assert.ok(contact.name.startsWith('<img'), 'text stays text (rendered as text by the card)');
    assert.equal(contact.name.length, 200);
  });
});
