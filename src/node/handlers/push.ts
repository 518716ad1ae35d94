/**
 * The push callback (docs/800ing-api.md §5, vendor §2.7): the 800ing server reports call events and, at hang-up
 * and with the recording, the call record. `?type=3&phone=13688888888&peer=1&memo={"cdrId":2323,…}`.
 */
import { parseLiteral, Peer, PushType, type CallRecord, type Push, CallbackParam } from '../../protocol/index.js';
import { isObject, toCallId, toCallRecord } from '../../protocol/normalize.js';
import {
  createCallbackHandler,
  InvalidCallback,
  quote,
  rawFields,
  single,
  wholeNumber,
  type CallbackHandler,
  type HandlerOptions,
} from './handler.js';
import type { Fields } from './query.js';
import { success } from './respond.js';

/** The CRM's function: store the event/record. Its settling is the push's success. */
export type PushListener = (push: Push) => void | Promise<void>;

/** The parameter names of §2.7, plus `cdrId` that some set-ups add. */
const Param = CallbackParam;

const PUSH_TYPES: readonly PushType[] = Object.values(PushType);
const PEERS: readonly Peer[] = Object.values(Peer);

/** A required parameter whose value must be one of the documented numbers. */
function documentedNumber<T extends number>(fields: Fields, name: string, allowed: readonly T[]): T {
  const text = single(fields, name);
  if (text === undefined || text.trim() === '') throw new InvalidCallback(`missing parameter ${name}`);
  const n = wholeNumber(text);
  const found = allowed.find((value) => value === n);
  if (found === undefined) throw new InvalidCallback(`parameter ${name} must be ${allowed.join(', ')}; got ${quote(text)}`);
  return found;
}

/** True when a top-level number of the memo lost digits to a double (a long cdrId written unquoted). */
function lostDigits(value: unknown): boolean {
  return isObject(value) && Object.values(value).some((v) => typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v));
}

/**
 * The memo text as an object: strict JSON first; then the tolerant literal reader (single quotes,
 * unquoted keys — what the server writes elsewhere, docs/800ing-api.md §3), which also keeps integers too long
 * for a double as exact text. Never evaluated. Blank or `null` means no memo.
 */
function parseMemo(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (lostDigits(value)) value = parseLiteral(text);
  } catch {
    try {
      value = parseLiteral(text);
    } catch (error) {
      throw new InvalidCallback(`memo is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`);
    }
  }
  if (value === null) return undefined;
  if (!isObject(value)) throw new InvalidCallback('memo must be a JSON object (the call record)');
  return value;
}

function parsePush(fields: Fields): Push {
  const type = documentedNumber(fields, Param.Type, PUSH_TYPES);
  const peer = documentedNumber(fields, Param.Peer, PEERS);
  // The vendor does not mark `phone` required: absent is ''.
  const phone = single(fields, Param.Phone) ?? '';
  // Only a real id: `-1` (the real server's "no record"), `0` or '' name no call (docs/800ing-api.md §7.1).
  const queryCdrId = toCallId(single(fields, Param.CdrId));
  const memoText = single(fields, Param.Memo);
  const memo = memoText === undefined ? undefined : parseMemo(memoText);

  let record: CallRecord | undefined;
  if (memo) {
    // A memo without its own cdrId takes the query's; a record without any id is refused.
    record = toCallRecord(memo) ?? (queryCdrId ? toCallRecord({ ...memo, cdrId: queryCdrId }) : undefined);
    if (!record) throw new InvalidCallback('memo has no cdrId');
  }
  // The key of a push: the same for a re-sent push (push_send), different for each event of a
  // call. `cdrId:type` from the record or a `cdrId` parameter. Dialing/answered pushes may come
  // without either: then `phone:type:peer`, which also repeats for a later call to the same
  // number in the same direction, so a CRM deduplicating by key should do so within a short window.
  const cdrId = record?.cdrId ?? queryCdrId;
  const key = cdrId !== undefined ? `${cdrId}:${type}` : `${phone}:${type}:${peer}`;

  const push: Push = { type, peer, phone, key, raw: rawFields(fields) };
  if (record) push.record = record;
  return push;
}

/**
 * Answers the 800ing server's pushes (docs/800ing-api.md §5 §2.7): validates `type` and `peer`, reads `memo`
 * into a typed CallRecord, awaits `onPush(push)` and answers `{"code":0,"message":"OK"}`;
 * anything invalid, a throw, or `onPush` outlasting `timeoutMs` answers `{"code":-1,"message":…}`
 * and the server lists the push as failed (it can be re-sent; `push.key` recognises it).
 */
export function createPushHandler(onPush: PushListener, options?: HandlerOptions): CallbackHandler {
  return createCallbackHandler<Push, void>(
    { label: 'onPush', user: onPush, parse: parsePush, answer: () => success('OK') },
    options,
  );
}
