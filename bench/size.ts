/**
 * 1. Size: the IIFE build (what a CRM page loads with one <script src>) raw, gzip -9 and brotli,
 * and beside it the extras file it loads on first use (src/ui/extras.ts);
 * the ES entry bundled with its imports and minified, with Lit included and with Lit external;
 * the share of each layer; and the anchors (other vendors' browser SDKs, gzip -9).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, minifySync, type Rolldown } from 'vite';
import type { BenchContext } from './lib/context.js';
import { IIFE_PATH, ROOT } from './lib/paths.js';
import { EXTRAS_FILE } from '../src/ui/extras-paths.js';
import { formatNumber, type Figure, type Measurement } from './lib/report.js';

/** ≤ 16 KB gzip -9 is the target; 20 KB the hard budget test/node/size-budget.test.ts enforces. */
export const SIZE_TARGET_BYTES = 16 * 1024;
export const SIZE_BUDGET_BYTES = 20 * 1024;

/** Other vendors' browser SDKs, minified, gzip -9 (measured once; see bench/README.md). */
export const ANCHORS = [
  { name: 'amazon-connect-streams', version: '2.28.2', file: 'connect-streams-min.js', gzipBytes: 190_512 },
  { name: '@twilio/voice-sdk', version: '2.18.5', file: 'twilio.min.js', gzipBytes: 65_805 },
  { name: 'ringcentral-web-phone', version: '2.5.4', file: 'ringcentral-web-phone', gzipBytes: 54_548 },
] as const;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizes(code: Buffer | string): Sizes {
  const bytes = typeof code === 'string' ? Buffer.from(code) : code;
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const LIT = [/^lit($|\/)/, /^@lit\//, /^lit-(html|element)($|\/)/];

/** Bundles and minifies one ES entry of dist/ with Vite (Rolldown), in memory. */
async function bundleEntry(entry: string, litExternal: boolean): Promise<Rolldown.OutputChunk> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    resolve: { conditions: ['production', 'module', 'browser', 'default'] },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      copyPublicDir: false,
      // Not library mode: Vite does not minify whitespace of `es` library output.
      rolldownOptions: { input: join(ROOT, entry), preserveEntrySignatures: 'strict', external: litExternal ? LIT : [] },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.isEntry);
  if (!chunk) throw new Error(`no entry chunk for ${entry}`);
  return chunk;
}

/** Which part of the bundle a module belongs to. */
function layerOf(id: string): string {
  const rel = id.replace(/\\/g, '/').replace(`${ROOT.replace(/\\/g, '/')}/`, '');
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(rel)) return 'lit';
  if (rel.includes('node_modules/spark-md5/')) return 'spark-md5';
  const m = /^dist\/([^/]+)\//.exec(rel);
  if (m) return `src/${m[1]}`;
  if (rel.startsWith('dist/')) return 'src (entry)';
  return 'bundler runtime';
}

export async function measureSize(ctx: BenchContext): Promise<Measurement> {
  const iife = sizes(readFileSync(IIFE_PATH));
  const extras = sizes(readFileSync(join(dirname(IIFE_PATH), EXTRAS_FILE)));
  ctx.log(`size: iife ${iife.raw} B raw, ${iife.gzip} B gzip -9, ${iife.brotli} B brotli; extras ${extras.gzip} B gzip -9`);

  const withLit = await bundleEntry('dist/index.js', false);
  const litExternal = await bundleEntry('dist/index.js', true);
  const clientOnly = await bundleEntry('dist/client/index.js', true);
  const es = { index: sizes(withLit.code), indexLitExternal: sizes(litExternal.code), clientOnly: sizes(clientOnly.code) };
  ctx.log(`size: dist/index.js bundled ${es.index.gzip} B gzip (Lit external ${es.indexLitExternal.gzip} B)`);

  // Where the bytes go: each module's code as rendered in the bundle, minified on its own
  // (top-level names kept, so a little more than in the bundle), summed and gzipped per layer.
  const layers = new Map<string, string[]>();
  const modules: { module: string; minified: number }[] = [];
  for (const [id, info] of Object.entries(withLit.modules)) {
    if (!info.code) continue;
    const layer = layerOf(id);
    const min = minifySync('module.js', info.code, { compress: true, mangle: true }).code;
    layers.set(layer, [...(layers.get(layer) ?? []), min]);
    modules.push({ module: id.replace(`${ROOT}/`, ''), minified: min.length });
  }
  const largestModules = modules.sort((a, b) => b.minified - a.minified).slice(0, 15);
  const perLayer = [...layers.entries()].map(([layer, codes]) => ({ layer, minified: codes.join('\n').length, gzip: gzipSync(codes.join('\n'), { level: 9 }).length }));
  const total = perLayer.reduce((a, b) => a + b.minified, 0);
  const breakdown = perLayer
    .sort((a, b) => b.minified - a.minified)
    .map((b) => ({ ...b, share: Math.round((b.minified / total) * 1000) / 10 }));

  const anchors = ANCHORS.map((a) => ({ ...a, oursToAnchor: Math.round((iife.gzip / a.gzipBytes) * 100) / 100 }));
  const figures: Figure[] = [
    {
      id: 'size.iife.gzip',
      label: 'IIFE gzip -9 (raw / brotli)',
      value: iife.gzip,
      unit: 'B',
      shown: `${formatNumber(iife.gzip)} B (${formatNumber(iife.raw)} / ${formatNumber(iife.brotli)})`,
      target: `≤ ${formatNumber(SIZE_TARGET_BYTES)} B`,
      met: iife.gzip <= SIZE_TARGET_BYTES,
    },
    {
      id: 'size.iife.budget',
      label: 'IIFE gzip -9, hard budget',
      value: iife.gzip,
      unit: 'B',
      target: `≤ ${formatNumber(SIZE_BUDGET_BYTES)} B`,
      met: iife.gzip <= SIZE_BUDGET_BYTES,
    },
    {
      id: 'size.extras.gzip',
      label: 'extras file, loaded on first use, gzip -9 (raw / brotli)',
      value: extras.gzip,
      unit: 'B',
      shown: `${formatNumber(extras.gzip)} B (${formatNumber(extras.raw)} / ${formatNumber(extras.brotli)})`,
    },
    {
      id: 'size.es.index',
      label: 'ES index.js bundled, gzip (Lit ext.)',
      value: es.index.gzip,
      unit: 'B',
      shown: `${formatNumber(es.index.gzip)} B (${formatNumber(es.indexLitExternal.gzip)} B)`,
    },
    {
      id: 'size.es.client',
      label: 'ES VoipClient alone, gzip',
      value: es.clientOnly.gzip,
      unit: 'B',
    },
    {
      id: 'size.anchors',
      label: 'ours ÷ anchors (gzip -9)',
      value: anchors[anchors.length - 1]!.oursToAnchor,
      unit: '×',
      shown: `${anchors.map((a) => `${a.oursToAnchor}×`).join(' / ')} (connect-streams / twilio / ringcentral)`,
    },
  ];
  const notes = [
    'gzip -9 is node:zlib level 9; brotli is quality 11. The IIFE is already minified by `vite build`.',
    `The main file is what a page loads at start-up and needs for the first pop; ${EXTRAS_FILE} (next to it) holds what src/ui/extras-entry.ts lists and is fetched once, on first use.`,
    'ES figures: dist/index.js (tsc output) bundled and minified by Vite/Rolldown, Lit and spark-md5 included, or Lit external; "VoipClient alone" is dist/client/index.js with its imports.',
    `Anchors (gzip -9): ${ANCHORS.map((a) => `${a.name} ${a.version} ${a.file} ${formatNumber(a.gzipBytes)} B`).join('; ')}.`,
    `By layer (each module minified alone; gzip of each layer alone, so they do not add up to the bundle's): ${breakdown.map((b) => `${b.layer} ${b.share}% (${formatNumber(b.gzip)} B gzip)`).join(', ')}.`,
  ];
  return {
    name: 'size',
    title: 'Bundle size',
    figures,
    details: { iife, extras, es, breakdown, largestModules, anchors, targetBytes: SIZE_TARGET_BYTES, budgetBytes: SIZE_BUDGET_BYTES },
    notes,
  };
}
