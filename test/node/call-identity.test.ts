/**
 * A call's identity (spec §7.1), unit by unit: the id reader, the matching rules, the call
 * tracker driven directly with the fake clock, and the first poll's baseline as a pure function.
 * The scenarios are the ones a server that writes `cdrId: -1` or string statuses produces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageKind, toCallId, toVoipMessage, type VoipMessage } from '../../src/protocol/index.js';
import { planBaseline } from '../../src/session/baseline.js';
import { callKey, Direction, findCall, occurrenceKey, sameCall, type CallRef } from '../../src/session/call-identity.js';
import { CallTracker, type CallEvent } from '../../src/session/call-tracker.js';
import { FakeClock } from './faults-helpers.js';

let nextWaterline = 1_700_000_000_000;

/** A call message as the server writes it: `content` is the raw literal, read by the real reader. */
function msg(kind: number, phone: string, content: string, waterLine = ++nextWaterline): VoipMessage {
  return toVoipMessage({ kind, phone, content, waterLine });
}
const inbound = (phone: string, content: string, waterLine?: number): VoipMessage => msg(MessageKind.Inbound, phone, content, waterLine);
const outbound = (phone: string, content: string, waterLine?: number): VoipMessage => msg(MessageKind.Outbound, phone, content, waterLine);

function summary(events: CallEvent[]): string[] {
  return events.map((e) => `${e.type}:${e.call.phone}${e.call.cdrId ? `#${e.call.cdrId}` : ''}`);
}

/** A tracker with the fake clock: `feed` applies messages and collects every event. */
function tracker(): { feed: (...messages: VoipMessage[]) => string[]; tracker: CallTracker; clock: FakeClock } {
  const clock = new FakeClock();
  const t = new CallTracker();
  return {
    tracker: t,
    clock,
    feed: (...messages) => messages.flatMap((m) => summary(t.apply(m, clock.now()))),
  };
}

describe('toCallId: real ids only', () => {
  it('reads -1, 0, empty, null, missing and garbage-free blanks as no id', () => {
    for (const none of [-1, '-1', 0, '0', '00', '', '  ', null, undefined, 'null', -5, '-282982852097151']) {
      assert.equal(toCallId(none), undefined, `${JSON.stringify(none)} is not an id`);
    }
  });

  it('reads a number and its text as the same id, beyond 2^53 without losing a digit', () => {
    assert.equal(toCallId(282982852097151), '282982852097151');
    assert.equal(toCallId('282982852097151'), '282982852097151');
    assert.equal(toCallId(' 0123 '), '123');
    assert.equal(toCallId('+77'), '77');
    assert.equal(toCallId('98765432109876543210'), '98765432109876543210');
    assert.equal(toCallId('abc-1'), 'abc-1', 'a non-numeric id is kept as it is');
  });

  it('drops cdrId -1 from a message and reads string statuses as numbers', () => {
    const m = inbound('13800000001', "{status:'0',cdrId:-1,paramvalue:''}");
    assert.equal(m.call?.status, 0);
    assert.equal('cdrId' in (m.call ?? {}), false);
    const big = inbound('13800000001', '{status:"3",cdrId:98765432109876543210}');
    assert.equal(big.call?.status, 3);
    assert.equal(big.call?.cdrId, '98765432109876543210');
  });
});

describe('call identity rules', () => {
  const withId: CallRef = { phone: '138', direction: Direction.Inbound, cdrId: '7' };
  const noId: CallRef = { phone: '138', direction: Direction.Inbound };

  it('keys a call by its real id, else by number and direction', () => {
    assert.equal(callKey(withId), 'id:7');
    assert.equal(callKey(noId), 'inbound:138');
    assert.notEqual(callKey({ ...noId, direction: Direction.Outbound }), callKey(noId));
    assert.notEqual(occurrenceKey({ ...noId, startedAt: 1 }), occurrenceKey({ ...noId, startedAt: 2 }), 'the same number again is another occurrence');
    assert.equal(occurrenceKey({ ...withId, startedAt: 1 }), occurrenceKey({ ...withId, startedAt: 2 }), 'a real id is one call whenever it is seen');
  });

  it('compares ids when both have one, numbers and directions otherwise', () => {
    assert.equal(sameCall(withId, { ...withId, cdrId: '8' }), false);
    assert.equal(sameCall(withId, noId), true);
    assert.equal(sameCall(noId, { ...noId, phone: '139' }), false);
  });

  it('finds the live call of a hang-up without id by number, or the only one when the number is empty', () => {
    const live = [withId, { phone: '139', direction: Direction.Outbound }];
    assert.equal(findCall(live, noId, true), withId);
    assert.equal(findCall(live, { phone: '', direction: Direction.Inbound }, true), undefined, 'two live calls: no guess');
    assert.equal(findCall([withId], { phone: '', direction: Direction.Inbound }, true), withId);
    assert.equal(findCall([withId], { phone: '', direction: Direction.Inbound }, false), undefined, 'only a hang-up may guess');
    assert.equal(findCall(live, { ...withId, cdrId: '9' }, true), undefined, 'another real id is another call');
  });
});

describe('CallTracker (fake clock)', () => {
  it('ends the ringing call when its hang-up says cdrId -1', () => {
    const { feed, tracker: t } = tracker();
    assert.deepEqual(feed(inbound('13800000001', "{status:0,cdrId:'282982852097151'}")), ['ring:13800000001#282982852097151']);
    assert.deepEqual(feed(inbound('13800000001', '{status:3,cdrId:-1}')), ['hangup:13800000001#282982852097151']);
    assert.deepEqual(t.liveCalls, []);
  });

  it('pops two different callers that both carry cdrId -1, and ends each by its number', () => {
    const { feed, tracker: t } = tracker();
    assert.deepEqual(feed(inbound('13800000001', '{status:0,cdrId:-1}'), inbound('13800000002', '{status:0,cdrId:-1}')), [
      'ring:13800000001',
      'ring:13800000002',
    ]);
    assert.equal(t.liveCalls.length, 2);
    assert.ok(t.liveCalls.every((c) => !('cdrId' in c)), 'call.cdrId is absent without a real id');
    assert.deepEqual(feed(inbound('13800000002', "{status:'2',cdrId:-1}")), ['hangup:13800000002']);
    assert.deepEqual(t.liveCalls.map((c) => c.phone), ['13800000001']);
  });

  it('takes the same number ringing again after its hang-up as a new call, a stale answer as nothing', () => {
    const { feed, clock } = tracker();
    feed(inbound('13800000003', '{status:0,cdrId:0}'), inbound('13800000003', "{status:'3',cdrId:''}"));
    clock.advance(5_000);
    assert.deepEqual(feed(inbound('13800000003', '{status:1}')), [], 'a late status of the ended call');
    assert.deepEqual(feed(inbound('13800000003', '{status:0,cdrId:-1}')), ['ring:13800000003']);
  });

  it('keeps a call with a real id ended, even when the number calls again with that id', () => {
    const { feed } = tracker();
    feed(inbound('13800000004', '{status:0,cdrId:11}'), inbound('13800000004', '{status:3,cdrId:11}'));
    assert.deepEqual(feed(inbound('13800000004', '{status:0,cdrId:"11"}')), []);
    assert.deepEqual(feed(inbound('13800000004', '{status:0,cdrId:12}')), ['ring:13800000004#12']);
  });

  it('learns the id a later message gives, and matches number and text of one id', () => {
    const { feed, tracker: t } = tracker();
    feed(outbound('13800000005', '{status:0,cdrId:-1}'));
    assert.deepEqual(feed(outbound('13800000005', '{status:1,cdrId:21}')), ['answer:13800000005#21']);
    assert.equal(t.liveCalls[0]?.cdrId, '21');
    assert.deepEqual(feed(outbound('13800000005', "{status:3,cdrId:'21'}")), ['hangup:13800000005#21']);
  });

  it('ends the only live call on a hang-up with neither id nor number, but never guesses between two', () => {
    const { feed, tracker: t } = tracker();
    feed(inbound('anonymous', '{status:0,cdrId:-1}'));
    assert.deepEqual(feed(inbound('', '{status:3,cdrId:-1}')), ['hangup:anonymous']);
    feed(inbound('13800000006', '{status:0}'), outbound('13800000007', '{status:0}'));
    feed(inbound('', '{status:3}'));
    assert.deepEqual(t.liveCalls.map((c) => c.phone), ['13800000006', '13800000007'], 'both still up');
  });

  it('restores a call from another view once, and not a call of that number that ended after it started', () => {
    const { tracker: t, clock } = tracker();
    const started = clock.now();
    const call = { phone: '13800000008', direction: Direction.Inbound, state: 'ringing' as const, startedAt: started };
    assert.deepEqual(summary(t.restore(call, clock.now())), ['ring:13800000008']);
    assert.deepEqual(summary(t.restore(call, clock.now())), []);
    clock.advance(1_000);
    assert.deepEqual(summary(t.endAll(clock.now())), ['hangup:13800000008']);
    assert.deepEqual(summary(t.restore(call, clock.now())), [], 'a stale snapshot does not pop it again');
  });
});

describe('planBaseline (pure)', () => {
  const none = { isLive: () => false, hasEnded: () => false };

  it('replays a call still ringing and not the finished one before it from the same number', () => {
    const history = [
      inbound('13800000010', '{status:0,cdrId:-1}'),
      inbound('13800000010', '{status:3,cdrId:-1}'),
      inbound('13800000010', '{status:0,cdrId:-1}'),
    ];
    const plan = planBaseline(history, none, false);
    assert.deepEqual(plan.replay, [history[2]]);
    assert.deepEqual(plan.ended, [history[1]]);
    assert.equal(plan.shown.length, 2, 'two occurrences of one number');
  });

  it('replays every message of the call in progress, in waterline order, across ids and -1', () => {
    const history = [
      inbound('13800000011', "{status:0,cdrId:'31'}"),
      outbound('13800000012', '{status:0,cdrId:32}'),
      outbound('13800000012', '{status:3,cdrId:-1}'),
      inbound('13800000011', '{status:1,cdrId:-1}'),
    ];
    const plan = planBaseline(history, none, false);
    assert.deepEqual(plan.replay, [history[0], history[3]]);
    assert.deepEqual(plan.ended, [history[2]]);
  });

  it('replays a finished call this session carries so its hang-up applies, unless the number called again', () => {
    const ring = inbound('13800000013', '{status:0}');
    const end = inbound('13800000013', '{status:3}');
    const live = { isLive: (ref: CallRef) => ref.phone === '13800000013', hasEnded: () => false };
    assert.deepEqual(planBaseline([ring, end], live, false).replay, [ring, end]);
    const again = inbound('13800000013', '{status:0}');
    assert.deepEqual(planBaseline([ring, end, again], live, false).replay, [again]);
  });

  it('skips calls with a real id already ended here, and after a server restart replays all', () => {
    const ring = inbound('13800000014', '{status:0,cdrId:41}');
    const end = inbound('13800000014', '{status:3,cdrId:41}');
    assert.deepEqual(planBaseline([ring], { isLive: () => false, hasEnded: (r) => r.cdrId === '41' }, false).replay, []);
    const restarted = planBaseline([ring, end], none, true);
    assert.deepEqual(restarted.replay, [ring, end]);
    assert.deepEqual(restarted.ended, []);
  });
});
