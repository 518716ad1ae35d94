/**
 * The IVR keys callback (docs/800ing-api.md §5, vendor §2.10): the caller pressed keys, the CRM says what the
 * IVR does next. `?phone=…&input=…&cdrId=…` answers `{"code":0,"message":…,"type":…}`;
 * `code=-1` makes the IVR take its "failed" branch.
 */
import { IvrType, type IvrReply, CallbackParam } from '../../protocol/index.js';
import {
  createCallbackHandler,
  InvalidCallback,
  optionalCdrId,
  required,
  single,
  type CallbackHandler,
  type HandlerOptions,
} from './handler.js';
import type { Fields } from './query.js';
import { success, type CallbackAnswer } from './respond.js';

/** What the IVR reports: the caller, the keys, the call's id. */
export interface IvrQuery {
  /** The caller's number, as sent (the server has already removed a leading 0). */
  phone: string;
  /** The keys pressed, as sent (may be ''); absent when not sent. */
  input?: string;
  /** The call's id (vendor type long). */
  cdrId?: number;
}

/** The CRM's function: what the IVR does next. */
export type IvrAnswer = (query: IvrQuery) => IvrReply | Promise<IvrReply>;

/** The parameter names of §2.10. */
const Param = CallbackParam;

const IVR_TYPES: readonly IvrType[] = Object.values(IvrType);

function parseIvr(fields: Fields): IvrQuery {
  const query: IvrQuery = { phone: required(fields, Param.Phone) };
  const input = single(fields, Param.Input);
  if (input !== undefined) query.input = input;
  const cdrId = optionalCdrId(fields, Param.CdrId);
  if (cdrId !== undefined) query.cdrId = cdrId;
  return query;
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/** Checks the CRM's reply: a documented type, a text message, and an agent for "to agent". */
function replyAnswer(reply: unknown): CallbackAnswer {
  if (typeof reply !== 'object' || reply === null) throw new InvalidCallback('answer must return { type, message? }');
  const { type, message } = reply as { type?: unknown; message?: unknown };
  const found = IVR_TYPES.find((value) => value === type);
  if (found === undefined) throw new InvalidCallback(`answer returned an invalid type ${describe(type)}: use ${IVR_TYPES.join(', ')}`);
  if (message !== undefined && typeof message !== 'string') throw new InvalidCallback('answer returned a message that is not a string');
  if (found === IvrType.ToAgent && (message === undefined || message.trim() === '')) {
    throw new InvalidCallback('answer returned type 1 (to agent) without the agent extension in message');
  }
  return success(message ?? '', { type: found });
}

/**
 * Answers the 800ing IVR's key callbacks (docs/800ing-api.md §5 §2.10) with what `answer` replies:
 * type 0 speak `message`, 1 transfer to agent `message`, 2 to the current queue, 9 speak then
 * hang up. A missing `phone`, a malformed `cdrId`, an invalid reply, a throw or a timeout answer
 * `{"code":-1,"message":…}`: the IVR's "failed" branch.
 */
export function createIvrHandler(answer: IvrAnswer, options?: HandlerOptions): CallbackHandler {
  return createCallbackHandler<IvrQuery, IvrReply>({ label: 'answer', user: answer, parse: parseIvr, answer: replyAnswer }, options);
}
