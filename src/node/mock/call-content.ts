/**
 * Writes call-message content the way the real server does: a JavaScript object literal with
 * unquoted keys and single-quoted strings, e.g. `{status:0,cdrId:'282982852097151',paramvalue:''}`
 * (spec §3). It is deliberately not JSON, so clients are tested against what they will meet.
 */
import { CallStatus, Method, type RawMessage } from '../../protocol/index.js';

export interface CallContentFields {
  status: number;
  cdrId: string;
  paramvalue: string;
}

/** A string as a single-quoted JavaScript literal. */
function quote(text: string): string {
  let out = "'";
  for (const c of text) {
    if (c === "'" || c === '\\') out += '\\' + c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\u2028' || c === '\u2029') out += c === '\u2028' ? '\\u2028' : '\\u2029';
    else out += c;
  }
  return out + "'";
}

export function writeCallContent(fields: CallContentFields): string {
  return `{status:${fields.status},cdrId:${quote(fields.cdrId)},paramvalue:${quote(fields.paramvalue)}}`;
}

/** A stored message: what recvMsg answers, plus the call fields the simulator wrote it from. */
export interface StoredMessage extends RawMessage {
  time: number;
  /** Present on call messages the simulator wrote; absent on injected raw messages. */
  call?: CallContentFields;
}

/**
 * A message as one of the two methods answers it. recvMsg writes a hang-up as status 3,
 * getLongWaterLine as 2 (spec §3); injected raw messages are passed through untouched.
 */
export function toWireMessage(message: StoredMessage, method: typeof Method.RecvMsg | typeof Method.Waterline): RawMessage {
  const { kind, phone, time, waterLine, call } = message;
  let content = message.content;
  if (call && method === Method.Waterline && call.status === CallStatus.HungUpRecv) {
    content = writeCallContent({ ...call, status: CallStatus.HungUp });
  }
  return { kind, phone, content, time, waterLine };
}
