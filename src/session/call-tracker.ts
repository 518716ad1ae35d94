/**
 * The call state machine: messages in (any order, duplicated, with hang-up as 2 or 3), call
 * events out, each call's `ring` at most once, `answer` at most once, `hangup` exactly once.
 * Every change goes through `#transition`, so those guarantees live in one place.
 */
import { CallStatus, isHangupStatus, MessageKind, type VoipMessage } from '../protocol/index.js';

export const CallState = { Ringing: 'ringing', Talking: 'talking', Ended: 'ended' } as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

export const Direction = { Inbound: 'inbound', Outbound: 'outbound' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** A call as the element and its events show it (CONTRACT.md `call`). */
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

/**
 * The key of the call a message belongs to: its cdrId, or direction + number when the server gave
 * none. Every place that groups messages by call uses this one function.
 */
export function callKey(message: VoipMessage): string {
  return message.call?.cdrId ?? `${directionOf(message)}:${message.phone}`;
}

function directionOf(message: VoipMessage): Direction {
  return message.kind === MessageKind.Outbound ? Direction.Outbound : Direction.Inbound;
}

/** What identifies a call when two views of it are compared (a snapshot, the server's history). */
export type CallRef = Pick<Call, 'phone' | 'direction' | 'cdrId'>;

/** The call a message belongs to, as a CallRef. */
export function refOf(message: VoipMessage): CallRef {
  return { phone: message.phone, direction: directionOf(message), ...(message.call?.cdrId ? { cdrId: message.call.cdrId } : {}) };
}

/** Same call: same cdrId when both have one, else same number and direction (as #find matches). */
function sameCall(call: Call, ref: CallRef): boolean {
  return call.cdrId && ref.cdrId ? call.cdrId === ref.cdrId : call.phone === ref.phone && call.direction === ref.direction;
}

interface Tracked {
  key: string;
  call: Call;
}

export class CallTracker {
  /** Live calls, oldest first. */
  readonly #live: Tracked[] = [];
  /** Keys of finished calls, oldest first (bounded). */
  readonly #ended = new Map<string, Call>();

  /** Calls still up (ringing or talking), oldest first. */
  get liveCalls(): Call[] {
    return this.#live.map((t) => t.call);
  }

  /**
   * Applies one message; returns the events it causes (none for SMS, duplicates, stale states).
   * `now` stands in for the message time when the server sent none.
   */
  apply(message: VoipMessage, now: number): CallEvent[] {
    const content = message.call;
    if (!content) return [];
    const direction = directionOf(message);
    const at = message.time ?? now;
    const key = callKey(message);
    const ended = this.#ended.get(key);
    if (ended) {
      // Without a cdrId the key is only phone + direction: a new ring after the old call ended is
      // a new call from the same number. With a cdrId, an ended call stays ended.
      const newCall = !content.cdrId && content.status === CallStatus.Ringing && at > (ended.endedAt ?? 0);
      if (!newCall) return [];
      this.#ended.delete(key);
    }

    let tracked = this.#find(key, content.cdrId, direction, message.phone);
    const events: CallEvent[] = [];
    if (!tracked) {
      const call: Call = { phone: message.phone, direction, state: CallState.Ringing, startedAt: at };
      if (content.cdrId) call.cdrId = content.cdrId;
      if (content.paramvalue) call.paramvalue = content.paramvalue;
      tracked = { key, call };
      if (isHangupStatus(content.status)) {
        // A hang-up with no ring before it: the call still ends exactly once, but never pops.
        this.#live.push(tracked);
        this.#transition(tracked, CallState.Ended, at, events);
        return events;
      }
      this.#live.push(tracked);
      events.push({ type: 'ring', call: { ...call } });
    }

    if (content.status === CallStatus.Connected) this.#transition(tracked, CallState.Talking, at, events);
    else if (isHangupStatus(content.status)) this.#transition(tracked, CallState.Ended, at, events);
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
    for (const tracked of [...this.#live]) {
      if (!still.some((ref) => sameCall(tracked.call, ref))) this.#transition(tracked, CallState.Ended, now, events);
    }
    return events;
  }

  /** True when the message belongs to a call that is up here. */
  isLive(message: VoipMessage): boolean {
    const ref = refOf(message);
    return this.#live.some((t) => sameCall(t.call, ref));
  }

  /** True when this call key already ended (used by the first-poll look-back). */
  hasEnded(message: VoipMessage): boolean {
    return this.#ended.has(callKey(message));
  }

  /** Remembers a call as finished without any event: history seen on the first poll. */
  rememberEnded(message: VoipMessage): void {
    if (!message.call) return;
    if (message.call.cdrId) {
      this.#remember(callKey(message), { phone: message.phone, direction: directionOf(message), state: CallState.Ended, startedAt: message.time ?? 0 });
    }
  }

  #find(key: string, cdrId: string | undefined, direction: Direction, phone: string): Tracked | undefined {
    const exact = this.#live.find((t) => t.key === key);
    if (exact) return exact;
    // A message without cdrId matches a live call with one, and the reverse (the server gave
    // the id only on some messages): same phone and direction, still up.
    const loose = this.#live.find(
      (t) => t.call.phone === phone && t.call.direction === direction && (!cdrId || !t.call.cdrId),
    );
    if (loose && cdrId && !loose.call.cdrId) {
      loose.call.cdrId = cdrId;
      loose.key = cdrId;
    }
    return loose;
  }

  /** The one place a call changes state; ignores every change that is not forward. */
  #transition(tracked: Tracked, next: CallState, at: number, events: CallEvent[]): void {
    const call = tracked.call;
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
      this.#live.splice(this.#live.indexOf(tracked), 1);
      this.#remember(tracked.key, call);
      events.push({ type: 'hangup', call: { ...call } });
    }
  }

  #remember(key: string, call: Call): void {
    this.#ended.set(key, call);
    if (this.#ended.size > ENDED_MEMORY) {
      const oldest = this.#ended.keys().next().value;
      if (oldest !== undefined) this.#ended.delete(oldest);
    }
  }
}
