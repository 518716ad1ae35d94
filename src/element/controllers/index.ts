// The element's concerns, one controller each (see the README's "Architecture").
export { AttentionController, type AttentionHost, type RingAlert } from './attention.js';
export { ClockController } from './clock.js';
export { CrmPopController, type CrmOpen, type CrmPopHost } from './crm-pop.js';
export { EndedCallController } from './ended-call.js';
export { ErrorController } from './errors.js';
export { SessionController, type CallEventName, type SessionDelegate, type SessionHost, type TransportName } from './session.js';
export { HotkeysController, type HotkeyActions, type HotkeysHost } from './hotkeys.js';
export { CallerInfoController, type CallerInfo, type CallerInfoHost, type CallWithInfo } from './caller-info.js';
export { RecentCallsController, type RecentCallsHost } from './recent-calls.js';
export { AgentStatusController, type AgentStatusHost } from './agent-status.js';
export { CallCardsController, type CallCardsHost, type CardSource } from './call-cards.js';
export { DesktopController, type DesktopHost, type DesktopParams } from './desktop.js';
export { NAME_WAIT_MS, SessionEventsController, type SessionEventParts, type SessionEventsHost } from './session-events.js';
export { CallDisplay, type CallDisplayHost } from './call-display.js';
