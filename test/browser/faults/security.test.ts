/**
 * Fault suite, case 8 in real Chromium: the security review as tests. The password never reaches
 * the DOM, storage, the console, a URL or the server other than as its MD5; JSONP callback names
 * are unguessable (96 random bits from crypto.getRandomValues) and never collide; the widget
 * works on a page with a strict Content-Security-Policy that allows scripts only from itself and
 * the 800ing server (docs/reliability.md, "CSP a CRM page needs").
 * The source-level half (no innerHTML/unsafeHTML/eval in src/) is test/node/faults-security.test.ts.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import SparkMD5 from 'spark-md5';
import '../../../src/index.js';
import { JsonpTransport, type VoipSoftphone } from '../../../src/index.js';
import { control, startMock, stopMock, type MockHandle } from '../helpers/mock.js';
import { JSONP_PREFIX, jsonpGlobals, polling, record, requests, ring, sleep } from './helpers.js';

/** An account whose password is easy to spot anywhere it should not be. */
const SECRET = { user: '100008877', password: 'Pw-Секрет-7731!', extension: '8877', name: 'Secret Agent' };

describe('faults: security review', () => {
  let mock: MockHandle;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1, accounts: [SECRET] });
  });
  afterEach(async () => {
    await stopMock(mock.port);
  });

  it('the password appears nowhere but as its MD5: not in the DOM, storage, cookies, console, URLs or at the server', async () => {
    const logged: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((m) => console[m]);
    for (const m of methods) {
      console[m] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      };
    }
    try {
      const el = await fixture<VoipSoftphone>(html`<voip-softphone
        server=${mock.url}
        user=${SECRET.user}
        password=${SECRET.password}
        lang="en"
        ringtone="off"
        desktop-port="0"
        poll-interval="50"
        crm-url="https://crm.example.com/c?phone={phone}&agent={extension}"
      ></voip-softphone>`);
      const seen = record(el);
      await waitUntil(() => el.status === 'online', 'online', { timeout: 5000 });
      await polling(mock, SECRET.user);
      const cdrId = await ring(mock, '13800001101', SECRET.user);
      await waitUntil(() => seen.events.length === 1, 'ring', { timeout: 3000 });
      await el.dial('13800001102').catch(() => undefined); // a second call while one rings: refused or not, it is sent
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.events.includes('hangup:13800001101'), 'hang-up', { timeout: 3000 });
      // A failed login with a wrong password, too: the error must not quote it.
      el.password = `${SECRET.password}-wrong`;
      await waitUntil(() => el.status === 'error', '-2', { timeout: 5000 });
      await el.updateComplete;

      const md5 = SparkMD5.hash(SECRET.password);
      const places: Record<string, string> = {
        'the element attributes': el.outerHTML,
        'the shadow DOM': el.shadowRoot!.innerHTML,
        'the document': document.documentElement.outerHTML,
        localStorage: JSON.stringify({ ...localStorage }),
        sessionStorage: JSON.stringify({ ...sessionStorage }),
        cookies: document.cookie,
        'the console': logged.join('\n'),
        'the page URLs loaded': performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .join('\n'),
        'the element properties': JSON.stringify({ password: el.password, agent: el.agent, call: el.call }),
        'the client': JSON.stringify(el.client),
      };
      for (const [where, text] of Object.entries(places)) {
        for (const plain of [SECRET.password, `${SECRET.password}-wrong`, encodeURIComponent(SECRET.password)]) {
          expect(text.includes(plain), `the password in ${where}`).to.equal(false);
        }
      }
      expect(el.getAttribute('password')).to.equal(null);
      expect(el.password).to.equal('');

      // What the server received: every request carries the lower-case 32-hex MD5, nothing else does.
      const sent = await requests(mock, { user: SECRET.user });
      expect(sent.length).to.be.at.least(5);
      const digests = new Set(sent.map((r) => r.params.sa_password));
      expect([...digests].sort()).to.deep.equal([md5, SparkMD5.hash(`${SECRET.password}-wrong`)].sort());
      for (const r of sent) {
        expect(r.params.sa_password, r.method).to.match(/^[0-9a-f]{32}$/);
        const all = JSON.stringify(r);
        expect(all.includes(SECRET.password), `the password sent with ${r.method}`).to.equal(false);
      }
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => u.startsWith(`${mock.url}/voip/`));
      expect(urls.length).to.be.at.least(5);
      for (const url of urls) expect(new URL(url).searchParams.get('sa_password')).to.match(/^[0-9a-f]{32}$/);
    } finally {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    }
  });

  it('JSONP callback names: 96 random bits each from crypto.getRandomValues, 10,000 without a collision', async () => {
    const names: string[] = [];
    const head = document.head;
    let randomCalls = 0;
    const getRandomValues = crypto.getRandomValues.bind(crypto);
    crypto.getRandomValues = (<T extends ArrayBufferView | null>(array: T): T => {
      randomCalls++;
      return getRandomValues(array as never) as T;
    }) as typeof crypto.getRandomValues;
    // Answer each request at once instead of loading it: only the names are under test here.
    head.appendChild = (<T extends Node>(node: T): T => {
      const src = (node as unknown as HTMLScriptElement).src;
      const name = new URL(src).searchParams.get('callback')!;
      names.push(name);
      queueMicrotask(() => (window as unknown as Record<string, (d: unknown) => void>)[name]!({ code: 0 }));
      return node;
    }) as typeof head.appendChild;
    try {
      const transport = new JsonpTransport();
      const N = 10_000;
      const batch = 500;
      for (let i = 0; i < N; i += batch) {
        await Promise.all(Array.from({ length: batch }, () => transport.request(`${mock.url}/voip/api/jsonpdata.jsonp`, { method: 'x' })));
      }
      expect(names).to.have.length(N);
      expect(new Set(names).size, 'no two alike').to.equal(N);
      expect(randomCalls, 'crypto.getRandomValues for every name').to.be.at.least(N);
      const random = names.map((name) => {
        const m = /^__voipJsonp_([0-9a-f]{24})_(\d+)$/.exec(name);
        expect(m, name).to.not.equal(null);
        return m![1]!;
      });
      expect(new Set(random).size, 'the random parts alone never collide').to.equal(N);
      expect(new Set(random.map((r) => r.slice(0, 12))).size, 'not even in their first 48 bits').to.equal(N);
      // Roughly half the 960,000 random bits are ones (a counter or a clock would not be).
      let ones = 0;
      for (const r of random) for (const c of r) ones += [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4][parseInt(c, 16)]!;
      expect(ones / (N * 96)).to.be.within(0.49, 0.51);
      const left = new Set(jsonpGlobals());
      expect(names.filter((n) => left.has(n)), 'every callback removed').to.deep.equal([]);
      // The mock (and so the server) accepts the names as JavaScript identifiers.
      expect(names.every((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n.startsWith(JSONP_PREFIX))).to.equal(true);
    } finally {
      delete (head as Partial<HTMLHeadElement>).appendChild;
      crypto.getRandomValues = getRandomValues;
    }
  });
});

interface CspPage {
  frame: HTMLIFrameElement;
  win: Window & { __cspViolations: { directive: string; blocked: string }[] };
  el: VoipSoftphone;
}

/**
 * A page of its own (a srcdoc iframe: same origin as the test, its own document and policy) with
 * a meta CSP, the violation recorder, the widget's module, and the widget.
 */
async function cspPage(mock: MockHandle, policy: string, nonce = '', extra: { head?: string; body?: string } = {}): Promise<CspPage> {
  const frame = document.createElement('iframe');
  const nonced = nonce ? ` nonce="${nonce}"` : '';
  frame.srcdoc = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="${policy}">
${extra.head ?? ''}
<script type="module"${nonced} src="/test/browser/faults/fixtures/csp-probe.ts"></script>
<script type="module"${nonced} src="/src/index.ts"></script>
</head><body>
<voip-softphone server="${mock.url}" user="100008800" password="02367073578" lang="en" ringtone="off" desktop-port="0" poll-interval="50"></voip-softphone>
${extra.body ?? ''}
</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as CspPage['win'];
  await waitUntil(() => win.customElements.get('voip-softphone') !== undefined, 'the element defined in the CSP page', { timeout: 10_000 });
  const el = win.document.querySelector('voip-softphone') as VoipSoftphone;
  return { frame, win, el };
}

describe('faults: a CRM page with a strict Content-Security-Policy', () => {
  let mock: MockHandle;
  let page: CspPage | undefined;
  beforeEach(async () => {
    mock = await startMock({ holdMs: 1000, outboundConnectMs: -1 });
  });
  afterEach(async () => {
    page?.frame.remove();
    page = undefined;
    await stopMock(mock.port);
  });

  /** The policy of docs/reliability.md, with the test's own origin as the CRM's. */
  const strict = (mockOrigin: string, worker: boolean): string =>
    [
      "default-src 'none'",
      `script-src 'self' ${mockOrigin}`,
      `connect-src 'self' ${mockOrigin} http://127.0.0.1:10800`,
      ...(worker ? ['worker-src blob:'] : []),
      "style-src 'self'",
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');

  /** [what, the policy, the nonce of the page's own scripts, the violations it may report]. */
  const policies: [string, (origin: string) => string, string, string[]][] = [
    ["script-src 'self' + the server origin, worker-src blob:", (origin) => strict(origin, true), '', []],
    // Without worker-src blob: the hidden-tab timer worker is refused and the page's own timers
    // are used instead: the one violation the policy then reports.
    ["script-src 'self' + the server origin, no worker-src", (origin) => strict(origin, false), '', ['worker-src blob']],
    // A nonce-based strict CSP: the JSONP scripts are inserted by trusted code ('strict-dynamic').
    [
      "a nonce with 'strict-dynamic'",
      () => "default-src 'none'; script-src 'nonce-r4nd0m' 'strict-dynamic'; worker-src blob:; style-src 'self'; object-src 'none'; base-uri 'none'",
      'r4nd0m',
      [],
    ],
    // Trusted Types enforced: the widget's policy (voip-softphone) and Lit's (lit-html) allowed.
    [
      'Trusted Types enforced',
      (origin) => `${strict(origin, true)}; require-trusted-types-for 'script'; trusted-types voip-softphone lit-html`,
      '',
      [],
    ],
  ];

  for (const [what, policy, nonce, expected] of policies) {
    it(`works under ${what}`, async () => {
      page = await cspPage(mock, policy(new URL(mock.url).origin), nonce);
      const { el, win } = page;
      const seen = record(el);
      await waitUntil(() => el.status === 'online', 'online under the CSP', { timeout: 5000 });
      await polling(mock);
      const cdrId = await ring(mock, '13800001201');
      await waitUntil(() => seen.events.length === 1, 'ring under the CSP', { timeout: 3000 });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="phone"]')!.textContent!.trim()).to.equal('13800001201');
      // Lit's styles are constructed stylesheets: no inline style needed, the card is styled.
      expect(win.getComputedStyle(el).display).to.equal('block');
      await control(mock.url, 'answer', { cdrId });
      await control(mock.url, 'hangup', { cdrId });
      await waitUntil(() => seen.events.length === 3, 'answer and hang-up under the CSP', { timeout: 3000 });
      expect(seen.events).to.deep.equal(['ring:13800001201', 'answer:13800001201', 'hangup:13800001201']);
      expect(seen.errors).to.deep.equal([]);
      await sleep(100);
      const violations = win.__cspViolations.map((v) => `${v.directive} ${v.blocked}`);
      expect(violations).to.deep.equal(expected);
    });
  }

  it("injected <voip-softphone server=evil> under nonce + 'strict-dynamic' runs nothing of evil's: only the declared server loads", async () => {
    const evil = await startMock({ holdMs: 1000 });
    try {
      const policy = "default-src 'none'; script-src 'nonce-r4nd0m' 'strict-dynamic'; worker-src blob:; style-src 'self'; object-src 'none'; base-uri 'none'";
      page = await cspPage(mock, policy, 'r4nd0m', {
        head: `<meta name="voip-softphone-servers" content="${new URL(mock.url).origin}">`,
        // What an HTML injection adds to the CRM page: markup only (it cannot carry the nonce),
        // here with its own declaration too, which comes too late to count.
        body: `<meta name="voip-softphone-servers" content="${evil.url}"><voip-softphone id="injected" server="${evil.url}" user="100008800" password="02367073578" lang="en" ringtone="off" desktop-port="0"></voip-softphone>`,
      });
      const { el, win } = page;
      const injected = win.document.getElementById('injected') as VoipSoftphone;
      await waitUntil(() => el.status === 'online', 'the real widget online', { timeout: 5000 });
      await waitUntil(() => injected.status === 'error', 'the injected widget refused', { timeout: 5000 });
      await injected.updateComplete;
      expect(injected.shadowRoot!.textContent).to.include('is not a server this page declares');
      await sleep(300);
      expect(await requests(evil), 'nothing reached the evil server').to.deep.equal([]);
      expect([...win.document.querySelectorAll('script[src]')].filter((s) => (s as HTMLScriptElement).src.startsWith(evil.url))).to.deep.equal([]);
    } finally {
      await stopMock(evil.port);
    }
  });

  it('without the server origin in script-src nothing loads: the widget says it cannot connect', async () => {
    page = await cspPage(mock, "default-src 'none'; script-src 'self'; worker-src blob:; style-src 'self'");
    const { el, win } = page;
    const seen = record(el);
    await waitUntil(() => seen.errors.length > 0, 'an error', { timeout: 5000 });
    expect(seen.errors[0]).to.equal(-1);
    expect(el.status).to.equal('connecting');
    expect(win.__cspViolations.some((v) => v.directive === 'script-src-elem' && v.blocked.startsWith(mock.url))).to.equal(true);
    const sent = await requests(mock);
    expect(sent, 'the browser sent nothing to the server').to.deep.equal([]);
  });
});
