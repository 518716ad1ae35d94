/**
 * The open widget, top to bottom: the header, the number box, the recent calls, the cards, the
 * error and the sound prompt. Each part comes rendered or as the props of its own view.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang, VoipError } from '../../protocol/index.js';
import type { Strings } from '../i18n/index.js';
import { renderDialBox, type DialBoxProps } from './dial-box.js';
import { renderHeader, type HeaderProps } from './header.js';
import { renderError, renderSoundPrompt } from './notices.js';

/** The live calls' cards (oldest first) and the one that just ended, apart: a card of a call that ends is not reused for another. */
export interface Cards {
  live: TemplateResult[];
  ended: TemplateResult | typeof nothing;
}

export interface PanelProps {
  header: HeaderProps;
  dialBox: DialBoxProps;
  /** The recent-calls button and list, once they can be shown. */
  recent: TemplateResult | typeof nothing;
  cards: Cards;
  error: VoipError | null;
  lang: Lang;
  dismissError(): void;
  /** Set while the ringtone waits for a user gesture: the prompt's click readies it. */
  unlockSound: (() => void) | undefined;
}

export function renderPanel(t: Strings, props: PanelProps): TemplateResult {
  const { error, unlockSound } = props;
  return html`${renderHeader(t, props.header)}
    ${renderDialBox(t, props.dialBox)}
    ${props.recent}
    ${props.cards.live} ${props.cards.ended}
    ${error ? renderError(t, error, props.lang, props.dismissError) : nothing}
    ${unlockSound ? renderSoundPrompt(t, unlockSound) : nothing}`;
}
