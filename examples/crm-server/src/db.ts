/**
 * The CRM's database: one SQLite file (better-sqlite3), in WAL mode with full syncs, because a
 * push the CRM has answered with code 0 is never sent again by the 800ing server (spec §5): once
 * we say OK the record must already be on disk.
 *
 * - `calls`: one row per call (`cdrId`), written from the call record (`memo`) that comes with
 *   the hang-up push (type 3) and again with the recording push (type 4). The fields the CRM
 *   searches and shows are columns; the whole record is kept as JSON, unknown fields included.
 * - `pushes`: every push received, once. Its idempotency key (`push.key`, `cdrId:type`) is UNIQUE,
 *   so a push re-sent from push_send is recognised and only counted (`repeats`).
 * - `routes`: which agent extension takes an inbound caller (navigation, spec §5 §2.8).
 */
import Database from 'better-sqlite3';
import type { CallRecord, Push } from './voip.js';

/** Bumped with every change to SCHEMA; `PRAGMA user_version` holds the version of a file. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE calls (
  cdr_id         TEXT PRIMARY KEY,   -- cdrId
  phone          TEXT NOT NULL,      -- cdrPhoneNum: the customer's number
  peer           INTEGER,            -- cdrPeer: 1 outbound, 2 inbound, 3 campaign outbound, 4 campaign to agent
  extension      TEXT,               -- cdrExtension: the agent
  agent_name     TEXT,               -- exteName
  start_time     TEXT,               -- cdrStartTime, server time 'YYYY-MM-DD hh:mm:ss'
  hangup_time    TEXT,               -- cdrHangupTime
  talk_seconds   INTEGER,            -- cdrTalktime
  hangup_reason  TEXT,               -- cdrHangupReasonText
  trunk          TEXT,               -- cdrTrunkRoute
  ivr_keys       TEXT,               -- cdrIVRKey
  record_file    TEXT,               -- cdrRecordFile: {server}/voip/record/{record_file}
  related_cdr_id TEXT,               -- cdrCmmId: the call this one was transferred from
  paramvalue     TEXT,               -- the CRM's own value given when dialing
  record_json    TEXT NOT NULL,      -- the whole record as pushed
  push_type      INTEGER NOT NULL,   -- the push it came from: 3 hang-up, 4 recording
  updated_at     INTEGER NOT NULL    -- unix ms
) STRICT;
CREATE INDEX calls_by_phone ON calls (phone, start_time);

CREATE TABLE pushes (
  id          INTEGER PRIMARY KEY,
  -- push.key ('cdrId:type'). A push without a cdrId (the vendor's dialing and answered pushes
  -- may carry none) has the key 'phone:type:peer', which the customer's next call repeats; it is
  -- stored as 'phone:type:peer@<received ms>' and recognised within KEYLESS_WINDOW_MS instead.
  key         TEXT NOT NULL UNIQUE,
  push_key    TEXT NOT NULL,         -- push.key as received
  cdr_id      TEXT,
  type        INTEGER NOT NULL,      -- 1 dialing, 2 answered, 3 hung up, 4 recording
  peer        INTEGER NOT NULL,      -- 1 outbound, 2 inbound
  phone       TEXT NOT NULL,
  query_json  TEXT NOT NULL,         -- every query parameter as received
  received_at INTEGER NOT NULL,      -- unix ms
  repeats     INTEGER NOT NULL DEFAULT 0,  -- how many times it was delivered again
  repeated_at INTEGER
) STRICT;
CREATE INDEX pushes_by_cdr ON pushes (cdr_id);
CREATE INDEX pushes_by_push_key ON pushes (push_key, received_at);

CREATE TABLE routes (
  phone     TEXT PRIMARY KEY,
  extension TEXT NOT NULL
) STRICT;
`;

/** How long a push without a cdrId counts as a re-delivery of an earlier one with the same key. */
export const KEYLESS_WINDOW_MS = 10 * 60_000;

/** The most calls one `calls()` answers. */
export const MAX_CALLS = 500;

/** What storing a push did. */
export interface PushReceipt {
  /** True when this push had been received before: nothing new was stored. */
  repeat: boolean;
  /** The call it belongs to, when known. */
  cdrId?: string;
}

/** A push as the `pushes` table keeps it. */
export interface StoredPush {
  key: string;
  type: number;
  peer: number;
  phone: string;
  receivedAt: number;
  repeats: number;
}

interface PushRow {
  key: string;
  type: number;
  peer: number;
  phone: string;
  received_at: number;
  repeats: number;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/** The `cdrId` of a push: the record's, else the query parameter's (blank counts as absent). */
function cdrIdOf(push: Push): string | undefined {
  return push.record?.cdrId ?? (push.raw.cdrId?.trim() || undefined);
}

/** Opens (and, the first time, creates) the CRM database at `path`; `:memory:` for a throwaway one. */
export function openCrmDb(path: string): CrmDb {
  return new CrmDb(path);
}

export class CrmDb {
  readonly #db: Database.Database;
  readonly #insertPush: Database.Statement;
  readonly #repeatPush: Database.Statement<[number, string]>;
  readonly #recentKeyless: Database.Statement<[string, number], { key: string }>;
  readonly #upsertCall: Database.Statement;
  readonly #recordPush: (push: Push, at: number) => PushReceipt;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#migrate();

    this.#insertPush = this.#db.prepare(`
      INSERT INTO pushes (key, push_key, cdr_id, type, peer, phone, query_json, received_at)
      VALUES (@key, @pushKey, @cdrId, @type, @peer, @phone, @query, @at)
      ON CONFLICT (key) DO NOTHING`);
    this.#repeatPush = this.#db.prepare('UPDATE pushes SET repeats = repeats + 1, repeated_at = ? WHERE key = ?');
    this.#recentKeyless = this.#db.prepare(`
      SELECT key FROM pushes WHERE push_key = ? AND cdr_id IS NULL AND received_at >= ?
      ORDER BY received_at DESC LIMIT 1`);
    // A record from a later push type wins: a hang-up push re-sent after the recording push
    // does not replace the record that names the recording.
    this.#upsertCall = this.#db.prepare(`
      INSERT INTO calls (cdr_id, phone, peer, extension, agent_name, start_time, hangup_time, talk_seconds,
        hangup_reason, trunk, ivr_keys, record_file, related_cdr_id, paramvalue, record_json, push_type, updated_at)
      VALUES (@cdrId, @phone, @peer, @extension, @agentName, @startTime, @hangupTime, @talkSeconds,
        @hangupReason, @trunk, @ivrKeys, @recordFile, @relatedCdrId, @paramvalue, @recordJson, @pushType, @at)
      ON CONFLICT (cdr_id) DO UPDATE SET
        phone = excluded.phone, peer = excluded.peer, extension = excluded.extension, agent_name = excluded.agent_name,
        start_time = excluded.start_time, hangup_time = excluded.hangup_time, talk_seconds = excluded.talk_seconds,
        hangup_reason = excluded.hangup_reason, trunk = excluded.trunk, ivr_keys = excluded.ivr_keys,
        record_file = excluded.record_file, related_cdr_id = excluded.related_cdr_id, paramvalue = excluded.paramvalue,
        record_json = excluded.record_json, push_type = excluded.push_type, updated_at = excluded.updated_at
      WHERE excluded.push_type >= calls.push_type`);
    this.#recordPush = this.#db.transaction((push: Push, at: number) => this.#store(push, at));
  }

  /**
   * Stores a push and, when it carries one, its call record, in one transaction: both or
   * neither. A push received before (same key) changes nothing but its `repeats` count.
   * Throws when the database cannot be written; the push is then answered as failed and the
   * 800ing server lists it for push_send.
   */
  recordPush(push: Push, at: number = Date.now()): PushReceipt {
    return this.#recordPush(push, at);
  }

  /** Calls, newest first; only the customer `phone`'s when given. */
  calls(options: { phone?: string; limit?: number } = {}): CallRecord[] {
    const limit = Math.min(options.limit ?? 50, MAX_CALLS);
    const rows =
      options.phone === undefined
        ? this.#db.prepare('SELECT record_json FROM calls ORDER BY start_time DESC, cdr_id DESC LIMIT ?').all(limit)
        : this.#db
            .prepare('SELECT record_json FROM calls WHERE phone = ? ORDER BY start_time DESC, cdr_id DESC LIMIT ?')
            .all(options.phone, limit);
    return (rows as { record_json: string }[]).map((row) => JSON.parse(row.record_json) as CallRecord);
  }

  /** One call's record, or undefined. */
  call(cdrId: string): CallRecord | undefined {
    const row = this.#db.prepare('SELECT record_json FROM calls WHERE cdr_id = ?').get(cdrId) as { record_json: string } | undefined;
    return row ? (JSON.parse(row.record_json) as CallRecord) : undefined;
  }

  /** The pushes received for one call, in the order they came. */
  pushesOf(cdrId: string): StoredPush[] {
    const rows = this.#db
      .prepare('SELECT key, type, peer, phone, received_at, repeats FROM pushes WHERE cdr_id = ? ORDER BY id')
      .all(cdrId) as PushRow[];
    return rows.map((row) => ({
      key: row.key,
      type: row.type,
      peer: row.peer,
      phone: row.phone,
      receivedAt: row.received_at,
      repeats: row.repeats,
    }));
  }

  /** The agent extension the routes table names for a caller: as sent, else without leading zeros. */
  routeOf(phone: string): string | undefined {
    const find = this.#db.prepare('SELECT extension FROM routes WHERE phone = ?');
    for (const candidate of new Set([phone.trim(), phone.trim().replace(/^0+/, '')])) {
      const row = find.get(candidate) as { extension: string } | undefined;
      if (row) return row.extension;
    }
    return undefined;
  }

  /** Routes a caller to an agent extension (adds or replaces the caller's row). */
  setRoute(phone: string, extension: string): void {
    if (!phone.trim() || !extension.trim()) throw new RangeError('a route needs a phone number and an extension');
    this.#db
      .prepare('INSERT INTO routes (phone, extension) VALUES (?, ?) ON CONFLICT (phone) DO UPDATE SET extension = excluded.extension')
      .run(phone.trim(), extension.trim());
  }

  close(): void {
    this.#db.close();
  }

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (version !== 0) throw new Error(`database schema version ${version} is not ${SCHEMA_VERSION}: a newer CRM server wrote it`);
    this.#db.transaction(() => {
      this.#db.exec(SCHEMA);
      this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  #store(push: Push, at: number): PushReceipt {
    const cdrId = cdrIdOf(push);
    const receipt: PushReceipt = cdrId === undefined ? { repeat: false } : { repeat: false, cdrId };
    let key = push.key;
    if (cdrId === undefined) {
      const earlier = this.#recentKeyless.get(push.key, at - KEYLESS_WINDOW_MS);
      if (earlier) {
        this.#repeatPush.run(at, earlier.key);
        return { ...receipt, repeat: true };
      }
      key = `${push.key}@${at}`;
    }
    const inserted = this.#insertPush.run({
      key,
      pushKey: push.key,
      cdrId: cdrId ?? null,
      type: push.type,
      peer: push.peer,
      phone: push.phone,
      query: JSON.stringify(push.raw),
      at,
    });
    if (inserted.changes === 0) {
      this.#repeatPush.run(at, key);
      return { ...receipt, repeat: true };
    }
    if (push.record) this.#storeCall(push.record, push, at);
    return receipt;
  }

  #storeCall(record: CallRecord, push: Push, at: number): void {
    this.#upsertCall.run({
      cdrId: record.cdrId,
      phone: text(record.cdrPhoneNum) ?? push.phone,
      peer: integer(record.cdrPeer),
      extension: text(record.cdrExtension),
      agentName: text(record.exteName),
      startTime: text(record.cdrStartTime),
      hangupTime: text(record.cdrHangupTime),
      talkSeconds: integer(record.cdrTalktime),
      hangupReason: text(record.cdrHangupReasonText),
      trunk: text(record.cdrTrunkRoute),
      ivrKeys: text(record.cdrIVRKey),
      recordFile: text(record.cdrRecordFile),
      relatedCdrId: text(record.cdrCmmId),
      paramvalue: text(record.paramvalue),
      recordJson: JSON.stringify(record),
      pushType: push.type,
      at,
    });
  }
}
