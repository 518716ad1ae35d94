/** What the widget tells the agent beside the card: the error line and the "enable sound" prompt. */
import { html, type TemplateResult } from 'lit';
import type { Lang, VoipError } from '../../protocol/index.js';
import type { Strings } from '../i18n/index.js';

/** The error in the user's language (server text stays text), with a button that dismisses it. */
export function renderError(t: Strings, error: VoipError, lang: Lang, dismiss: () => void): TemplateResult {
  return html`<div part="error" role="alert">
    <span>${error.localized(lang)}</span>
    <button class="small" type="button" aria-label=${t.dismiss} @click=${dismiss}>×</button>
  </div>`;
}

/** Shown until the page has had a user gesture: browsers play no ringtone before one. */
export function renderSoundPrompt(t: Strings, unlock: () => void): TemplateResult {
  return html`<button part="sound-prompt" class="sound small" type="button" @click=${unlock}>🔔 ${t.enableSound}</button>`;
}
