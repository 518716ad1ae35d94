/**
 * The status texts loadmonitor writes in an agent's `statustext` (docs/800ing-api.md §7), the
 * ones known from the deployed client and the mock; the server may write others, shown as they
 * are. Their words in other languages: src/console/strings.ts (`agentStatusEn`).
 */
export const AgentStatusText = {
  CheckedOut: '签出',
  Idle: '空闲',
  Ringing: '振铃',
  Talking: '通话中',
} as const;
export type AgentStatusText = (typeof AgentStatusText)[keyof typeof AgentStatusText];
