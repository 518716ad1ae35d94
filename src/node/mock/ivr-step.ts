/** One IVR step as kept on a mock call: the calls and the IVR callback both speak of it. */
import type { CrmAnswer } from './crm-http.js';

/** The branch an IVR answer took. */
export const IvrBranch = {
  Speak: 'speak',
  ToAgent: 'agent',
  ToQueue: 'queue',
  SpeakThenHangup: 'hangup',
  Failed: 'failed',
} as const;
export type IvrBranch = (typeof IvrBranch)[keyof typeof IvrBranch];

/** One IVR input on a call, as kept on the call. */
export interface IvrStep {
  input: string;
  branch: IvrBranch;
  /** The CRM's decoded answer, when it gave one. */
  reply?: CrmAnswer;
  /** Why the failed branch was taken. */
  reason?: string;
  /** Types 1 and 2: the call that rings at the agent now. */
  transferredTo?: { cdrId: string; extension: string };
  /** unix ms */
  at: number;
}
