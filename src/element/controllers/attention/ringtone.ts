/**
 * The ring, made with Web Audio (no audio file to host or to be blocked by a CSP): China's ring
 * cadence, a 450 Hz tone, 1 s on and 4 s off. One ringtone per page however many calls or widgets
 * want it (reference-counted owners), and one per account across tabs: the tab that rings holds a
 * Web Lock, the others stay quiet.
 */
const TONE_HZ = 450;
const ON_S = 1;
const PERIOD_S = 5;
/** Scheduled this far ahead; re-scheduled while ringing. */
const AHEAD_PERIODS = 6;
/** The ring's level, and the single soft ring's for a call that rings while another is talked on. */
const LOUD = 0.25;
const SOFT = 0.05;

type AudioContextCtor = typeof AudioContext;

class Ringtone {
  #context: AudioContext | undefined;
  readonly #owners = new Set<object>();
  #gain: GainNode | undefined;
  #oscillator: OscillatorNode | undefined;
  #refill: ReturnType<typeof setTimeout> | undefined;
  #releaseLock: (() => void) | undefined;
  #lockWait: AbortController | undefined;

  /** True when the browser lets this page play sound now (the user has interacted with it). */
  get allowed(): boolean {
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
    if (activation) return activation.hasBeenActive;
    return this.#context?.state === 'running';
  }

  get playing(): boolean {
    return this.#oscillator !== undefined;
  }

  /** Call from a user gesture: creates (or resumes) the audio context so later rings can play. */
  unlock(): void {
    const context = this.#ensureContext();
    void context?.resume().catch(() => {});
  }

  /** `owner` wants the ring; it plays while any owner does. `lockName` keeps it to one tab. */
  start(owner: object, lockName: string): void {
    this.#owners.add(owner);
    if (this.#owners.size > 1 || this.#lockWait || this.#releaseLock) return;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks?.request) {
      this.#play();
      return;
    }
    const wait = (this.#lockWait = new AbortController());
    locks
      .request(`${lockName}:ringtone`, { signal: wait.signal }, () => {
        if (wait.signal.aborted || this.#owners.size === 0) return undefined;
        this.#play();
        return new Promise<void>((resolve) => (this.#releaseLock = resolve));
      })
      .catch(() => {});
  }

  /** One soft ring, once: a call rings while the agent talks on another (no loop over the talk). */
  chime(): void {
    const context = this.#ensureContext();
    if (!context) return;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = TONE_HZ;
    oscillator.connect(gain).connect(context.destination);
    envelope(gain, context.currentTime, SOFT);
    oscillator.start();
    oscillator.stop(context.currentTime + ON_S);
  }

  stop(owner: object): void {
    this.#owners.delete(owner);
    if (this.#owners.size > 0) return;
    this.#lockWait?.abort();
    this.#lockWait = undefined;
    this.#releaseLock?.();
    this.#releaseLock = undefined;
    clearTimeout(this.#refill);
    this.#refill = undefined;
    try {
      this.#oscillator?.stop();
    } catch {
      /* never started */
    }
    this.#oscillator?.disconnect();
    this.#gain?.disconnect();
    this.#oscillator = undefined;
    this.#gain = undefined;
  }

  #ensureContext(): AudioContext | undefined {
    if (this.#context) return this.#context;
    const Ctor = (globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor }).AudioContext ??
      (globalThis as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
    if (!Ctor) return undefined;
    try {
      this.#context = new Ctor();
    } catch {
      return undefined;
    }
    return this.#context;
  }

  #play(): void {
    const context = this.#ensureContext();
    if (!context || this.#oscillator) return;
    void context.resume().catch(() => {});
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = TONE_HZ;
    gain.gain.value = 0;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    this.#oscillator = oscillator;
    this.#gain = gain;
    this.#schedule(context.currentTime);
  }

  /** Puts the next periods' envelope on the gain. */
  #schedule(from: number): void {
    const gain = this.#gain;
    const context = this.#context;
    if (!gain || !context) return;
    for (let i = 0; i < AHEAD_PERIODS; i++) envelope(gain, from + i * PERIOD_S, LOUD);
    const next = from + AHEAD_PERIODS * PERIOD_S;
    this.#refill = setTimeout(() => this.#schedule(next), (next - context.currentTime - PERIOD_S) * 1000);
  }
}

/** One period's on/off envelope at `t`, with short ramps so it does not click. */
function envelope(gain: GainNode, t: number, level: number): void {
  gain.gain.setValueAtTime(0, t);
  gain.gain.linearRampToValueAtTime(level, t + 0.02);
  gain.gain.setValueAtTime(level, t + ON_S - 0.02);
  gain.gain.linearRampToValueAtTime(0, t + ON_S);
}

/** The page's one ringtone. */
export const ringtone = new Ringtone();
