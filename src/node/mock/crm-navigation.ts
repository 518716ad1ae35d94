/**
 * The navigation callback (spec §5 §2.8): an inbound call that names no agent asks the CRM's
 * server which agent gets it, `navigationUrl?phone=&trunkno=&cdrId=`, and rings the agent in the
 * answer `{"code":0,"message":"<agent>"}`. Anything else (no navigationUrl, another code, an
 * agent the server does not know, an HTTP error, a timeout) rings the test account's agent, the
 * mock's stand-in for the company's default queue, and the result says why.
 */
import { TEST_ACCOUNT, type Account } from './accounts.js';
import { CrmParam, askCrm } from './crm-http.js';
import type { MockState } from './mock-state.js';

/** How a ring found its agent. */
export const RingRoute = {
  /** The caller of ring()/ringRouted() named the agent. */
  Direct: 'direct',
  /** The CRM's navigation answer named it. */
  Navigation: 'navigation',
  /** Navigation failed: the test account's agent. */
  Fallback: 'fallback',
} as const;
export type RingRoute = (typeof RingRoute)[keyof typeof RingRoute];

/** What ringRouted() answers. */
export interface RoutedRing {
  cdrId: string;
  /** The agent that rings. */
  extension: string;
  user: string;
  routedBy: RingRoute;
  /** Why navigation did not decide (routedBy 'fallback'). */
  reason?: string;
}

/** What a routed inbound call needs. */
export interface RouteCall {
  phone: string;
  trunkno?: string;
  paramvalue?: string;
}

/**
 * An agent named by the CRM: by extension, or by account (the vendor's example answers
 * "100001800", an account number, company 10000 and extension 1800).
 */
export function agentNamed(state: MockState, name: string): Account | undefined {
  const text = name.trim();
  if (!text) return undefined;
  return state.accounts.byExtension(text) ?? state.accounts.byUser(text);
}

/** The agent a queue (or a failed navigation) rings: the test account's. */
export function queueAgent(state: MockState): Account {
  return state.findAccount({ user: TEST_ACCOUNT.user });
}

/** Asks the CRM which agent gets the call, then rings that agent (or the fallback one). */
export async function ringRouted(state: MockState, call: RouteCall): Promise<RoutedRing> {
  const cdrId = state.calls.reserveCdrId();
  const { navigationUrl, timeoutMs } = state.crm.settings;
  let agent: Account | undefined;
  let reason: string | undefined;
  if (!navigationUrl) {
    reason = '未配置导航地址 (no navigationUrl configured)';
  } else {
    const query = { [CrmParam.Phone]: call.phone, [CrmParam.Trunkno]: call.trunkno ?? '', [CrmParam.CdrId]: cdrId };
    const reply = await askCrm(navigationUrl, query, { timeoutMs, signal: state.lifetime.signal });
    if (!reply.ok || !reply.answer) {
      reason = reply.reason ?? 'navigation failed';
    } else {
      agent = agentNamed(state, reply.answer.message);
      if (!agent) {
        const named = reply.answer.message.trim();
        reason = named ? `坐席 ${named} 不存在 (no such agent)` : '应答没有坐席号 (the answer names no agent)';
      }
    }
    state.options.log(`navigation ${call.phone} → ${agent ? agent.extension : `fallback: ${reason ?? ''}`}`);
  }
  const target = agent ?? queueAgent(state);
  const options: { cdrId: string; paramvalue?: string; trunkno?: string } = { cdrId };
  if (call.paramvalue !== undefined) options.paramvalue = call.paramvalue;
  if (call.trunkno !== undefined) options.trunkno = call.trunkno;
  state.calls.ring(target, call.phone, options);
  const result: RoutedRing = {
    cdrId,
    extension: target.extension,
    user: target.user,
    routedBy: agent ? RingRoute.Navigation : RingRoute.Fallback,
  };
  if (reason !== undefined) result.reason = reason;
  return result;
}
