import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { EXTRAS_FILE, EXTRAS_GLOBAL, SHARED_MODULES } from './src/ui/extras-paths.js';
import { checkHashOnly, sparkMd5HashOnly } from './scripts/spark-md5-hash-only.mjs';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));

/**
 * Minifies the CSS inside Lit's css`…` templates at build time (Vite minifies the JavaScript but
 * leaves template text alone): comments out, white space folded. Our styles have no `${}` parts.
 */
function minifyLitCss(): Plugin {
  const fold = (text: string): string =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // Not the space before a colon: in a selector it is a descendant combinator (`a :is(b)`).
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(/css`([^`$]*)`/g, (_, body: string) => `css\`${fold(body)}\``), map: null };
    },
  };
}

/**
 * Folds the indentation inside Lit's html`…` templates of the built file: the spaces that start a
 * line go, the line break stays, which renders the same (HTML collapses white space; our templates
 * have no <pre>, <textarea> or `white-space: pre`). It works on the minified chunk, where a raw
 * line break only occurs inside a template literal and only our multi-line view templates indent
 * with spaces (Lit's and the literal parser's one-character "\n", "\t" literals are left alone).
 */
function foldTemplateIndent(): Plugin {
  return {
    name: 'fold-template-indent',
    apply: 'build',
    // After minification (Rolldown minifies before generateBundle; renderChunk still sees the
    // indented source).
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(/\n {2,}/g, '\n');
      }
    },
  };
}

/**
 * Lit's production build still carries a few long error messages for misuse our code never makes
 * (a non-css value in css``, a CSSResult built by hand, a decorator on a method): shortened to
 * their first words at build time; the errors are still thrown.
 */
function shortenLitErrors(): Plugin {
  const LONG = [
    [/"CSSResult is not constructable\. Use `unsafeCSS` or `css` instead\."/, '"CSSResult is not constructable"'],
    [/"Value passed to 'css' function must be a 'css' function result: "\+(\w+)\+"\. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security\."/, '"Value passed to css: "+$1'],
  ] as const;
  return {
    name: 'shorten-lit-errors',
    apply: 'build',
    transform(code, id) {
      if (!/node_modules\/@lit\/reactive-element\/css-tag\.js$/.test(id)) return null;
      let out = code;
      for (const [long, short] of LONG) out = out.replace(long, short);
      return { code: out, map: null };
    },
  };
}

/**
 * spark-md5 in the script-tag files is only what `SparkMD5.hash(text)` runs (the one call we
 * make): scripts/spark-md5-hash-only.mjs cuts it from the package's source and checks its digests
 * against Node's MD5, or stops the build.
 */
function sparkMd5HashOnlyPlugin(): Plugin {
  return {
    name: 'spark-md5-hash-only',
    apply: 'build',
    transform(code, id) {
      if (!/node_modules\/spark-md5\/spark-md5\.js$/.test(id)) return null;
      const module = sparkMd5HashOnly(code);
      checkHashOnly(module);
      return { code: module, map: null };
    },
  };
}

/**
 * The main script-tag file loads its extras (src/ui/extras-entry.ts) from a second file on first
 * use: src/ui/extras-import.ts (a dynamic import, kept in the ES build for bundlers to split)
 * becomes src/ui/extras-script.ts, which inserts that file.
 */
function extrasByScript(): Plugin {
  return {
    name: 'extras-by-script',
    enforce: 'pre',
    // Only the script-tag build: the dev server (npm start, the e2e tests) serves ES modules, where
    // the dynamic import works as it is and there is no extras file to insert.
    apply: 'build',
    resolveId(source, importer) {
      if (importer?.startsWith(SRC) && /\/extras-import\.js$/.test(source)) return resolve(SRC, 'ui/extras-script.ts');
      return null;
    },
  };
}

/**
 * Imports the extras must not bundle a copy of: Lit, classes (VoipError lives in protocol/errors),
 * state. Pure helpers (protocol/normalize, server-time, phone-mask, session/call-identity,
 * element/format…), the desktop-client sender (src/desktop/: no state; the main file keeps only
 * DESKTOP_OPEN_URL), the element's views (render functions of their arguments, element/views/)
 * and the dock's moves (element/placement/dock-moves: a function of what DockController hands
 * it) may be copied.
 */
const MUST_SHARE = /^(lit($|\/)|@lit\/|lit-html|lit-element|protocol\/(index|errors)$|session\/(?!call-identity$)|(client|transport|tabs)\/|element\/(?!views\/|format$|placement\/dock-moves$))/;

/**
 * The extras file (vite build --mode extras) takes SHARED_MODULES from the main file, through the
 * global it sets before inserting the script (src/ui/extras-shared.ts): they are external here and
 * read from that global. A module that has to be shared and is not listed, or a name of a shared
 * module that is not listed, stops the build.
 */
function sharedWithMain(): Plugin {
  const keyOf = new Map<string, string>(Object.entries(SHARED_MODULES).map(([key, { path }]) => [path, key]));
  return {
    name: 'shared-with-main',
    enforce: 'pre',
    resolveId(source, importer) {
      const path = source.startsWith('.') && importer ? relative(SRC, resolve(dirname(importer), source)).replace(/\.js$/, '') : source;
      const key = keyOf.get(path);
      if (key) return { id: `${EXTRAS_GLOBAL}:${key}`, external: true };
      if (MUST_SHARE.test(path)) this.error(`the extras import ${path} (from ${importer}): add it to SHARED_MODULES (src/ui/extras-paths.ts) and src/ui/extras-shared.ts`);
      return null;
    },
    // Before minification, each use of a shared binding reads `<global>_<key>.<name>`.
    renderChunk(code) {
      for (const [, key, name] of code.matchAll(new RegExp(`\\b${EXTRAS_GLOBAL}_(\\w+)(\\.[\\w$]+)?`, 'g'))) {
        if (!name) continue; // the IIFE's parameter list
        const names: readonly string[] = SHARED_MODULES[key as keyof typeof SHARED_MODULES]?.names ?? [];
        if (!names.includes(name.slice(1))) this.error(`the extras use ${name.slice(1)} of ${key}: add it to SHARED_MODULES.${key}.names (src/ui/extras-paths.ts) and src/ui/extras-shared.ts`);
      }
      return null;
    },
  };
}

/**
 * Two jobs: `npm start` serves index.html + demo/ (see scripts/start.ts), and `vite build` makes
 * the one self-contained file for a `<script src>` tag: dist/voip-softphone.iife.js, Lit bundled
 * in, which registers the element and sets `window.VoipSoftphone` to the named exports. The ES
 * modules and .d.ts files in dist/ come from `tsc -p tsconfig.build.json` (unbundled, so a
 * bundler can tree-shake `VoipClient` used alone). `vite build --mode extras` makes
 * dist/voip-softphone.extras.iife.js, loaded by the first on first use (src/ui/extras.ts);
 * `vite build --mode push-log` makes dist/voip-push-log.iife.js, for `<voip-push-log>`.
 */
const entries = {
  softphone: { entry: 'src/index.ts', name: 'VoipSoftphone', file: 'voip-softphone.iife.js', plugins: [extrasByScript()] },
  extras: { entry: 'src/ui/extras-entry.ts', name: `${EXTRAS_GLOBAL}.extras`, file: EXTRAS_FILE, plugins: [sharedWithMain()] },
  'push-log': { entry: 'src/push-log/index.ts', name: 'VoipPushLog', file: 'voip-push-log.iife.js', plugins: [] },
} as const;

export default defineConfig(({ mode }) => {
  const lib = mode === 'push-log' || mode === 'extras' ? entries[mode] : entries.softphone;
  return {
    plugins: [minifyLitCss(), foldTemplateIndent(), shortenLitErrors(), sparkMd5HashOnlyPlugin(), ...lib.plugins],
    resolve: {
      // Lit's production build: no dev-mode warnings, smaller.
      conditions: ['production', 'module', 'browser', 'default'],
    },
    esbuild: {
      // Lit's decorators need the legacy (experimental) transform; see ../shared/TOOLCHAIN.md.
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    },
    // `npm start`: pre-bundle the dependencies at start-up and transform the demo before the first
    // visit, so the first page load does not stall and reload while Vite discovers them.
    optimizeDeps: {
      include: ['lit', 'lit/decorators.js', 'spark-md5'],
    },
    server: {
      warmup: { clientFiles: ['./demo/main.ts', './src/index.ts'] },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: lib.entry,
        name: lib.name,
        formats: ['iife'],
        fileName: () => lib.file,
      },
      rolldownOptions: {
        // The extras file's shared imports: properties of the global the main file sets.
        output: { globals: (id: string) => id.replace(`${EXTRAS_GLOBAL}:`, `${EXTRAS_GLOBAL}.`) },
      },
    },
  };
});
