/**
 * The recent-calls list (issue 15 item 3, CONTRACT "Recent and missed calls"): newest first, at
 * most the limit, missed calls counted until the list is opened, kept across a reload in the
 * injected storage, numbers masked there when the agent's numbers are hidden, merged without
 * doubles, and never an exception from storage that is damaged or refuses to work.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentCalls, recentCallsKey, RECENT_LIMIT, type RecentCall, type StorageLike } from '../../src/console/index.js';
import { accountOf } from '../../src/client/account.js';
import { LocalCode, type VoipError } from '../../src/protocol/index.js';
import type { Call } from '../../src/session/index.js';

/** An in-memory Storage, as a page's localStorage behaves. */
class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  failReads = false;
  failWrites = false;
  getItem(key: string): string | null {
    if (this.failReads) throw new Error('SecurityError: storage disabled');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const ACCOUNT = accountOf({ server: 'http://voip.example.com:8080', user: '100008800' });
const T0 = 1_790_000_000_000;

function inbound(phone: string, startedAt: number, answered: boolean, cdrId?: string): Call {
  const call: Call = { phone, direction: 'inbound', state: 'ended', startedAt, endedAt: startedAt + 30_000 };
  if (answered) call.answeredAt = startedAt + 5_000;
  if (cdrId) call.cdrId = cdrId;
  return call;
}

function outbound(phone: string, startedAt: number, cdrId?: string): Call {
  return { phone, direction: 'outbound', state: 'ended', startedAt, answeredAt: startedAt + 3_000, endedAt: startedAt + 60_000, ...(cdrId ? { cdrId } : {}) };
}

function store(storage: StorageLike | null, more: { limit?: number; masked?: boolean; errors?: VoipError[] } = {}): RecentCalls {
  return new RecentCalls({ account: ACCOUNT, storage, limit: more.limit, masked: more.masked, onError: (e) => more.errors?.push(e) });
}

const phones = (list: readonly RecentCall[]): string[] => list.map((c) => c.phone);

describe('recent calls', () => {
  it('lists ended calls newest first, marks an unanswered inbound call missed, and keeps at most the limit', () => {
    const recent = store(new FakeStorage(), { limit: 3 });
    recent.add(inbound('13800000001', T0, true));
    recent.add(inbound('13800000002', T0 + 60_000, false));
    recent.add(outbound('13800000003', T0 + 120_000));
    recent.add({ ...outbound('13800000004', T0 + 180_000), answeredAt: undefined });
    assert.deepEqual(phones(recent.calls), ['13800000004', '13800000003', '13800000002']);
    assert.ok(recent.calls.every((c) => c.state === 'ended'));
    assert.deepEqual(recent.calls.map((c) => c.missed === true), [false, false, true], 'only the unanswered inbound call is missed');
    assert.equal(new RecentCalls({ account: ACCOUNT, storage: null }).limit, RECENT_LIMIT);
  });

  it('survives a reload: the same list and missed count from storage, per account', () => {
    const storage = new FakeStorage();
    const before = store(storage);
    before.add(inbound('13800000011', T0, false, '282982852097151'));
    before.add(inbound('13800000012', T0 + 60_000, true, '282982852097152'));
    const after = store(storage);
    assert.deepEqual(after.calls, before.calls);
    assert.equal(after.missedCount, 1);
    const other = new RecentCalls({ account: accountOf({ server: 'http://voip.example.com:8080', user: '100008801' }), storage });
    assert.deepEqual(other.calls, [], 'another agent on this browser has a list of its own');
  });

  it('counts missed calls until the list is opened, and remembers the opening across a reload', () => {
    const storage = new FakeStorage();
    const recent = store(storage);
    recent.add(inbound('13800000021', T0, false));
    recent.add(inbound('13800000022', T0 + 60_000, false));
    assert.equal(recent.missedCount, 2);
    recent.markSeen(T0 + 120_000);
    assert.equal(recent.missedCount, 0);
    assert.equal(store(storage).missedCount, 0, 'opened before the reload');
    recent.add(inbound('13800000023', T0 + 180_000, false));
    assert.equal(store(storage).missedCount, 1, 'a call missed after the opening counts');
  });

  it('merges without doubles: by a real cdrId, else by number, direction and a start within the tolerance', () => {
    const recent = store(new FakeStorage());
    recent.add(inbound('13800000031', T0, false, '282982852097160'));
    // The server's record of the same call: answered after all, with a recording.
    const added = recent.merge([{ ...inbound('13800000031', T0 + 2_000, true, '282982852097160'), recording: 'http://voip.example.com/voip/record/a.wav' }]);
    assert.deepEqual(added, []);
    assert.equal(recent.calls.length, 1);
    assert.equal(recent.calls[0]!.missed, undefined, 'an answer anywhere means not missed');
    assert.equal(recent.calls[0]!.recording, 'http://voip.example.com/voip/record/a.wav');

    // No id (-1 is the server's "no record", spec §7.1): the same number 20 s apart is one call, 10 min apart two.
    recent.add(inbound('13800000032', T0 + 600_000, true, '-1'));
    recent.merge([inbound('13800000032', T0 + 620_000, true, '282982852097161')]);
    assert.equal(recent.calls.filter((c) => c.phone === '13800000032').length, 1);
    assert.equal(recent.calls.find((c) => c.phone === '13800000032')!.cdrId, '282982852097161', 'the id learnt from the server');
    recent.add(inbound('13800000032', T0 + 1_200_000, false));
    assert.equal(recent.calls.filter((c) => c.phone === '13800000032').length, 2, 'a later call of the same number is its own entry');
    // -1 on both: not an identity, two different calls.
    recent.add(outbound('13800000033', T0 + 1_800_000, '-1'));
    recent.add(outbound('13800000034', T0 + 1_800_000, '-1'));
    assert.equal(recent.calls.filter((c) => c.direction === 'outbound').length, 2);
  });

  it('stores numbers masked when the agent may not see them, and never anything of the credentials', () => {
    const storage = new FakeStorage();
    const recent = store(storage, { masked: true });
    recent.add(inbound('13812345678', T0, false, '282982852097170'));
    assert.equal(recent.calls[0]!.phone, '13812345678', 'in memory the card can still call back');
    const text = storage.items.get(recentCallsKey(ACCOUNT))!;
    assert.ok(!text.includes('13812345678'), text);
    assert.ok(text.includes('138****5678'));
    assert.equal(recentCallsKey(ACCOUNT), 'voip-softphone:recent:http://voip.example.com:8080|100008800');
    const reloaded = store(storage, { masked: true });
    assert.equal(reloaded.calls[0]!.phone, '138****5678');
    assert.equal(reloaded.calls[0]!.masked, true, 'a masked number is marked: no call-back from it');
    // The server's record of the same call (plain number, same id) is not a double.
    reloaded.merge([inbound('13812345678', T0, true, '282982852097170')]);
    assert.equal(reloaded.calls.length, 1);
    // Without an id: compared masked too.
    reloaded.add(inbound('13912345678', T0 + 600_000, false));
    const again = store(storage, { masked: true });
    again.merge([inbound('13912345678', T0 + 601_000, false)]);
    assert.equal(again.calls.length, 2);
  });

  it('drops and reports damaged storage without throwing, and keeps the good entries', () => {
    const storage = new FakeStorage();
    const key = recentCallsKey(ACCOUNT);
    for (const junk of ['not json', '{"v":99,"calls":[]}', 'null', '[1,2]']) {
      const errors: VoipError[] = [];
      storage.items.set(key, junk);
      const recent = store(storage, { errors });
      assert.deepEqual(recent.calls, [], junk);
      assert.deepEqual(errors.map((e) => e.code), [LocalCode.StorageFailed], junk);
      assert.equal(storage.items.has(key), false, `${junk}: dropped`);
    }
    const good = { phone: '13800000041', direction: 'inbound', state: 'ended', startedAt: T0, missed: true };
    const hostile = [
      { phone: 42, direction: 'inbound', startedAt: T0 },
      { phone: '13800000042', direction: 'sideways', startedAt: T0 },
      { phone: '13800000043', direction: 'outbound', startedAt: 'yesterday' },
      null,
    ];
    const withBadFields = { ...good, phone: '13800000044', startedAt: T0 + 1, recording: 'javascript:alert(1)', contact: { name: '<b>x</b>', url: 'javascript:alert(1)' }, cdrId: -1 };
    storage.items.set(key, JSON.stringify({ v: 1, seen: 0, calls: [good, ...hostile, withBadFields] }));
    const errors: VoipError[] = [];
    const recent = store(storage, { errors });
    assert.deepEqual(phones(recent.calls), ['13800000044', '13800000041']);
    assert.equal(recent.calls[0]!.recording, undefined, 'only http(s) links');
    assert.deepEqual(recent.calls[0]!.contact, { name: '<b>x</b>' }, 'text stays text; the bad link goes');
    assert.equal(recent.calls[0]!.cdrId, undefined, '-1 is no id');
    assert.deepEqual(errors.map((e) => e.code), [LocalCode.StorageFailed], 'reported once');
  });

  it('works on in memory when storage refuses reads and writes, reporting it', () => {
    const storage = new FakeStorage();
    storage.failReads = true;
    storage.failWrites = true;
    const errors: VoipError[] = [];
    const recent = store(storage, { errors });
    recent.add(inbound('13800000051', T0, false));
    assert.equal(recent.calls.length, 1);
    assert.equal(recent.missedCount, 1);
    assert.ok(errors.length >= 2 && errors.every((e) => e.code === LocalCode.StorageFailed));
    assert.equal(errors[0]!.localized('en'), 'recent calls not saved');
    assert.match(errors[0]!.localized('zh-CN'), /最近通话/);
  });

  it('a smaller limit drops the oldest; an invalid one falls back to the default', () => {
    const storage = new FakeStorage();
    const recent = store(storage);
    for (let i = 0; i < 5; i++) recent.add(outbound(`1380000006${i}`, T0 + i * 600_000));
    recent.limit = 2;
    assert.deepEqual(phones(store(storage).calls), ['13800000064', '13800000063']);
    recent.limit = -3;
    assert.equal(recent.limit, RECENT_LIMIT);
  });

  it('learns a contact, region and recording later for a listed call', () => {
    const storage = new FakeStorage();
    const recent = store(storage);
    const call = inbound('13800000071', T0, true, '282982852097171');
    recent.add(call);
    recent.update(call, { contact: { name: '张三', company: '某公司' }, area: '上海' });
    const reloaded = store(storage).calls[0]!;
    assert.deepEqual(reloaded.contact, { name: '张三', company: '某公司' });
    assert.equal(reloaded.area, '上海');
  });
});
