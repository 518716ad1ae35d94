/**
 * What a call event does on screen, beyond the event the session fires: a ring starts the caller's
 * lookup, opens a minimised dock, closes what was open on the other cards and pops the CRM (once
 * per call for the account); a hang-up lists the call and shows its ended card; the ringtone and
 * the title follow the calls. And the live region says each event once, naming the caller: the
 * contact's name once the lookup knows it, else the number as the agent may see it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LookupHook } from '../../console/lookup.js';
import { isMissed } from '../../console/recent-calls.js';
import type { Agent } from '../../protocol/index.js';
import { CallState, Direction, systemClock, type Call } from '../../session/index.js';
import { format, stringsFor } from '../i18n/index.js';
import type { CallDisplay } from '../call-display.js';
import type { DockController } from '../placement/dock-controller.js';
import type { AttentionController } from './attention.js';
import type { CallCardsController } from './call-cards.js';
import type { CallerInfo, CallerInfoController } from './caller-info.js';
import type { CrmPopController } from './crm-pop.js';
import type { EndedCallController } from './ended-call.js';
import type { RecentCallsController } from './recent-calls.js';
import type { CallEventName, SessionController } from './session.js';

export interface CallEventsHost extends ReactiveControllerHost {
  readonly lang: string;
  readonly lookup: LookupHook | null;
  readonly agent: Agent | null;
}

/** The concerns a call event moves, and how the agent is shown a call. */
export interface CallEventParts {
  session: Pick<SessionController, 'calls' | 'polls' | 'client'>;
  callerInfo: CallerInfoController;
  recent: RecentCallsController;
  dock: Pick<DockController, 'reveal'>;
  crmPop: CrmPopController;
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

export class CallEventsController implements ReactiveController {
  readonly #host: CallEventsHost;
  readonly #parts: CallEventParts;
  /** A ring waiting for its caller's name (see NAME_WAIT_MS). */
  #waiting: { call: Call; template: string; timer: unknown } | undefined;
  /** The live region's text. */
  announcement = '';

  constructor(host: CallEventsHost, parts: CallEventParts) {
    (this.#host = host).addController(this);
    this.#parts = parts;
  }

  hostDisconnected(): void {
    this.#stopWaiting();
  }

  /** The session reported `type` for `call`; `first`: the page hears of it for the first time. */
  on(type: CallEventName, call: Call, first: boolean): void {
    const { session, callerInfo, cards, ended, crmPop } = this.#parts;
    const calls = session.calls;
    const t = stringsFor(this.#host.lang);
    const phone = this.#parts.display.phone(call.phone);
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
        crmPop.pop(call, this.#parts.display.crmLink(call), phone);
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

  /** Something was learnt of `call` (see CallerInfoController): the recent list keeps it, a ring waiting for its name is said now. */
  learnt(call: Call, info: CallerInfo): void {
    this.#parts.recent.update(call, info);
    const waiting = this.#waiting;
    if (waiting?.call === call && this.#parts.callerInfo.decorate(call).contact) this.announce(this.#fill(waiting.template, call));
  }

  /**
   * The session stopped: nothing of it stays on screen, no ended card (whose number only the
   * agent's masking setting may show), no ringtone or flashing title, no ring still to be said.
   */
  stopped(): void {
    this.#stopWaiting();
    this.#parts.ended.clear();
    this.#parts.callerInfo.clear();
    this.#parts.attention.quiet();
    this.#parts.cards.forget();
  }

  /** Says `text` in the live region (and no ring still waiting for its name). */
  announce(text: string): void {
    this.#stopWaiting();
    this.announcement = text;
    this.#host.requestUpdate();
  }

  /** Says `template` of `call`; a ring waits a moment for the lookup to name its caller. */
  #say(template: string, call: Call, ring: boolean): void {
    if (!ring || !this.#host.lookup || this.#parts.callerInfo.decorate(call).contact) {
      this.announce(this.#fill(template, call));
      return;
    }
    this.#stopWaiting();
    const timer = systemClock.setTimeout(() => this.announce(this.#fill(template, call)), NAME_WAIT_MS);
    this.#waiting = { call, template, timer };
  }

  /** The shared ring and end texts name the caller `{phone}`, the console's `{who}`: both get who it is. */
  #fill(template: string, call: Call): string {
    const who = this.#parts.callerInfo.decorate(call).contact?.name || this.#parts.display.phone(call.phone);
    return format(template, { phone: who, who });
  }

  #stopWaiting(): void {
    if (this.#waiting) systemClock.clearTimeout(this.#waiting.timer);
    this.#waiting = undefined;
  }
}
