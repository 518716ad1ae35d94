/**
 * The pushes of call events to the CRM (docs/800ing-api.md §5 §2.7): type 1 when a call starts ringing or
 * dialing, 2 when it is answered, 3 at hang-up with the call record as `memo`, and 4 (the
 * recording is ready, with the record again) right after 3 when the call was talked. Each call
 * has its own queue, so its pushes reach the CRM in order, one at a time; queues run in the
 * background, so no API answer waits for the CRM. Every push is recorded with its outcome in
 * the push log (push_list) and can be delivered again (push_send).
 */
import {
  CallStatus,
  Peer,
  PushType,
  ResultCode,
  VoipError,
  isHangupStatus,
  type CallRecord,
  type Push,
  type PushRow,
} from '../../protocol/index.js';
import { CallDirection, type MockCall } from './calls.js';
import { CrmParam, askCrm, type CrmConfig, type CrmReply } from './crm-http.js';
import type { PushLog, PushOutcome } from './push-log.js';

export interface PushSenderOptions {
  pushLog: PushLog;
  crm: CrmConfig;
  clock: () => number;
  /** Aborted when the mock server closes: exchanges in progress end, queued pushes are dropped. */
  signal: AbortSignal;
  /** A push was recorded, or a row changed after push_send. */
  onPush(row: PushRow): void;
  /** A line for the server log. */
  log(line: string): void;
}

/** What push_send did. */
export interface ResendResult {
  /** False when no pushUrl is configured: nothing was sent and the row is unchanged. */
  sent: boolean;
  ok: boolean;
  reason?: string;
  row: PushRow;
}

/** The query of a push: type, peer, phone, the cdrId and, for types 3 and 4, the memo. */
export function pushQuery(type: PushType, peer: Peer, phone: string, memo: string, cdrId: string): Record<string, string> {
  const query: Record<string, string> = {
    [CrmParam.Type]: String(type),
    [CrmParam.Peer]: String(peer),
    [CrmParam.Phone]: phone,
    [CrmParam.CdrId]: cdrId,
  };
  if (memo) query[CrmParam.Memo] = memo;
  return query;
}

function outcomeOf(reply: CrmReply): PushOutcome {
  // What the CRM answered when it answered something readable, else why it did not.
  return { ok: reply.ok, result: reply.answer ? reply.text : (reply.reason ?? '') };
}

function pushTypes(call: MockCall, status: number): PushType[] {
  if (status === CallStatus.Ringing) return [PushType.Dialing];
  if (status === CallStatus.Connected) return [PushType.Answered];
  if (isHangupStatus(status)) return call.answeredAt !== undefined ? [PushType.HungUp, PushType.Recording] : [PushType.HungUp];
  return [];
}

/** A push as decided at the moment of the call event: later changes to the call do not leak in. */
interface PendingPush {
  url: string;
  push: Push;
  memo: string;
  callRecord: CallRecord;
}

export class PushSender {
  readonly #options: PushSenderOptions;
  /** The tail of each call's queue, by cdrId; removed once the queue has run dry. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(options: PushSenderOptions) {
    this.#options = options;
  }

  /** A call posted a message to its agent (CallSimulator's onChange): queue its pushes. */
  callChanged(call: MockCall, status: number): void {
    const url = this.#options.crm.settings.pushUrl;
    if (!url || this.#options.signal.aborted) return;
    const peer = call.direction === CallDirection.Inbound ? Peer.Inbound : Peer.Outbound;
    for (const type of pushTypes(call, status)) {
      const callRecord = { ...call.record };
      const withMemo = type === PushType.HungUp || type === PushType.Recording;
      const memo = withMemo ? JSON.stringify(callRecord) : '';
      const push: Push = {
        type,
        peer,
        phone: call.phone,
        key: `${call.cdrId}:${type}`,
        raw: pushQuery(type, peer, call.phone, memo, call.cdrId),
      };
      if (withMemo) push.record = callRecord;
      this.#enqueue(call.cdrId, { url, push, memo, callRecord });
    }
  }

  /** Resolves once every push queued so far (and any queued meanwhile) is delivered or failed, and recorded. */
  async settled(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  /**
   * push_send: delivers the push `id` again, now, to the pushUrl configured now, and updates its
   * row. Code -11 when there is no such push.
   */
  async resend(id: string): Promise<ResendResult> {
    const { pushLog, crm } = this.#options;
    const row = pushLog.get(id);
    const push = pushLog.push(id);
    if (!row || !push) throw new VoipError(ResultCode.NotFound, `推送记录 ${id} 不存在 (no such push)`);
    const { pushUrl, timeoutMs } = crm.settings;
    if (!pushUrl) return { sent: false, ok: false, reason: '未配置推送地址 (no pushUrl configured)', row };
    const query = pushQuery(push.type, push.peer, push.phone, row.cdrsMemo ?? '', row.cdrId);
    const reply = await askCrm(pushUrl, query, { timeoutMs, signal: this.#options.signal });
    const updated = pushLog.update(id, outcomeOf(reply), this.#options.clock()) ?? row;
    this.#options.log(`push again ${id} type=${push.type} → ${reply.ok ? 'ok' : reply.reason ?? 'failed'}`);
    this.#options.onPush(updated);
    const result: ResendResult = { sent: true, ok: reply.ok, row: updated };
    if (reply.reason !== undefined) result.reason = reply.reason;
    return result;
  }

  #enqueue(cdrId: string, pending: PendingPush): void {
    const previous = this.#queues.get(cdrId) ?? Promise.resolve();
    const tail = previous
      .then(() => this.#deliver(pending))
      .catch((error: unknown) => {
        this.#options.log(`mock: push failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    this.#queues.set(cdrId, tail);
    void tail.then(() => {
      if (this.#queues.get(cdrId) === tail) this.#queues.delete(cdrId);
    });
  }

  async #deliver({ url, push, memo, callRecord }: PendingPush): Promise<void> {
    const { pushLog, crm, clock, signal } = this.#options;
    if (signal.aborted) return; // the server closed while this push waited its turn
    const at = clock();
    const reply = await askCrm(url, push.raw, { timeoutMs: crm.settings.timeoutMs, signal });
    const row = pushLog.record(push, outcomeOf(reply), { memo, callRecord, at });
    this.#options.log(`push ${push.key} → ${reply.ok ? 'ok' : reply.reason ?? 'failed'}`);
    this.#options.onPush(row);
  }
}
