/**
 * Gets the agent's attention while an inbound call rings: the ringtone (one per page, one tab per
 * account), the flashing tab title, and a desktop notification when the page is hidden. Also
 * readies sound on the page's first user gesture, and asks notification permission only from a
 * click on the host itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CallState, Direction, type Call } from '../../session/index.js';
import { askNotificationPermission, notifyCall } from './attention/notifier.js';
import { ringtone } from './attention/ringtone.js';
import { titleFlash } from './attention/title-flash.js';

export interface AttentionHost extends ReactiveControllerHost, HTMLElement {
  server: string;
  user: string;
  ringtone: 'on' | 'off';
  notify: boolean;
}

/** What to show for a call that has just started ringing inbound. */
export interface RingAlert {
  /** "Incoming 138…", as the agent may see the number. */
  title: string;
  body: string;
  /** The call's notification tag: tabs showing the same call show one notification. */
  tag: string;
  /** False when this call's ring was already announced (a restarted session shows it again). */
  first: boolean;
}

export class AttentionController implements ReactiveController {
  readonly #host: AttentionHost;

  constructor(host: AttentionHost) {
    (this.#host = host).addController(this);
  }

  /** The ringtone waits for a user gesture on the page (browsers' autoplay rule). */
  get soundBlocked(): boolean {
    return this.#host.ringtone !== 'off' && !ringtone.allowed;
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.#onUserGesture, true);
    document.addEventListener('keydown', this.#onUserGesture, true);
    this.#host.addEventListener('click', this.#onOwnClick);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.#onUserGesture, true);
    document.removeEventListener('keydown', this.#onUserGesture, true);
    this.#host.removeEventListener('click', this.#onOwnClick);
    this.quiet();
  }

  /**
   * Follows `calls` (those up now): alerts for `ring` when given, quiet once no inbound call rings.
   * While the agent talks on a call the ringtone never loops over it: a new call rings once, softly.
   */
  follow(calls: readonly Call[], ring?: RingAlert): void {
    if (!calls.some((c) => c.direction === Direction.Inbound && c.state === CallState.Ringing)) {
      this.quiet();
      return;
    }
    const host = this.#host;
    const talking = calls.some((c) => c.state === CallState.Talking);
    if (talking) ringtone.stop(host);
    if (!ring) return;
    if (host.ringtone !== 'off') {
      if (talking) ringtone.chime();
      else ringtone.start(host, `voip-softphone:${host.server}|${host.user}`);
    }
    titleFlash.start(host, ring.title);
    if (ring.first && host.notify && document.visibilityState === 'hidden') {
      notifyCall(ring.title, ring.body, ring.tag, () => {
        host.scrollIntoView({ block: 'nearest' });
        (host.shadowRoot?.querySelector('[part~="answer-button"]') as HTMLElement | null)?.focus();
      });
    }
  }

  quiet(): void {
    ringtone.stop(this.#host);
    titleFlash.stop(this.#host);
  }

  /** Call from a user gesture (the sound prompt). */
  unlock(): void {
    ringtone.unlock();
  }

  /** Any user gesture on the page lets the browser play sound: hide the prompt, prepare audio. */
  #onUserGesture = (): void => {
    if (this.#host.ringtone === 'off') return;
    ringtone.unlock();
    if (this.soundBlocked) this.#host.requestUpdate();
  };

  /** Notification permission is asked only from a click on the widget itself. */
  #onOwnClick = (): void => {
    if (this.#host.notify) askNotificationPermission();
  };
}
