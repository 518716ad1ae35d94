/**
 * The console's strings (issue 15), both languages, for the UI to use; the lead folds them into
 * the shared tables (src/element/i18n/). Placeholders are filled with `format()` of i18n and
 * rendered as text. `{who}` is the contact's name, else the number (masked when numbers are hidden).
 */
import type { Lang } from '../protocol/index.js';

export const consoleZhCN = {
  recentCalls: '最近通话',
  recentEmpty: '暂无通话记录',
  missed: '未接',
  missedCount: '{n} 个未接来电',
  answered: '已接听',
  callBack: '回拨',
  callBackTo: '回拨 {who}',
  available: '空闲',
  away: '离开',
  setAvailable: '设为空闲',
  setAway: '设为离开',
  statusUnreachable: '无法连接服务器',
  contact: '客户',
  area: '归属地',
  transferList: '同事',
  transferOther: '其他坐席号',
  noColleagues: '没有可转接的同事',
  muted: '已静音',
  hotkeysHint: 'Alt+A 接听 · Alt+H 挂断 · Alt+D 拨号 · Esc 关闭',
  callWith: '与 {who} 的通话',
  newCallRinging: '又有来电：{who}',
  announceRinging: '来电 {who}',
  announceAnswered: '已接通 {who}',
  announceEnded: '通话结束 {who}',
  announceMissed: '未接来电 {who}',
  closeMenu: '关闭菜单',
} as const;

export type ConsoleStrings = { readonly [K in keyof typeof consoleZhCN]: string };

export const consoleEn: ConsoleStrings = {
  recentCalls: 'Recent calls',
  recentEmpty: 'No calls yet',
  missed: 'Missed',
  missedCount: '{n} missed call(s)',
  answered: 'Answered',
  callBack: 'Call back',
  callBackTo: 'Call back {who}',
  available: 'Available',
  away: 'Away',
  setAvailable: 'Set available',
  setAway: 'Set away',
  statusUnreachable: 'Cannot reach the server',
  contact: 'Contact',
  area: 'Region',
  transferList: 'Colleagues',
  transferOther: 'Other extension',
  noColleagues: 'No colleagues to transfer to',
  muted: 'Muted',
  hotkeysHint: 'Alt+A answer · Alt+H hang up · Alt+D dial · Esc close',
  callWith: 'Call with {who}',
  newCallRinging: 'Another call is ringing: {who}',
  announceRinging: 'Incoming call from {who}',
  announceAnswered: 'Answered {who}',
  announceEnded: 'Call with {who} ended',
  announceMissed: 'Missed call from {who}',
  closeMenu: 'Close menu',
};

export function consoleStrings(lang: Lang): ConsoleStrings {
  return lang === 'en' ? consoleEn : consoleZhCN;
}
