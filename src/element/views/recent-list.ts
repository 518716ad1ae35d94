/**
 * Recent and missed calls: the button that opens the list (with the missed count) and the list,
 * each entry with its number or contact, when, missed or answered, the recording when the server
 * has one, and a call-back button. Everything comes in as arguments.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { recentListStrings, type RecentListStrings } from '../../console/strings.js';
import type { RecentCall } from '../../console/recent-calls.js';
import { format, normalizeLang } from '../../ui/i18n.js';
import type { Strings } from '../i18n/index.js';
import { quietly } from './actions.js';
import { ENDED_WORDS } from './ended-card.js';

export interface RecentListProps {
  /** Newest first. */
  calls: readonly RecentCall[];
  open: boolean;
  missed: number;
  lang: string;
  /** The number as the agent may see it. */
  phone(call: RecentCall): string;
  toggle(): void;
  /** A call can be made now (online, no call up). */
  canDial: boolean;
  callBack(phone: string): Promise<unknown>;
}

const LIST_ID = 'voip-recent';

export function renderRecentList(t: Strings, props: RecentListProps): TemplateResult {
  const { calls, open, missed } = props;
  const c = recentListStrings[normalizeLang(props.lang)];
  const missedText = format(c.missedCount, { n: missed });
  return html`<button part="recent-button" class="small" type="button" aria-expanded=${open} aria-controls=${LIST_ID} @click=${props.toggle}>
      ${t.recentCalls}${missed > 0 ? html` <span part="missed-badge" class="badge" aria-label=${missedText}>${missed}</span>` : nothing}
    </button>
    ${open
      ? html`<ul part="recent" id=${LIST_ID} aria-label=${t.recentCalls}>
          ${calls.map((call) => renderItem(t, c, props, call))}
        </ul>`
      : nothing}`;
}

function renderItem(t: Strings, c: RecentListStrings, props: RecentListProps, call: RecentCall): TemplateResult {
  const phone = props.phone(call);
  const when = new Date(call.startedAt).toLocaleString(props.lang, { dateStyle: 'short', timeStyle: 'short' });
  const how = call.missed ? c.missed : call.answeredAt !== undefined ? c.answered : call.direction === 'inbound' ? t.inbound : t.outbound;
  return html`<li part="recent-item" ?data-missed=${call.missed}>
    <span>${call.contact ? html`${call.contact.name} <small>${phone}</small>` : phone}</span>
    <small class="muted">${when} · ${how}${call.area ? ` · ${call.area}` : ''}</small>
    ${call.recording ? html`<a href=${call.recording} target="_blank" rel="noopener noreferrer">${ENDED_WORDS[normalizeLang(props.lang)].recording}</a>` : nothing}
    ${!call.masked
      ? html`<button part="callback-button" class="small" type="button" aria-label=${`${c.callBack} ${phone}`} ?disabled=${!props.canDial}
          @click=${() => quietly(props.callBack(call.phone))}>
          ${c.callBack}
        </button>`
      : nothing}
  </li>`;
}
