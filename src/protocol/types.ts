/**
 * Typed shapes of every answer, message and record of the 800ing API (docs/800ing-api.md §3–§5, §7).
 * Numbers the server may send as strings are normalised by the client before they reach these.
 */
import type { IvrType, MessageKind, Peer, PushType } from './methods.js';

/** Every answer carries these; getLongWaterLine may omit `code` (counts as success). */
export interface BaseAnswer {
  code: number;
  message: string;
}

/** getExtension (docs/800ing-api.md §3 §2.1, §7). */
export interface Agent extends BaseAnswer {
  exteId: number;
  name: string;
  extension: string;
  compNumber: string;
  compName: string;
  /** 0 show numbers, 1 mask them. */
  disablePhoneNum: 0 | 1;
  /** 0 sip, 1 phone device, 2 mobile app, 4 digital desk phone. */
  exteLoginType: number;
  /** Used by the report endpoints (docs/800ing-api.md §4). */
  sessionId: string;
  compId?: number;
  loginLine?: string;
}

/** A message as recvMsg (and getLongWaterLine's `msgs`) return it: `content` is raw text. */
export interface RawMessage {
  kind: number;
  phone: string;
  content: string;
  /** Unix ms. getLongWaterLine's `msgs` may leave it out. */
  time?: number;
  waterLine: number;
}

/** What the content of a call message holds once parsed (docs/800ing-api.md §3). */
export interface CallContent {
  status: number;
  cdrId?: string;
  paramvalue?: string;
  [extra: string]: unknown;
}

/** A message with its content parsed: calls get `call`, SMS keep the text in `text`. */
export interface VoipMessage {
  kind: MessageKind | number;
  phone: string;
  time?: number;
  waterLine: number;
  /** The raw content text, as the server sent it (untrusted: render as text). */
  content: string;
  /** Parsed call content for kinds 1/2; undefined for SMS or unparseable content. */
  call?: CallContent;
}

/** getLongWaterLine (docs/800ing-api.md §3 §2.3, §7). */
export interface WaterlineAnswer {
  code: number;
  message: string;
  waterline: number;
  msgs: RawMessage[];
  keylist: { phone: string; key: string }[];
  userInfo?: unknown;
}

/** recvMsg (docs/800ing-api.md §3 §2.4). */
export interface RecvMsgAnswer extends BaseAnswer {
  msgs: RawMessage[];
}

/** registerExtension (docs/800ing-api.md §3 §2.9). */
export interface RegisterAnswer extends BaseAnswer {
  extension: string;
  password: string;
}

/** The call record the server keeps and pushes at hang-up (docs/800ing-api.md §5 `memo`). */
export interface CallRecord {
  cdrId: string;
  cdrExtension?: string;
  cdrCalledName?: string;
  cdrExtensionIp?: string;
  cdrHangupTime?: string;
  cdrPhonePort?: string;
  cdrStartTime?: string;
  cdrIVR?: string;
  /** Seconds of talk. */
  cdrTalktime?: number;
  /** Minutes charged. */
  cdrChargingTimes?: number;
  cdrLastPhoneNumber?: string;
  /** 1 outbound, 2 inbound, 3 campaign outbound, 4 campaign to agent. */
  cdrPeer?: number;
  exteName?: string;
  cdrHangupReasonText?: string;
  cdrHangupReasonCode?: string;
  cdrPhoneNum?: string;
  cdrPhoneIp?: string;
  cdrTrunkRoute?: string;
  cdrCmmId?: string;
  cdrExtensionPort?: string;
  cdrIVRKey?: string;
  cdrRecordFile?: string;
  paramvalue?: string;
  /** Speech to text. */
  woOther1?: string;
  /** Keys pressed. */
  woOther11?: string;
  /** findDialrecord extras (docs/800ing-api.md §7). */
  cdrPhoneArea?: string;
  cdrSucessTime?: string;
  /** Unknown extra fields (more work-order fields) are kept. */
  [extra: string]: unknown;
}

/** findDialrecord (docs/800ing-api.md §7). */
export interface CallRecordAnswer extends BaseAnswer {
  rows: CallRecord[];
}

/** loadmonitor.jsonp (docs/800ing-api.md §7). */
export interface AgentStatusAnswer extends BaseAnswer {
  rows: { exteName: string; statustext: string; [extra: string]: unknown }[];
}

/** push_list query (docs/800ing-api.md §4). */
export interface PushListQuery {
  page?: number;
  rows?: number;
  /** "2020-01-01 00:00:00" */
  startTime: string;
  endTime: string;
  timeType?: string;
  order?: string;
  sort?: 'asc' | 'desc';
  extes?: string;
  /** '' all, 0 ok, 1 failed. */
  status?: '' | 0 | 1;
  phone?: string;
}

/** One row of push_list: the call record plus the push's own fields (docs/800ing-api.md §4). */
export interface PushRow extends CallRecord {
  cdrs_status: number;
  cdrs_successTime?: string;
  cdr_uploadTime?: string;
  cdrsType?: number;
  cdrsMemo?: string;
  cdrsPhone?: string;
  cdrs_result?: string;
  cdrsId: string;
}

export interface PushListAnswer extends BaseAnswer {
  total: number;
  rows: PushRow[];
}

/** A push the 800ing server makes to the CRM (docs/800ing-api.md §5 §2.7), typed. */
export interface Push {
  type: PushType;
  peer: Peer;
  phone: string;
  /** The call record (sent at hang-up and with recordings). */
  record?: CallRecord;
  /** `cdrId:type`: the same for a re-sent push, so the CRM can recognise it. */
  key: string;
  /** Every query field as received, unknown ones included. */
  raw: Record<string, string>;
}

/** An IVR answer (docs/800ing-api.md §5 §2.10). */
export interface IvrReply {
  type: IvrType;
  message?: string;
}
