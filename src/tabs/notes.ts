/**
 * What tabs say to each other over the BroadcastChannel, and the check every note passes before
 * it is used. Any same-origin script can post on the channel, so a note is untrusted input: one
 * of unknown type or wrong shape is dropped (the caller counts it), never half-applied.
 */
import type { Agent, VoipMessage } from '../protocol/index.js';
import { CallState, Direction, SessionStatus, type Call } from '../session/index.js';

export type ErrorData = { code: number; message: string; method?: string };

/** Structured-clone safe: no class instances. */
export type Note =
  | { t: 'hello' }
  /** The leader is alive and polling: followers take over when these stop. */
  | { t: 'beat' }
  | { t: 'state'; status: SessionStatus; error?: ErrorData; agent: Agent | null; waterline?: number; liveCalls: Call[] }
  | { t: 'msg'; message: VoipMessage; waterline?: number }
  | { t: 'waterline'; waterline: number }
  | { t: 'status'; status: SessionStatus; error?: ErrorData }
  | { t: 'error'; error: ErrorData };

type Check = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const oneOf =
  (values: object): Check =>
  (value) =>
    Object.values(values).includes(value);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);

/** An object whose listed fields pass their checks (other fields are left as they are). */
const shape =
  (fields: Record<string, Check>): Check =>
  (value) =>
    isRecord(value) && Object.entries(fields).every(([name, check]) => check(value[name]));

const isError = shape({ code: isNumber, message: isString, method: optional(isString) });
const isCall = shape({
  phone: isString,
  direction: oneOf(Direction),
  state: oneOf(CallState),
  cdrId: optional(isString),
  paramvalue: optional(isString),
  startedAt: isNumber,
  answeredAt: optional(isNumber),
  endedAt: optional(isNumber),
});
const isMessage = shape({
  kind: isNumber,
  phone: isString,
  time: optional(isNumber),
  waterLine: isNumber,
  content: isString,
  call: optional(shape({ status: isNumber, cdrId: optional(isString), paramvalue: optional(isString) })),
});
const isAgent = shape({ extension: isString });
const isStatus = oneOf(SessionStatus);

const NOTE_SHAPES: Record<Note['t'], Check> = {
  hello: () => true,
  beat: () => true,
  state: shape({
    status: isStatus,
    error: optional(isError),
    agent: (value) => value === null || isAgent(value),
    waterline: optional(isNumber),
    liveCalls: (value) => Array.isArray(value) && value.every(isCall),
  }),
  msg: shape({ message: isMessage, waterline: optional(isNumber) }),
  waterline: shape({ waterline: isNumber }),
  status: shape({ status: isStatus, error: optional(isError) }),
  error: shape({ error: isError }),
};

/** The note when it is one of ours with the right shape, else undefined. */
export function readNote(data: unknown): Note | undefined {
  if (!isRecord(data) || typeof data.t !== 'string' || !Object.hasOwn(NOTE_SHAPES, data.t)) return undefined;
  return NOTE_SHAPES[data.t as Note['t']](data) ? (data as Note) : undefined;
}
