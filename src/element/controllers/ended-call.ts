/**
 * The card of the call that just ended, kept a few seconds, with its call record (the duration the
 * server measured, the recording) fetched as a task: a newer call or the host's removal aborts
 * the request, and an answer for a call no longer shown is dropped (@lit/task's pattern).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { VoipClient } from '../../client/index.js';
import type { CallRecord } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';

/** How long the card of a finished call stays before it collapses (ms). */
const ENDED_CARD_MS = 6000;

export class EndedCallController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fetch: AbortController | undefined;
  /** The finished call shown, or null. */
  call: Call | null = null;
  /** Its record, once the server answered. */
  record: CallRecord | null = null;
  /** The links to its recording, once the record names one. */
  recording: { url: string; mp3: string } | null = null;

  constructor(host: ReactiveControllerHost) {
    (this.#host = host).addController(this);
  }

  hostDisconnected(): void {
    this.clear();
  }

  /** Shows `call` for a few seconds and asks `client` for its record. */
  show(call: Call, client: VoipClient | null): void {
    this.clear();
    this.call = call;
    this.#timer = setTimeout(() => this.clear(), ENDED_CARD_MS);
    const cdrId = call.cdrId;
    if (!client || !cdrId) return;
    const fetch = (this.#fetch = new AbortController());
    client.callRecord({ cdrId, phone: call.phone }, { signal: fetch.signal }).then(
      (record) => {
        if (fetch !== this.#fetch || !record) return; // stale: another call, or none, is shown now
        this.record = record;
        const url = client.recordingUrl(record);
        if (url) this.recording = { url, mp3: client.recordingMp3Url(cdrId) };
        this.#host.requestUpdate();
      },
      () => {
        /* aborted, or failed: the duration then comes from our own timestamps */
      },
    );
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#fetch?.abort();
    this.#fetch = undefined;
    if (this.call === null) return;
    this.call = null;
    this.record = this.recording = null;
    this.#host.requestUpdate();
  }
}
