/**
 * The first poll's baseline (docs/800ing-api.md §3 "The polling loop", decision 4), as a pure function: from the
 * server's recent history, which messages to replay (calls still in progress, so a reload in the
 * middle of a call shows it again), which finished calls to remember without a word, and which
 * calls the history shows at all (a call carried over that it does not show has ended).
 *
 * History is cut into occurrences of calls by the identity rules of `call-identity.ts`: a
 * message opens an occurrence unless it belongs to one still open; a hang-up closes it. So the
 * same number calling twice without a record id is two occurrences, never one.
 */
import { isHangupStatus, type VoipMessage } from '../protocol/index.js';
import { findCall, refOf, type CallRef } from './call-identity.js';

/** What the baseline needs to know of the calls this session already holds. */
export interface BaselineCalls {
  /** The call is up here (carried over from an earlier session or another tab). */
  isLive(ref: CallRef): boolean;
  /** The call, with a real id, already ended here. */
  hasEnded(ref: CallRef): boolean;
}

export interface BaselinePlan {
  /** Apply these, in this order. */
  replay: VoipMessage[];
  /** Finished calls to remember as ended, without any event: their last message each. */
  ended: VoipMessage[];
  /** Every call the history shows (for ending carried calls it does not show). */
  shown: CallRef[];
}

interface Occurrence extends CallRef {
  messages: VoipMessage[];
  closed: boolean;
}

/**
 * The plan for the first poll. `messages`: the history in waterline order, each once.
 * `replayUnseen`: the server restarted, so every call it shows is news (replay them all).
 */
export function planBaseline(messages: readonly VoipMessage[], calls: BaselineCalls, replayUnseen: boolean): BaselinePlan {
  // Cut the history into occurrences of calls, oldest first.
  const occurrences: Occurrence[] = [];
  const open: Occurrence[] = [];
  for (const message of messages) {
    if (!message.call) continue;
    const ref = refOf(message);
    const hangup = isHangupStatus(message.call.status);
    let occurrence = findCall(open, ref, hangup);
    if (!occurrence) open.push((occurrence = { ...ref, messages: [], closed: false }));
    else occurrence.cdrId ??= ref.cdrId;
    if (!occurrences.includes(occurrence)) occurrences.push(occurrence);
    occurrence.messages.push(message);
    if ((occurrence.closed = hangup)) open.splice(open.indexOf(occurrence), 1);
  }
  const replay: VoipMessage[] = [];
  const ended: VoipMessage[] = [];
  occurrences.forEach((occurrence, index) => {
    if (calls.hasEnded(occurrence)) return;
    const live = calls.isLive(occurrence);
    // A call carried over is replayed so that its hang-up applies here, unless a later
    // occurrence of the same number is the one it stands for.
    const later = findCall(occurrences.slice(index + 1), occurrence, false);
    if (replayUnseen || !occurrence.closed || (live && !later)) replay.push(...occurrence.messages);
    else if (!live) ended.push(occurrence.messages[occurrence.messages.length - 1]!);
  });
  replay.sort((a, b) => a.waterLine - b.waterLine);
  return { replay, ended: replayUnseen ? [] : ended, shown: occurrences };
}
