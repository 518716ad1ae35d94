/**
 * The card of the call that just ended, kept a few seconds, with its call record (the duration the
 * server measured, the recording) fetched as a task: a newer call or the host's removal aborts
 * the request, and an answer for a call no longer shown is dropped (@lit/task's pattern). The
 * details' view comes with the lazily loaded extras; until it is there the card shows the call
 * without them.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { VoipClient } from '../../client/index.js';
import type { CallRecord, Lang } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';
import { loadedExtras, renderWhenExtrasArrive } from '../../ui/extras.js';

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
    if (!loadedExtras()) renderWhenExtrasArrive(this.#host); // the next call asks again
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

  /** The shown call's duration and recording links, in `lang`, once the view is there. */
  details(lang: Lang): TemplateResult | typeof nothing {
    const view = loadedExtras()?.renderEndedDetails;
    return this.call && view ? view(lang, this.call, this) : nothing;
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
