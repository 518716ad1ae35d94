export { WatchSession, SessionStatus, DEFAULT_POLL_INTERVAL_MS, type SessionApi, type SessionEvents, type SessionSnapshot, type WatchSessionOptions } from './watch-session.js';
export { CallTracker, CallState, Direction, type Call, type CallEvent, type CallEventType } from './call-tracker.js';
export { sessionSettings, type SessionSettings } from './session-options.js';
export type { TabFollowing } from './tab-following.js';
export { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { systemClock, Sleeper, type Clock } from './clock.js';
export { Emitter, type Listener } from './emitter.js';
export { workerClock } from './worker-clock.js';
