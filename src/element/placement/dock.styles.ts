import { css } from 'lit';

/**
 * `mode="dock"`: fixed in the bottom-right corner until moved (DockController then sets `right`
 * and `bottom` inline), never wider or taller than the viewport minus its 8 px margins.
 *
 * `--voip-dock-z-index` defaults to 999: above a CRM's page content, sticky table headers and
 * dropdowns of ordinary stacking, but below the modal dialogs of the UI kits CRMs are built with
 * (Ant Design's modal 1000, Bootstrap's 1050, MUI's 1300, Element's 2000 and up, layui's far
 * above), so the page's own dialogs always cover the phone rather than the other way round. A page
 * with other layers sets its own value.
 */
export const dockStyles = css`
  :host([mode='dock']) {
    position: fixed;
    right: 16px;
    bottom: 16px;
    z-index: var(--voip-dock-z-index, 999);
    width: min(var(--voip-width), calc(100vw - 16px));
    max-height: calc(100vh - 16px);
    overflow: auto;
    box-shadow: var(--voip-shadow);
  }
  :host([mode='dock'][minimized]) {
    width: auto;
    border-radius: 999px;
    overflow: visible;
  }
  /* One row at any width: the status, then the availability, which gives way (an ellipsis); the
     buttons keep their size. The agent's name, and "Online" where the availability and the dot's
     colour say it, are for screen readers only: no room for them that narrow. */
  :host([mode='dock']) header {
    display: flex;
    cursor: move;
    touch-action: none;
    user-select: none;
  }
  :host([mode='dock']) header > :is(.who, .dot:is([data-status='online'], [data-status='away']) ~ [part='status']) {
    position: absolute;
    width: 1px;
    clip: rect(0 0 0 0);
  }
  header button {
    flex: none;
  }
  /* The move handle and the minimise button keep to the right. */
  .grip {
    margin-inline-start: auto;
    cursor: move;
    touch-action: none;
  }
  [part='badge'] {
    display: flex;
    align-items: center;
    gap: 6px;
    border: 0;
    border-radius: inherit;
    padding: 6px 12px;
    max-width: calc(100vw - 16px);
  }
  .missed {
    min-width: 1.5em;
    padding: 0 5px;
    border-radius: 999px;
    text-align: center;
    font-weight: 600;
    background: var(--voip-danger);
    color: var(--voip-on-danger);
  }
`;
