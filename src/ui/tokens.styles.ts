import { css } from 'lit';

/**
 * The `--voip-*` custom properties both elements read, with their defaults: a page restyles an
 * element by setting them on it (a page rule for `voip-softphone` beats `:host`).
 */
export const tokens = css`
  :host {
    --voip-accent: #0958d9;
    --voip-danger: #c4262e;
    --voip-success: #18794e;
    --voip-warning: #b76e00;
    --voip-bg: #ffffff;
    --voip-fg: #1f2329;
    --voip-muted: #646a73;
    --voip-border: #dee0e3;
    --voip-radius: 8px;
    --voip-font: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif;
    --voip-font-size: 13px;
    --voip-width: 280px;
    --voip-shadow: 0 4px 16px rgba(0, 0, 0, 0.12);
    /* Text on the accent, success and danger backgrounds, and links: their own knobs, so that a
       palette with light accents (the dark theme's) can give them dark text and pass contrast. */
    --voip-on-accent: #ffffff;
    --voip-on-success: #ffffff;
    --voip-on-danger: #ffffff;
    --voip-link: var(--voip-accent);
  }
`;
