/**
 * Data only (vite.config.ts imports it): the modules the extras file takes from the main file
 * (key → path under src/ without extension; 'lit' is Lit's html, nothing and svg only), the
 * global the two files meet on, and the extras file's name next to the main one.
 */
export const SHARED_MODULES = {
  lit: 'lit',
  protocol: 'protocol/index',
  normalize: 'protocol/normalize',
  phoneMask: 'protocol/phone-mask',
  serverTime: 'protocol/server-time',
  session: 'session/index',
} as const;

/** Set by the main file just before it inserts the extras script; the extras file adds `extras`. */
export const EXTRAS_GLOBAL = '__voipSoftphoneExtras';

/** The extras file, in the main file's directory. */
export const EXTRAS_FILE = 'voip-softphone.extras.iife.js';
