/**
 * The number box and the dial button; the button waits while a call is up and until online (the
 * box stays usable: focus goes there after a hang-up, the next number may be typed meanwhile).
 * `hotkeys` adds the list of keys as the box's description.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { onSubmitValue } from './actions.js';

export interface DialBoxProps {
  busy: boolean;
  online: boolean;
  hotkeys: boolean;
  dial(phone: string): Promise<unknown>;
}

export function renderDialBox(t: Strings, { busy, online, hotkeys, dial }: DialBoxProps): TemplateResult {
  return html`<form class="dial" @submit=${onSubmitValue('phone', dial)}>
    <input
      part="dial-input"
      name="phone"
      type="tel"
      inputmode="tel"
      autocomplete="off"
      maxlength="40"
      placeholder=${t.dialPlaceholder}
      aria-label=${t.dialLabel}
      aria-keyshortcuts=${hotkeys ? 'Alt+D' : nothing}
      title=${hotkeys ? t.hotkeysHint : nothing}
    />
    <button part="dial-button" class="primary" type="submit" ?disabled=${busy || !online}>${t.dial}</button>
  </form>`;
}
