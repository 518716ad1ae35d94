/**
 * Turns untrusted server JSON into the typed shapes of `types.ts`. The server sends numbers as
 * strings at times, omits fields, and may send anything at all: every reader here takes
 * `unknown`, never throws on odd values, and keeps identifiers (cdrId) as strings.
 */
import { parseContent } from './content.js';
import { isCallStatus, MessageKind } from './methods.js';
import type { CallContent, CallRecord, RawMessage, VoipMessage } from './types.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number from a number or a numeric string; `fallback` otherwise. */
export function toNumber(value: unknown, fallback = 0): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return fallback;
}

/** A string from a string or number; `fallback` otherwise (objects are not stringified). */
export function toText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fallback;
}

/** An optional id kept as text: `123` and `"123"` both give `"123"`; empty gives undefined. */
export function toId(value: unknown): string | undefined {
  const text = toText(value).trim();
  return text === '' ? undefined : text;
}

/**
 * A call record's id (cdrId) when it is a real one, as text; undefined otherwise (docs/800ing-api.md §7.1).
 * `-1` is the real server's "no record" value, and `0`, `''`, `null`, a missing field say the
 * same: none of them identifies a call. `123`, `"123"` and `"0123"` give `"123"`: an id written as
 * a number on one message and as text on the next is the same id. Never parsed to a Number, so
 * ids beyond 2^53 keep every digit (the content parser leaves those as text).
 */
export function toCallId(value: unknown): string | undefined {
  const text = toId(value);
  // Zero, negative numbers, null: the server's "no record" values, never ids.
  if (!text || /^(-.*|\+?0*|null|undefined)$/.test(text)) return undefined;
  return /^\+?\d+$/.test(text) ? text.replace(/^\+?0*/, '') : text;
}

export function toRawMessage(value: unknown): RawMessage | undefined {
  if (!isObject(value)) return undefined;
  const waterLine = toNumber(value.waterLine ?? value.waterline, Number.NaN);
  if (!Number.isFinite(waterLine)) return undefined;
  const content = value.content;
  const msg: RawMessage = {
    kind: toNumber(value.kind),
    phone: toText(value.phone),
    content: typeof content === 'string' ? content : isObject(content) ? JSON.stringify(content) : toText(content),
    waterLine,
  };
  const time = toNumber(value.time, Number.NaN);
  if (Number.isFinite(time)) msg.time = time;
  return msg;
}

export function toRawMessages(value: unknown): RawMessage[] {
  if (!Array.isArray(value)) return [];
  const out: RawMessage[] = [];
  for (const item of value) {
    const msg = toRawMessage(item);
    if (msg) out.push(msg);
  }
  return out;
}

export function isCallKind(kind: number): boolean {
  return kind === MessageKind.Outbound || kind === MessageKind.Inbound;
}

/** Parses a message's content; call messages get `call` when the content holds a status. */
export function toVoipMessage(raw: RawMessage): VoipMessage {
  const msg: VoipMessage = { kind: raw.kind, phone: raw.phone, waterLine: raw.waterLine, content: raw.content };
  if (raw.time !== undefined) msg.time = raw.time;
  if (isCallKind(raw.kind)) {
    const parsed = parseContent(raw.content);
    if (parsed && parsed.status !== undefined) {
      const status = toNumber(parsed.status, Number.NaN);
      // An unknown status (not 0-3) is not a call state: the message is reported as it is, but it
      // must neither pop a call nor count as a call's last word when a page reloads.
      if (isCallStatus(status)) {
        const call: CallContent = { ...parsed, status };
        const cdrId = toCallId(parsed.cdrId ?? parsed.cdrid);
        if (cdrId) call.cdrId = cdrId;
        else delete call.cdrId;
        const paramvalue = toText(parsed.paramvalue);
        if (paramvalue) call.paramvalue = paramvalue;
        else delete call.paramvalue;
        msg.call = call;
      }
    }
  }
  return msg;
}

const NUMERIC_RECORD_FIELDS = ['cdrTalktime', 'cdrChargingTimes', 'cdrPeer'] as const;

/** A call record from the server's JSON (a `memo` or a findDialrecord row). */
export function toCallRecord(value: unknown): CallRecord | undefined {
  if (!isObject(value)) return undefined;
  const cdrId = toCallId(value.cdrId);
  if (!cdrId) return undefined;
  const record: CallRecord = { cdrId };
  for (const [key, field] of Object.entries(value)) {
    if (key === 'cdrId' || key === '__proto__') continue;
    if ((NUMERIC_RECORD_FIELDS as readonly string[]).includes(key)) {
      const n = toNumber(field, Number.NaN);
      if (Number.isFinite(n)) record[key] = n;
    } else if (typeof field === 'number' || typeof field === 'boolean') {
      record[key] = String(field);
    } else if (field !== null && field !== undefined) {
      record[key] = field;
    }
  }
  return record;
}
