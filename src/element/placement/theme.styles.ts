import { css } from 'lit';

/**
 * `theme`: `light` (the palette of src/ui/tokens.styles.ts), `dark`,
 * or `auto` (dark when the system prefers it). Any other value is light. The page's own
 * `--voip-*` values still win over both palettes (outer styles beat `:host` rules).
 *
 * The dark palette: light accent colours carry dark text (`--voip-on-*`), so buttons, links, the
 * error text and the focus ring all pass WCAG AA on the dark background
 * (test/node/placement-contrast.test.ts). It is written out twice, for `dark` and for `auto` under
 * a dark preference, rather than interpolated: the build's CSS minifier (vite.config.ts) skips
 * templates with `${}`, gzip stores the second copy as a back-reference, and the contrast test
 * holds the two equal.
 */
export const themeStyles = css`
  :host([theme='dark']) {
    color-scheme: dark;
    --voip-accent: #7aa7ff;
    --voip-on-accent: #0b1220;
    --voip-link: #8ab4ff;
    --voip-success: #4cc38a;
    --voip-on-success: #0b1220;
    --voip-danger: #ff8585;
    --voip-on-danger: #0b1220;
    --voip-warning: #f0b429;
    --voip-bg: #1b1d21;
    --voip-fg: #e6e8eb;
    --voip-muted: #a0a7b1;
    --voip-border: #3a3f47;
    --voip-shadow: 0 4px 16px rgba(0, 0, 0, 0.5);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      color-scheme: dark;
      --voip-accent: #7aa7ff;
      --voip-on-accent: #0b1220;
      --voip-link: #8ab4ff;
      --voip-success: #4cc38a;
      --voip-on-success: #0b1220;
      --voip-danger: #ff8585;
      --voip-on-danger: #0b1220;
      --voip-warning: #f0b429;
      --voip-bg: #1b1d21;
      --voip-fg: #e6e8eb;
      --voip-muted: #a0a7b1;
      --voip-border: #3a3f47;
      --voip-shadow: 0 4px 16px rgba(0, 0, 0, 0.5);
    }
  }
`;
