import { css } from 'lit';
import { tokens } from '../ui/tokens.styles.js';

/**
 * Compact by default, every knob a `--voip-*` custom property on :host (the defaults in
 * src/ui/tokens.styles.ts); nothing leaks out of the shadow root and nothing from a busy CRM page
 * leaks in (all: initial on the host's box).
 */
export const styles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      /* Fluid: --voip-width is the width it prefers, never more than its container has. */
      width: var(--voip-width);
      max-width: 100%;
      color: var(--voip-fg);
      background: var(--voip-bg);
      border: 1px solid var(--voip-border);
      border-radius: var(--voip-radius);
      font: var(--voip-font-size) / 1.4 var(--voip-font);
      text-align: start;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    /* Two rows, the same before and after the login (the page below does not jump): the agent and
       the status; the availability and its button. Docked, one row (dock.styles.ts). */
    header {
      display: grid;
      grid-template-columns: auto 1fr auto;
      align-items: center;
      justify-items: start;
      gap: 6px;
      padding: 6px 8px;
      border-bottom: 1px solid var(--voip-border);
    }
    [part='availability'] {
      grid-column: span 2;
    }
    .dot {
      flex: none;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--voip-muted);
    }
    .dot[data-status='online'] {
      background: var(--voip-success);
    }
    .dot[data-status='connecting'],
    .dot[data-status='away'] {
      background: var(--voip-warning);
    }
    .dot[data-status='error'] {
      background: var(--voip-danger);
    }
    .who small,
    .muted,
    [part='status'] {
      color: var(--voip-muted);
    }
    /* A long agent name or status ends in an ellipsis: one line each, whatever the login brings. */
    .who,
    [part='status'],
    [part='availability'] {
      max-width: 100%;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    button {
      font: inherit;
      cursor: pointer;
      border: 1px solid var(--voip-border);
      border-radius: calc(var(--voip-radius) - 2px);
      background: var(--voip-bg);
      color: var(--voip-fg);
      padding: 3px 10px;
    }
    button:focus-visible,
    input:focus-visible,
    a:focus-visible {
      outline: 2px solid var(--voip-accent);
      outline-offset: 1px;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.5;
    }
    .primary {
      background: var(--voip-accent);
      border-color: var(--voip-accent);
      color: var(--voip-on-accent);
    }
    .answer {
      background: var(--voip-success);
      border-color: var(--voip-success);
      color: var(--voip-on-success);
    }
    .danger {
      background: var(--voip-danger);
      border-color: var(--voip-danger);
      color: var(--voip-on-danger);
    }
    .small {
      padding: 1px 6px;
      font-size: 0.9em;
    }
    /* Recent calls (issue 15): the list, and the missed count on its button. */
    [part='recent-button'] {
      margin: 0 8px 8px;
    }
    .badge {
      background: var(--voip-danger);
      color: var(--voip-on-danger);
      border-radius: 1em;
      padding: 0 6px;
    }
    [part='recent'] {
      list-style: none;
      margin: 0 8px 8px;
      padding: 0;
    }
    [part='recent-item'] > * {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    [part='recent-item'] {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: center;
      padding: 4px 0;
      border-top: 1px solid var(--voip-border);
    }
    form.dial,
    form.transfer {
      display: flex;
      gap: 6px;
      padding: 8px;
    }
    form.transfer {
      flex-wrap: wrap;
    }
    /* The colleague list takes a line of its own; a long name is cut, never wider than the card. */
    form.transfer select {
      flex: 1 1 100%;
      min-width: 0;
      font: inherit;
    }
    input {
      flex: 1;
      min-width: 0;
      font: inherit;
      color: inherit;
      background: var(--voip-bg);
      border: 1px solid var(--voip-border);
      border-radius: calc(var(--voip-radius) - 2px);
      padding: 3px 6px;
    }
    ::placeholder {
      color: var(--voip-muted);
      opacity: 1;
    }
    [part='card'] {
      margin: 0 8px 8px;
      padding: 8px;
      border: 1px solid var(--voip-border);
      border-radius: var(--voip-radius);
      box-shadow: var(--voip-shadow);
      border-inline-start: 4px solid var(--voip-accent);
    }
    [part='card'][data-state='ringing'] {
      border-inline-start-color: var(--voip-success);
      animation: voip-pulse 1.2s ease-in-out infinite;
    }
    [part='card'][data-waiting] {
      border-inline-start-width: 8px;
      outline: 2px solid var(--voip-success);
    }
    [part='card'][data-state='ended'] {
      border-inline-start-color: var(--voip-muted);
      box-shadow: none;
    }
    @keyframes voip-pulse {
      50% {
        box-shadow: 0 0 0 4px color-mix(in srgb, var(--voip-success) 25%, transparent);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      [part='card'][data-state='ringing'] {
        animation: none;
      }
    }
    .line {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      flex-wrap: wrap;
      gap: 6px;
    }
    .line > *,
    [part='crm-link'],
    [part='contact-name'] {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    [part='phone'] {
      font-size: 1.35em;
      font-weight: 600;
      letter-spacing: 0.02em;
      overflow-wrap: anywhere;
      unicode-bidi: isolate;
      direction: ltr;
    }
    .timer {
      font-variant-numeric: tabular-nums;
      color: var(--voip-muted);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-top: 6px;
    }
    a {
      color: var(--voip-link);
    }
    [part='crm-link'][data-highlight] {
      font-weight: 600;
      outline: 2px solid var(--voip-warning);
      border-radius: 2px;
    }
    [part='error'] {
      display: flex;
      gap: 6px;
      align-items: flex-start;
      margin: 0 8px 8px;
      padding: 4px 8px;
      color: var(--voip-danger);
      background: color-mix(in srgb, var(--voip-danger) 8%, transparent);
      border-radius: calc(var(--voip-radius) - 2px);
      overflow-wrap: anywhere;
    }
    [part='error'] span {
      flex: 1;
    }
    .sound {
      margin: 0 8px 8px;
      width: calc(100% - 16px);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    details.desktop {
      margin-top: 6px;
    }
    details.desktop summary {
      cursor: pointer;
      color: var(--voip-muted);
    }
  `,
];
