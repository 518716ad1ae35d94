/**
 * The call state machine: messages in (any order, duplicated, with hang-up as 2 or 3), call
 * events out, each call's `ring` at most once, `answer` at most once, `hangup` exactly once.
 * Every change goes through `#transition`, so those guarantees live in one place.
 */
import { CallStatus, isHangupStatus, MessageKind, type VoipMessage } from '../protocol/index.js';
import { callKey, Direction, findCall, refOf, sameCall, type CallRef } from './call-identity.js';

export { Direction, callKey, refOf, type CallRef } from './call-identity.js';

export const CallState = { Ringing: 'ringing', Talking: 'talking', Ended: 'ended' } as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

/** A call as the element and its events show it (docs/contract.md `call`). */
export interface Call {
  phone: string;
  direction: Direction;
  state: CallState;
  cdrId?: string;
  paramvalue?: string;
  /** Unix ms. */
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
}

export type CallEventType = 'ring' | 'answer' | 'hangup';
export interface CallEvent {
  type: CallEventType;
  call: Call;
}

/** How many finished calls are remembered, so a late duplicate never pops them again. */
const ENDED_MEMORY = 1000;

export class CallTracker {
  /** Live calls, oldest first. */
  readonly #live: Call[] = [];
  /**
   * Finished calls by `callKey`, oldest first (bounded). A call with a real id is also kept under
   * its number's key, so a late message without the id finds it ended too.
   */
  readonly #ended = new Map<string, Call>();

  /** Calls still up (ringing or talking), oldest first. */
  get liveCalls(): Call[] {
    return [...this.#live];
  }

  /**
   * Applies one message; returns the events it causes (none for SMS, duplicates, stale states).
   * `now` stands in for the message time when the server sent none. The caller applies each
   * waterline once (WatchSession does): a message it passes here is never a repeat.
   */
  apply(message: VoipMessage, now: number): CallEvent[] {
    const content = message.call;
    if (!content) return [];
    const ref = refOf(message);
    const at = message.time ?? now;
    const hangup = isHangupStatus(content.status);
    let call = findCall(this.#live, ref, hangup);
    const events: CallEvent[] = [];
    if (!call) {
      // A call that ended: a real id ends once; without one, only a ring starts the number's next
      // call (a restored call, which has no waterline of its own, only when it started after that end).
      const ended = this.#ended.get(callKey(ref));
      if (ended && (ref.cdrId || content.status !== CallStatus.Ringing || (!message.waterLine && at <= ended.endedAt!))) return [];
      call = { phone: message.phone, direction: ref.direction, state: CallState.Ringing, startedAt: at };
      if (ref.cdrId) call.cdrId = ref.cdrId;
      if (content.paramvalue) call.paramvalue = content.paramvalue;
      this.#live.push(call);
      if (hangup) {
        // A hang-up with no ring before it: the call still ends exactly once, but never pops.
        this.#transition(call, CallState.Ended, at, events);
        return events;
      }
      events.push({ type: 'ring', call: { ...call } });
    } else if (ref.cdrId && !call.cdrId) {
      call.cdrId = ref.cdrId; // the server gave the id only on a later message
    }

    if (content.status === CallStatus.Connected) this.#transition(call, CallState.Talking, at, events);
    else if (hangup) this.#transition(call, CallState.Ended, at, events);
    return events;
  }

  /**
   * Makes a call known as another tab showed it (a snapshot from the leader tab): events as if
   * its messages had arrived, so this page shows a call it has not seen yet, and never twice.
   */
  restore(call: Call, now: number): CallEvent[] {
    const kind = call.direction === Direction.Outbound ? MessageKind.Outbound : MessageKind.Inbound;
    const base = { kind, phone: call.phone, waterLine: 0, content: '' };
    const content = { ...(call.cdrId ? { cdrId: call.cdrId } : {}), ...(call.paramvalue ? { paramvalue: call.paramvalue } : {}) };
    const events = this.apply({ ...base, time: call.startedAt, call: { ...content, status: CallStatus.Ringing } }, now);
    if (call.state === CallState.Talking) {
      events.push(...this.apply({ ...base, time: call.answeredAt ?? now, call: { ...content, status: CallStatus.Connected } }, now));
    }
    return events;
  }

  /** Ends every live call locally (the agent's own hang-up answered OK, a reset): `hangup` once each. */
  endAll(now: number): CallEvent[] {
    return this.endUnlisted([], now);
  }

  /**
   * Ends the live calls `still` does not list, `hangup` once each: the view this one defers to
   * (the leader tab's, the server's history) no longer has them up.
   */
  endUnlisted(still: CallRef[], now: number): CallEvent[] {
    const events: CallEvent[] = [];
    for (const call of [...this.#live]) {
      if (!still.some((ref) => sameCall(call, ref))) this.#transition(call, CallState.Ended, now, events);
    }
    return events;
  }

  /** True when the call is up here. */
  isLive(ref: CallRef): boolean {
    return this.#live.some((call) => sameCall(call, ref));
  }

  /** True when the call with this real id already ended here (a call without one is never "the same" later). */
  hasEnded(ref: CallRef): boolean {
    return ref.cdrId !== undefined && this.#ended.has(callKey(ref));
  }

  /** Remembers a call as finished without any event: history seen on the first poll. */
  rememberEnded(ref: CallRef, endedAt: number): void {
    this.#remember({ ...ref, state: CallState.Ended, startedAt: endedAt, endedAt });
  }

  /** The one place a call changes state; ignores every change that is not forward. */
  #transition(call: Call, next: CallState, at: number, events: CallEvent[]): void {
    if (call.state === CallState.Ended) return;
    if (next === CallState.Talking) {
      if (call.state !== CallState.Ringing) return;
      call.state = CallState.Talking;
      call.answeredAt = at;
      events.push({ type: 'answer', call: { ...call } });
      return;
    }
    if (next === CallState.Ended) {
      call.state = CallState.Ended;
      call.endedAt = Math.max(at, call.answeredAt ?? call.startedAt);
      this.#live.splice(this.#live.indexOf(call), 1);
      this.#remember(call);
      events.push({ type: 'hangup', call: { ...call } });
    }
  }

  #remember(call: Call): void {
    const keys = [callKey(call)];
    if (call.cdrId) keys.push(callKey({ phone: call.phone, direction: call.direction }));
    for (const key of keys) {
      this.#ended.delete(key); // re-inserted last: the newest end of a number is the one kept
      this.#ended.set(key, call);
    }
    while (this.#ended.size > ENDED_MEMORY) {
      const oldest = this.#ended.keys().next().value;
      if (oldest === undefined) break;
      this.#ended.delete(oldest);
    }
  }
}
