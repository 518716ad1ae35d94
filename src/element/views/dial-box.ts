/** The number box and the dial button; both wait while a call is up, the button until online. */
import { html, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import { onSubmitValue } from './actions.js';

export interface DialBoxProps {
  busy: boolean;
  online: boolean;
  dial(phone: string): Promise<unknown>;
}

export function renderDialBox(t: Strings, { busy, online, dial }: DialBoxProps): TemplateResult {
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
      ?disabled=${busy}
    />
    <button part="dial-button" class="primary" type="submit" ?disabled=${busy || !online}>${t.dial}</button>
  </form>`;
}
