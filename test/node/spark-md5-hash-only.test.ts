/**
 * The script-tag build's cut of spark-md5 (scripts/spark-md5-hash-only.mjs): from the installed
 * package's source, a module whose `hash` gives Node's MD5 for every sample, and which no longer
 * carries the APIs we never call. The built file's logins with a plain password
 * (test/node/extras-iife.test.ts) check it against the mock server as well.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { checkHashOnly, MD5_SAMPLES, sparkMd5HashOnly } from '../../scripts/spark-md5-hash-only.mjs';

const source = readFileSync(createRequire(import.meta.url).resolve('spark-md5'), 'utf8');

test('the cut module hashes as Node does, for ASCII, empty, multi-block and non-Latin text', () => {
  const cut = sparkMd5HashOnly(source);
  const md5 = new Function(cut.replace('export default', 'return'))() as { hash(text: string): string };
  for (const text of [...MD5_SAMPLES, '02367073578', 'x'.repeat(1000)]) {
    assert.equal(md5.hash(text), createHash('md5').update(text, 'utf8').digest('hex'), JSON.stringify(text).slice(0, 40));
  }
  assert.doesNotThrow(() => checkHashOnly(cut));
});

test('the cut module leaves out the incremental, ArrayBuffer and polyfill code, and is much smaller', () => {
  const cut = sparkMd5HashOnly(source);
  for (const gone of ['SparkMD5.ArrayBuffer', 'prototype.slice', 'getState', 'md51_array', 'module.exports']) {
    assert.ok(!cut.includes(gone), `${gone} is still in the cut`);
  }
  assert.ok(cut.length < source.length * 0.5, `${cut.length} of ${source.length} characters`);
});

test('a source without the expected pieces stops the build instead of shipping a broken hash', () => {
  assert.throws(() => sparkMd5HashOnly(source.replace('function toUtf8(', 'function utf8(')), /toUtf8 not found/);
  assert.throws(() => checkHashOnly(sparkMd5HashOnly(source).replace('0x80 <<', '0x81 <<')), /is [0-9a-f]{32}, not/);
});
