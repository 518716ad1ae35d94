/**
 * Every text/background pair of the widget's palettes passes WCAG 2 AA: 4.5:1 for text, 3:1 for
 * the focus ring and the card's accent stripe (non-text). The values are read from the CSS the
 * element ships (src/ui/tokens.styles.ts for the light palette and the foregrounds,
 * placement/theme.styles.ts for the dark one), so a palette edit that breaks contrast fails here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokens } from '../../src/ui/tokens.styles.js';
import { themeStyles } from '../../src/element/placement/theme.styles.js';

type Rgb = [number, number, number];
type Palette = Record<string, string>;

const TEXT = 4.5;
const NON_TEXT = 3;
/** The error box's background: `color-mix(in srgb, var(--voip-danger) 8%, transparent)` over the widget's. */
const ERROR_TINT = 0.08;

function rgb(hex: string): Rgb {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  assert.match(full, /^[0-9a-f]{6}$/i, `a palette colour is a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

/** WCAG 2 relative luminance. */
function luminance(colour: Rgb): number {
  const [r, g, b] = colour.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `share` of `top` over `bottom`, as color-mix in srgb does. */
function blend(top: Rgb, bottom: Rgb, share: number): Rgb {
  return top.map((v, i) => v * share + bottom[i]! * (1 - share)) as Rgb;
}

/** The `--voip-*` declarations of the first rule whose selector is exactly `selector`. */
function declarations(cssText: string, selector: string): Palette {
  const start = cssText.indexOf(`${selector} {`);
  assert.ok(start >= 0, `the CSS has a ${selector} rule`);
  const body = cssText.slice(start + selector.length + 2, cssText.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--voip-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** Follows `var(--voip-x)` to a colour. */
function colour(palette: Palette, name: string): Rgb {
  const value = palette[name];
  assert.ok(value, `the palette sets ${name}`);
  const ref = /^var\((--voip-[\w-]+)\)$/.exec(value);
  return ref ? colour(palette, ref[1]!) : rgb(value);
}

/** Every pair the widget draws, with the ratio it needs. */
function pairs(p: Palette): [string, Rgb, Rgb, number][] {
  const c = (name: string): Rgb => colour(p, name);
  return [
    ['text', c('--voip-fg'), c('--voip-bg'), TEXT],
    ['secondary text, placeholders', c('--voip-muted'), c('--voip-bg'), TEXT],
    ['links', c('--voip-link'), c('--voip-bg'), TEXT],
    ['primary button (dial)', c('--voip-on-accent'), c('--voip-accent'), TEXT],
    ['answer button', c('--voip-on-success'), c('--voip-success'), TEXT],
    ['hang-up button, missed count', c('--voip-on-danger'), c('--voip-danger'), TEXT],
    ['error text', c('--voip-danger'), blend(c('--voip-danger'), c('--voip-bg'), ERROR_TINT), TEXT],
    ['focus ring, card stripe', c('--voip-accent'), c('--voip-bg'), NON_TEXT],
  ];
}

function failures(palette: Palette): string[] {
  return pairs(palette)
    .map(([what, fg, bg, needed]) => ({ what, ratio: contrast(fg, bg), needed }))
    .filter(({ ratio, needed }) => ratio < needed)
    .map(({ what, ratio, needed }) => `${what}: ${ratio.toFixed(2)}:1 < ${needed}:1`);
}

const light: Palette = declarations(tokens.cssText, ':host');
const dark: Palette = { ...light, ...declarations(themeStyles.cssText, ":host([theme='dark'])") };

describe('palette contrast (WCAG 2 AA)', () => {
  it('the contrast function gives the known ratios', () => {
    assert.equal(contrast(rgb('#000'), rgb('#fff')), 21);
    assert.equal(contrast(rgb('#777'), rgb('#777')), 1);
    assert.equal(contrast(rgb('#767676'), rgb('#ffffff')).toFixed(2), '4.54');
  });

  it('the light palette passes for every pair', () => {
    assert.deepEqual(failures(light), []);
  });

  it('the dark palette passes for every pair', () => {
    assert.deepEqual(failures(dark), []);
  });

  it('theme="auto" under a dark preference is exactly the dark palette', () => {
    const css = themeStyles.cssText;
    const auto = declarations(css.slice(css.indexOf('@media (prefers-color-scheme: dark)')), ":host([theme='auto'])");
    assert.deepEqual(auto, declarations(css, ":host([theme='dark'])"));
  });

  it("catches a failing palette: the demo's old purple one with white button text and accent links", () => {
    const demo: Palette = {
      ...light,
      '--voip-accent': '#7c3aed',
      '--voip-success': '#0e9f6e',
      '--voip-bg': '#1e1b2e',
      '--voip-fg': '#f4f2ff',
      '--voip-muted': '#a59fc4',
    };
    assert.deepEqual(failures(demo), [
      'links: 2.94:1 < 4.5:1',
      'answer button: 3.39:1 < 4.5:1',
      'error text: 2.80:1 < 4.5:1',
      'focus ring, card stripe: 2.94:1 < 3:1',
    ]);
  });
});
