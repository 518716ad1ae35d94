/**
 * When two views of a call are the same call, for the console: the one a page saw live, the one
 * stored across a reload, the ones the server's history gives back. Built on the one identity
 * definition (src/session/call-identity.ts); only the start-time tolerance is this module's own.
 */
import { toCallId } from '../protocol/normalize.js';
import type { Call } from '../session/index.js';
import { occurrenceKey, sameCall } from '../session/call-identity.js';

/** What identifies a past call. */
export type CallIdentity = Pick<Call, 'phone' | 'direction' | 'cdrId' | 'startedAt'>;

/**
 * Two views of one call without a real id may disagree on its start: the server's record says it
 * to the second in China time, the page may have stamped it with its own clock (a message
 * without `time`), which can be off by a little. A list of past calls holds the same number many
 * times, so the line alone (call-identity's `sameCall`) is not enough here.
 */
export const SAME_CALL_TOLERANCE_MS = 60_000;

/** call-identity's `sameCall`, and (about) the same start unless both have a real id. */
export function isSameCall(a: CallIdentity, b: CallIdentity): boolean {
  const idA = toCallId(a.cdrId);
  const idB = toCallId(b.cdrId);
  return sameCall({ ...a, cdrId: idA }, { ...b, cdrId: idB }) && ((!!idA && !!idB) || Math.abs(a.startedAt - b.startedAt) <= SAME_CALL_TOLERANCE_MS);
}

/**
 * A key naming one call while it is up: call-identity's occurrence key of its line and start,
 * which never change for the call (its cdrId may arrive only with a later message), so work done
 * "once per call" stays once.
 */
export function lineKey(call: CallIdentity): string {
  return occurrenceKey({ phone: call.phone, direction: call.direction, startedAt: call.startedAt });
}
