/**
 * When two views of a finished call are the same call: the one a page saw live, the one stored
 * across a reload, the ones the server's history gives back (findDialrecord, recvMsg, push_list).
 *
 * Kept behind these two small functions on purpose: `src/session/call-identity.ts` (branch
 * `dialect`) defines a live call's identity for the tracker; once merged, `realCallId` becomes its
 * `toCallId` and the id/line part of `isSameCall` its `sameCall`. Only the start-time tolerance is
 * this module's own: a list of past calls holds the same number many times.
 */
import type { Call } from '../session/index.js';

/** What identifies a past call. */
export type CallIdentity = Pick<Call, 'phone' | 'direction' | 'cdrId' | 'startedAt'>;

/**
 * Two views of one call without a real id may disagree on its start: the server's record says it
 * to the second in China time, the page may have stamped it with its own clock (a message
 * without `time`), which can be off by a little.
 */
export const SAME_CALL_TOLERANCE_MS = 60_000;

/** `-1`, `0`, `''`, `null`, a missing value are the server's "no record" (spec §7.1), never ids. */
export function realCallId(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^(-.*|[+]?0*|null|undefined)$/.test(text) ? undefined : text;
}

/** Same real id when both have one; else same number, direction and (about) the same start. */
export function isSameCall(a: CallIdentity, b: CallIdentity): boolean {
  const idA = realCallId(a.cdrId);
  const idB = realCallId(b.cdrId);
  if (idA && idB) return idA === idB;
  return a.phone === b.phone && a.direction === b.direction && Math.abs(a.startedAt - b.startedAt) <= SAME_CALL_TOLERANCE_MS;
}

/**
 * A key naming one call while it is up: its line and start, which never change for the call
 * (its cdrId may arrive only with a later message), so work done "once per call" stays once.
 */
export function occurrenceKey(call: CallIdentity): string {
  return `${call.direction}:${call.phone}@${call.startedAt}`;
}
