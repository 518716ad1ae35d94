/**
 * Data only (vite.config.ts imports it): what the extras file takes from the main file, the
 * global the two files meet on, and the extras file's name next to the main one.
 *
 * SHARED_MODULES: per module (path under src/ without extension, or 'lit'), the names the extras
 * use. Only these are handed over (./extras-shared.ts), so the main file keeps nothing it would
 * otherwise drop; the extras build stops when it uses a name not listed here. Share what the main
 * file has anyway and what must exist once (Lit, VoipError, CallTracker); a pure helper only the
 * extras use (protocol/server-time) is better copied into the extras file.
 */
export const SHARED_MODULES = {
  lit: { path: 'lit', names: ['html', 'nothing'] },
  protocol: {
    path: 'protocol/index',
    names: ['CdrPeer', 'isVoipError', 'LocalCode', 'PushType', 'RECV_MSG_DEFAULT_LIMIT', 'toCallId', 'toVoipMessage', 'VoipError'],
  },
  normalize: { path: 'protocol/normalize', names: ['toNumber', 'toText'] },
  session: { path: 'session/index', names: ['CallState', 'CallTracker', 'Direction', 'systemClock'] },
  identity: { path: 'session/call-identity', names: ['occurrenceKey', 'sameCall'] },
} as const;

export type SharedKey = keyof typeof SHARED_MODULES;

/** Set by the main file just before it inserts the extras script; the extras file adds `extras`. */
export const EXTRAS_GLOBAL = '__voipSoftphoneExtras';

/** The extras file, in the main file's directory. */
export const EXTRAS_FILE = 'voip-softphone.extras.iife.js';
