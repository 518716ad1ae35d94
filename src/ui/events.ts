/**
 * The elements' events (`<voip-softphone>`, `<voip-push-log>`), typed for users (`el.addEventListener('voip-ring', e => e.detail.call)`),
 * and the one helper that creates them, so bubbles/composed and detail shapes cannot drift.
 */
import type { Agent, VoipError, VoipMessage } from '../protocol/index.js';
import type { Call, SessionStatus } from '../session/index.js';

export interface VoipEventDetails {
  'voip-status': { status: SessionStatus; error?: VoipError };
  'voip-login': { agent: Agent };
  'voip-ring': { call: Call };
  'voip-answer': { call: Call };
  'voip-hangup': { call: Call };
  'voip-message': { message: VoipMessage };
  'voip-error': { error: VoipError };
  /** A click on a `tel:` link, before the element dials it (`click-to-dial`); cancelable. */
  'voip-dial': { phone: string };
}

export type VoipEventName = keyof VoipEventDetails;

export type VoipEvent<K extends VoipEventName> = CustomEvent<VoipEventDetails[K]>;

export function voipEvent<K extends VoipEventName>(type: K, detail: VoipEventDetails[K], cancelable?: boolean): VoipEvent<K> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable });
}

declare global {
  interface HTMLElementEventMap {
    'voip-status': VoipEvent<'voip-status'>;
    'voip-login': VoipEvent<'voip-login'>;
    'voip-ring': VoipEvent<'voip-ring'>;
    'voip-answer': VoipEvent<'voip-answer'>;
    'voip-hangup': VoipEvent<'voip-hangup'>;
    'voip-message': VoipEvent<'voip-message'>;
    'voip-error': VoipEvent<'voip-error'>;
    'voip-dial': VoipEvent<'voip-dial'>;
  }
}
