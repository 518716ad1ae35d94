/**
 * What the card of a finished call adds: the talk time and, once the record came, the recording
 * links. In the lazily loaded extras with its words (src/ui/extras-entry.ts): EndedCallController
 * renders it once they are there (normally before the first call ends: they load after the login).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CallRecord, Lang } from '../../protocol/index.js';
import type { Call } from '../../session/index.js';
import { formatDuration } from '../format.js';

export interface EndedDetails {
  /** The server's record of the call, once fetched. */
  record: CallRecord | null;
  /** The recording's page and its MP3 (null until the record names a recording). */
  recording: { url: string; mp3: string } | null;
}

/** The words of a finished call (also the recent list's "Recording"): only extras views use them. */
export const ENDED_WORDS = {
  'zh-CN': { duration: '通话时长', recording: '录音', recordingMp3: '下载 MP3' },
  en: { duration: 'Duration', recording: 'Recording', recordingMp3: 'Download MP3' },
} satisfies Record<Lang, Record<string, string>>;

export function renderEndedDetails(lang: Lang, call: Call, { record, recording }: EndedDetails): TemplateResult {
  const t = ENDED_WORDS[lang];
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
