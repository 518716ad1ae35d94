#!/usr/bin/env node
/**
 * Framework typings for the package's elements, generated from custom-elements.json (run by
 * `npm run build` after `npm run manifest`), so a new attribute or event needs no second edit:
 *
 *   dist/types/react.d.ts  `<voip-softphone server="…" onvoip-ring={…}>` in React 19 JSX
 *                          (`declare module 'react' { namespace JSX { interface IntrinsicElements } }`,
 *                          the form React 19's types document for custom elements)
 *   dist/types/vue.d.ts    `<voip-softphone :poll-interval="500" @voip-ring="…">` in Vue 3
 *                          templates checked by vue-tsc (`declare module 'vue' { interface GlobalComponents }`)
 *
 * Users opt in with `import type {} from 'voip-softphone/types/react'` (or `/vue`): one file per
 * framework, because augmenting a module that is not installed ('vue' in a React app) is an
 * error for projects that check declaration files (`skipLibCheck: false`). Each `.d.ts` has an
 * empty `.js` twin, so a plain `import 'voip-softphone/types/react'` is harmless too.
 *
 * The value types are not copied from the manifest's text: they are indexed from the element
 * classes (`VoipSoftphone['pollInterval']`) and from `HTMLElementEventMap` (where
 * src/ui/events.ts declares every event), so they are exactly the shipped types.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = 'dist/types';

const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
const doc = (text, indent = '  ') => (text ? `${indent}/** ${oneLine(text).replace(/\*\//g, '*\\/')} */\n` : '');
const quoteKey = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
/** `voip-ring` → `VoipRing` (Vue's name for the `onVoipRing` listener prop). */
const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());

function elementsOf(manifest) {
  return manifest.modules.flatMap((mod) =>
    (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, modulePath: mod.path })),
  );
}

/** `dist/element/voip-softphone.js` as imported from dist/types/. */
const importPath = (modulePath) => {
  const relative = posix.relative(OUT_DIR, modulePath);
  return relative.startsWith('.') ? relative : `./${relative}`;
};

function header(framework, use, more = []) {
  return [
    '// Generated from custom-elements.json by scripts/jsx-types.mjs: do not edit.',
    `// ${framework} typings for the elements of voip-softphone. Opt in once, in any .ts file of the app:`,
    `//   ${use}`,
    ...more.map((line) => `// ${line}`),
    '',
  ].join('\n');
}

function imports(elements) {
  return elements.map((el) => `import type { ${el.name} } from '${importPath(el.modulePath)}';`).join('\n');
}

export function reactTypes(manifest) {
  const elements = elementsOf(manifest);
  const parts = [
    header('React 19 JSX', "import type {} from 'voip-softphone/types/react';"),
    "import type { DetailedHTMLProps, HTMLAttributes } from 'react';",
    "// Loads HTMLElementEventMap's entries for the elements' events.",
    "import type {} from '../index.js';",
    imports(elements),
    '',
    '/**',
    ' * What a kebab-case attribute takes in React: React 19 writes it with setAttribute, so text or a',
    ' * number; a boolean would remove the attribute, hence `"true"` / `"false"`.',
    ' */',
    'type AttributeValue<T> = T extends string ? T : T extends number ? number | `${number}` : T extends boolean ? \'true\' | \'false\' : string;',
    '',
  ];
  for (const el of elements) {
    const fields = new Map((el.members ?? []).map((m) => [m.name, m]));
    const lines = [];
    for (const attr of el.attributes ?? []) {
      const field = fields.get(attr.fieldName);
      if (attr.fieldName) lines.push(`${doc(field?.description)}  ${quoteKey(attr.fieldName)}?: ${el.name}['${attr.fieldName}'];`);
      // React 19 sets a prop as a property when the element has one of that name, else as an
      // attribute: `crm-url="…"` is the attribute, a string as in HTML.
      if (attr.name !== attr.fieldName) {
        lines.push(`${doc(`The \`${attr.name}\` attribute, as in HTML (the \`${attr.fieldName}\` property is the typed way).`)}  '${attr.name}'?: AttributeValue<${el.name}['${attr.fieldName}']>;`);
      }
    }
    for (const event of el.events ?? []) {
      lines.push(`${doc(`\`${event.name}\`: ${event.description ?? ''}`)}  'on${event.name}'?: (event: HTMLElementEventMap['${event.name}']) => void;`);
    }
    parts.push(
      `/** The props of \`<${el.tagName}>\` in React 19: properties (camelCase), attributes (kebab-case strings), \`on<event>\` listeners and a ref to the element. */`,
      `export interface ${el.name}Props extends DetailedHTMLProps<HTMLAttributes<${el.name}>, ${el.name}> {`,
      lines.join('\n'),
      '}',
      '',
    );
  }
  parts.push(
    "declare module 'react' {",
    '  namespace JSX {',
    '    interface IntrinsicElements {',
    ...elements.map((el) => `      '${el.tagName}': ${el.name}Props;`),
    '    }',
    '  }',
    '}',
    '',
  );
  return parts.join('\n');
}

export function vueTypes(manifest) {
  const elements = elementsOf(manifest);
  const parts = [
    header('Vue 3 template', "import type {} from 'voip-softphone/types/vue';", [
      "and tell Vue's compiler that the tags are custom elements (compilerOptions.isCustomElement).",
    ]),
    "import type { DefineComponent } from 'vue';",
    "// Loads HTMLElementEventMap's entries for the elements' events.",
    "import type {} from '../index.js';",
    imports(elements),
    '',
  ];
  for (const el of elements) {
    const fields = new Map((el.members ?? []).map((m) => [m.name, m]));
    const lines = [];
    for (const attr of el.attributes ?? []) {
      if (!attr.fieldName) continue;
      // vue-tsc matches `poll-interval` and `pollInterval` in a template to this one prop.
      lines.push(`${doc(`\`${attr.name}\`: ${fields.get(attr.fieldName)?.description ?? ''}`)}  ${quoteKey(attr.fieldName)}?: ${el.name}['${attr.fieldName}'];`);
    }
    for (const event of el.events ?? []) {
      lines.push(`${doc(`\`@${event.name}\`: ${event.description ?? ''}`)}  on${pascal(event.name)}?: (event: HTMLElementEventMap['${event.name}']) => void;`);
    }
    parts.push(
      `/** The props of \`<${el.tagName}>\` in a Vue 3 template: attributes/properties and \`@event\` listeners. */`,
      `export interface ${el.name}VueProps {`,
      lines.join('\n'),
      '}',
      '',
    );
  }
  parts.push(
    "declare module 'vue' {",
    '  interface GlobalComponents {',
    ...elements.map((el) => `    '${el.tagName}': DefineComponent<${el.name}VueProps>;`),
    '  }',
    '}',
    '',
  );
  return parts.join('\n');
}

/** Writes dist/types/{react,vue}.{d.ts,js}; returns the files written. */
export function writeJsxTypes({ root = ROOT } = {}) {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const dir = join(root, OUT_DIR);
  mkdirSync(dir, { recursive: true });
  const files = {
    'react.d.ts': reactTypes(manifest),
    'vue.d.ts': vueTypes(manifest),
    'react.js': '// Types only: see react.d.ts.\nexport {};\n',
    'vue.js': '// Types only: see vue.d.ts.\nexport {};\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files).map((name) => `${OUT_DIR}/${name}`);
}

const invokedAsCli = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedAsCli) console.log(`jsx-types: wrote ${writeJsxTypes().join(', ')}`);
