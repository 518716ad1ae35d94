/** What the card of a finished call adds: the talk time and, once the record came, the recording links. */
import { html, nothing, type TemplateResult } from 'lit';
import type { CallRecord } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';
import { formatDuration } from '../format.js';
import type { Strings } from '../i18n/index.js';

export interface EndedDetails {
  /** The server's record of the call, once fetched. */
  record: CallRecord | null;
  /** The recording's page and its MP3 (null until the record names a recording). */
  recording: { url: string; mp3: string } | null;
}

export function renderEndedDetails(t: Strings, call: Call, { record, recording }: EndedDetails): TemplateResult {
  // The server's talk time when the record came, else our own timestamps.
  const talkMs =
    record?.cdrTalktime !== undefined
      ? record.cdrTalktime * 1000
      : call.answeredAt !== undefined && call.endedAt !== undefined
        ? call.endedAt - call.answeredAt
        : 0;
  return html`<div class="line">
      <span class="muted">${t.duration}</span><span class="timer">${formatDuration(talkMs)}</span>
    </div>
    ${recording
      ? html`<div class="actions">
          <a href=${recording.url} target="_blank" rel="noopener noreferrer">${t.recording}</a>
          <a href=${recording.mp3} target="_blank" rel="noopener noreferrer">${t.recordingMp3}</a>
        </div>`
      : nothing}`;
}
