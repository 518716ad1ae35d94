import type { Lang } from '../../protocol/index.js';
import { en } from './en.js';
import { zhCN, type Strings } from './zh-CN.js';

export type { Strings };
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** The table of a language; anything unknown falls back to zh-CN (the default, CONTRACT.md). */
export function stringsFor(lang: string | null | undefined): Strings {
  return normalizeLang(lang) === 'en' ? en : zhCN;
}

export function normalizeLang(lang: string | null | undefined): Lang {
  return typeof lang === 'string' && lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** `format('来电 {phone}', { phone })`: plain text substitution; the result is rendered as text. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
