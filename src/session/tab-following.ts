/**
 * What tab sharing (src/tabs) needs of a session beyond watching: only SharedSession uses it, so
 * a reader of WatchSession's own API can skip it. WatchSession implements it.
 */
import type { Agent, VoipError, VoipMessage } from '../protocol/index.js';
import type { Call } from './call-tracker.js';
import type { SessionStatus } from './session-status.js';

/** What another tab needs to carry on where this session is. */
export interface SessionSnapshot {
  status: SessionStatus;
  error?: VoipError;
  agent: Agent | null;
  waterline: number | undefined;
  liveCalls: Call[];
}

export interface TabFollowing {
  /**
   * Sends the login now, without watching yet (one attempt, no retry): a tab still waiting for
   * the tab election knows its agent one round trip sooner, and a later `start()` carries on
   * from this attempt instead of sending a second one.
   */
  prepare(): void;
  /** Drops the login prepare() sent (not the one of a run): its answer is ignored, a run sends its own. */
  discardPreparedLogin(): void;
  /**
   * A follower tab applies a message the leader tab applied (same order, same dedupe), so this
   * page fires the same events and is ready to take over from the same state.
   */
  ingest(message: VoipMessage, waterline?: number): void;
  /**
   * Adopts another view (agent, waterline, live calls) without a request: a follower tab takes
   * the leader's; a new session takes the calls its element showed before (the first poll then
   * replays their messages, so a hang-up meanwhile still arrives). `complete`: the view lists
   * every call up, so a live call missing from it has ended.
   */
  adopt(snapshot: Pick<SessionSnapshot, 'agent' | 'waterline' | 'liveCalls'>, complete?: boolean): void;
  /** Where this session stands, for a tab that takes over or joins. */
  snapshot(): SessionSnapshot;
}
