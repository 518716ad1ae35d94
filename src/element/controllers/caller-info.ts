/**
 * Who is calling (docs/contract.md "Who is calling"): the page's `lookup` hook and the caller's region
 * (findDialrecord `cdrPhoneArea`), each asked once per call when it starts, in the background:
 * the card pops with the number and shows what comes when it comes. What is learnt is kept by
 * call identity (the call's line and start, see src/console/call-key.ts), because the session
 * hands out a new call object with each event: `decorate` puts it on whichever object is shown
 * or sent next (`call.contact`, `call.area`). The runner and the area fetch live in the lazy
 * extras file: a call that starts before they arrive waits for them, its card pops meanwhile.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VoipClient } from '../../client/index.js';
import { lineKey } from '../../console/call-key.js';
import type { Contact, LookupHook, LookupRunner } from '../../console/lookup.js';
import { reportUnlessAborted } from '../../console/report.js';
import type { VoipError } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';
import { loadExtras, type Extras } from '../../ui/extras.js';

/** What the console learns about a call after it popped. */
export interface CallerInfo {
  contact?: Contact;
  area?: string;
}

/** A call with what is known of its caller. */
export type CallWithInfo = Call & CallerInfo;

export interface CallerInfoHost extends ReactiveControllerHost {
  lookup: LookupHook | null;
}

/** Calls remembered; older ones are long gone from the screen. */
const REMEMBERED = 100;

export class CallerInfoController implements ReactiveController {
  readonly #host: CallerInfoHost;
  readonly #fail: (error: VoipError) => void;
  readonly #learnt: (call: Call, info: CallerInfo) => void;
  #runner: LookupRunner | undefined;
  readonly #known = new Map<string, CallerInfo>();
  #abort = new AbortController();

  /** `learnt`: something new is known of `call` (the element puts it on the calls it holds). */
  constructor(host: CallerInfoHost, fail: (error: VoipError) => void, learnt: (call: Call, info: CallerInfo) => void) {
    (this.#host = host).addController(this);
    this.#fail = fail;
    this.#learnt = learnt;
  }

  hostDisconnected(): void {
    this.clear();
  }

  /** A call started: its contact and region are asked for once (once the extras are there), never awaited here. */
  start(call: Call, client: VoipClient | null): void {
    const key = lineKey(call);
    if (this.#known.has(key)) return;
    this.#known.set(key, {});
    if (this.#known.size > REMEMBERED) this.#known.delete(this.#known.keys().next().value!);
    const signal = this.#abort.signal;
    void loadExtras().then(
      (extras) => signal.aborted || this.#ask(extras, key, call, client, signal),
      (error: VoipError) => signal.aborted || this.#fail(error),
    );
  }

  #ask(extras: Extras, key: string, call: Call, client: VoipClient | null, signal: AbortSignal): void {
    const learn = (info: CallerInfo): void => {
      const known = this.#known.get(key);
      if (signal.aborted || !known) return;
      Object.assign(known, info);
      this.#learnt(call, info);
      this.#host.requestUpdate();
    };
    const hook = this.#host.lookup;
    if (hook) {
      (this.#runner ??= new extras.LookupRunner()).contactFor(hook, call).then(
        (contact) => contact && learn({ contact }),
        (error: unknown) => signal.aborted || reportUnlessAborted(error, this.#fail),
      );
    }
    if (client) void extras.callAreaOf(client, call, { signal, onError: this.#fail }).then((area) => area && learn({ area }));
  }

  /** `call` with what is known of its caller put on it (the same object). */
  decorate<T extends Call>(call: T): T & CallerInfo {
    return Object.assign(call, this.#known.get(lineKey(call)));
  }

  /** Forgets every call and drops answers still on the way (a logout, another account). */
  clear(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#known.clear();
    this.#runner?.clear();
  }
}
