/**
 * The number of a `tel:` link, as click-to-dial hands it to the server: normalised only as far as
 * the server needs (RFC 3966 visual separators out, parameters dropped, a leading + kept).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { telNumber } from '../../src/element/placement/click-to-dial-controller.js';

const CASES: [string, string][] = [
  ['tel:13812345678', '13812345678'],
  ['tel:+86 138 1234 5678', '+8613812345678'],
  ['tel:+86%20(10)%201234-5678', '+861012345678'],
  ['tel:400.800.1234', '4008001234'],
  ['TEL:010-[8888]-6666', '01088886666'],
  ['tel:+1-201-555-0123;ext=1234', '+12015550123'],
  ['tel:7042;phone-context=example.com', '7042'],
  ['tel:8001#ivr', '8001'],
  ['tel:*123%23', '*123#'],
  ['tel:100%', '100%'],
  ['tel:', ''],
];

it('keeps digits and a leading +, drops separators and parameters, decodes %-escapes', () => {
  assert.deepEqual(
    CASES.map(([href]) => [href, telNumber(href)]),
    CASES,
  );
});
