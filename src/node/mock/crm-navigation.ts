/**
 * The navigation callback (docs/800ing-api.md §5 §2.8): an inbound call that names no agent asks the CRM's
 * server which agent gets it, `navigationUrl?phone=&trunkno=&cdrId=`, and rings the agent in the
 * answer `{"code":0,"message":"<agent>"}`. Anything else (no navigationUrl, another code, an
 * agent the server does not know, an HTTP error, a timeout) rings the test account's agent, the
 * mock's stand-in for the company's default queue, and the result says why.
 */
import { TEST_ACCOUNT, type Account, type AccountBook } from './accounts.js';
import type { CallSimulator } from './calls.js';
import { CrmParam, askCrm, type CrmConfig } from './crm-http.js';

/**
 * What asking the CRM about a call needs of the mock (MockState is one): who the agents are, the
 * calls, where the CRM is, the lifetime that ends its exchanges, and the log.
 */
export interface CrmDesk {
  readonly accounts: Pick<AccountBook, 'byExtension' | 'byUser'>;
  readonly calls: Pick<CallSimulator, 'reserveCdrId' | 'ring'>;
  readonly crm: Pick<CrmConfig, 'settings'>;
  readonly lifetime: { readonly signal: AbortSignal };
  readonly options: { log(line: string): void };
  /** The agent of this account; throws when there is none. */
  findAccount(ref: { user: string }): Account;
}

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
export function agentNamed(desk: CrmDesk, name: string): Account | undefined {
  const text = name.trim();
  if (!text) return undefined;
  return desk.accounts.byExtension(text) ?? desk.accounts.byUser(text);
}

/** The agent a queue (or a failed navigation) rings: the test account's. */
export function queueAgent(desk: CrmDesk): Account {
  return desk.findAccount({ user: TEST_ACCOUNT.user });
}

/** Asks the CRM which agent gets the call, then rings that agent (or the fallback one). */
export async function ringRouted(desk: CrmDesk, call: RouteCall): Promise<RoutedRing> {
  const cdrId = desk.calls.reserveCdrId();
  const { navigationUrl, timeoutMs } = desk.crm.settings;
  let agent: Account | undefined;
  let reason: string | undefined;
  if (!navigationUrl) {
    reason = '未配置导航地址 (no navigationUrl configured)';
  } else {
    const query = { [CrmParam.Phone]: call.phone, [CrmParam.Trunkno]: call.trunkno ?? '', [CrmParam.CdrId]: cdrId };
    const reply = await askCrm(navigationUrl, query, { timeoutMs, signal: desk.lifetime.signal });
    if (!reply.ok || !reply.answer) {
      reason = reply.reason ?? 'navigation failed';
    } else {
      agent = agentNamed(desk, reply.answer.message);
      if (!agent) {
        const named = reply.answer.message.trim();
        reason = named ? `坐席 ${named} 不存在 (no such agent)` : '应答没有坐席号 (the answer names no agent)';
      }
    }
    desk.options.log(`navigation ${call.phone} → ${agent ? agent.extension : `fallback: ${reason ?? ''}`}`);
  }
  const target = agent ?? queueAgent(desk);
  const options: { cdrId: string; paramvalue?: string; trunkno?: string } = { cdrId };
  if (call.paramvalue !== undefined) options.paramvalue = call.paramvalue;
  if (call.trunkno !== undefined) options.trunkno = call.trunkno;
  desk.calls.ring(target, call.phone, options);
  const result: RoutedRing = {
    cdrId,
    extension: target.extension,
    user: target.user,
    routedBy: agent ? RingRoute.Navigation : RingRoute.Fallback,
  };
  if (reason !== undefined) result.reason = reason;
  return result;
}
