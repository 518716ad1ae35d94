/** Language helpers every element uses; each element keeps its own string tables. */
import type { Lang } from '../protocol/index.js';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** `en`, `en-US`… → `en`; anything else → `zh-CN` (the default, README "API"). */
export function normalizeLang(lang: string | null | undefined): Lang {
  return typeof lang === 'string' && lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** `format('来电 {phone}', { phone })`: plain text substitution; the result is rendered as text. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
