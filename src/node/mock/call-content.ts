/**
 * Writes call-message content the way the real server does: a JavaScript object literal with
 * unquoted keys and single-quoted strings, e.g. `{status:0,cdrId:'282982852097151',paramvalue:''}`
 * (docs/800ing-api.md §3). It is deliberately not JSON, so clients are tested against what they will meet.
 */
import { CallStatus, Method, type RawMessage } from '../../protocol/index.js';
import type { MockDialect } from './dialect.js';

/** The real server's "no call record" id (docs/800ing-api.md §7.1), written as a number. */
export const NO_RECORD_ID = -1;

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

/** How a dialect writes a call's content; the document's way when omitted. */
export type ContentDialect = Pick<MockDialect, 'noRecord' | 'stringCodes'>;

export function writeCallContent(fields: CallContentFields, dialect?: ContentDialect): string {
  const status = dialect?.stringCodes ? quote(String(fields.status)) : String(fields.status);
  const cdrId = dialect?.noRecord ? String(NO_RECORD_ID) : quote(fields.cdrId);
  return `{status:${status},cdrId:${cdrId},paramvalue:${quote(fields.paramvalue)}}`;
}

/** A stored message: what recvMsg answers, plus the call fields the simulator wrote it from. */
export interface StoredMessage extends RawMessage {
  time: number;
  /** Present on call messages the simulator wrote; absent on injected raw messages. */
  call?: CallContentFields;
}

/**
 * A message as one of the two methods answers it, in the mock's dialect. By default recvMsg
 * writes a hang-up as status 3, getLongWaterLine as 2 (docs/800ing-api.md §3); `hangupStatus` writes one of
 * them in both. Injected raw messages are passed through untouched.
 */
export function toWireMessage(
  message: StoredMessage,
  method: typeof Method.RecvMsg | typeof Method.Waterline,
  dialect?: Pick<MockDialect, 'noRecord' | 'stringCodes' | 'hangupStatus'>,
): RawMessage {
  const { kind, phone, time, waterLine, call } = message;
  let content = message.content;
  if (call) {
    let status = call.status;
    if (status === CallStatus.HungUpRecv || status === CallStatus.HungUp) {
      status = dialect?.hangupStatus ?? (method === Method.Waterline ? CallStatus.HungUp : CallStatus.HungUpRecv);
    }
    content = writeCallContent({ ...call, status }, dialect);
  }
  return { kind, phone, content, time, waterLine };
}
