import { css } from 'lit';

/**
 * Fluid width: `--voip-width` (280 px) is the width the widget prefers, never more than its
 * container has, down to 240 px without overflow. Long names, numbers and statuses wrap or
 * ellipsize instead of pushing the box wider. (Each rule here amends one of
 * voip-softphone.styles.ts; they fold into it when the element is wired.)
 */
export const fluidStyles = css`
  :host {
    max-width: 100%;
  }
  /* The status and the check-in button go to a second line rather than past the edge. */
  header {
    flex-wrap: wrap;
  }
  /* A long agent name takes two lines at most, then an ellipsis: the extension is seen more often. */
  .who {
    flex: 1 1 8em;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    white-space: normal;
    overflow-wrap: anywhere;
  }
  [part='status'] {
    white-space: normal;
  }
  .line {
    flex-wrap: wrap;
  }
  .line > *,
  [part='crm-link'],
  [part='contact-name'] {
    min-width: 0;
    overflow-wrap: anywhere;
  }
`;
