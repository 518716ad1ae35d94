import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit's css`…` templates at build time (Vite minifies the JavaScript but
 * leaves template text alone): comments out, white space folded. Our styles have no `${}` parts.
 */
function minifyLitCss(): Plugin {
  const fold = (text: string): string =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{}:;,>])\s*/g, '$1')
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
 * Two jobs: `npm start` serves index.html + demo/ (see scripts/start.ts), and `vite build` makes
 * the one self-contained file for a `<script src>` tag: dist/voip-softphone.iife.js, Lit bundled
 * in, which registers the element and sets `window.VoipSoftphone` to the named exports. The ES
 * modules and .d.ts files in dist/ come from `tsc -p tsconfig.build.json` (unbundled, so a
 * bundler can tree-shake `VoipClient` used alone). `vite build --mode push-log` makes the second
 * script file, dist/voip-push-log.iife.js, for `<voip-push-log>`.
 */
const entries = {
  softphone: { entry: 'src/index.ts', name: 'VoipSoftphone', file: 'voip-softphone.iife.js' },
  'push-log': { entry: 'src/push-log/index.ts', name: 'VoipPushLog', file: 'voip-push-log.iife.js' },
} as const;

export default defineConfig(({ mode }) => {
  const lib = mode === 'push-log' ? entries['push-log'] : entries.softphone;
  return {
    plugins: [minifyLitCss(), foldTemplateIndent()],
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
    },
  };
});
