/**
 * One watching session shared by every tab of an origin that shows the same account: the leader
 * tab polls, the others follow over a BroadcastChannel, so the server sees the same polls with
 * 1 tab or 10 (each tab sends one login of its own as it opens, before it knows whether another
 * tab leads: that is what makes a lone tab online one round trip sooner). Every tab fires the same events (each call's ring/answer/hangup once per
 * page), and when the leader closes or crashes another tab takes over from the last waterline
 * with the same call state: nothing missed, nothing doubled.
 *
 * Followers run the same WatchSession without starting it: the leader sends each message it
 * applies and followers `ingest` it, so their call trackers are always ready to lead.
 */
import { VoipError, type Agent, type VoipMessage } from '../protocol/index.js';
import {
  Emitter,
  SessionStatus,
  WatchSession,
  type Call,
  type Clock,
  type SessionApi,
  type SessionEvents,
  type WatchSessionOptions,
} from '../session/index.js';
import { createElection, type Election } from './election.js';

type ErrorData = { code: number; message: string; method?: string };

/** What tabs say to each other (structured-clone safe: no class instances). */
type Note =
  | { t: 'hello' }
  | { t: 'state'; status: SessionStatus; error?: ErrorData; agent: Agent | null; waterline?: number; liveCalls: Call[] }
  | { t: 'msg'; message: VoipMessage; waterline?: number }
  | { t: 'waterline'; waterline: number }
  | { t: 'status'; status: SessionStatus; error?: ErrorData }
  | { t: 'error'; error: ErrorData };

export interface SharedSessionOptions extends WatchSessionOptions {
  /** Identifies the account: tabs with the same key share one poller. */
  key: string;
  clock: Clock;
  /** Off: this tab polls on its own (tests, or pages that want no coordination). */
  shareAcrossTabs?: boolean;
}

export const Role = { Waiting: 'waiting', Leader: 'leader', Follower: 'follower' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export class SharedSession extends Emitter<SessionEvents> {
  readonly #session: WatchSession;
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

  constructor(api: SessionApi, options: SharedSessionOptions) {
    super();
    this.#session = new WatchSession(api, options);
    const share = options.shareAcrossTabs !== false && typeof BroadcastChannel !== 'undefined';
    if (share) {
      const name = `voip-softphone:${options.key}`;
      this.#channel = new BroadcastChannel(name);
      this.#election = createElection(name, options.clock);
    }
    // Local events of the inner session reach this page's listeners in every role.
    for (const type of ['login', 'ring', 'answer', 'hangup', 'message', 'waterline'] as const) {
      this.#offs.push(this.#session.on(type, (detail) => this.emit(type, detail as never)));
    }
    this.#offs.push(
      this.#session.on('status', ({ status, error }) => {
        if (this.#role === Role.Leader) this.#setStatus(status, error);
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

  /**
   * Carries on calls an earlier session of this account showed (before `start()`): they stay up
   * until this session learns how they went, so their hang-up still reaches the page.
   */
  carryOn(calls: Call[]): void {
    this.#session.adopt({ agent: null, waterline: undefined, liveCalls: calls });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (!this.#channel || !this.#election) {
      this.#lead();
      return;
    }
    this.#channel.onmessage = (event: MessageEvent<Note>) => this.#onNote(event.data);
    this.#setStatus(SessionStatus.Connecting);
    this.#role = Role.Follower;
    this.#post({ t: 'hello' });
    // Log in while the election decides (it waits for a browser lock, which may be granted
    // only after the page's first render): a leader is then online one round trip sooner.
    this.#session.prepare();
    this.#election.start(() => this.#lead());
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#election?.stop();
    if (this.#channel) this.#channel.onmessage = null;
    // Stop forwarding first: the other tabs must not hear this tab's `offline` (they would flicker
    // online → offline → online); they notice the released lock and one of them takes over.
    for (const off of this.#leaderOffs) off();
    this.#leaderOffs = [];
    this.#session.stop();
    this.#role = Role.Waiting;
    this.#heardLeader = false;
    this.#setStatus(SessionStatus.Offline);
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
    const forward = this.#channel !== undefined;
    if (forward) {
      this.#leaderOffs.push(
        this.#session.on('message', ({ message }) => this.#post({ t: 'msg', message, waterline: this.#session.waterline })),
        this.#session.on('waterline', ({ waterline }) => this.#post({ t: 'waterline', waterline })),
        this.#session.on('status', ({ status, error }) => this.#post({ t: 'status', status, ...(error ? { error: errorData(error) } : {}) })),
        this.#session.on('error', ({ error }) => this.#post({ t: 'error', error: errorData(error) })),
      );
    }
    this.#session.start();
  }

  #onNote(note: Note): void {
    if (!this.#started) return;
    if (this.#role === Role.Leader) {
      if (note.t === 'hello') this.#post(this.#stateNote());
      return;
    }
    if ((note.t === 'state' || note.t === 'status') && !this.#heardLeader) {
      this.#heardLeader = true;
      // A leader watches: this tab's own early login is not needed, and its outcome must not be
      // taken up by a run hours from now if this tab takes over then.
      this.#session.discardPreparedLogin();
    }
    switch (note.t) {
      case 'state':
        // A leader past its first poll knows every call up: one this tab still shows has ended.
        this.#session.adopt({ agent: note.agent, waterline: note.waterline, liveCalls: note.liveCalls }, note.waterline !== undefined);
        this.#setStatus(note.status, note.error && revive(note.error));
        break;
      case 'msg':
        this.#session.ingest(note.message, note.waterline);
        break;
      case 'waterline':
        this.#session.adopt({ agent: null, waterline: note.waterline, liveCalls: [] });
        break;
      case 'status':
        this.#setStatus(note.status, note.error && revive(note.error));
        break;
      case 'error':
        this.emit('error', { error: revive(note.error) });
        break;
      case 'hello':
        break;
    }
  }

  #stateNote(): Note {
    const s = this.#session.snapshot();
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
