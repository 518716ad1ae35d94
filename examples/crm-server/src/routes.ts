/**
 * Where calls go: the CRM's answers to the 800ing server's navigation callback (which agent
 * takes an inbound caller, spec §5 §2.8) and IVR callback (what the IVR does with the keys the
 * caller pressed, §2.10).
 */
import type { CrmDb } from './db.js';
import type { IvrQuery, IvrReply, NavigationQuery } from './voip.js';

/** The agent the IVR's key 1 transfers to, unless configured otherwise. */
export const DEFAULT_IVR_AGENT = '800';

/** What the IVR says before it hangs up on any other key. */
export const GOODBYE = '感谢来电';

/**
 * Navigation: the extension the routes table names for the caller, else `defaultExtension`.
 * Answering an extension the 800ing server does not know makes it fall back to its own default.
 */
export function routeByTable(db: CrmDb, defaultExtension: string): (query: NavigationQuery) => string {
  return ({ phone }) => db.routeOf(phone) ?? defaultExtension;
}

/**
 * The IVR menu: 1 transfers to `agent`, 2 puts the caller in the current queue, anything else
 * (no keys included) says goodbye and hangs up. A trailing `#` (the caller's "done" key) is ignored.
 * The reply types are the vendor's numbers (§2.10), checked by the `IvrReply` type.
 */
export function ivrMenu(agent: string = DEFAULT_IVR_AGENT): (query: IvrQuery) => IvrReply {
  return ({ input }) => {
    const keys = (input ?? '').trim().replace(/#$/, '');
    if (keys === '1') return { type: 1, message: agent }; // 1: transfer to agent `message`
    if (keys === '2') return { type: 2 }; // 2: to the current queue
    return { type: 9, message: GOODBYE }; // 9: say `message`, then hang up
  };
}
