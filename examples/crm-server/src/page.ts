/**
 * The CRM's two pages, rendered on the server. Every value from the database (call records come
 * from the 800ing server's pushes: untrusted text) is HTML-escaped, so it shows as text and can
 * never become markup or script. The pages load no inline script, so their CSP can forbid it.
 */
import type { CallRecord } from './voip.js';

/** For every page: scripts, styles, requests and media from the CRM's own origin only. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; media-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body>${body}</body></html>`;
}

export function loginPage(failed: boolean): string {
  return layout(
    'CRM login',
    `<h1>CRM login</h1>
${failed ? '<p role="alert">Wrong login or password.</p>' : ''}
<form method="post" action="/login">
  <label>Login <input name="login" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button>Log in</button>
</form>`,
  );
}

/**
 * The agent's page: the softphone with `auth="proxy"` (no user, no password: the CRM's server
 * adds them in /voip-proxy) and the latest call records, as text.
 */
export function agentPage(login: string, proxyPath: string, calls: readonly CallRecord[]): string {
  const rows = calls
    .map(
      (call) =>
        `<tr><td>${escapeHtml(call.cdrStartTime)}</td><td>${escapeHtml(call.cdrPhoneNum)}</td><td>${escapeHtml(call.exteName)}</td><td>${escapeHtml(call.cdrTalktime)}</td><td>${escapeHtml(call.cdrHangupReasonText)}</td></tr>`,
    )
    .join('\n');
  return layout(
    'CRM',
    `<p>Logged in as ${escapeHtml(login)} · <form method="post" action="/logout" style="display:inline"><button>Log out</button></form></p>
<script src="/voip-softphone.iife.js"></script>
<voip-softphone server="${escapeHtml(proxyPath)}" auth="proxy"></voip-softphone>
<h2>Latest calls</h2>
<table><thead><tr><th>Start</th><th>Phone</th><th>Agent</th><th>Talk (s)</th><th>Hang-up</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  );
}
