/**
 * The IVR callback (spec §5 §2.10): the caller presses keys, the server asks the CRM's server
 * `ivrUrl?phone=<caller without leading 0>&input=<keys>&cdrId=` and follows the answer:
 * type 0 speaks `message`, 1 transfers the call to agent `message`, 2 to the queue, 9 speaks and
 * hangs up; code -1 (or no readable answer) takes the IVR's "failed" branch. The keys go on the
 * record (`cdrIVRKey`, `woOther11`) and into the agent's next keylist, the spoken text into
 * `woOther1`, and each step onto the call (`MockCallView.ivr`).
 *
 * A mock call always rings at some agent already, so "transfer" here is the transferExten one:
 * the call ends for its agent and rings at the target as a new call whose `cdrCmmId` names it.
 */
import { IvrType, ResultCode, VoipError } from '../../protocol/index.js';
import type { Account } from './accounts.js';
import { CallDirection, HangupBy, MockCallState, viewCall, type MockCall, type MockCallView } from './calls.js';
import { CrmParam, askCrm, type CrmAnswer } from './crm-http.js';
import { agentNamed, queueAgent } from './crm-navigation.js';
import type { MockState } from './mock-state.js';

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

export interface IvrInputOptions {
  cdrId: string;
  /** The keys pressed, e.g. an id number ending in '#'. May be empty (the vendor marks it optional). */
  input: string;
}

/** What ivrInput() answers: the step, on which call, and the call after it. */
export interface IvrResult extends IvrStep {
  cdrId: string;
  /** The call the keys were pressed on, after the answer was applied. */
  call: MockCallView;
}

const IVR_TYPES: ReadonlySet<number> = new Set(Object.values(IvrType));

/** Read afresh after an await (the caller may hang up meanwhile), which TypeScript's narrowing cannot see. */
function hasEnded(call: MockCall): boolean {
  return call.state === MockCallState.Ended;
}

function phoneForCrm(phone: string): string {
  return phone.replace(/^0+/, '');
}

/** Moves the call to `target` unless it rings there already; answers where it rings now. */
function moveTo(state: MockState, call: MockCall, target: Account): { cdrId: string; extension: string } {
  if (target === call.account) return { cdrId: call.cdrId, extension: target.extension };
  const moved = state.calls.transfer(call, target);
  return { cdrId: moved.cdrId, extension: target.extension };
}

function apply(state: MockState, call: MockCall, step: IvrStep, answer: CrmAnswer): void {
  const type = answer.type ?? IvrType.Speak;
  if (!IVR_TYPES.has(type)) {
    step.branch = IvrBranch.Failed;
    step.reason = `未知的 type ${type} (unknown type)`;
    return;
  }
  switch (type) {
    case IvrType.Speak:
      state.calls.addSpoken(call, answer.message);
      step.branch = IvrBranch.Speak;
      return;
    case IvrType.SpeakThenHangup:
      state.calls.addSpoken(call, answer.message);
      state.calls.hangup(call.cdrId, HangupBy.Ivr);
      step.branch = IvrBranch.SpeakThenHangup;
      return;
    case IvrType.ToQueue:
      step.transferredTo = moveTo(state, call, queueAgent(state));
      step.branch = IvrBranch.ToQueue;
      return;
    case IvrType.ToAgent: {
      const agent = agentNamed(state, answer.message);
      if (!agent) {
        step.branch = IvrBranch.Failed;
        step.reason = `坐席 ${answer.message.trim()} 不存在 (no such agent)`;
        return;
      }
      step.transferredTo = moveTo(state, call, agent);
      step.branch = IvrBranch.ToAgent;
    }
  }
}

/** The caller of inbound call `cdrId` pressed `input`: ask the CRM and follow its answer. */
export async function ivrInput(state: MockState, options: IvrInputOptions): Promise<IvrResult> {
  const call = state.calls.get(options.cdrId);
  if (!call) throw new VoipError(ResultCode.NotFound, `没有通话 ${options.cdrId}`);
  if (call.direction !== CallDirection.Inbound) throw new VoipError(ResultCode.Internal, `通话 ${call.cdrId} 不是呼入 (not an inbound call)`);
  if (hasEnded(call)) throw new VoipError(ResultCode.NotFound, `通话 ${call.cdrId} 已结束`);
  if (options.input) state.pressCallKeys(call, options.input);

  const step: IvrStep = { input: options.input, branch: IvrBranch.Failed, at: state.clock() };
  const { ivrUrl, timeoutMs } = state.crm.settings;
  if (!ivrUrl) {
    step.reason = '未配置导航按键地址 (no ivrUrl configured)';
  } else {
    const query = { [CrmParam.Phone]: phoneForCrm(call.phone), [CrmParam.Input]: options.input, [CrmParam.CdrId]: call.cdrId };
    const reply = await askCrm(ivrUrl, query, { timeoutMs, signal: state.lifetime.signal });
    if (reply.answer) step.reply = reply.answer;
    if (!reply.ok || !reply.answer) {
      step.reason = reply.reason ?? 'IVR failed';
    } else if (hasEnded(call)) {
      step.reason = '等待应答时通话已结束 (the call ended while the CRM answered)';
    } else {
      apply(state, call, step, reply.answer);
    }
  }
  call.ivr.push(step);
  state.options.log(`ivr ${call.cdrId} input=${options.input} → ${step.branch}${step.reason ? `: ${step.reason}` : ''}`);
  return { ...step, cdrId: call.cdrId, call: viewCall(call) };
}
