/**
 * Seeds the recent-calls list after login from what the server remembers (issue 15 item 3), so a
 * call that rang while no page was open still shows, missed. Two sources, each allowed to fail on
 * its own: findDialrecord (the agent's latest call records) and a recvMsg look-back from the
 * session's waterline (docs/800ing-api.md §3). push_list (the records pushed to the CRM, docs/800ing-api.md §4) is left out:
 * it lists the same calls as findDialrecord and cost ~0.2 KB gzip of the script-tag file.
 * Nothing here blocks the card or throws: failures are reported, what came is merged.
 */
import type { VoipClient } from '../client/index.js';
// toVoipMessage from the main file (the extras would otherwise copy the content reader with it).
import { toVoipMessage, type CallRecord, type RawMessage, type VoipError } from '../protocol/index.js';
import { CdrPeer, RECV_MSG_DEFAULT_LIMIT } from '../protocol/methods.js';
import { toCallId, toNumber, toText } from '../protocol/normalize.js';
import { parseServerTime } from '../protocol/server-time.js';
import { CallState, CallTracker, Direction, type Call } from '../session/index.js';
import { reportUnlessAborted } from './report.js';
import { isMissed, toRecentCall, type RecentCall, type RecentCalls } from './recent-calls.js';

/** The recvMsg look-back: a day of messages, at most this many pages (the rest comes from the records). */
const MESSAGES_LOOK_BACK_MS = 24 * 3_600_000;
const MESSAGES_MAX_PAGES = 5;

export interface SeedOptions {
  store: RecentCalls;
  /** The session's waterline once online: enables the recvMsg look-back (without it, skipped). */
  waterline?: number;
  signal?: AbortSignal;
  /** Each source that failed (an abort is not reported). */
  onError?: (error: VoipError) => void;
  /** Unix ms; default Date.now. */
  now?: () => number;
}

const OUTBOUND_PEERS: readonly number[] = [CdrPeer.Outbound, CdrPeer.CampaignOutbound];

/**
 * A finished call from its record (findDialrecord row, push_list row, push memo); undefined when
 * the record is of a call still up or lacks a number or a start. The recording link comes only
 * with an answer.
 */
export function recentCallFromRecord(client: Pick<VoipClient, 'recordingUrl'>, record: CallRecord): RecentCall | undefined {
  const phone = toText(record.cdrPhoneNum) || toText(record.cdrLastPhoneNumber);
  const startedAt = parseServerTime(toText(record.cdrStartTime));
  const endedAt = parseServerTime(toText(record.cdrHangupTime));
  if (!phone || startedAt === undefined || endedAt === undefined) return undefined;
  const direction = OUTBOUND_PEERS.includes(toNumber(record.cdrPeer)) ? Direction.Outbound : Direction.Inbound;
  const call: Call = { phone, direction, state: CallState.Ended, startedAt, endedAt };
  const cdrId = toCallId(record.cdrId);
  if (cdrId) call.cdrId = cdrId;
  if (record.paramvalue) call.paramvalue = toText(record.paramvalue);
  const talk = toNumber(record.cdrTalktime);
  const answeredAt = parseServerTime(toText(record.cdrSucessTime)) ?? (talk > 0 ? endedAt - talk * 1000 : undefined);
  if (answeredAt !== undefined) call.answeredAt = answeredAt;
  const recent = toRecentCall(call);
  const area = toText(record.cdrPhoneArea).trim();
  if (area) recent.area = area;
  const recording = answeredAt !== undefined ? client.recordingUrl(record) : null;
  if (recording) recent.recording = recording;
  return recent;
}

/** The calls that ended within a recvMsg page; a call whose ring is before the page is not called missed. */
function callsFromMessages(msgs: RawMessage[], now: number): RecentCall[] {
  const tracker = new CallTracker();
  const rung = new Set<string>();
  const ended: RecentCall[] = [];
  for (const raw of msgs) {
    for (const { type, call } of tracker.apply(toVoipMessage(raw), now)) {
      // The tracker keeps a call's start for its whole life: it names the call here.
      if (type === 'ring') rung.add(`${call.phone}@${call.startedAt}`);
      if (type === 'hangup') ended.push(toRecentCall(call, rung.has(`${call.phone}@${call.startedAt}`) && isMissed(call)));
    }
  }
  return ended;
}

/**
 * The messages of the last MESSAGES_LOOK_BACK_MS before `waterline`, oldest first. Waterlines
 * advance with the server's clock (the session's own first-poll look-back reads them so too).
 */
async function lookBack(client: VoipClient, waterline: number, ask: { signal?: AbortSignal }): Promise<RawMessage[]> {
  const msgs: RawMessage[] = [];
  let from = Math.max(0, waterline - MESSAGES_LOOK_BACK_MS);
  for (let page = 0; page < MESSAGES_MAX_PAGES; page++) {
    const got = (await client.recvMsg(from, RECV_MSG_DEFAULT_LIMIT, ask)).msgs;
    msgs.push(...got);
    const top = Math.max(from, ...got.map((m) => m.waterLine));
    if (got.length < RECV_MSG_DEFAULT_LIMIT || top <= from) break;
    from = top;
  }
  return msgs;
}

/**
 * Merges the server's recent history into `store` without doubles; answers the calls newly
 * listed. Never rejects.
 */
export async function seedRecentCalls(client: VoipClient, options: SeedOptions): Promise<RecentCall[]> {
  const { store, signal, waterline } = options;
  const now = (options.now ?? Date.now)();
  const ask = { signal };

  const sources: Promise<RecentCall[]>[] = [
    client.callRecords({}, store.limit, ask).then((rows) => rows.flatMap((r) => recentCallFromRecord(client, r) ?? [])),
  ];
  if (waterline !== undefined) sources.push(lookBack(client, waterline, ask).then((msgs) => callsFromMessages(msgs, now)));

  const calls: RecentCall[] = [];
  for (const result of await Promise.allSettled(sources)) {
    if (result.status === 'fulfilled') calls.push(...result.value);
    else reportUnlessAborted(result.reason, options.onError);
  }
  return signal?.aborted ? [] : store.merge(calls);
}
