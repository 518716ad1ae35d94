/**
 * The main file's modules the extras file uses instead of copies of its own (script-tag build):
 * one copy of Lit, one VoipError class, one CallTracker, so `instanceof` and shared state hold
 * across the two files. vite.config.ts maps the extras file's imports of SHARED_MODULES to this
 * object; its type makes a module listed there and missing here a compile error.
 */
import { html, nothing, svg } from 'lit';
import * as protocol from '../protocol/index.js';
import * as normalize from '../protocol/normalize.js';
import * as phoneMask from '../protocol/phone-mask.js';
import * as serverTime from '../protocol/server-time.js';
import * as session from '../session/index.js';
import type { SHARED_MODULES } from './extras-paths.js';

export const sharedModules: Record<keyof typeof SHARED_MODULES, object> = {
  lit: { html, nothing, svg },
  protocol,
  normalize,
  phoneMask,
  serverTime,
  session,
};
