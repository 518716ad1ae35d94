import { consoleZhCN } from '../../console/strings.js';

/**
 * 界面文字（简体中文，默认语言）。Every key of `en.ts` must be here too: the type enforces it. The
 * console's strings (src/console/strings.ts) are part of the table, defined there once.
 */
export const zhCN = {
  ...consoleZhCN,
  statusOffline: '离线',
  statusConnecting: '连接中…',
  statusOnline: '在线',
  statusError: '错误',
  statusUnreachable: '无法连接',
  checkIn: '签入',
  checkOut: '签出',
  dialPlaceholder: '输入号码',
  dialLabel: '拨打号码',
  dial: '拨打',
  inbound: '来电',
  outbound: '去电',
  ringing: '振铃中',
  dialing: '呼叫中',
  talking: '通话中',
  ended: '已挂断',
  answer: '接听',
  hangup: '挂断',
  transfer: '转接',
  mute: '静音',
  openCrm: '查看客户',
  incomingCall: '来电 {phone}',
  outgoingCall: '去电 {phone}',
  callEnded: '通话结束 {phone}',
  dismiss: '关闭',
  enableSound: '点击启用来电铃声',
  softphone: '八百呼软电话',
  dockMove: '移动软电话（方向键）',
  dockMinimize: '最小化',
  dockOpen: '打开软电话：',
  dockMissed: '未接',
} as const;

export type Strings = { readonly [K in keyof typeof zhCN]: string };
