/**
 * The dock demo: a CRM-like page with `tel:` links (in the page and inside a component's open
 * shadow root), one `<voip-softphone mode="dock" click-to-dial>` whose lookup names the callers of
 * the customer table, a theme switch, and a button that rings the agent through the mock's control
 * API. Server text goes in as text only.
 */
import '../src/index.js';
import type { Contact, VoipSoftphone } from '../src/index.js';
import config from 'virtual:demo-config';

/** A page component that keeps its phone link in an open shadow root, as many CRM kits do. */
class CrmContactCard extends HTMLElement {
  connectedCallback(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const name = document.createElement('strong');
    name.textContent = this.getAttribute('name');
    const link = document.createElement('a');
    link.id = 'tel-shadow';
    link.href = `tel:${this.getAttribute('phone')}`;
    link.textContent = this.getAttribute('phone');
    const style = document.createElement('style');
    style.textContent = ':host{display:flex;gap:12px;padding:12px;border:1px solid #dee0e3;border-radius:8px;background:#fff;color:#1f2329;max-width:420px} a{color:#0958d9}';
    root.replaceChildren(style, name, link);
  }
}
customElements.define('crm-contact-card', CrmContactCard);

const [agent] = config.accounts;
const dock = document.querySelector<VoipSoftphone>('#dock')!;
dock.server = config.mockUrl;
dock.user = agent!.user;
dock.password = agent!.password;

// Who is calling: this CRM's own customer table, by number (digits only, as the server sends them).
const digits = (phone: string): string => phone.replace(/\D/g, '');
const customers = new Map<string, Contact>();
for (const row of document.querySelectorAll('main tbody tr')) {
  const [name, company, phone] = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
  customers.set(digits(phone ?? ''), { name: name ?? '', company });
}
dock.lookup = (call) => customers.get(digits(call.phone)) ?? null;

const events = document.querySelector<HTMLElement>('#events')!;
for (const type of ['voip-status', 'voip-dial', 'voip-ring', 'voip-answer', 'voip-hangup', 'voip-error'] as const) {
  dock.addEventListener(type, (event) => {
    const li = document.createElement('li');
    li.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    events.prepend(li);
  });
}

// Cancelling voip-dial leaves the link to the page (here: the system's phone handler).
const confirmDial = document.querySelector<HTMLInputElement>('#confirm-dial')!;
dock.addEventListener('voip-dial', (event) => {
  if (confirmDial.checked && !confirm(`Call ${event.detail.phone}?`)) event.preventDefault();
});

const theme = document.querySelector<HTMLSelectElement>('#theme')!;
theme.addEventListener('change', () => {
  dock.theme = theme.value as VoipSoftphone['theme'];
  document.documentElement.dataset.theme = theme.value;
});

document.querySelector('#ring')!.addEventListener('click', () => {
  const phone = `139${String(Date.now()).slice(-8)}`;
  void fetch(`${config.mockUrl}/mock/ring?${new URLSearchParams({ user: agent!.user, phone })}`, { method: 'POST' });
});
