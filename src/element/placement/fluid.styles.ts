import { css } from 'lit';

/**
 * Fluid width: `--voip-width` (280 px) is the width the widget prefers, never more than its
 * container has, down to 240 px without overflow. Long names, numbers and statuses wrap or
 * ellipsize instead of pushing the box wider.
 */
export const fluidStyles = css`
  :host {
    max-width: 100%;
  }
`;
