/**
 * The script-tag build's spark-md5: only the functions `SparkMD5.hash(text)` runs, cut from the
 * package's own source at build time (vite.config.ts, plugin `spark-md5-hash-only`). The package
 * is a UMD file, which no bundler can tree-shake: as published it brings its incremental and
 * ArrayBuffer APIs, an ArrayBuffer.slice polyfill and the CommonJS wrapper, about a third of
 * the MD5 code we ship, for one call. The ES build (dist/*.js) imports the package unchanged.
 *
 * What is kept, as spark-md5 3.x writes it: the core (add32, cmn, md5cycle, md5blk, md51, rhex,
 * hex and the add32 fallback for old engines) and toUtf8. A source that no longer has these
 * pieces, or whose result gives a wrong digest, stops the build (checkHashOnly).
 */
import { createHash } from 'node:crypto';

/** Text from `start` (included) up to `end` (excluded); both must be found. */
function between(source, start, end) {
  const from = source.indexOf(start);
  const to = source.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`spark-md5-hash-only: "${start}" … "${end}" not found in spark-md5`);
  return source.slice(from, to);
}

/** The whole `function name(…) {…}` declaration (braces counted). */
function functionText(source, name) {
  const from = source.indexOf(`function ${name}(`);
  if (from < 0) throw new Error(`spark-md5-hash-only: function ${name} not found in spark-md5`);
  let depth = 0;
  for (let i = source.indexOf('{', from); i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(from, i + 1);
  }
  throw new Error(`spark-md5-hash-only: function ${name} does not end`);
}

/** An ES module whose default export has `hash(text)`: hex MD5 of the UTF-8 of `text`, as SparkMD5.hash. */
export function sparkMd5HashOnly(source) {
  let core = between(source, "'use strict';", 'ArrayBuffer slice polyfill');
  for (const unused of ['md5blk_array', 'md51_array']) core = core.replace(functionText(core, unused), '');
  // The comment opener the cut left at the end of `core`.
  core = core.replace(/\/\*\*\s*\*?\s*$/, '');
  return `${core}\n${functionText(source, 'toUtf8')}\nexport default { hash: (text) => hex(md51(toUtf8(text))) };\n`;
}

/** Texts the cut module must hash as Node's own MD5 does: ASCII, empty, over one 64-byte block, Chinese. */
export const MD5_SAMPLES = [
  'hello',
  '',
  'The quick brown fox jumps over the lazy dog. '.repeat(3),
  '密码123',
  '🙂 emoji',
  // Around the one-block tail (55 fits, 56-63 need a second block) and the block size.
  ...[55, 56, 60, 63, 64, 119, 120].map((n) => 'a'.repeat(n)),
];

/** Runs the cut module (build tooling, in Node: spark-md5's own code) on MD5_SAMPLES; throws on a wrong digest. */
export function checkHashOnly(moduleText) {
  const md5 = new Function(moduleText.replace('export default', 'return'))();
  for (const text of MD5_SAMPLES) {
    const digest = createHash('md5').update(text, 'utf8').digest('hex');
    const got = md5.hash(text);
    if (got !== digest) throw new Error(`spark-md5-hash-only: md5(${JSON.stringify(text)}) is ${got}, not ${digest}`);
  }
}
