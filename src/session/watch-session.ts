/**
 * The watching session: logs in, long-polls getLongWaterLine, catches up through recvMsg, and
 * turns messages into call events (docs/800ing-api.md §3 "The polling loop"). Plain TypeScript, no DOM: the
 * element drives it, and it could run in a worker. Time comes from an injected Clock.
 *
 * Guarantees: one request in flight at most; requests start at least `pollIntervalMs` apart;
 * every message is applied once, in waterline order; after an outage, a catch-up from the last
 * waterline delivers what happened meanwhile; `stop()` aborts the request and clears every timer.
 */
import {
  isVoipError,
  LocalCode,
  ResultCode,
  toVoipMessage,
  VoipError,
  type Agent,
  type RawMessage,
  type RecvMsgAnswer,
  type VoipMessage,
  type WaterlineAnswer,
} from '../protocol/index.js';
import { Backoff } from './backoff.js';
import { planBaseline } from './baseline.js';
import { refOf } from './call-identity.js';
import { CallTracker, type Call, type CallEvent } from './call-tracker.js';
import { Sleeper, type Clock } from './clock.js';
import { Emitter } from './emitter.js';
import { sessionSettings, type SessionSettings, type WatchSessionOptions } from './session-options.js';
import { SessionStatus } from './session-status.js';
import type { SessionSnapshot, TabFollowing } from './tab-following.js';

export { SessionStatus };
export { DEFAULT_POLL_INTERVAL_MS, DEFAULT_POLL_TIMEOUT_MS, type WatchSessionOptions } from './session-options.js';
export type { SessionSnapshot } from './tab-following.js';

/** What the session needs of VoipClient: a seam, so tests and a leader tab can stand in. */
export interface SessionApi {
  login(options?: { signal?: AbortSignal }): Promise<Agent>;
  waterline(options: { waterLine?: number; signal?: AbortSignal; timeoutMs?: number }): Promise<WaterlineAnswer>;
  recvMsg(waterLine: number, limit?: number, options?: { signal?: AbortSignal }): Promise<RecvMsgAnswer>;
}

export interface SessionEvents {
  status: { status: SessionStatus; error?: VoipError };
  login: { agent: Agent };
  ring: { call: Call };
  answer: { call: Call };
  hangup: { call: Call };
  message: { message: VoipMessage };
  error: { error: VoipError };
  /** The local waterline moved (for a leader tab to tell the others). */
  waterline: { waterline: number };
}


/** A timer that fires this much later than asked means the machine slept. */
const SLEEP_DETECT_SLACK_MS = 15_000;
const WAKE_CHECK_MS = 5_000;

export class WatchSession extends Emitter<SessionEvents> implements TabFollowing {
  readonly #api: SessionApi;
  readonly #options: SessionSettings;
  readonly #clock: Clock;
  readonly #sleeper: Sleeper;
  readonly #backoff: Backoff;
  readonly #tracker = new CallTracker();

  #status: SessionStatus = SessionStatus.Offline;
  #agent: Agent | null = null;
  #error: VoipError | undefined;
  /** The greatest waterline fully applied; undefined until the first poll sets the base. */
  #waterline: number | undefined;
  /** Waterlines above #waterline already applied (from a poll's msgs ahead of recvMsg). */
  readonly #appliedAhead = new Set<number>();
  /** Bumped by start/stop: an answer from an older run is dropped (@lit/task's call id). */
  #runId = 0;
  #abort: AbortController | undefined;
  #wakeTimer: unknown;
  #lastWakeCheck = 0;
  #lastRequestAt = Number.NEGATIVE_INFINITY;
  #requests = 0;
  /**
   * The login attempt in flight, or the one `prepare()` sent that no run has taken up yet (its
   * outcome, failure included, is the run's first: one request, never two).
   */
  #pendingLogin: { promise: Promise<Agent>; abort: AbortController } | undefined;

  constructor(api: SessionApi, options: WatchSessionOptions = {}) {
    super();
    this.#api = api;
    this.#options = sessionSettings(options);
    this.#clock = this.#options.clock;
    this.#sleeper = new Sleeper(this.#clock);
    this.#backoff = new Backoff(this.#options.backoff, this.#options.random);
  }

  get status(): SessionStatus {
    return this.#status;
  }
  get agent(): Agent | null {
    return this.#agent;
  }
  get error(): VoipError | undefined {
    return this.#error;
  }
  get running(): boolean {
    return this.#abort !== undefined;
  }
  /** Calls still up, oldest first. */
  get liveCalls(): Call[] {
    return this.#tracker.liveCalls;
  }
  /** The local waterline (undefined before the first poll). */
  get waterline(): number | undefined {
    return this.#waterline;
  }
  /** Requests made since construction (for benchmarks and leak checks). */
  get requestCount(): number {
    return this.#requests;
  }

  /** Logs in and watches until `stop()`. Calling it while running does nothing. */
  start(): void {
    if (this.#abort) return;
    const runId = ++this.#runId;
    this.#abort = new AbortController();
    this.#lastWakeCheck = this.#clock.now();
    void this.#run(runId, this.#abort.signal); // sends the login before the timers start
    this.#scheduleWakeCheck(runId);
  }

  /** Aborts the request in flight and clears every timer; status goes `offline`. */
  stop(): void {
    this.#runId++;
    this.#abort?.abort(new VoipError(LocalCode.Aborted, 'session stopped'));
    this.#abort = undefined;
    this.#pendingLogin?.abort.abort(new VoipError(LocalCode.Aborted, 'session stopped'));
    this.#pendingLogin = undefined;
    this.#sleeper.cancel();
    this.#clock.clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
    this.#setStatus(SessionStatus.Offline);
  }

  /**
   * Poll now instead of waiting out a back-off or the interval: the network came back, the tab
   * became visible, the machine woke up. A long poll already in flight is left alone unless
   * `restart` is set (after sleep or a network change it is likely dead).
   */
  wake(restart = false): void {
    if (!this.#abort) return;
    this.#backoff.reset();
    this.#lastRequestAt = Number.NEGATIVE_INFINITY;
    if (restart && this.#inFlight) this.#inFlight.abort();
    this.#sleeper.wake();
  }

  /**
   * Ends live calls locally after the agent's own hang-up succeeded, without waiting for the
   * server's message (which is then a duplicate and ignored).
   */
  endCallsLocally(): void {
    this.#emitCallEvents(this.#tracker.endAll(this.#clock.now()));
  }

  // TabFollowing (src/session/tab-following.ts): what tab sharing needs, documented there.

  prepare(): void {
    if (this.#agent || this.#pendingLogin) return;
    this.#pendingLogin = this.#sendLogin();
    this.#pendingLogin.promise.then(
      (agent) => this.#loggedIn(agent),
      () => {
        /* a run retries it and reports the error; a follower hears of it from the leader */
      },
    );
  }

  discardPreparedLogin(): void {
    if (this.#abort) return; // running: the run owns the attempt
    this.#pendingLogin?.abort.abort(new VoipError(LocalCode.Aborted, 'prepared login no longer needed'));
    this.#pendingLogin = undefined;
  }

  snapshot(): SessionSnapshot {
    return { status: this.#status, ...(this.#error ? { error: this.#error } : {}), agent: this.#agent, waterline: this.#waterline, liveCalls: this.liveCalls };
  }

  ingest(message: VoipMessage, waterline?: number): void {
    if (waterline !== undefined) this.#advance(waterline);
    this.#applyOne(message);
  }

  adopt(snapshot: Pick<SessionSnapshot, 'agent' | 'waterline' | 'liveCalls'>, complete = false): void {
    if (snapshot.agent) this.#loggedIn(snapshot.agent);
    if (snapshot.waterline !== undefined) this.#advance(snapshot.waterline);
    const now = this.#clock.now();
    if (complete) this.#emitCallEvents(this.#tracker.endUnlisted(snapshot.liveCalls, now));
    for (const call of snapshot.liveCalls) this.#emitCallEvents(this.#tracker.restore(call, now));
  }

  #inFlight: AbortController | undefined;

  async #run(runId: number, signal: AbortSignal): Promise<void> {
    const live = (): boolean => runId === this.#runId && !signal.aborted;
    // Already logged in (prepare(), or a tab taking over): straight to online, no flicker.
    if (!this.#agent) this.#setStatus(SessionStatus.Connecting);
    // Log in, retrying network failures with back-off; -2 stops for good.
    while (live() && !this.#agent) {
      try {
        const agent = await this.#attemptLogin();
        if (!live()) return;
        this.#loggedIn(agent);
      } catch (error) {
        if (!live()) return;
        if (!(await this.#failed(error, runId))) return;
      }
    }
    if (!live()) return;
    this.#setStatus(SessionStatus.Online);

    while (live()) {
      const gate = this.#options.beforePolling;
      if (gate) {
        await gate().catch(() => undefined);
        if (!live()) return;
      }
      // Never start two requests closer than pollIntervalMs.
      const wait = this.#lastRequestAt + this.#options.pollIntervalMs - this.#clock.now();
      if (wait > 0 && !(await this.#sleeper.sleep(wait))) return;
      if (!live()) return;
      this.#lastRequestAt = this.#clock.now();
      const request = new AbortController();
      const onStop = (): void => request.abort();
      signal.addEventListener('abort', onStop, { once: true });
      this.#inFlight = request;
      try {
        this.#requests++;
        const answer = await this.#api.waterline({
          // First poll: 0, so a server that holds polls until something is newer than the given
          // waterline (our mock; the real server ignores the parameter) answers at once.
          waterLine: this.#waterline ?? 0,
          signal: request.signal,
          timeoutMs: this.#options.pollTimeoutMs,
        });
        if (!live()) return;
        await this.#onAnswer(answer, request.signal, live);
        if (!live()) return;
        this.#backoff.reset();
        this.#setStatus(SessionStatus.Online);
      } catch (error) {
        if (!live()) return;
        if (request.signal.aborted && isVoipError(error) && error.code === LocalCode.Aborted) continue; // woken
        if (!(await this.#failed(error, runId))) return;
      } finally {
        signal.removeEventListener('abort', onStop);
        if (this.#inFlight === request) this.#inFlight = undefined;
      }
    }
  }

  /** The run's login: the one prepare() sent if there is one, else a new one. `stop()` aborts it. */
  async #attemptLogin(): Promise<Agent> {
    const attempt = (this.#pendingLogin ??= this.#sendLogin());
    try {
      return await attempt.promise;
    } finally {
      if (this.#pendingLogin === attempt) this.#pendingLogin = undefined;
    }
  }

  #sendLogin(): { promise: Promise<Agent>; abort: AbortController } {
    const abort = new AbortController();
    this.#requests++;
    return { promise: this.#api.login({ signal: abort.signal }), abort };
  }

  /** The first answer of a login wins: `login` is emitted once per session. */
  #loggedIn(agent: Agent): void {
    if (this.#agent) return;
    this.#agent = agent;
    this.#backoff.reset();
    this.emit('login', { agent });
  }

  /** Handles a failure: returns false when the session must stop (bad credentials, stopped). */
  async #failed(error: unknown, runId: number): Promise<boolean> {
    if (!isVoipError(error)) {
      // A programming error in our code is never retried as if it were the network (ky's rule):
      // stop, say so, and let it surface in the console.
      const wrapped = new VoipError(LocalCode.BadAnswer, error instanceof Error ? error.message : String(error), { cause: error });
      this.emit('error', { error: wrapped });
      this.#halt(runId, wrapped);
      queueMicrotask(() => {
        throw error;
      });
      return false;
    }
    this.emit('error', { error });
    if (error.code === ResultCode.Auth || error.code === LocalCode.NotConfigured || error.code === LocalCode.MixedContent) {
      // Wrong credentials (or a set-up the browser will always block): asking again cannot help.
      this.#halt(runId, error);
      return false;
    }
    // Network, timeouts, unreadable answers: show `connecting`. Server codes: stay online, say so.
    if (error.code === ResultCode.Network || error.code === LocalCode.BadAnswer) this.#setStatus(SessionStatus.Connecting, error);
    const delay = this.#backoff.next();
    const slept = await this.#sleeper.sleep(delay);
    return slept && runId === this.#runId;
  }

  /** Stops for good with status `error` (the element starts a new session once the user fixes it). */
  #halt(runId: number, error: VoipError): void {
    if (runId !== this.#runId) return;
    this.stop();
    this.#setStatus(SessionStatus.Error, error);
  }

  async #onAnswer(answer: WaterlineAnswer, signal: AbortSignal, live: () => boolean): Promise<void> {
    const local = this.#waterline;
    if (local === undefined || answer.waterline < local) {
      // First poll, or the server's waterline went backwards (a restart): take it as the base.
      // After a restart, calls we never saw are new ones: deliver them all, not only live ones.
      await this.#baseline(answer, signal, live, local !== undefined);
      return;
    }
    if (answer.waterline === local) return;
    if (this.#options.popFromPoll && this.#applyAll(answer.msgs.filter((m) => m.waterLine > local)) > 0) {
      // The page is about to paint the card just popped: confirm through recvMsg a frame later,
      // so that creating the request (a few ms of the page's main thread) does not delay it.
      if (!(await this.#sleeper.sleep(this.#options.confirmAfterPopMs)) || !live()) return;
    }
    await this.#catchUp(signal, live, answer.waterline);
  }

  /**
   * recvMsg from the local waterline, page after page, applying what is new. The local waterline
   * only moves past messages received from recvMsg, so a failure half way loses nothing.
   */
  async #catchUp(signal: AbortSignal, live: () => boolean, serverWaterline: number): Promise<void> {
    for (let page = 0; page < this.#options.maxPages; page++) {
      const from = this.#waterline ?? 0;
      this.#requests++;
      const answer = await this.#api.recvMsg(from, this.#options.pageSize, { signal });
      if (!live()) return;
      const fresh = answer.msgs.filter((m) => m.waterLine > from);
      this.#applyAll(fresh);
      this.#advance(fresh.reduce((max, m) => Math.max(max, m.waterLine), from));
      if (answer.msgs.length < this.#options.pageSize || fresh.length === 0) {
        // recvMsg has shown everything up to the server's waterline: adopt it, so the next
        // poll is not answered at once for something we already have.
        this.#advance(serverWaterline);
        return;
      }
    }
    // maxPages reached: the next poll continues from the local waterline.
  }

  /**
   * First poll: adopt the server waterline without replaying history, except a call still in
   * progress (docs/800ing-api.md §3 decision), so a reload in the middle of a call shows it again.
   */
  async #baseline(answer: WaterlineAnswer, signal: AbortSignal, live: () => boolean, replayUnseen: boolean): Promise<void> {
    const base = answer.waterline;
    let from = Math.max(0, base - this.#options.resumeLookback);
    const history: RawMessage[] = answer.msgs.filter((m) => m.waterLine > from);
    for (let page = 0; page < this.#options.maxPages; page++) {
      this.#requests++;
      const got = await this.#api.recvMsg(from, this.#options.pageSize, { signal });
      if (!live()) return;
      history.push(...got.msgs);
      const top = got.msgs.reduce((max, m) => Math.max(max, m.waterLine), from);
      if (got.msgs.length < this.#options.pageSize || top <= from) break;
      from = top;
    }
    const byWaterline = new Map<number, RawMessage>();
    for (const m of history) if (!byWaterline.has(m.waterLine)) byWaterline.set(m.waterLine, m);
    const ordered = [...byWaterline.values()].sort((a, b) => a.waterLine - b.waterLine).map(toVoipMessage);

    const plan = planBaseline(ordered, this.#tracker, replayUnseen);
    for (const m of plan.ended) this.#tracker.rememberEnded(refOf(m), m.time ?? this.#clock.now());

    this.#waterline = Math.max(base, ...ordered.map((m) => m.waterLine));
    this.#appliedAhead.clear();
    this.emit('waterline', { waterline: this.#waterline });
    for (const m of plan.replay) this.#applyOne(m);
    // An adopted call the server's recent history does not show at all is over (a reload would
    // not show it either). Not after a server restart: its new history starts empty.
    if (!replayUnseen) this.#emitCallEvents(this.#tracker.endUnlisted(plan.shown, this.#clock.now()));
  }

  /** Applies the messages not applied yet, in waterline order; answers how many that was. */
  #applyAll(messages: RawMessage[]): number {
    let applied = 0;
    for (const raw of [...messages].sort((a, b) => a.waterLine - b.waterLine)) {
      if (this.#appliedAhead.has(raw.waterLine)) continue;
      this.#appliedAhead.add(raw.waterLine);
      this.#applyOne(toVoipMessage(raw));
      applied++;
    }
    return applied;
  }

  #applyOne(message: VoipMessage): void {
    this.emit('message', { message });
    this.#emitCallEvents(this.#tracker.apply(message, this.#clock.now()));
  }

  #emitCallEvents(events: CallEvent[]): void {
    for (const event of events) this.emit(event.type, { call: event.call });
  }

  #advance(waterline: number): void {
    if (this.#waterline !== undefined && waterline <= this.#waterline) return;
    this.#waterline = waterline;
    for (const w of this.#appliedAhead) if (w <= waterline) this.#appliedAhead.delete(w);
    this.emit('waterline', { waterline });
  }

  #setStatus(status: SessionStatus, error?: VoipError): void {
    const changed = status !== this.#status || error !== this.#error;
    this.#status = status;
    this.#error = status === SessionStatus.Online ? undefined : error;
    if (changed) this.emit('status', this.#error ? { status, error: this.#error } : { status });
  }

  /** Detects the machine waking from sleep by a timer firing far later than asked. */
  #scheduleWakeCheck(runId: number): void {
    this.#wakeTimer = this.#clock.setTimeout(() => {
      if (runId !== this.#runId) return;
      const now = this.#clock.now();
      const late = now - this.#lastWakeCheck - WAKE_CHECK_MS;
      this.#lastWakeCheck = now;
      if (late > SLEEP_DETECT_SLACK_MS) this.wake(true);
      this.#scheduleWakeCheck(runId);
    }, WAKE_CHECK_MS);
  }
}
