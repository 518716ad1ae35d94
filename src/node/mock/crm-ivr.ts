/**
 * The IVR callback (docs/800ing-api.md §5 §2.10): the caller presses keys, the server asks the CRM's server
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
import { CallDirection, HangupBy, MockCallState, viewCall, type CallSimulator, type MockCall, type MockCallView } from './calls.js';
import { CrmParam, askCrm, type CrmAnswer } from './crm-http.js';
import { agentNamed, queueAgent, type CrmDesk } from './crm-navigation.js';
import { IvrBranch, type IvrStep } from './ivr-step.js';

export { IvrBranch, type IvrStep } from './ivr-step.js';

/** What the IVR callback needs of the mock besides a CrmDesk: to move, speak on and end calls, and record keys. */
export interface IvrDesk extends CrmDesk {
  readonly calls: Pick<CallSimulator, 'reserveCdrId' | 'ring' | 'get' | 'transfer' | 'addSpoken' | 'hangup'>;
  clock(): number;
  /** The caller pressed keys on this call: on its record and in the agent's next keylist. */
  pressCallKeys(call: MockCall, keys: string): void;
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
function moveTo(desk: IvrDesk, call: MockCall, target: Account): { cdrId: string; extension: string } {
  if (target === call.account) return { cdrId: call.cdrId, extension: target.extension };
  const moved = desk.calls.transfer(call, target);
  return { cdrId: moved.cdrId, extension: target.extension };
}

function apply(desk: IvrDesk, call: MockCall, step: IvrStep, answer: CrmAnswer): void {
  const type = answer.type ?? IvrType.Speak;
  if (!IVR_TYPES.has(type)) {
    step.branch = IvrBranch.Failed;
    step.reason = `未知的 type ${type} (unknown type)`;
    return;
  }
  switch (type) {
    case IvrType.Speak:
      desk.calls.addSpoken(call, answer.message);
      step.branch = IvrBranch.Speak;
      return;
    case IvrType.SpeakThenHangup:
      desk.calls.addSpoken(call, answer.message);
      desk.calls.hangup(call.cdrId, HangupBy.Ivr);
      step.branch = IvrBranch.SpeakThenHangup;
      return;
    case IvrType.ToQueue:
      step.transferredTo = moveTo(desk, call, queueAgent(desk));
      step.branch = IvrBranch.ToQueue;
      return;
    case IvrType.ToAgent: {
      const agent = agentNamed(desk, answer.message);
      if (!agent) {
        step.branch = IvrBranch.Failed;
        step.reason = `坐席 ${answer.message.trim()} 不存在 (no such agent)`;
        return;
      }
      step.transferredTo = moveTo(desk, call, agent);
      step.branch = IvrBranch.ToAgent;
    }
  }
}

/** The caller of inbound call `cdrId` pressed `input`: ask the CRM and follow its answer. */
export async function ivrInput(desk: IvrDesk, options: IvrInputOptions): Promise<IvrResult> {
  const call = desk.calls.get(options.cdrId);
  if (!call) throw new VoipError(ResultCode.NotFound, `没有通话 ${options.cdrId}`);
  if (call.direction !== CallDirection.Inbound) throw new VoipError(ResultCode.Internal, `通话 ${call.cdrId} 不是呼入 (not an inbound call)`);
  if (hasEnded(call)) throw new VoipError(ResultCode.NotFound, `通话 ${call.cdrId} 已结束`);
  if (options.input) desk.pressCallKeys(call, options.input);

  const step: IvrStep = { input: options.input, branch: IvrBranch.Failed, at: desk.clock() };
  const { ivrUrl, timeoutMs } = desk.crm.settings;
  if (!ivrUrl) {
    step.reason = '未配置导航按键地址 (no ivrUrl configured)';
  } else {
    const query = { [CrmParam.Phone]: phoneForCrm(call.phone), [CrmParam.Input]: options.input, [CrmParam.CdrId]: call.cdrId };
    const reply = await askCrm(ivrUrl, query, { timeoutMs, signal: desk.lifetime.signal });
    if (reply.answer) step.reply = reply.answer;
    if (!reply.ok || !reply.answer) {
      step.reason = reply.reason ?? 'IVR failed';
    } else if (hasEnded(call)) {
      step.reason = '等待应答时通话已结束 (the call ended while the CRM answered)';
    } else {
      apply(desk, call, step, reply.answer);
    }
  }
  call.ivr.push(step);
  desk.options.log(`ivr ${call.cdrId} input=${options.input} → ${step.branch}${step.reason ? `: ${step.reason}` : ''}`);
  return { ...step, cdrId: call.cdrId, call: viewCall(call) };
}
