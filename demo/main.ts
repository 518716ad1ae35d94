/**
 * The demo page: two real widgets logged in to the embedded mock server, a call simulator that
 * drives the mock's control API, and live logs of events, server traffic and desktop commands.
 * Everything shown from the server goes in as text (textContent), never as HTML.
 */
import '../src/index.js';
import type { Contact, VoipSoftphone } from '../src/index.js';
import config from 'virtual:demo-config';

const [agent1, agent2] = config.accounts;
const widgets: [VoipSoftphone, (typeof config.accounts)[number]][] = [
  [document.querySelector<VoipSoftphone>('#zh')!, agent1!],
  [document.querySelector<VoipSoftphone>('#en')!, agent2!],
];
for (const [i, [el, account]] of widgets.entries()) {
  // As an attribute: the page says a desktop client is there (the demo runs a mock one), so the
  // cards offer its menu from the first call (a property alone waits for the client to answer).
  el.setAttribute('desktop-port', String(config.desktopPort));
  if (i === 0 && config.proxy) {
    // `npm start -- --proxy`: the first widget holds no credential; the demo's server adds them.
    el.auth = 'proxy';
    el.server = config.proxy;
    continue;
  }
  el.server = config.mockUrl;
  el.user = account.user;
  el.password = account.password;
}

/**
 * Who is calling: the pretend CRM's own contacts. A real page would ask its backend (and may
 * answer a promise); the widget pops with the number first and adds the name when this answers.
 */
const CONTACTS: Record<string, Contact> = {
  '13812345678': { name: '李雷 Li Lei', company: '示例贸易 ACME Trading', url: 'https://crm.example.com/customers/42' },
  '13900001111': { name: '韩梅梅 Han Meimei', company: '样例科技 Example Tech' },
};
for (const [el] of widgets) el.lookup = (call) => CONTACTS[call.phone] ?? null;

const select = document.querySelector<HTMLSelectElement>('#sim select[name=user]')!;
for (const account of config.accounts) select.append(new Option(`${account.user} (${account.extension})`, account.user));

function logLine(list: HTMLElement, text: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  list.prepend(li);
  while (list.childElementCount > 60) list.lastElementChild?.remove();
}

const events = document.querySelector<HTMLElement>('#events')!;
for (const [el] of widgets) {
  for (const type of ['voip-status', 'voip-login', 'voip-ring', 'voip-answer', 'voip-hangup', 'voip-message', 'voip-error'] as const) {
    el.addEventListener(type, (event) => {
      const stamp = new Date().toLocaleTimeString();
      logLine(events, `${stamp} #${el.id} ${type} ${JSON.stringify(event.detail)}`);
    });
  }
}

/** cdrId of the latest call per agent, from the widgets' own events. */
const lastCall = new Map<string, string>();
for (const [el, account] of widgets) {
  el.addEventListener('voip-ring', (e) => e.detail.call.cdrId && lastCall.set(account.user, e.detail.call.cdrId));
}

const result = document.querySelector<HTMLElement>('#sim-result')!;
async function control(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(`${config.mockUrl}/mock/${path}?${new URLSearchParams(params)}`, { method: 'POST' });
  const body = (await response.json()) as Record<string, unknown>;
  result.textContent = `${path}: ${JSON.stringify(body)}`;
  return body;
}

document.querySelector('#sim')!.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]');
  if (!button) return;
  const form = document.querySelector<HTMLFormElement>('#sim')!;
  const user = select.value;
  const phone = (form.elements.namedItem('phone') as HTMLInputElement).value.trim();
  const cdrId = lastCall.get(user) ?? '';
  const act = button.dataset.act;
  const done =
    act === 'ring'
      ? control('ring', { user, phone }).then((b) => typeof b.cdrId === 'string' && lastCall.set(user, b.cdrId))
      : act === 'hangup'
        ? control('hangup', { cdrId })
        : act === 'connect'
          ? control('connect', { cdrId })
          : control('sms', { user, phone, text: `验证码 ${Math.floor(Math.random() * 9000 + 1000)}` });
  done.catch((error: unknown) => (result.textContent = String(error)));
});

// Live traffic: what the mock server saw (the password only ever as its MD5).
const traffic = document.querySelector<HTMLElement>('#traffic')!;
let seenRequests = 0;
const desktopLog = document.querySelector<HTMLElement>('#desktop')!;
let seenCommands = 0;
async function refreshLogs(): Promise<void> {
  try {
    const body = (await (await fetch(`${config.mockUrl}/mock/requests`)).json()) as {
      requests: { at: number; method: string; user: string; params: Record<string, string> }[];
    };
    const fresh = body.requests.slice(seenRequests);
    seenRequests = body.requests.length;
    for (const r of fresh.slice(-60)) {
      const { sa_password: _md5, callback: _cb, ...params } = r.params;
      logLine(traffic, `${new Date(r.at).toLocaleTimeString()} ${r.method} ${r.user} ${new URLSearchParams(params)}`);
    }
    const commands = (await (await fetch('/__demo/desktop-commands')).json()) as { type: number; params: Record<string, string>; url?: string }[];
    for (const c of commands.slice(seenCommands)) logLine(desktopLog, `type=${c.type} ${new URLSearchParams(c.params)}${c.url ? ` url=${c.url}` : ''}`);
    seenCommands = commands.length;
  } catch {
    /* the mock is restarting */
  }
}
setInterval(() => void refreshLogs(), 1500);
void refreshLogs();

// The demo doubles as documentation: every attribute of the first widget, editable live.
const ATTRIBUTES: { name: string; options?: string[]; boolean?: boolean }[] = [
  { name: 'server' },
  { name: 'user' },
  { name: 'password' },
  { name: 'password-md5' },
  { name: 'transport', options: ['jsonp', 'fetch'] },
  { name: 'poll-interval' },
  { name: 'lang', options: ['zh-CN', 'en'] },
  { name: 'crm-url' },
  { name: 'crm-open', options: ['link', 'tab', 'desktop'] },
  { name: 'desktop-port' },
  { name: 'notify', boolean: true },
  { name: 'ringtone', options: ['on', 'off'] },
  { name: 'share-tabs', options: ['true', 'false'] },
  { name: 'theme', options: ['light', 'dark', 'auto'] },
  { name: 'mode', options: ['inline', 'dock'] },
  { name: 'click-to-dial', boolean: true },
];
const attrsForm = document.querySelector<HTMLFormElement>('#attrs')!;
const zh = widgets[0][0];
for (const attr of ATTRIBUTES) {
  const label = document.createElement('label');
  label.textContent = attr.name;
  let input: HTMLInputElement | HTMLSelectElement;
  if (attr.options) {
    input = document.createElement('select');
    for (const option of attr.options) input.append(new Option(option, option));
  } else {
    input = document.createElement('input');
    if (attr.boolean) (input as HTMLInputElement).type = 'checkbox';
  }
  input.name = attr.name;
  const current = zh.getAttribute(attr.name);
  const property: Record<string, string> = { server: config.mockUrl, user: agent1!.user, 'desktop-port': String(config.desktopPort) };
  if (input instanceof HTMLInputElement && attr.boolean) input.checked = current !== null;
  else input.value = current ?? property[attr.name] ?? (attr.options ? attr.options[0]! : '');
  if (attr.name.startsWith('password') && input instanceof HTMLInputElement) input.placeholder = 'set to log in again';
  input.addEventListener('change', () => {
    if (input instanceof HTMLInputElement && attr.boolean) zh.toggleAttribute(attr.name, input.checked);
    else if (input.value === '') zh.removeAttribute(attr.name);
    else zh.setAttribute(attr.name, input.value);
    logLine(events, `#zh ${attr.name} = ${input instanceof HTMLInputElement && attr.boolean ? input.checked : attr.name.startsWith('password') ? '••••' : input.value}`);
    if (attr.name === 'password') input.value = '';
  });
  label.append(input);
  attrsForm.append(label);
}
