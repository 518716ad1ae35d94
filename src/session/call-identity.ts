/**
 * What makes two messages, or two views of a call, the same call (docs/800ing-api.md §7.1). The one definition:
 * the call tracker, the first poll's baseline and the element's once-only announcements use it.
 *
 * - A call's id is its `cdrId` only when that is a real one (`toCallId`: `-1`, `0`, `''`, missing
 *   are not ids; `123` and `"123"` are the same id, kept as text beyond 2^53).
 * - A call without a real id is its number + direction.
 * - A message with a real id belongs to the live call with that id, or else to the live call of
 *   its number and direction that has no id yet (the server gave the id only on some messages).
 * - A message without one belongs to the live call of its number and direction; a hang-up
 *   without one and without a number ends the only live call, when there is exactly one.
 * - Repeats are told by waterline, not here: the same number ringing again after its hang-up is
 *   a new call (the tracker's rule).
 */
import { MessageKind } from '../protocol/methods.js';
import type { VoipMessage } from '../protocol/types.js';

export const Direction = { Inbound: 'inbound', Outbound: 'outbound' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** What identifies a call: a real `cdrId` when there is one, else number and direction. */
export interface CallRef {
  phone: string;
  direction: Direction;
  /** Only a real id (see `toCallId`); absent otherwise. */
  cdrId?: string;
}

export function directionOf(message: Pick<VoipMessage, 'kind'>): Direction {
  return message.kind === MessageKind.Outbound ? Direction.Outbound : Direction.Inbound;
}

/** The call a message belongs to, as a CallRef (the message's cdrId is already a real one or absent). */
export function refOf(message: VoipMessage): CallRef {
  const cdrId = message.call?.cdrId;
  return { phone: message.phone, direction: directionOf(message), ...(cdrId ? { cdrId } : {}) };
}

/** A key naming the call: `id:…` for a real id, `direction:number` otherwise. */
export function callKey(ref: CallRef): string {
  return ref.cdrId ? `id:${ref.cdrId}` : `${ref.direction}:${ref.phone}`;
}

/**
 * A key naming one occurrence of a call, for "announce once": a call without a real id is its
 * number, direction and start, so the same number calling again later is announced again.
 */
export function occurrenceKey(call: CallRef & { startedAt: number }): string {
  return call.cdrId ? callKey(call) : `${callKey(call)}@${call.startedAt}`;
}

function sameLine(a: CallRef, b: CallRef): boolean {
  return a.phone === b.phone && a.direction === b.direction;
}

/** Same call: the same real id when both have one, else the same number and direction. */
export function sameCall(a: CallRef, b: CallRef): boolean {
  return a.cdrId && b.cdrId ? a.cdrId === b.cdrId : sameLine(a, b);
}

/**
 * The live call (oldest first in `live`) a message's ref belongs to, by the rules above.
 * `hangup`: the message ends a call, so an empty number may name the only live call.
 */
export function findCall<T extends CallRef>(live: readonly T[], ref: CallRef, hangup: boolean): T | undefined {
  if (ref.cdrId) {
    return live.find((c) => c.cdrId === ref.cdrId) ?? live.find((c) => !c.cdrId && sameLine(c, ref));
  }
  const sameNumber = live.filter((c) => sameLine(c, ref));
  // Two live calls of one number without ids cannot be told apart: the newer one is the one the
  // message speaks of (the older one was left behind by a lost hang-up).
  if (sameNumber.length > 0) return sameNumber[sameNumber.length - 1];
  if (hangup && ref.phone === '' && live.length === 1) return live[0];
  return undefined;
}
