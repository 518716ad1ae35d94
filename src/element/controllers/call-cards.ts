/**
 * The cards of the calls: what is open or on for each (transfer form, desktop menu, mute, a
 * blocked CRM pop's highlight), kept by the call's occurrence key because the session hands out
 * a new call object with each event; where the keyboard goes after the agent's own actions; and
 * each card's render, its buttons bound to its own call.
 */
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Colleague } from '../../console/colleagues.js';
import type { CallDisplay } from './call-display.js';
import { occurrenceKey } from '../../session/call-identity.js';
import { CallState, Direction, type Call } from '../../session/index.js';
import { normalizeLang, stringsFor, type Strings } from '../i18n/index.js';
import type { EndedCallController } from './ended-call.js';
import { renderCallCard, type CallActions, type CallUi, type Cards } from '../views/index.js';
import type { CallerInfoController } from './caller-info.js';
import { loadedExtras, loadExtras } from '../../ui/extras.js';

export interface CallCardsHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly lang: string;
  /** Every live call, oldest first (the cards follow this order). */
  readonly calls: Call[];
  answer(call?: Call): Promise<void>;
  hangup(call?: Call): Promise<void>;
  transfer(extension: string): Promise<void>;
  mute(call?: Call): Promise<void>;
}

/** What the element knows of a call that its card shows. */
export interface CardSource {
  /** Puts a call's contact and area, once known, on it. */
  callerInfo: Pick<CallerInfoController, 'decorate'>;
  display: CallDisplay;
  /** What the cards render as now (their talk time). */
  clock: { readonly now: number };
  /** The call that just ended (null when none) and what its card adds. */
  readonly ended: Pick<EndedCallController, 'call' | 'details'>;
  /** The colleagues to transfer to; the transfer form opened: a fresher list is asked for (`load`). */
  agentStatus: { readonly colleagues: readonly Colleague[]; load(): Promise<unknown> };
  /** Set while the desktop menu is offered. */
  desktop(): CallActions['desktop'];
  /** Says `text` in the live region. */
  announce(text: string): void;
}

const CARD = '[part~="card"]';

export class CallCardsController {
  readonly #host: CallCardsHost;
  readonly #source: CardSource;
  readonly #ui = new Map<string, CallUi>();

  constructor(host: CallCardsHost, source: CardSource) {
    this.#host = host;
    this.#source = source;
  }

  /** What is open or on for `call`'s card. */
  uiOf(call: Call): CallUi {
    const key = occurrenceKey(call);
    let ui = this.#ui.get(key);
    if (!ui) this.#ui.set(key, (ui = {}));
    return ui;
  }

  /** The call ended (its card's state goes with it), or every card (a logout). */
  forget(call?: Call): void {
    if (call) this.#ui.delete(occurrenceKey(call));
    else this.#ui.clear();
  }

  /** `call` was muted or unmuted (the server toggles it): its button's pressed state follows, and it is said. */
  toggleMuted(call: Call): void {
    const ui = this.uiOf(call);
    ui.muted = !ui.muted;
    this.#source.announce(ui.muted ? stringsFor(this.#host.lang).muted : '');
  }

  /** The newest inbound call that rings. */
  ringingIn(): Call | undefined {
    return this.#host.calls.findLast((c) => c.direction === Direction.Inbound && c.state === CallState.Ringing);
  }

  /** Closes every open transfer form and desktop menu; true when one was open. */
  closeAll(): boolean {
    let closed = false;
    for (const ui of this.#ui.values()) {
      closed ||= !!(ui.transferOpen || ui.menuOpen);
      ui.transferOpen = ui.menuOpen = false;
    }
    if (!closed) return false;
    this.#host.requestUpdate();
    // Focus inside what closes goes back to its card's Transfer button, not to <body>.
    const card = (this.#host.renderRoot as ShadowRoot).activeElement?.closest(CARD);
    if (card) void this.#host.updateComplete.then(() => card.querySelector<HTMLElement>('[part~="transfer-button"]')?.focus());
    return true;
  }

  /**
   * An action the agent made by click or hotkey: focus follows it (to the call's hang-up button
   * after an answer, to the number box after a hang-up). Page script's method calls move nothing.
   */
  byUser(action: Promise<unknown>, kind: 'answer' | 'hangup', call?: Call): Promise<unknown> {
    const answered = kind === 'answer' ? (call ?? this.ringingIn()) : undefined;
    void action.then(
      async () => {
        await this.#host.updateComplete;
        if (answered) this.#focusIn(answered, '[part~="hangup-button"]');
        else this.focusPart('dial-input');
      },
      () => {},
    );
    return action;
  }

  focusPart(name: string): void {
    this.#host.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`)?.focus();
  }

  /** Focuses the first `selector` of `call`'s card (the cards follow `calls`' order). */
  #focusIn(call: Call, selector: string): void {
    const index = this.#host.calls.findIndex((c) => occurrenceKey(c) === occurrenceKey(call));
    this.#host.renderRoot.querySelectorAll(CARD)[index]?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Every card. */
  renderAll(t: Strings): Cards {
    const calls = this.#host.calls;
    const talking = calls.some((c) => c.state === CallState.Talking);
    const ended = this.#source.ended.call;
    return { live: calls.map((call) => this.#render(t, call, talking)), ended: ended ? this.#render(t, ended, false) : nothing };
  }

  /** `shown`'s card; `talking`: another call is being talked on. */
  #render(t: Strings, shown: Call, talking: boolean): TemplateResult {
    const host = this.#host;
    const source = this.#source;
    const call = source.callerInfo.decorate(shown); // the contact and area, once known
    const ui = this.uiOf(call);
    const transferForm = loadedExtras()?.renderTransferForm;
    return renderCallCard(t, {
      call,
      phone: source.display.phone(call.phone),
      now: source.clock.now,
      waiting: talking,
      crmLink: source.display.crmLink(call),
      ui,
      transferForm:
        ui.transferOpen && transferForm
          ? transferForm(normalizeLang(host.lang), source.agentStatus.colleagues, (extension) =>
              host.transfer(extension).then(() => (ui.transferOpen = false)),
            )
          : nothing,
      endedDetails: shown.state === CallState.Ended ? source.ended.details(normalizeLang(host.lang)) : nothing,
      actions: {
        answer: () => this.byUser(host.answer(call), 'answer', call),
        hangup: () => this.byUser(host.hangup(call), 'hangup'),
        mute: () => host.mute(call),
        toggleTransfer: () => {
          ui.transferOpen = !ui.transferOpen;
          host.requestUpdate();
          if (!ui.transferOpen) return;
          // The agent opened it: the keyboard goes into the form once shown (a fresher list may follow).
          loadExtras()
            .then(() => {
              host.requestUpdate(); // the form's view is there
              return host.updateComplete;
            })
            .then(() => this.#focusIn(call, 'form select, form input'))
            .catch(() => {
              // The form's view could not be loaded: the button closes again (the colleagues'
              // load beside reports why); the next opening tries again.
              ui.transferOpen = false;
              host.requestUpdate();
            });
          void source.agentStatus.load();
        },
        toggleMenu: (open) => {
          ui.menuOpen = open;
          host.requestUpdate();
        },
        desktop: source.desktop(),
      },
    });
  }
}
