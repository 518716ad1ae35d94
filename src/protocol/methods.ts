/**
 * Every protocol name of the 800ing API, defined once (docs/800ing-api.md §1, §3, §4, §7).
 * Transport, client, mock server and tests import these; none spells a name again.
 */

/** Paths below the server's base URL. */
export const Endpoint = {
  /** JSON over GET/POST (docs/800ing-api.md §1). */
  Json: '/voip/api/jsondata.html',
  /** JSONP: `?callback=NAME&…` answers `NAME({...})`. */
  Jsonp: '/voip/api/jsonpdata.jsonp',
  /** JSON, same as Json, the name the vendor uses beside the JSONP one. */
  JsonAlt: '/voip/api/jsonpdata.json',
  /** The agent status monitor used by the deployed client (docs/800ing-api.md §7), JSONP. */
  LoadMonitor: '/voip/extensionmanager/loadmonitor.jsonp',
  /** Report server: pushes made to the CRM (docs/800ing-api.md §4). */
  PushList: '/voip/ai/report/push_list.json',
  /** Report server: push one record again (docs/800ing-api.md §4). */
  PushSend: '/voip/ai/report/push_send.json',
  /** Recording file: `{server}/voip/record/{cdrRecordFile}` (docs/800ing-api.md §5). */
  Record: '/voip/record/',
  /** MP3 download: `?id={cdrId}&ismp3=1` (docs/800ing-api.md §5). */
  RecordDownload: '/voip/api/client/download/record.json',
} as const;

/** The `method` parameter values. */
export const Method = {
  Login: 'getExtension',
  Dial: 'callbackPhone',
  Waterline: 'getLongWaterLine',
  RecvMsg: 'recvMsg',
  Hangup: 'hangupExten',
  SendMsg: 'sendMsg',
  RegisterExtension: 'registerExtension',
  Transfer: 'transferExten',
  CheckInOut: 'setUserCheckInOut',
  ChannelList: 'getChannelList',
  CallRecord: 'findDialrecord',
} as const;
export type Method = (typeof Method)[keyof typeof Method];

/** Base parameters sent on every call (docs/800ing-api.md §1, §7). */
export const BaseParam = {
  User: 'sa_user',
  Password: 'sa_password',
  Method: 'method',
  LoginType: 'loginType',
  Callback: 'callback',
} as const;

/** `loginType` is always this value (docs/800ing-api.md §1: a deployed client sends it on every request). */
export const LOGIN_TYPE = 'jsonpLogin';

/** `client`: 1 web/desktop (what third parties send), 2 mobile, 3 VoIP phone. */
export const ClientType = { Web: 1, Mobile: 2, VoipPhone: 3 } as const;

/** sendMsg `kind` values: 6 answers the ringing call, 7 stops/mutes the phone (docs/800ing-api.md §3, §7). */
export const SendMsgKind = { Answer: 6, Mute: 7 } as const;

/** sendMsg `lostTime` is fixed at 10 (docs/800ing-api.md §3). */
export const SEND_MSG_LOST_TIME = 10;

/** recvMsg's default page size (docs/800ing-api.md §3). */
export const RECV_MSG_DEFAULT_LIMIT = 100;

/** setUserCheckInOut `status`: 0 check in, 1 check out (docs/800ing-api.md §7). */
export const CheckStatus = { In: 0, Out: 1 } as const;

/** Message `kind` (docs/800ing-api.md §3): calls 1/2, SMS 3/4. */
export const MessageKind = { Outbound: 1, Inbound: 2, SmsSent: 3, SmsReceived: 4 } as const;
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

/**
 * Call `status` in message content. Hang-up is 2 in getLongWaterLine and 3 in recvMsg
 * (docs/800ing-api.md §3): both mean hung up everywhere.
 */
export const CallStatus = { Ringing: 0, Connected: 1, HungUp: 2, HungUpRecv: 3 } as const;

export function isHangupStatus(status: number): boolean {
  return status === CallStatus.HungUp || status === CallStatus.HungUpRecv;
}

const CALL_STATUSES: readonly number[] = Object.values(CallStatus);

/** True for the call statuses the spec defines (0, 1, 2, 3); anything else is not a call state. */
export function isCallStatus(status: number): boolean {
  return CALL_STATUSES.includes(status);
}

/** Push `type` (docs/800ing-api.md §5): 1 dialing, 2 answered, 3 hung up, 4 recording pushed. */
export const PushType = { Dialing: 1, Answered: 2, HungUp: 3, Recording: 4 } as const;
export type PushType = (typeof PushType)[keyof typeof PushType];

/** Push `peer` (docs/800ing-api.md §5): 1 outbound, 2 inbound. */
export const Peer = { Outbound: 1, Inbound: 2 } as const;
export type Peer = (typeof Peer)[keyof typeof Peer];

/** Call record `cdrPeer` (docs/800ing-api.md §5): adds the campaign directions. */
export const CdrPeer = { Outbound: 1, Inbound: 2, CampaignOutbound: 3, CampaignToAgent: 4 } as const;

/** IVR reply `type` (docs/800ing-api.md §5): 0 speak, 1 to agent, 2 to the queue, 9 speak then hang up. */
export const IvrType = { Speak: 0, ToAgent: 1, ToQueue: 2, SpeakThenHangup: 9 } as const;
export type IvrType = (typeof IvrType)[keyof typeof IvrType];

/** push_list `status`: '' all, 0 ok, 1 failed (docs/800ing-api.md §4). */
export const PushStatus = { Ok: 0, Failed: 1 } as const;

/** Query parameter names of the three callbacks the server makes to the CRM (docs/800ing-api.md §5 §2.7, §2.8, §2.10). */
export const CallbackParam = {
  Type: 'type',
  Peer: 'peer',
  Phone: 'phone',
  Memo: 'memo',
  Trunkno: 'trunkno',
  /**
   * Also sent with pushes by our mock (the vendor document lists it only for §2.8/§2.10), so a
   * CRM can key pushes of types 1 and 2, which carry no memo, by call.
   */
  CdrId: 'cdrId',
  Input: 'input',
} as const;
