/**
 * What the session's events do to the rest of the element (the session tells, this moves the
 * other controllers). A login ends the error shown and loads what comes with it; the network
 * back ends a network error. A ring starts the caller's lookup, opens a minimised dock, closes
 * what was open on the other cards and pops the CRM (once per call for the account); a hang-up
 * lists the call and shows its ended card; the ringtone and the title follow the calls. The live
 * region says each call event once, naming the caller: the contact's name once the lookup knows
 * it, else the number as the agent may see it.
 */
import type { ReactiveController } from 'lit';
import type { LookupHook } from '../../console/lookup.js';
import { isMissed } from '../../console/recent-calls.js';
import type { Agent } from '../../protocol/index.js';
import { occurrenceKey } from '../../session/call-identity.js';
import { CallState, Direction, SessionStatus, systemClock, type Call } from '../../session/index.js';
import type { CallDisplay } from './call-display.js';
import { format, stringsFor } from '../i18n/index.js';
import type { DockController } from '../placement/dock-controller.js';
import type { AgentStatusController } from './agent-status.js';
import type { AttentionController } from './attention.js';
import type { CallCardsController } from './call-cards.js';
import type { CallerInfo, CallerInfoController } from './caller-info.js';
import { CrmPopController, type CrmPopHost } from './crm-pop.js';
import type { EndedCallController } from './ended-call.js';
import type { ErrorController } from './errors.js';
import type { RecentCallsController } from './recent-calls.js';
import type { CallEventName, SessionController, SessionDelegate } from './session.js';

export interface SessionEventsHost extends CrmPopHost {
  readonly lang: string;
  readonly lookup: LookupHook | null;
  readonly agent: Agent | null;
}

/** The controllers the session's events move, and how the agent is shown a call. */
export interface SessionEventParts {
  session: Pick<SessionController, 'agent' | 'calls' | 'client' | 'polls' | 'waterline'>;
  errors: ErrorController;
  agentStatus: Pick<AgentStatusController, 'load'>;
  callerInfo: CallerInfoController;
  recent: RecentCallsController;
  dock: Pick<DockController, 'reveal'>;
  ended: EndedCallController;
  cards: CallCardsController;
  attention: AttentionController;
  display: CallDisplay;
}

/**
 * How long a ring's announcement waits for the page's lookup to name the caller: a name a moment
 * later tells the agent more than the number at once (the card and the ringtone do not wait). An
 * answer after that is shown on the card but not announced again.
 */
export const NAME_WAIT_MS = 1000;

export class SessionEventsController implements ReactiveController, SessionDelegate {
  readonly #host: SessionEventsHost;
  readonly #parts: SessionEventParts;
  readonly #crmPop: CrmPopController;
  /** A ring waiting for its caller's name (see NAME_WAIT_MS): `say` says it. */
  #waiting: { call: Call; say(): void; timer: unknown } | undefined;
  /** The live region's text. */
  announcement = '';

  constructor(host: SessionEventsHost, parts: SessionEventParts) {
    (this.#host = host).addController(this);
    this.#parts = parts;
    this.#crmPop = new CrmPopController(host, parts.errors.fail);
  }

  hostDisconnected(): void {
    this.#stopWaiting();
  }

  fail(error: unknown): void {
    this.#parts.errors.fail(error);
  }

  onStatus(status: SessionStatus): void {
    if (status === SessionStatus.Online) this.#parts.errors.clear(true); // the network is back
  }

  onLogin(): void {
    const { errors, agentStatus, recent, session } = this.#parts;
    errors.clear(); // a login that works ends whatever error came before it
    void agentStatus.load();
    if (session.client && session.agent) recent.loggedIn(session.client, session.agent, session.waterline);
  }

  onCall(type: CallEventName, call: Call, first: boolean): void {
    const { session, callerInfo, cards, ended, display } = this.#parts;
    const crmPop = this.#crmPop;
    const calls = session.calls;
    const t = stringsFor(this.#host.lang);
    const phone = display.phone(call.phone);
    callerInfo.decorate(call); // the event's detail carries the contact once known
    let say: string;
    if (type === 'voip-ring') {
      callerInfo.start(call, session.client);
      this.#parts.dock.reveal(); // a minimised dock opens for every call
      crmPop.reset();
      ended.clear();
      // A new call: whatever was open on the other cards closes (the desktop menu, a transfer form).
      cards.closeAll();
      const talking = calls.some((c) => c.state === CallState.Talking);
      say = call.direction !== Direction.Inbound ? t.outgoingCall : talking ? t.newCallRinging : t.incomingCall;
      // One pop per call for the account: only the tab (and element) that polls opens it, not
      // every open CRM tab or every element of the account, and once across reloads (CrmPopController).
      if (first && session.polls) {
        crmPop.pop(call, display.crmLink(call), phone);
        if (crmPop.blocked) cards.uiOf(call).crmHighlight = true;
      }
    } else if (type === 'voip-answer') {
      say = t.announceAnswered;
    } else {
      this.#parts.recent.ended(call);
      say = isMissed(call) ? t.announceMissed : t.callEnded;
      cards.forget(call);
      ended.show(call, session.client);
    }
    if (first) this.#say(say, call, type === 'voip-ring');
    const ringsIn = type === 'voip-ring' && call.direction === Direction.Inbound;
    const title = format(t.incomingCall, { phone });
    this.#parts.attention.follow(calls, ringsIn ? { title, body: this.#host.agent?.name ?? '', tag: `voip-${call.cdrId ?? phone}`, first } : undefined);
  }

  /**
   * The session stopped: nothing of it stays on screen, no ended card (whose number only the
   * agent's masking setting may show), no ringtone or flashing title, no ring still to be said.
   */
  onStop(): void {
    this.#stopWaiting();
    this.#parts.ended.clear();
    this.#parts.callerInfo.clear();
    this.#parts.attention.quiet();
    this.#parts.cards.forget();
  }

  /** Something was learnt of `call` (see CallerInfoController): the recent list keeps it, a ring waiting for its name is said now. */
  learnt(call: Call, info: CallerInfo): void {
    this.#parts.recent.update(call, info);
    if (info.contact && this.#waits(call)) this.#waiting!.say();
  }

  /**
   * Says `text` in the live region. A ring still waiting for its name (see NAME_WAIT_MS) is left
   * waiting: it is said after this, when the name comes or the wait ends.
   */
  announce(text: string): void {
    this.announcement = text;
    this.#host.requestUpdate();
  }

  /**
   * Says `template` of `call`, naming the caller (the shared ring and end texts call it `{phone}`,
   * the console's `{who}`); a ring waits a moment for the lookup to name its caller.
   */
  #say(template: string, call: Call, ring: boolean): void {
    const { callerInfo, display } = this.#parts;
    const say = (): void => {
      const who = callerInfo.decorate(call).contact?.name || display.phone(call.phone);
      this.announce(format(template, { phone: who, who }));
    };
    // A ring waiting for its name: old news once its call is answered or ends; said at once when
    // another call rings (one waits at a time); else it keeps waiting and is said after this.
    if (this.#waits(call)) this.#stopWaiting();
    else if (ring) this.#waiting?.say();
    if (ring && this.#host.lookup && !callerInfo.decorate(call).contact) {
      const sayOnce = (): void => {
        this.#stopWaiting();
        say();
      };
      this.#waiting = { call, say: sayOnce, timer: systemClock.setTimeout(sayOnce, NAME_WAIT_MS) };
    } else say();
  }

  /** The ring waiting for its name is `call`'s (the session hands out a new object per event). */
  #waits(call: Call): boolean {
    return !!this.#waiting && occurrenceKey(this.#waiting.call) === occurrenceKey(call);
  }

  #stopWaiting(): void {
    if (this.#waiting) systemClock.clearTimeout(this.#waiting.timer);
    this.#waiting = undefined;
  }
}
