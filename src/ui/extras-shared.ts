/**
 * The main file's bindings the extras file uses instead of copies of its own (script-tag build):
 * one copy of Lit, one VoipError class, one CallTracker, so `instanceof` and shared state hold
 * across the two files. Exactly the names SHARED_MODULES lists: `satisfies` makes a name listed
 * there and missing here (or the other way round) a compile error.
 */
import { html, nothing } from 'lit';
import { isVoipError, toVoipMessage, VoipError } from '../protocol/index.js';
import { CallState, CallTracker, Direction, systemClock } from '../session/index.js';
import type { SHARED_MODULES, SharedKey } from './extras-paths.js';

type Names<K extends SharedKey> = Record<(typeof SHARED_MODULES)[K]['names'][number], unknown>;

export const sharedModules = {
  lit: { html, nothing } satisfies Names<'lit'>,
  protocol: { isVoipError, toVoipMessage, VoipError } satisfies Names<'protocol'>,
  session: { CallState, CallTracker, Direction, systemClock } satisfies Names<'session'>,
} satisfies Record<SharedKey, object>;
