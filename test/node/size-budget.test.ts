/**
 * The size budget of the one-file build a CRM page loads: dist/voip-softphone.iife.js, gzip -9
 * (node:zlib level 9). Bytes are deterministic, so this is a test, not a benchmark; `npm run bench`
 * reports the figure beside the 16 KB target, the 20 KB hard budget and the anchors.
 *
 * Honest state (issue 7): the build is about 30.9 KB, over the 20 KB hard budget. Until the size
 * work brings it under, this test holds a ratchet just above today's figure so the file cannot
 * grow unnoticed; lower RATCHET_BYTES with every cut, down to HARD_BUDGET_BYTES.
 * `npm test` builds before it runs the node tests; run `npm run build` first when running this alone.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const IIFE = fileURLToPath(new URL('../../dist/voip-softphone.iife.js', import.meta.url));
/** The hard budget, not met yet. */
const HARD_BUDGET_BYTES = 20 * 1024;
/**
 * The ceiling: 30,024 B measured on 2026-11-24 plus room for one small fix, which session 2's
 * fixes (start-up, pop-from-poll, the page-load gate) used (30,674 B). Raised on purpose once, by
 * 280 B, in session 4 (a lost hang-up while away: 30,916 B). Raised on purpose in session 5 to
 * 39,600 B for the second wave (issues 14–20): the real server's dialect, tab and URL hardening,
 * `auth="proxy"`, the controller split (about 30,958 → 33,686 B together), then the console (a
 * card per call, hotkeys, availability, transfer list, caller info) and the dock, theme and
 * click-to-dial (→ 39,511 B measured). Lowered in session 6 to the 35,054 B issues 15/16 allow
 * (30,958 + 4 KB): the main file is 34,973 B after moving what no first pop needs into the extras
 * file (the desktop-client sender and menu, the transfer form, the ended card's details, the
 * dock's moves), cutting spark-md5 to what SparkMD5.hash runs, declaring the element's
 * properties without decorators, and handing the extras file only what must exist once. The next change that adds bytes has to cut as many elsewhere,
 * or raise this on purpose and say why.
 */
const RATCHET_BYTES = 35_054;

test(`the IIFE build stays under its ${RATCHET_BYTES}-byte gzip -9 ratchet`, () => {
  assert.ok(existsSync(IIFE), `dist/voip-softphone.iife.js is missing: run \`npm run build\` first (npm test does).`);
  const raw = readFileSync(IIFE);
  const gzip = gzipSync(raw, { level: 9 }).length;
  assert.ok(
    gzip <= RATCHET_BYTES,
    `dist/voip-softphone.iife.js is ${gzip} bytes gzip -9 (${raw.length} raw): ${gzip - RATCHET_BYTES} bytes over the ratchet` +
      ` (the hard budget is ${HARD_BUDGET_BYTES})`,
  );
  if (gzip > HARD_BUDGET_BYTES) {
    console.log(`size: ${gzip} B gzip -9, ${gzip - HARD_BUDGET_BYTES} B over the ${HARD_BUDGET_BYTES} B hard budget (issue 7)`);
  }
});
