/**
 * A card's transfer form: a colleague picked from the list fills the box; any extension may be
 * typed instead. In the lazily loaded extras with its words (src/ui/extras-entry.ts): no first
 * pop needs it; CallCardsController renders it once it is there (it is asked for when the agent
 * opens the form, normally long after the extras arrived with the login).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Colleague } from '../../console/colleagues.js';
import type { Lang } from '../../protocol/index.js';
import { onSubmitValue } from './actions.js';

const WORDS = {
  'zh-CN': { list: '同事', pick: '选择同事', to: '转接到坐席', go: '确定' },
  en: { list: 'Colleagues', pick: 'Pick a colleague', to: 'Transfer to agent', go: 'OK' },
} satisfies Record<Lang, Record<string, string>>;

export function renderTransferForm(lang: Lang, colleagues: readonly Colleague[], transfer: (extension: string) => Promise<unknown>): TemplateResult {
  const t = WORDS[lang];
  const pick = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    (select.form!.elements.namedItem('extension') as HTMLInputElement).value = select.value;
  };
  return html`<form class="transfer" part="transfer" @submit=${onSubmitValue('extension', transfer)}>
    ${colleagues.length
      ? html`<select part="colleagues" aria-label=${t.list} @change=${pick}>
          <option value="">${t.pick}</option>
          ${colleagues.map((c) => html`<option value=${c.extension}>${c.name} ${c.extension}${c.status ? ` · ${c.status}` : ''}</option>`)}
        </select>`
      : nothing}
    <input name="extension" inputmode="numeric" autocomplete="off" aria-label=${t.to} placeholder=${t.to} />
    <button type="submit">${t.go}</button>
  </form>`;
}
