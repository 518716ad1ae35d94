/**
 * One watching session shared by every tab of an origin that shows the same account: the leader
 * tab polls, the others follow over a BroadcastChannel, so the server sees the same polls with
 * 1 tab or 10 (each tab sends one login of its own as it opens, before it knows whether another
 * tab leads: that is what makes a lone tab online one round trip sooner). Every tab fires the same events (each call's ring/answer/hangup once per
 * page), and when the leader closes or crashes another tab takes over from the last waterline
 * with the same call state: nothing missed, nothing doubled.
 *
 * Followers run the same WatchSession without starting it: the leader sends each message it
 * applies and followers `ingest` it, so their call trackers are always ready to lead. What a
 * follower needs of the session beyond watching is its TabFollowing side, and only that.
 */
import { VoipError, type Agent } from '../protocol/index.js';
import { plainCopy } from '../protocol/plain-copy.js';
import {
  DEFAULT_POLL_INTERVAL_MS,
  Emitter,
  SessionStatus,
  sessionSettings,
  WatchSession,
  type Call,
  type Clock,
  type SessionApi,
  type SessionEvents,
  type TabFollowing,
  type WatchSessionOptions,
} from '../session/index.js';
import { createElection, type Election } from './election.js';
import { readNote, type ErrorData, type Note } from './notes.js';

/**
 * A follower that has heard nothing from the leader for this many poll intervals takes the lead
 * from it: checked once an interval, so a leader that stopped polling is replaced within 3.
 */
const SILENT_INTERVALS = 2;

export interface SharedSessionOptions extends WatchSessionOptions {
  /** Identifies the account and its credentials (`tabKey()`): tabs with the same key share one poller. */
  key: string;
  clock: Clock;
  /** Off: this tab polls on its own (tests, or pages that want no coordination). */
  shareAcrossTabs?: boolean;
}

export const Role = { Waiting: 'waiting', Leader: 'leader', Follower: 'follower' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export class SharedSession extends Emitter<SessionEvents> {
  /** The watching session: polls while this tab leads. */
  readonly #session: WatchSession;
  /** The same session, as a follower uses it (prepared login, the leader's messages and state). */
  readonly #follower: TabFollowing;
  readonly #channel: BroadcastChannel | undefined;
  readonly #election: Election | undefined;
  #role: Role = Role.Waiting;
  #status: SessionStatus = SessionStatus.Offline;
  #error: VoipError | undefined;
  #offs: (() => void)[] = [];
  /** The leader's forwarders to the other tabs, removed when this tab stops leading. */
  #leaderOffs: (() => void)[] = [];
  #started = false;
  /** A leader tab has told this one how it stands (so this tab's status is the leader's). */
  #heardLeader = false;
  /** This tab's page has heard `login` in this session (once per session, whoever logged in). */
  #loggedIn = false;
  /** When this tab last heard the leader (a follower), by the session's clock. */
  #lastHeard = 0;
  /** The leader's heartbeat, or the follower's check that the leader is still there. */
  #pulse: unknown;
  /** Notes dropped as unknown or malformed (any same-origin script can post on the channel). */
  #dropped = 0;
  readonly #clock: Clock;
  readonly #intervalMs: number;

  constructor(api: SessionApi, options: SharedSessionOptions) {
    super();
    const settings = sessionSettings(options);
    this.#follower = this.#session = new WatchSession(api, settings);
    this.#clock = options.clock;
    // The heartbeat's period: a poll interval of 0 (poll back to back) would make it spin.
    this.#intervalMs = settings.pollIntervalMs || DEFAULT_POLL_INTERVAL_MS;
    const share = options.shareAcrossTabs !== false && typeof BroadcastChannel !== 'undefined';
    if (share) {
      const name = `voip-softphone:${options.key}`;
      this.#channel = new BroadcastChannel(name);
      this.#election = createElection(name, options.clock);
    }
    // Local events of the inner session reach this page's listeners in every role, as plain
    // copies: server objects (or another tab's) never hand the page a prototype of their own.
    for (const type of ['ring', 'answer', 'hangup', 'message', 'waterline'] as const) {
      this.#offs.push(this.#session.on(type, (detail) => this.emit(type, plainCopy(detail) as never)));
    }
    this.#offs.push(
      this.#session.on('login', ({ agent }) => this.#emitLogin(agent)),
      this.#session.on('status', ({ status, error }) => {
        if (this.#role !== Role.Leader) return;
        this.#setStatus(status, error);
        if (status === SessionStatus.Error) this.#resign(error);
      }),
      this.#session.on('error', ({ error }) => {
        if (this.#role === Role.Leader) this.emit('error', { error });
      }),
      // Logged in while the election is still deciding and no leader has spoken: some tab (most
      // likely this one; a browser lock can take 100 ms to be granted) is about to watch.
      this.#session.on('login', () => {
        if (this.#role === Role.Follower && !this.#heardLeader && this.#status === SessionStatus.Connecting) {
          this.#setStatus(SessionStatus.Online);
        }
      }),
    );
  }

  get role(): Role {
    return this.#role;
  }
  get status(): SessionStatus {
    return this.#status;
  }
  get error(): VoipError | undefined {
    return this.#error;
  }
  get agent(): Agent | null {
    return this.#session.agent;
  }
  get liveCalls(): Call[] {
    return this.#session.liveCalls;
  }
  get waterline(): number | undefined {
    return this.#session.waterline;
  }
  get requestCount(): number {
    return this.#session.requestCount;
  }
  /** How many notes from other tabs were dropped as unknown or malformed. */
  get droppedNotes(): number {
    return this.#dropped;
  }

  /**
   * Carries on calls an earlier session of this account showed (before `start()`): they stay up
   * until this session learns how they went, so their hang-up still reaches the page.
   */
  carryOn(calls: Call[]): void {
    this.#follower.adopt({ agent: null, waterline: undefined, liveCalls: calls });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (!this.#channel || !this.#election) {
      this.#lead();
      return;
    }
    this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#receive(event.data);
    this.#setStatus(SessionStatus.Connecting);
    this.#follow();
    this.#post({ t: 'hello' });
    // Log in while the election decides (it waits for a browser lock, which may be granted
    // only after the page's first render): a leader is then online one round trip sooner.
    this.#follower.prepare();
    this.#enterElection();
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#election?.stop();
    if (this.#channel) this.#channel.onmessage = null;
    this.#stopLeading();
    this.#role = Role.Waiting;
    this.#heardLeader = false;
    this.#loggedIn = false;
    this.#setStatus(SessionStatus.Offline);
  }

  /**
   * Stops the inner session without the other tabs hearing it: forwarding stops first, so they
   * do not hear this tab's `offline` (they would flicker online → offline → online).
   */
  #stopLeading(): void {
    this.#clock.clearTimeout(this.#pulse);
    for (const off of this.#leaderOffs) off();
    this.#leaderOffs = [];
    this.#session.stop();
  }

  #enterElection(): void {
    this.#election?.start(
      () => this.#lead(),
      () => this.#lostLead(),
    );
  }

  /** Waits for the leader's notes; seizes the lead when the leader falls silent. */
  #follow(): void {
    this.#role = Role.Follower;
    let checked = (this.#lastHeard = this.#clock.now());
    const check = (): void => {
      if (!this.#started || this.#role !== Role.Follower) return;
      const now = this.#clock.now();
      const silence = SILENT_INTERVALS * this.#intervalMs;
      // A check that comes late means this tab was frozen or throttled, not that the leader was
      // silent: the leader's notes may still be queued for it, so the silence starts now. Else
      // one seizure per silence, not one per check.
      if (now - checked > silence || now - this.#lastHeard >= silence) {
        if (now - checked <= silence) this.#election?.seize();
        this.#lastHeard = now;
      }
      checked = now;
      this.#pulse = this.#clock.setTimeout(check, this.#intervalMs);
    };
    this.#clock.clearTimeout(this.#pulse);
    this.#pulse = this.#clock.setTimeout(check, this.#intervalMs);
  }

  /**
   * This tab's session stopped for good (wrong password…): it gives up the lead at once, so
   * another tab of the account polls, and neither leads nor follows until started again.
   */
  #resign(error: VoipError | undefined): void {
    this.#post({ t: 'status', status: SessionStatus.Error, ...(error ? { error: errorData(error) } : {}) });
    this.#election?.stop();
    this.#clock.clearTimeout(this.#pulse);
    for (const off of this.#leaderOffs) off();
    this.#leaderOffs = [];
    this.#role = Role.Waiting;
  }

  /** Another tab took the lead from this one (it had not heard this one): follow it. */
  #lostLead(): void {
    if (!this.#started || this.#role !== Role.Leader) return;
    this.#role = Role.Follower; // first: the inner session's `offline` is not this tab's status
    this.#stopLeading();
    this.#heardLeader = false;
    this.#follow();
    this.#post({ t: 'hello' });
    this.#enterElection();
  }

  /** `login` reaches the page once per session, from this tab's login or from the leader's. */
  #emitLogin(agent: Agent): void {
    if (this.#loggedIn) return;
    this.#loggedIn = true;
    this.emit('login', { agent: plainCopy(agent) });
  }

  /** Stops for good: closes the channel and drops every listener of the inner session. */
  dispose(): void {
    this.stop();
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#channel?.close();
  }

  wake(restart = false): void {
    if (this.#role === Role.Leader) this.#session.wake(restart);
  }

  /** This tab polls from now on, carrying on from the state it followed. */
  #lead(): void {
    if (!this.#started) return;
    this.#role = Role.Leader;
    this.#clock.clearTimeout(this.#pulse);
    const forward = this.#channel !== undefined;
    if (forward) {
      // The heartbeat: followers take over when it stops (a hung tab keeps a Web Lock for ever).
      const beat = (): void => {
        if (this.#role !== Role.Leader || this.#session.status === SessionStatus.Error) return;
        this.#post({ t: 'beat' });
        this.#pulse = this.#clock.setTimeout(beat, this.#intervalMs);
      };
      beat();
      this.#leaderOffs.push(
        this.#session.on('message', ({ message }) => this.#post({ t: 'msg', message, waterline: this.#session.waterline })),
        this.#session.on('waterline', ({ waterline }) => this.#post({ t: 'waterline', waterline })),
        this.#session.on('status', ({ status, error }) => this.#post({ t: 'status', status, ...(error ? { error: errorData(error) } : {}) })),
        this.#session.on('error', ({ error }) => this.#post({ t: 'error', error: errorData(error) })),
      );
    }
    this.#session.start();
  }

  #receive(data: unknown): void {
    const note = readNote(data);
    if (note) {
      this.#onNote(note);
      return;
    }
    this.#dropped++;
    console.debug('voip-softphone: dropped a malformed note from another tab', this.#dropped);
  }

  #onNote(note: Note): void {
    if (!this.#started) return;
    if (this.#role === Role.Leader) {
      if (note.t === 'hello') this.#post(this.#stateNote());
      return;
    }
    if (this.#role !== Role.Follower) return; // resigned after an error: its own status stands
    if (note.t !== 'hello') this.#lastHeard = this.#clock.now();
    if ((note.t === 'state' || note.t === 'status') && !this.#heardLeader) {
      this.#heardLeader = true;
      // A leader watches: this tab's own early login is not needed, and its outcome must not be
      // taken up by a run hours from now if this tab takes over then.
      this.#follower.discardPreparedLogin();
    }
    switch (note.t) {
      case 'state':
        // A leader past its first poll knows every call up: one this tab still shows has ended.
        this.#follower.adopt({ agent: note.agent, waterline: note.waterline, liveCalls: note.liveCalls }, note.waterline !== undefined);
        this.#setStatus(note.status, note.error && revive(note.error));
        // This tab's own login was dropped for the leader's: its page still hears how it went.
        if (note.agent && note.status === SessionStatus.Online) this.#emitLogin(note.agent);
        if (note.error && note.status === SessionStatus.Error) this.emit('error', { error: revive(note.error) });
        break;
      case 'msg':
        this.#follower.ingest(note.message, note.waterline);
        break;
      case 'waterline':
        this.#follower.adopt({ agent: null, waterline: note.waterline, liveCalls: [] });
        break;
      case 'status':
        this.#setStatus(note.status, note.error && revive(note.error));
        break;
      case 'error':
        this.emit('error', { error: revive(note.error) });
        break;
      case 'hello':
      case 'beat':
        break;
    }
  }

  #stateNote(): Note {
    const s = this.#follower.snapshot();
    return {
      t: 'state',
      status: s.status,
      agent: s.agent,
      liveCalls: s.liveCalls,
      ...(s.waterline !== undefined ? { waterline: s.waterline } : {}),
      ...(s.error ? { error: errorData(s.error) } : {}),
    };
  }

  #post(note: Note): void {
    try {
      this.#channel?.postMessage(note);
    } catch {
      /* the channel closed with the page */
    }
  }

  #setStatus(status: SessionStatus, error?: VoipError): void {
    if (status === this.#status && error === this.#error) return;
    this.#status = status;
    this.#error = error;
    this.emit('status', error ? { status, error } : { status });
  }
}

function errorData(error: VoipError): ErrorData {
  return { code: error.code, message: error.message, ...(error.method ? { method: error.method } : {}) };
}

function revive(data: ErrorData): VoipError {
  return new VoipError(data.code, data.message, data.method ? { method: data.method } : {});
}
