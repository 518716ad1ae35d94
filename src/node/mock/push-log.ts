/**
 * The pushes the server made to the CRM (spec §4 push_list, push_send). The mock's call
 * simulation does not push yet: the CRM-push simulation calls `record()` for every push it makes
 * and the report endpoints read the log through `list()` and `get()`.
 */
import { PushStatus, type CallRecord, type Push, type PushRow } from '../../protocol/index.js';
import { formatServerTime } from './server-time.js';

/** How a push went: whether the CRM answered code 0, and what it answered. */
export interface PushOutcome {
  ok: boolean;
  /** The CRM's answer text, kept as `cdrs_result`. */
  result?: string;
}

/** push_list's filters (spec §4), already read from the query. */
export interface PushListFilter {
  /** 1-based. */
  page?: number;
  /** Page size. */
  rows?: number;
  /** "YYYY-MM-DD HH:mm:ss", compared with the record's cdrStartTime. */
  startTime?: string;
  endTime?: string;
  /** undefined or '' all, 0 ok, 1 failed. */
  status?: number;
  phone?: string;
  /** Extensions, comma-separated. */
  extes?: string;
  sort?: 'asc' | 'desc';
}

export interface PushLog {
  /** Records a push made to the CRM; answers the row push_list will show. */
  record(push: Push, outcome?: PushOutcome): PushRow;
  /** push_list: the matching rows of one page and the total before paging. */
  list(filter: PushListFilter): { total: number; rows: PushRow[] };
  /** push_send: one row by its `cdrsId`. */
  get(id: string): PushRow | undefined;
}

const DEFAULT_PAGE_SIZE = 10;

export class MemoryPushLog implements PushLog {
  readonly #clock: () => number;
  readonly #rows: PushRow[] = [];
  #nextId = 1;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  record(push: Push, outcome: PushOutcome = { ok: true }): PushRow {
    const now = formatServerTime(this.#clock());
    const record: CallRecord = push.record ?? { cdrId: push.key.split(':')[0] ?? '' };
    const row: PushRow = {
      ...record,
      cdrs_status: outcome.ok ? PushStatus.Ok : PushStatus.Failed,
      cdrs_successTime: outcome.ok ? now : '',
      cdr_uploadTime: now,
      cdrsType: push.type,
      cdrsMemo: push.record ? JSON.stringify(push.record) : '',
      cdrsPhone: push.phone,
      cdrs_result: outcome.result ?? '',
      cdrsId: String(this.#nextId++),
    };
    this.#rows.push(row);
    return { ...row };
  }

  list(filter: PushListFilter): { total: number; rows: PushRow[] } {
    const extensions = filter.extes ? new Set(filter.extes.split(',').map((e) => e.trim())) : undefined;
    const matching = this.#rows.filter((row) => {
      const start = row.cdrStartTime ?? '';
      return (
        (filter.status === undefined || row.cdrs_status === filter.status) &&
        (!filter.phone || (row.cdrsPhone ?? '').includes(filter.phone)) &&
        (!extensions || extensions.has(row.cdrExtension ?? '')) &&
        (!filter.startTime || start >= filter.startTime) &&
        (!filter.endTime || start <= filter.endTime)
      );
    });
    // Newest first unless asked otherwise; the log is in push order, which is time order.
    if (filter.sort !== 'asc') matching.reverse();
    const size = filter.rows && filter.rows > 0 ? filter.rows : DEFAULT_PAGE_SIZE;
    const page = filter.page && filter.page > 0 ? filter.page : 1;
    return { total: matching.length, rows: matching.slice((page - 1) * size, page * size).map((r) => ({ ...r })) };
  }

  get(id: string): PushRow | undefined {
    const row = this.#rows.find((r) => r.cdrsId === id);
    return row ? { ...row } : undefined;
  }
}
