#!/usr/bin/env node
/**
 * The API reference of README.md and README.zh-CN.md, generated from custom-elements.json (itself
 * generated from the element's JSDoc by `npm run manifest`): the text between
 * `<!-- api:start -->` and `<!-- api:end -->` is rewritten in both files, so the API is written
 * once, in the source.
 *
 *   node scripts/readme-api.mjs          rewrite both READMEs
 *   node scripts/readme-api.mjs --check  exit 1 if a README is not what the manifest gives
 *
 * The Chinese tables have translated headers, and translated descriptions from
 * scripts/readme-api.zh-CN.mjs where there is one (the English text otherwise, with a warning:
 * a new attribute, event or part shows up in English until someone translates it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zhCN } from './readme-api.zh-CN.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const START = '<!-- api:start -->';
export const END = '<!-- api:end -->';

/** Table headers and prose per language. */
const LABELS = {
  en: {
    generated: 'Generated from `custom-elements.json` by `npm run manifest`: do not edit by hand.',
    attributes: 'Attributes',
    attributesNote: 'Each attribute is also a property (camelCased). Set either one; a change at runtime logs in again cleanly.',
    properties: 'Read-only properties',
    methods: 'Methods',
    methodsNote: 'Each returns a Promise and rejects with a `VoipError` (`code`, `message`, `method`).',
    events: 'Events',
    eventsNote: 'All are `CustomEvent`s with `bubbles: true, composed: true`, typed in `HTMLElementEventMap`.',
    parts: 'Shadow parts (`::part()`)',
    cssProps: 'CSS custom properties',
    cssPropsNote: 'Set them on the element (or any ancestor).',
    head: {
      attribute: 'attribute',
      property: 'property',
      type: 'type',
      default: 'default',
      description: 'description',
      method: 'method',
      returns: 'returns',
      event: 'event',
      detail: '`detail`',
      part: 'part',
      cssProp: 'custom property',
    },
  },
  'zh-CN': {
    generated: '由 `npm run manifest` 从 `custom-elements.json` 生成，请勿手工修改。',
    attributes: '属性（attribute）',
    attributesNote: '每个 attribute 同时也是一个 property（驼峰命名），两者任选其一；运行时修改会干净地重新登录。',
    properties: '只读 property',
    methods: '方法',
    methodsNote: '每个方法都返回 Promise，失败时以 `VoipError`（含 `code`、`message`、`method`）reject。',
    events: '事件',
    eventsNote: '全部是 `CustomEvent`，`bubbles: true, composed: true`，并已在 `HTMLElementEventMap` 中声明类型。',
    parts: 'Shadow part（`::part()`）',
    cssProps: 'CSS 自定义属性',
    cssPropsNote: '设置在元素本身（或任一祖先元素）上。',
    head: {
      attribute: 'attribute',
      property: 'property',
      type: '类型',
      default: '默认值',
      description: '说明',
      method: '方法',
      returns: '返回',
      event: '事件',
      detail: '`detail`',
      part: 'part',
      cssProp: '自定义属性',
    },
  },
};

/** The custom-element declarations of a manifest. */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement));
}

const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
/** A table cell: one line, pipes escaped (also inside code spans, as GitHub wants). */
const cell = (text = '') => oneLine(text).replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${text}\`` : '');
const row = (cells) => `| ${cells.map(cell).join(' | ')} |`;

function table(headers, rows) {
  return [row(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');
}

/**
 * Descriptions in `lang`; `missing` collects the keys without a translation.
 * @param {'en' | 'zh-CN'} lang
 */
function describer(lang, tag, missing) {
  return (key, english) => {
    if (lang === 'en') return oneLine(english);
    const translated = zhCN[`${tag}:${key}`] ?? zhCN[key];
    if (translated === undefined) {
      missing.add(`${tag}:${key}`);
      return oneLine(english);
    }
    return translated;
  };
}

/** `{ call: Call }` from `CustomEvent<{ call: Call }>`. */
const detailOf = (type) => /^CustomEvent<([\s\S]*)>$/.exec(type ?? '')?.[1] ?? type ?? '';
/** The JSDoc of an event ends with "detail: `{ … }`", which the detail column already shows. */
const withoutDetail = (text = '') => text.replace(/\s*detail:\s*`[^`]*`\.?/, '').trim();

function signature(method) {
  const params = (method.parameters ?? []).map((p) => `${p.name}${p.optional || p.default !== undefined ? '?' : ''}`);
  return `${method.name}(${params.join(', ')})`;
}

/**
 * The markdown between the markers, for one language.
 * @param {object} manifest custom-elements.json
 * @param {'en' | 'zh-CN'} lang
 * @param {Set<string>} [missing] receives the keys that have no Chinese text
 */
export function renderApi(manifest, lang, missing = new Set()) {
  const L = LABELS[lang];
  const h = L.head;
  const out = [`<!-- ${L.generated} -->`];
  for (const el of elementsOf(manifest)) {
    const d = describer(lang, el.tagName, missing);
    const members = el.members ?? [];
    const fields = members.filter((m) => m.kind === 'field');
    const attrs = el.attributes ?? [];
    const readOnly = fields.filter((m) => m.readonly && !m.attribute);
    const methods = members.filter((m) => m.kind === 'method');
    out.push(
      '',
      `### \`<${el.tagName}>\``,
      '',
      d('summary', el.description),
      '',
      `#### ${L.attributes}`,
      '',
      L.attributesNote,
      '',
      table(
        [h.attribute, h.property, h.type, h.default, h.description],
        attrs.map((a) => {
          const field = fields.find((f) => f.name === a.fieldName);
          const type = a.type?.text ?? field?.type?.text ?? '';
          const fallback = type === 'boolean' ? 'false' : '—';
          return [code(a.name), code(a.fieldName), code(type), a.default && a.default !== "''" ? code(a.default) : fallback, d(`attr:${a.name}`, field?.description ?? a.description)];
        }),
      ),
      ...(readOnly.length === 0
        ? []
        : [
            '',
            `#### ${L.properties}`,
            '',
            table(
              [h.property, h.type, h.description],
              readOnly.map((p) => [code(p.name), code(p.type?.text), d(`prop:${p.name}`, p.description)]),
            ),
          ]),
      '',
      `#### ${L.methods}`,
      '',
      L.methodsNote,
      '',
      table(
        [h.method, h.returns, h.description],
        methods.map((m) => [code(signature(m)), code(m.return?.type?.text), d(`method:${m.name}`, m.description)]),
      ),
      '',
      `#### ${L.events}`,
      '',
      L.eventsNote,
      '',
      table(
        [h.event, h.detail, h.description],
        (el.events ?? []).map((e) => [code(e.name), code(detailOf(e.type?.text)), d(`event:${e.name}`, withoutDetail(e.description))]),
      ),
      '',
      `#### ${L.parts}`,
      '',
      table(
        [h.part, h.description],
        (el.cssParts ?? []).map((p) => [code(p.name), d(`part:${p.name}`, p.description)]),
      ),
      '',
      `#### ${L.cssProps}`,
      '',
      L.cssPropsNote,
      '',
      table(
        [h.cssProp, h.description],
        (el.cssProperties ?? []).map((p) => [code(p.name), d(`cssprop:${p.name}`, p.description)]),
      ),
    );
  }
  return out.join('\n');
}

/** `readme` with the text between the markers replaced by `api`; throws without the markers. */
export function replaceBetween(readme, api, file = 'README') {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: no ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${api}\n${readme.slice(end)}`;
}

export const READMES = [
  { file: 'README.md', lang: 'en' },
  { file: 'README.zh-CN.md', lang: 'zh-CN' },
];

/** Rewrites (or, with `check`, compares) both READMEs; returns the files that were stale. */
export function updateReadmes({ root = ROOT, check = false } = {}) {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const stale = [];
  const missing = new Set();
  for (const { file, lang } of READMES) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = replaceBetween(before, renderApi(manifest, lang, missing), file);
    if (after === before) continue;
    stale.push(file);
    if (!check) writeFileSync(path, after);
  }
  return { stale, missing: [...missing] };
}

const invokedAsCli = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedAsCli) {
  const check = process.argv.includes('--check');
  const { stale, missing } = updateReadmes({ check });
  if (missing.length > 0) {
    console.warn(`readme-api: no Chinese text for ${missing.join(', ')} (add it to scripts/readme-api.zh-CN.mjs)`);
  }
  if (check && stale.length > 0) {
    console.error(`readme-api: ${stale.join(', ')} out of date: run npm run manifest`);
    process.exit(1);
  }
  console.log(check ? 'readme-api: READMEs up to date' : `readme-api: ${stale.length ? `updated ${stale.join(', ')}` : 'READMEs already up to date'}`);
}
