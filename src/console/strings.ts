/**
 * The console's strings (issue 15), both languages: `console*` are part of the element's tables
 * (src/element/i18n/); the others only the extras use, which keeps them out of the main file.
 * Placeholders are filled with `format()` of i18n and rendered as text. `{who}` is the contact's
 * name, else the number (masked when numbers are hidden). Left out because the shared tables have them already: ring and hang-up announcements
 * (`incomingCall`, `outgoingCall`, `callEnded`), closing
 * (`dismiss`, `cancel`), and the unreachable server (`UNREACHABLE_TEXTS` via `error.localized`).
 */
import { AgentStatusText } from '../protocol/agent-status.js';
import type { Lang } from '../protocol/index.js';

export const consoleZhCN = {
  recentCalls: '最近通话',
  available: '空闲',
  away: '离开',
  muted: '已静音',
  hotkeysHint: 'Alt+A 接听 · Alt+H 挂断 · Alt+D 拨号 · Esc 关闭',
  callWith: '与 {who} 的通话',
  newCallRinging: '又有来电：{who}',
  announceAnswered: '已接通 {who}',
  announceMissed: '未接来电 {who}',
} as const;

export type ConsoleStrings = { readonly [K in keyof typeof consoleZhCN]: string };

export const consoleEn: ConsoleStrings = {
  recentCalls: 'Recent calls',
  available: 'Available',
  away: 'Away',
  muted: 'Muted',
  hotkeysHint: 'Alt+A answer · Alt+H hang up · Alt+D dial · Esc close',
  callWith: 'Call with {who}',
  newCallRinging: 'Another call is ringing: {who}',
  announceAnswered: 'Answered {who}',
  announceMissed: 'Missed call from {who}',
};

export function consoleStrings(lang: Lang): ConsoleStrings {
  return lang === 'en' ? consoleEn : consoleZhCN;
}

/** The recent-calls list's own words (src/element/views/recent-list.ts, in the extras). */
export type RecentListStrings = {
  missed: string;
  /** `{n}`: how many. */
  missedCount: string;
  answered: string;
  callBack: string;
};

export const recentListStrings: Readonly<Record<Lang, RecentListStrings>> = {
  'zh-CN': { missed: '未接', missedCount: '{n} 个未接来电', answered: '已接听', callBack: '回拨' },
  en: { missed: 'Missed', missedCount: '{n} missed call(s)', answered: 'Answered', callBack: 'Call back' },
};

/**
 * loadmonitor's status texts in English (the server writes them in Chinese), for the header and
 * the colleagues list. Only the extras use it (src/console/colleagues.ts): not in the main file.
 */
export const agentStatusEn: Readonly<Record<AgentStatusText, string>> = {
  [AgentStatusText.CheckedOut]: 'checked out',
  [AgentStatusText.Idle]: 'idle',
  [AgentStatusText.Ringing]: 'ringing',
  [AgentStatusText.Talking]: 'on a call',
};
