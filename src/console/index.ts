/** The agent's console, framework-free (issue 15): what the UI wires into the card. */
export { RecentCalls, toRecentCall, recentCallsKey, RECENT_LIMIT, type RecentCall, type RecentCallDetails, type RecentCallsOptions, type StorageLike } from './recent-calls.js';
export { seedRecentCalls, recentCallFromRecord, type SeedOptions } from './seed.js';
export { LookupRunner, toContact, httpUrl, LOOKUP_TIMEOUT_MS, type Contact, type LookupHook, type LookupRunnerOptions } from './lookup.js';
export { callAreaOf, type AreaOptions } from './area.js';
export { colleaguesOf, agentStatusIn, type Colleague, type ColleagueList, type ColleagueOptions } from './colleagues.js';
export { consoleStrings, consoleEn, consoleZhCN, recentListStrings, agentStatusEn, type ConsoleStrings, type RecentListStrings } from './strings.js';
export { isSameCall, lineKey, SAME_CALL_TOLERANCE_MS, type CallIdentity } from './call-key.js';
export { accountOf } from '../client/account.js';
