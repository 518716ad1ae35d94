/**
 * Data only (vite.config.ts imports it): what the extras file takes from the main file, the
 * global the two files meet on, and the extras file's name next to the main one.
 *
 * SHARED_MODULES: per module (path under src/ without extension, or 'lit'), the names the extras
 * use. Only these are handed over (./extras-shared.ts), so the main file keeps nothing it would
 * otherwise drop; the extras build stops when it uses a name not listed here. Share what must
 * exist once (Lit, VoipError for `instanceof`, CallTracker and the session's names) and what would
 * bring much along (toVoipMessage: the content reader); each name costs the main file about 10 B,
 * so small pure helpers and constants (protocol/normalize, protocol/codes, protocol/methods,
 * session/call-identity, server-time) are copied into the extras file instead: its modules import
 * them from their own files, not from a barrel (protocol/index, session/index) that is shared.
 */
export const SHARED_MODULES = {
  lit: { path: 'lit', names: ['html', 'nothing'] },
  protocol: { path: 'protocol/index', names: ['isVoipError', 'toVoipMessage', 'VoipError'] },
  session: { path: 'session/index', names: ['CallState', 'CallTracker', 'Direction', 'systemClock'] },
} as const;

export type SharedKey = keyof typeof SHARED_MODULES;

/** Set by the main file just before it inserts the extras script; the extras file adds `extras`. */
export const EXTRAS_GLOBAL = '__voipSoftphoneExtras';

/** The extras file, in the main file's directory. */
export const EXTRAS_FILE = 'voip-softphone.extras.iife.js';
