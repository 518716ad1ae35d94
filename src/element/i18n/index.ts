import { en } from './en.js';
import { zhCN, type Strings } from './zh-CN.js';
import { normalizeLang } from '../../ui/i18n.js';

export type { Strings };
// Shared with <voip-push-log> (src/ui/i18n.ts); re-exported where the softphone's code looked for them.
export { LANGS, format, normalizeLang } from '../../ui/i18n.js';

/** The softphone's table of a language; anything unknown falls back to zh-CN (the default). */
export function stringsFor(lang: string | null | undefined): Strings {
  return normalizeLang(lang) === 'en' ? en : zhCN;
}
