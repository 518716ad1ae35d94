/**
 * The pushes the server made to the CRM (docs/800ing-api.md §4 push_list, push_send). The push simulation
 * (crm-push.ts) calls `record()` for every push it makes and `update()` when push_send delivers
 * one again; the report endpoints read the log through `list()`, `get()` and `push()`.
 */
import { PushStatus, type CallRecord, type Push, type PushRow } from '../../protocol/index.js';
import { formatServerTime, parseServerTime } from '../../protocol/server-time.js';

/** How a push went: whether the CRM answered code 0, and what it answered. */
export interface PushOutcome {
  ok: boolean;
  /** The CRM's answer text, or why there was none; kept as `cdrs_result`. */
  result?: string;
}

/** What a push log keeps beside the Push itself. */
export interface PushDetails {
  /** The memo exactly as sent ('' when none). Default: the JSON of `push.record`, if any. */
  memo?: string;
  /**
   * The call record as it stood when the push was made: the row's fields and what the filters
   * read. Default `push.record`. Types 1 and 2 carry no memo but their rows still show the call.
   */
  callRecord?: CallRecord;
  /** When the push was made (unix ms). Default: the log's clock. */
  at?: number;
}

/** The row fields push_list can filter and sort by time (`timeType`). */
export const PUSH_TIME_FIELDS = ['cdrStartTime', 'cdrHangupTime', 'cdrSucessTime', 'cdr_uploadTime', 'cdrs_successTime'] as const;
export type PushTimeField = (typeof PUSH_TIME_FIELDS)[number];

/** push_list's filters (docs/800ing-api.md §4), already read and checked from the query. */
export interface PushListFilter {
  /** 1-based. */
  page?: number;
  /** Page size. */
  rows?: number;
  /** "YYYY-MM-DD HH:mm:ss" (server time), inclusive, compared with the `timeType` field. */
  startTime?: string;
  endTime?: string;
  /** Which time the range applies to. Default cdrStartTime. */
  timeType?: PushTimeField;
  /** undefined all, 0 ok, 1 failed. */
  status?: number;
  /** A part of the phone number. */
  phone?: string;
  /** Extensions, comma-separated. */
  extes?: string;
  /** The row field to sort by. Default cdrStartTime; pushes of the same time keep push order. */
  order?: string;
  sort?: 'asc' | 'desc';
}

export interface PushLog {
  /** Records a push made to the CRM; answers the row push_list will show. */
  record(push: Push, outcome?: PushOutcome, details?: PushDetails): PushRow;
  /** push_list: the matching rows of one page and the total before paging. */
  list(filter: PushListFilter): { total: number; rows: PushRow[] };
  /** push_send: one row by its `cdrsId`. */
  get(id: string): PushRow | undefined;
  /** push_send: the push behind a row, to deliver it again. */
  push(id: string): Push | undefined;
  /** push_send delivered the push again: the row takes the new status, result and upload time. */
  update(id: string, outcome: PushOutcome, at?: number): PushRow | undefined;
}

const DEFAULT_PAGE_SIZE = 10;

interface Entry {
  row: PushRow;
  push: Push;
  /** Push order, the tie-break of every sort. */
  seq: number;
}

function timeOf(value: unknown): number | undefined {
  return typeof value === 'string' && value ? parseServerTime(value) : undefined;
}

function compareValues(a: unknown, b: unknown): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== undefined || tb !== undefined) return (ta ?? -Infinity) - (tb ?? -Infinity) || 0;
  const na = typeof a === 'string' && /^-?\d+(\.\d+)?$/.test(a) ? Number(a) : a;
  const nb = typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(b) ? Number(b) : b;
  if (typeof na === 'number' && typeof nb === 'number') return na - nb;
  const sa = a === undefined || a === null ? '' : String(a);
  const sb = b === undefined || b === null ? '' : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export class MemoryPushLog implements PushLog {
  readonly #clock: () => number;
  readonly #entries: Entry[] = [];
  #nextId = 1;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  record(push: Push, outcome: PushOutcome = { ok: true }, details: PushDetails = {}): PushRow {
    const now = formatServerTime(details.at ?? this.#clock());
    const record: CallRecord = details.callRecord ?? push.record ?? { cdrId: push.key.split(':')[0] ?? '' };
    const seq = this.#nextId++;
    const row: PushRow = {
      ...record,
      cdrs_status: outcome.ok ? PushStatus.Ok : PushStatus.Failed,
      cdrs_successTime: outcome.ok ? now : '',
      cdr_uploadTime: now,
      cdrsType: push.type,
      cdrsMemo: details.memo ?? (push.record ? JSON.stringify(push.record) : ''),
      cdrsPhone: push.phone,
      cdrs_result: outcome.result ?? '',
      cdrsId: String(seq),
    };
    this.#entries.push({ row, push: { ...push, raw: { ...push.raw } }, seq });
    return { ...row };
  }

  list(filter: PushListFilter): { total: number; rows: PushRow[] } {
    const extensions = filter.extes
      ? new Set(filter.extes.split(',').map((e) => e.trim()).filter(Boolean))
      : undefined;
    const timeField = filter.timeType ?? 'cdrStartTime';
    const from = filter.startTime ? parseServerTime(filter.startTime) : undefined;
    const to = filter.endTime ? parseServerTime(filter.endTime, true) : undefined;
    const matching = this.#entries.filter(({ row }) => {
      if (filter.status !== undefined && row.cdrs_status !== filter.status) return false;
      if (filter.phone && !(row.cdrsPhone ?? '').includes(filter.phone)) return false;
      if (extensions && extensions.size > 0 && !extensions.has(row.cdrExtension ?? '')) return false;
      if (from === undefined && to === undefined) return true;
      const time = timeOf(row[timeField]);
      return time !== undefined && (from === undefined || time >= from) && (to === undefined || time <= to);
    });
    const order = filter.order || 'cdrStartTime';
    const direction = filter.sort === 'asc' ? 1 : -1;
    matching.sort((a, b) => direction * (compareValues(a.row[order], b.row[order]) || a.seq - b.seq));
    const size = filter.rows && filter.rows > 0 ? Math.floor(filter.rows) : DEFAULT_PAGE_SIZE;
    const page = filter.page && filter.page > 0 ? Math.floor(filter.page) : 1;
    return {
      total: matching.length,
      rows: matching.slice((page - 1) * size, page * size).map((e) => ({ ...e.row })),
    };
  }

  get(id: string): PushRow | undefined {
    const entry = this.#find(id);
    return entry ? { ...entry.row } : undefined;
  }

  push(id: string): Push | undefined {
    const entry = this.#find(id);
    return entry ? { ...entry.push, raw: { ...entry.push.raw } } : undefined;
  }

  update(id: string, outcome: PushOutcome, at?: number): PushRow | undefined {
    const entry = this.#find(id);
    if (!entry) return undefined;
    const now = formatServerTime(at ?? this.#clock());
    entry.row.cdrs_status = outcome.ok ? PushStatus.Ok : PushStatus.Failed;
    entry.row.cdr_uploadTime = now;
    // A failed retry keeps the time of an earlier success, if there was one.
    if (outcome.ok) entry.row.cdrs_successTime = now;
    entry.row.cdrs_result = outcome.result ?? '';
    return { ...entry.row };
  }

  #find(id: string): Entry | undefined {
    return this.#entries.find((e) => e.row.cdrsId === id);
  }
}
