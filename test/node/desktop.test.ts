/**
 * The desktop-client control (spec §6): the exact URL of every command type, input validation,
 * and DesktopClient over real HTTP against the mock desktop on 127.0.0.1 (success, not running,
 * slow, refusing, cancelled).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  DEFAULT_DESKTOP_TIMEOUT_MS,
  DesktopClient,
  DesktopType,
  base64Utf8,
  buildDesktopUrl,
  type AnyDesktopParams,
} from '../../src/desktop/index.js';
import { decodeCommand, startMockDesktop, type DesktopCommand, type MockDesktop } from '../../src/node/mock-desktop.js';
import { LocalCode, VoipError, isVoipError } from '../../src/protocol/index.js';

const CRM_URL = 'https://crm.example.com/客户/详情?name=张三&id=42#备注';

/** A port on 127.0.0.1 with nothing listening on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `run`, answers the VoipError it rejects with and how long that took. */
async function rejection(run: () => Promise<unknown>): Promise<{ error: VoipError; ms: number }> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    assert.ok(isVoipError(error), `expected a VoipError, got ${String(error)}`);
    return { error, ms: performance.now() - started };
  }
  assert.fail('expected a rejection');
}

function badInput(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof VoipError);
    assert.equal(error.code, LocalCode.BadInput);
    assert.equal(error.method, 'desktop');
    assert.match(error.message, pattern);
    return true;
  });
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

describe('desktop commands: the exact URL of every type', () => {
  const B64 = base64Utf8(CRM_URL);
  const cases: [name: string, type: number, params: AnyDesktopParams, query: string][] = [
    ['dial', DesktopType.Dial, { phone: '13900120013' }, 'type=0&phone=13900120013'],
    ['dial with the pop window', DesktopType.Dial, { phone: '13900120013', hold: 1 }, 'type=0&phone=13900120013&hold=1'],
    [
      'dial without the pop window',
      DesktopType.Dial,
      { phone: '13900120013', hold: false, disablePop: true },
      'type=0&phone=13900120013&hold=0&disablePop=true',
    ],
    ['hang up', DesktopType.Hangup, {}, 'type=1'],
    ['transfer', DesktopType.Transfer, { phone: '8002' }, 'type=2&phone=8002'],
    ['show customer', DesktopType.ShowCustomer, { phone: '02161234567' }, 'type=3&phone=02161234567'],
    ['batch dial (list)', DesktopType.BatchDial, { phone: ['139', '138', 137] }, 'type=4&phone=139%2C138%2C137'],
    ['batch dial (joined)', DesktopType.BatchDial, { phone: '139,138' }, 'type=4&phone=139%2C138'],
    ['monitor', DesktopType.Monitor, { phone: '8001' }, 'type=992&phone=8001'],
    ['whisper', DesktopType.Whisper, { phone: '8001' }, 'type=993&phone=8001'],
    ['barge in', DesktopType.BargeIn, { phone: '8001' }, 'type=994&phone=8001'],
    ['force hang-up', DesktopType.ForceHangup, { phone: '8001' }, 'type=981&phone=8001'],
    [
      'open a URL',
      DesktopType.OpenUrl,
      { url: CRM_URL, caption: '客户资料', width: 1100, height: 300 },
      `type=1000&url=${encodeURIComponent(B64)}&caption=%E5%AE%A2%E6%88%B7%E8%B5%84%E6%96%99&width=1100&height=300`,
    ],
    ['print a work order', DesktopType.PrintWorkOrder, { phone: 'WO-1', caption: '维修单' }, 'type=1001&phone=WO-1&caption=%E7%BB%B4%E4%BF%AE%E5%8D%95'],
    ['design a work order', DesktopType.DesignWorkOrder, { phone: 'WO-1', caption: '维修单' }, 'type=1002&phone=WO-1&caption=%E7%BB%B4%E4%BF%AE%E5%8D%95'],
    ['close the pop window', DesktopType.ClosePop, { phone: '13900120013' }, 'type=1003&phone=13900120013'],
    ['close the pop window (no phone)', DesktopType.ClosePop, {}, 'type=1003'],
    ['design an order', DesktopType.DesignOrder, { phone: 9001 }, 'type=1005&phone=9001'],
    ['print an order', DesktopType.PrintOrder, { phone: '9001' }, 'type=1006&phone=9001'],
    ['design a waybill', DesktopType.DesignWaybill, { phone: '9001' }, 'type=1007&phone=9001'],
    ['print a waybill', DesktopType.PrintWaybill, { phone: '9001' }, 'type=1008&phone=9001'],
    [
      'log the client in',
      DesktopType.Login,
      { host: 'voip.800ing.com', user: '10000800', pass: 'p&ss=1 2' },
      'type=2001&host=voip.800ing.com&user=10000800&pass=p%26ss%3D1%202',
    ],
    ['show the client window', DesktopType.ShowWindow, {}, 'type=2002'],
    ['any command with apiKey', DesktopType.ShowWindow, { apiKey: 'abc+/=' }, 'type=2002&apiKey=abc%2B%2F%3D'],
  ];

  for (const [name, type, params, query] of cases) {
    it(`builds ${name}: ?${query.slice(0, 40)}`, () => {
      assert.equal(buildDesktopUrl(type as DesktopType, params as never), `http://127.0.0.1:10800/?${query}`);
    });
  }

  it('covers every DesktopType value in the table above', () => {
    const covered = new Set(cases.map(([, type]) => type));
    assert.deepEqual([...covered].sort((a, b) => a - b), Object.values(DesktopType).sort((a, b) => a - b));
    assert.deepEqual(DesktopType, {
      Dial: 0, Hangup: 1, Transfer: 2, ShowCustomer: 3, BatchDial: 4,
      Monitor: 992, Whisper: 993, BargeIn: 994, ForceHangup: 981,
      OpenUrl: 1000, PrintWorkOrder: 1001, DesignWorkOrder: 1002, ClosePop: 1003,
      DesignOrder: 1005, PrintOrder: 1006, DesignWaybill: 1007, PrintWaybill: 1008,
      Login: 2001, ShowWindow: 2002,
    });
  });

  it('reproduces the vendor document\'s own example URLs (§3.2, §3.3, §3.4)', () => {
    assert.equal(
      buildDesktopUrl(DesktopType.Login, { host: 'voip.800ing.com', user: '10000800', pass: '123456' }),
      'http://127.0.0.1:10800/?type=2001&host=voip.800ing.com&user=10000800&pass=123456',
    );
    assert.equal(buildDesktopUrl(DesktopType.ShowWindow, {}), 'http://127.0.0.1:10800/?type=2002');
    assert.equal(
      buildDesktopUrl(DesktopType.Dial, { phone: '13900120013', disablePop: true }, { host: 'localhost' }),
      'http://localhost:10800/?type=0&phone=13900120013&disablePop=true',
    );
  });

  it('encodes the URL as Base64 of its UTF-8 bytes, Chinese included', () => {
    assert.equal(base64Utf8('中文'), '5Lit5paH');
    assert.equal(base64Utf8(''), '');
    assert.equal(base64Utf8('http://a/?q=1'), 'aHR0cDovL2EvP3E9MQ==');
    assert.equal(Buffer.from(base64Utf8(CRM_URL), 'base64').toString('utf8'), CRM_URL);
    const long = '客'.repeat(40_000); // more bytes than one String.fromCharCode chunk
    assert.equal(base64Utf8(long), Buffer.from(long, 'utf8').toString('base64'));
  });

  it('percent-encodes every value as UTF-8: spaces as %20, + & = # escaped', () => {
    assert.equal(
      buildDesktopUrl(DesktopType.Transfer, { phone: ' +86 139#1 ' }),
      'http://127.0.0.1:10800/?type=2&phone=%2B86%20139%231',
    );
    assert.equal(
      buildDesktopUrl(DesktopType.PrintWorkOrder, { phone: '单号 1', caption: 'a&b=c' }),
      'http://127.0.0.1:10800/?type=1001&phone=%E5%8D%95%E5%8F%B7%201&caption=a%26b%3Dc',
    );
  });

  it('goes to the given host and port, and a command\'s httpPort overrides the port (and is sent)', () => {
    assert.equal(buildDesktopUrl(DesktopType.Hangup, {}, { port: 10801 }), 'http://127.0.0.1:10801/?type=1');
    assert.equal(
      buildDesktopUrl(DesktopType.Hangup, { httpPort: 10802 }, { port: 10801 }),
      'http://127.0.0.1:10802/?type=1&httpPort=10802',
    );
    assert.equal(buildDesktopUrl(DesktopType.Hangup, {}, { host: '::1', port: 9 }), 'http://[::1]:9/?type=1');
    assert.equal(buildDesktopUrl(DesktopType.Hangup, {}, { host: '[::1]' }), 'http://[::1]:10800/?type=1');
  });

  it('refuses an unknown type with BadInput', () => {
    badInput(() => buildDesktopUrl(5 as DesktopType, {} as never), /unknown desktop command type 5/);
    badInput(() => buildDesktopUrl('0' as unknown as DesktopType, {} as never), /unknown desktop command type "0"/);
    badInput(() => buildDesktopUrl(Number.NaN as DesktopType, {} as never), /unknown desktop command type NaN/);
  });

  it('refuses a missing or empty phone for every type that needs one', () => {
    const needPhone = [0, 2, 3, 4, 992, 993, 994, 981, 1001, 1002, 1005, 1006, 1007, 1008] as DesktopType[];
    for (const type of needPhone) {
      badInput(() => buildDesktopUrl(type, {} as never), new RegExp(`desktop command ${type} needs "phone"`));
      badInput(() => buildDesktopUrl(type, { phone: '  ' } as never), /"phone" must be a non-empty string/);
    }
    badInput(() => buildDesktopUrl(DesktopType.BatchDial, { phone: [] }), /needs "phone"/);
    badInput(() => buildDesktopUrl(DesktopType.BatchDial, { phone: ['1', ''] }), /non-empty/);
    badInput(() => buildDesktopUrl(DesktopType.Dial, { phone: ['1', '2'] } as never), /only for batch dialing/);
  });

  it('refuses a missing, empty or relative url for type 1000', () => {
    badInput(() => buildDesktopUrl(DesktopType.OpenUrl, {} as never), /needs "url"/);
    badInput(() => buildDesktopUrl(DesktopType.OpenUrl, { url: '' }), /"url" must be a non-empty string/);
    badInput(() => buildDesktopUrl(DesktopType.OpenUrl, { url: '/customer?id=1' }), /absolute URL/);
  });

  it('refuses a url for type 1000 that is not a web page: javascript:, file:, data: (issue 14)', () => {
    for (const url of ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>']) {
      badInput(() => buildDesktopUrl(DesktopType.OpenUrl, { url }), /must be an http\(s\) URL/);
    }
    assert.match(buildDesktopUrl(DesktopType.OpenUrl, { url: 'https://crm.example.com/c/1' }), /type=1000/);
  });

  it('refuses an invalid port, httpPort, host, size, flag or parameter name', () => {
    for (const port of [0, -1, 65536, 1.5, Number.NaN, '10800']) {
      badInput(() => buildDesktopUrl(DesktopType.Hangup, {}, { port: port as number }), /invalid desktop client port/);
      badInput(() => buildDesktopUrl(DesktopType.Hangup, { httpPort: port as number }), /invalid "httpPort"/);
    }
    badInput(() => buildDesktopUrl(DesktopType.Hangup, {}, { host: '' }), /host/);
    badInput(() => buildDesktopUrl(DesktopType.Hangup, {}, { host: 'localhost:80' }), /invalid desktop client host/);
    badInput(() => buildDesktopUrl(DesktopType.Hangup, {}, { host: 'evil.com/x?' }), /invalid desktop client host/);
    badInput(() => buildDesktopUrl(DesktopType.OpenUrl, { url: CRM_URL, width: 0 }), /"width" must be a positive whole number/);
    badInput(() => buildDesktopUrl(DesktopType.OpenUrl, { url: CRM_URL, height: 1.5 }), /"height"/);
    badInput(() => buildDesktopUrl(DesktopType.Dial, { phone: '1', hold: 2 as 1 }), /"hold"/);
    badInput(() => buildDesktopUrl(DesktopType.Dial, { phone: '1', disablePop: 'true' as unknown as boolean }), /"disablePop"/);
    // The vendor table's capitalised spellings are typos of the URL spelling: caught, not sent.
    badInput(() => buildDesktopUrl(DesktopType.Dial, { phone: '1', Hold: 1 } as never), /unknown desktop command parameter "Hold"/);
    badInput(() => buildDesktopUrl(DesktopType.Dial, { phone: '1', type: 3 } as never), /unknown desktop command parameter "type"/);
  });

  it('leaves out undefined and null parameters', () => {
    assert.equal(
      buildDesktopUrl(DesktopType.OpenUrl, { url: 'http://a/', caption: undefined, width: null as unknown as number }),
      `http://127.0.0.1:10800/?type=1000&url=${encodeURIComponent(base64Utf8('http://a/'))}`,
    );
  });
});

describe('mock desktop', () => {
  let desktop: MockDesktop;
  before(async () => {
    desktop = await startMockDesktop({ port: 0 });
  });
  after(() => desktop.close());
  beforeEach(() => desktop.clear());

  it('answers 200 "ok" with Access-Control-Allow-Origin: * and records the decoded command', async () => {
    assert.match(desktop.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(desktop.port > 0);
    const seen: DesktopCommand[] = [];
    desktop.on('command', (command) => seen.push(command));
    const before = Date.now();
    const response = await fetch(`${desktop.url}/?type=0&phone=139&disablePop=true`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(await response.text(), 'ok');
    desktop.removeAllListeners('command');
    assert.equal(desktop.commands.length, 1);
    const [command] = desktop.commands;
    assert.deepEqual({ ...command, at: 0 }, {
      type: 0,
      params: { type: '0', phone: '139', disablePop: 'true' },
      raw: '/?type=0&phone=139&disablePop=true',
      at: 0,
    });
    assert.ok(command!.at >= before && command!.at <= Date.now());
    assert.deepEqual(seen, desktop.commands);
  });

  it('decodes the Base64 url and ignores requests without a type', async () => {
    const target = buildDesktopUrl(DesktopType.OpenUrl, { url: CRM_URL }, { port: desktop.port });
    await (await fetch(target)).text();
    await (await fetch(`${desktop.url}/favicon.ico`)).text();
    assert.deepEqual(desktop.commands.map((c) => [c.type, c.url]), [[1000, CRM_URL]]);
    assert.equal(decodeCommand('/?phone=1'), undefined);
    assert.ok(Number.isNaN(decodeCommand('/?type=x')!.type));
  });

  it('clear() forgets the commands received', async () => {
    await (await fetch(`${desktop.url}/?type=1`)).text();
    assert.equal(desktop.commands.length, 1);
    desktop.clear();
    assert.deepEqual(desktop.commands, []);
  });
});

describe('DesktopClient against the mock desktop', () => {
  let desktop: MockDesktop;
  let client: DesktopClient;
  before(async () => {
    desktop = await startMockDesktop({ port: 0 });
    client = new DesktopClient({ port: desktop.port, lang: 'en' });
  });
  after(() => desktop.close());
  beforeEach(() => {
    desktop.clear();
    desktop.delayMs = 0;
    desktop.refuse = false;
  });

  it('sends a command and the client receives it decoded', async () => {
    await client.send(DesktopType.Dial, { phone: '13900120013', hold: true });
    assert.deepEqual(
      desktop.commands.map((c) => c.params),
      [{ type: '0', phone: '13900120013', hold: '1' }],
    );
    assert.equal(desktop.commands[0]!.raw, '/?type=0&phone=13900120013&hold=1');
  });

  it('delivers every convenience method as its command, in order, with Chinese url and caption intact', async () => {
    await client.dial('13900120013', { hold: 1, disablePop: true });
    await client.hangup();
    await client.transfer('8002');
    await client.showCustomer('13900120013');
    await client.batchDial(['139', '138']);
    await client.monitor('8001');
    await client.whisper('8001');
    await client.bargeIn('8001');
    await client.forceHangup('8001');
    await client.openUrl(CRM_URL, { caption: '客户资料 · 张三', width: 1100, height: 300 });
    await client.printWorkOrder('WO-1', { caption: '维修单' });
    await client.designWorkOrder('WO-1', { caption: '维修单' });
    await client.closePop({ phone: '13900120013' });
    await client.designOrder('9001');
    await client.printOrder('9001');
    await client.designWaybill('9001');
    await client.printWaybill('9001');
    await client.login('voip.800ing.com', '10000800', '密码 123');
    await client.showWindow({ apiKey: 'session-1' });

    const seen = desktop.commands.map(({ type, params, url }) => {
      const { type: _type, ...rest } = params;
      return url === undefined ? [type, rest] : [type, rest, url];
    });
    assert.deepEqual(seen, [
      [0, { phone: '13900120013', hold: '1', disablePop: 'true' }],
      [1, {}],
      [2, { phone: '8002' }],
      [3, { phone: '13900120013' }],
      [4, { phone: '139,138' }],
      [992, { phone: '8001' }],
      [993, { phone: '8001' }],
      [994, { phone: '8001' }],
      [981, { phone: '8001' }],
      [1000, { url: base64Utf8(CRM_URL), caption: '客户资料 · 张三', width: '1100', height: '300' }, CRM_URL],
      [1001, { phone: 'WO-1', caption: '维修单' }],
      [1002, { phone: 'WO-1', caption: '维修单' }],
      [1003, { phone: '13900120013' }],
      [1005, { phone: '9001' }],
      [1006, { phone: '9001' }],
      [1007, { phone: '9001' }],
      [1008, { phone: '9001' }],
      [2001, { host: 'voip.800ing.com', user: '10000800', pass: '密码 123' }],
      [2002, { apiKey: 'session-1' }],
    ]);
  });

  it('sends a command with httpPort to that port instead of its own', async () => {
    const other = new DesktopClient({ port: await freePort(), lang: 'en', timeoutMs: 1000 });
    await other.send(DesktopType.ShowWindow, { httpPort: desktop.port });
    assert.deepEqual(desktop.commands.map((c) => c.params), [{ type: '2002', httpPort: String(desktop.port) }]);
  });

  it('rejects invalid input with BadInput and sends nothing', async () => {
    const { error } = await rejection(() => client.dial(''));
    assert.equal(error.code, LocalCode.BadInput);
    assert.equal(error.method, 'desktop');
    const unknown = await rejection(() => client.send(42 as DesktopType));
    assert.equal(unknown.error.code, LocalCode.BadInput);
    assert.deepEqual(desktop.commands, []);
  });

  it('rejects with DesktopUnreachable quickly when nothing listens on the port (en)', async () => {
    const port = await freePort();
    const { error, ms } = await rejection(() => new DesktopClient({ port, lang: 'en' }).hangup());
    assert.equal(error.code, LocalCode.DesktopUnreachable);
    assert.equal(error.message, `desktop client not running on 127.0.0.1:${port}`);
    assert.equal(error.method, 'desktop');
    assert.ok(ms < 1000, `took ${ms} ms`);
  });

  it('says so in Chinese by default (zh-CN)', async () => {
    const port = await freePort();
    const { error, ms } = await rejection(() => new DesktopClient({ port }).showWindow());
    assert.equal(error.code, LocalCode.DesktopUnreachable);
    assert.equal(error.message, `桌面客户端未在 127.0.0.1:${port} 运行`);
    assert.ok(ms < 1000, `took ${ms} ms`);
  });

  it('rejects at the timeout when the client is too slow to answer, though it received the command', async () => {
    desktop.delayMs = 2000;
    const slow = new DesktopClient({ port: desktop.port, timeoutMs: 150, lang: 'en' });
    const { error, ms } = await rejection(() => slow.hangup());
    assert.equal(error.code, LocalCode.DesktopUnreachable);
    assert.equal(error.message, `desktop client not running on 127.0.0.1:${desktop.port}`);
    assert.ok(ms >= 140 && ms < 1000, `took ${ms} ms`);
    assert.deepEqual(desktop.commands.map((c) => c.type), [1]);
  });

  it('accepts a slow client that answers within the timeout', async () => {
    desktop.delayMs = 100;
    const started = performance.now();
    await new DesktopClient({ port: desktop.port, timeoutMs: 1000 }).hangup();
    assert.ok(performance.now() - started >= 90);
    assert.deepEqual(desktop.commands.map((c) => c.type), [1]);
  });

  it('rejects with DesktopUnreachable when the client drops the connection (refuse)', async () => {
    desktop.refuse = true;
    const { error, ms } = await rejection(() => client.showWindow());
    assert.equal(error.code, LocalCode.DesktopUnreachable);
    assert.equal(error.message, `desktop client not running on 127.0.0.1:${desktop.port}`);
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.deepEqual(desktop.commands, []);
  });

  it('a client started with refuse: true refuses from the start', async () => {
    const refusing = await startMockDesktop({ port: 0, refuse: true });
    try {
      const { error } = await rejection(() => new DesktopClient({ port: refusing.port }).hangup());
      assert.equal(error.code, LocalCode.DesktopUnreachable);
      assert.deepEqual(refusing.commands, []);
    } finally {
      await refusing.close();
    }
  });

  it('cancels with the AbortSignal: Aborted, not DesktopUnreachable', async () => {
    desktop.delayMs = 2000;
    const controller = new AbortController();
    const pending = rejection(() => client.hangup({ signal: controller.signal }));
    await once(desktop, 'command');
    controller.abort();
    const { error, ms } = await pending;
    assert.equal(error.code, LocalCode.Aborted);
    assert.equal(error.method, 'desktop');
    assert.ok(ms < 1000);

    desktop.clear();
    const early = await rejection(() => client.send(DesktopType.Hangup, {}, { signal: AbortSignal.abort() }));
    assert.equal(early.error.code, LocalCode.Aborted);
    assert.deepEqual(desktop.commands, [], 'an already-aborted command is never sent');
  });

  it('leaves no timer behind after success, failure or timeout', async () => {
    const timersBefore = activeTimers();
    const nothing = await freePort();
    await client.hangup();
    await rejection(() => new DesktopClient({ port: nothing }).hangup());
    desktop.delayMs = 500;
    await rejection(() => new DesktopClient({ port: desktop.port, timeoutMs: 50 }).hangup());
    assert.equal(activeTimers(), timersBefore);
  });
});

describe('DesktopClient with an injected fetch', () => {
  it('requests the exact URL with mode no-cors, cache no-store and a signal; an opaque answer is success', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const client = new DesktopClient({
      port: 10801,
      fetch: async (input, init) => {
        calls.push([String(input), init]);
        return { type: 'opaque', status: 0, ok: false, body: null } as unknown as Response;
      },
    });
    await client.openUrl('http://crm/客户?id=1', { caption: '客户' });
    assert.equal(calls.length, 1);
    const [url, init] = calls[0]!;
    assert.equal(url, `http://127.0.0.1:10801/?type=1000&url=${encodeURIComponent(base64Utf8('http://crm/客户?id=1'))}&caption=%E5%AE%A2%E6%88%B7`);
    assert.equal(init?.mode, 'no-cors');
    assert.equal(init?.cache, 'no-store');
    assert.ok(init?.signal instanceof AbortSignal);
    assert.equal(client.urlFor(DesktopType.Hangup), 'http://127.0.0.1:10801/?type=1');
    assert.equal(client.port, 10801);
    assert.equal(client.host, '127.0.0.1');
  });

  it('never hangs on a fetch that ignores its signal: rejects at the timeout and aborts the signal', async () => {
    let seenSignal: AbortSignal | undefined;
    const client = new DesktopClient({
      timeoutMs: 60,
      lang: 'en',
      fetch: (_input, init) => {
        seenSignal = init?.signal ?? undefined;
        return new Promise<Response>(() => undefined);
      },
    });
    const { error, ms } = await rejection(() => client.hangup());
    assert.equal(error.code, LocalCode.DesktopUnreachable);
    assert.equal(error.message, 'desktop client not running on 127.0.0.1:10800');
    assert.match(String((error.cause as Error).message), /no answer within 60 ms/);
    assert.ok(ms >= 55 && ms < 1000, `took ${ms} ms`);
    assert.equal(seenSignal?.aborted, true);
  });

  it('turns a TypeError (refused), thrown or rejected, into DesktopUnreachable with the cause kept', async () => {
    const refused = new TypeError('Failed to fetch');
    for (const fetchImpl of [
      (() => Promise.reject(refused)) as typeof fetch,
      (() => {
        throw refused;
      }) as typeof fetch,
    ]) {
      const { error } = await rejection(() => new DesktopClient({ host: 'localhost', port: 10809, fetch: fetchImpl, lang: 'en' }).hangup());
      assert.equal(error.code, LocalCode.DesktopUnreachable);
      assert.equal(error.message, 'desktop client not running on localhost:10809');
      assert.equal(error.cause, refused);
    }
  });

  it('handles a rejection that arrives after the timeout without an unhandled rejection', async () => {
    let rejectLate: (reason: unknown) => void = () => undefined;
    const client = new DesktopClient({
      timeoutMs: 20,
      fetch: () => new Promise<Response>((_resolve, reject) => (rejectLate = reject)),
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { error } = await rejection(() => client.hangup());
      assert.equal(error.code, LocalCode.DesktopUnreachable);
      rejectLate(new TypeError('late'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('uses 3000 ms as the default timeout', () => {
    assert.equal(DEFAULT_DESKTOP_TIMEOUT_MS, 3000);
  });
});
