/**
 * `npm start`: the mock 800ing server, the mock desktop client and Vite serving the demo page,
 * all on this machine. The page is on another port than the mock server, so JSONP is truly
 * cross-origin, as on a real CRM page.
 *
 *   npm start -- [--port 5173] [--mock-port 8800] [--desktop-port 10800] [--host 127.0.0.1] [--hold-ms 25000] [--no-open] [--proxy]
 *
 * The README's "Set-up: two commands" documents each flag (keep the two in step). `--no-open` is
 * accepted for scripts that pass it; the demo never opens a browser by itself.
 *
 * `--proxy` (`npm start -- --proxy`): the first widget holds no credential (`auth="proxy"`) and
 * reaches the mock through createVoipProxy mounted at /voip-proxy on the demo's own origin,
 * which adds the test account, as a CRM's server would for its logged-in agent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { createServer, type Plugin } from 'vite';
import { createHash } from 'node:crypto';
import * as node from '../src/node/index.js';
import { createVoipProxy, TEST_ACCOUNT, startMockServer } from '../src/node/index.js';

/** Where `--proxy` mounts createVoipProxy on the demo's origin. */
const PROXY_PATH = '/voip-proxy';
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** A second agent for the English demo instance. */
export const DEMO_AGENT_2 = { user: '100008801', password: 'demo8801', extension: '8801', name: 'Agent Two' };

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    'mock-port': { type: 'string', default: '8800' },
    'desktop-port': { type: 'string', default: '10800' },
    host: { type: 'string', default: '127.0.0.1' },
    'hold-ms': { type: 'string', default: '25000' },
    'no-open': { type: 'boolean', default: false },
    proxy: { type: 'boolean', default: false },
  },
});
const host = values.host;

const mock = await startMockServer({
  host,
  port: Number(values['mock-port']),
  holdMs: Number(values['hold-ms']),
  accounts: [DEMO_AGENT_2],
  // The caller's region (findDialrecord cdrPhoneArea) for the demo contacts, so the card shows one.
  areas: { '13812345678': '北京', '13900001111': '上海' },
});
// Until a real CRM is configured, pushes go to the mock's own stand-in CRM, so the push log fills.
mock.configureCrm({ pushUrl: `${mock.url}/mock/crm-sink` });

// The mock desktop client is optional: a real one may already listen on the port.
type DesktopCommand = { type: number; params: Record<string, string>; url?: string; at: number };
const desktopCommands: DesktopCommand[] = [];
let desktopPort = Number(values['desktop-port']);
const startMockDesktop = (node as Record<string, unknown>).startMockDesktop as
  | ((o: { port: number; host: string }) => Promise<{ port: number; on(e: 'command', l: (c: DesktopCommand) => void): void; close(): Promise<void> }>)
  | undefined;
let desktop: { port: number; close(): Promise<void> } | undefined;
if (startMockDesktop) {
  try {
    const d = await startMockDesktop({ port: desktopPort, host });
    d.on('command', (c) => {
      desktopCommands.push(c);
      if (desktopCommands.length > 200) desktopCommands.shift();
    });
    desktop = d;
    desktopPort = d.port;
  } catch (error) {
    console.warn(`mock desktop client not started on ${desktopPort}: ${(error as Error).message}`);
  }
}

/** Hands the demo page its configuration and the desktop command log. */
function demoPlugin(): Plugin {
  const config = {
    mockUrl: mock.url,
    desktopPort,
    proxy: values.proxy ? PROXY_PATH : '',
    accounts: [
      { user: TEST_ACCOUNT.user, password: TEST_ACCOUNT.password, extension: TEST_ACCOUNT.extension },
      DEMO_AGENT_2,
    ],
  };
  return {
    name: 'voip-demo-config',
    resolveId: (id) => (id === 'virtual:demo-config' ? '\0virtual:demo-config' : undefined),
    load: (id) => (id === '\0virtual:demo-config' ? `export default ${JSON.stringify(config)};` : undefined),
    configureServer(server) {
      if (values.proxy) {
        // The demo has no CRM login: every visitor is the test agent, as a logged-in agent would be.
        const account = { user: TEST_ACCOUNT.user, passwordMd5: md5(TEST_ACCOUNT.password) };
        const proxy = createVoipProxy({ target: mock.url, credentials: () => account });
        server.middlewares.use(PROXY_PATH, (req: IncomingMessage, res: ServerResponse, next: () => void) => void proxy(req, res, next));
      }
      server.middlewares.use('/__demo/desktop-commands', (_req: IncomingMessage, res: ServerResponse) => {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(desktopCommands));
      });
    },
  };
}

const vite = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  root: new URL('..', import.meta.url).pathname,
  plugins: [demoPlugin()],
  server: { host, port: Number(values.port), strictPort: true, open: false },
  clearScreen: false,
});
await vite.listen();
const page = `http://${host}:${vite.config.server.port}/`;

console.log(`
  voip-softphone demo      ${page}
  mock 800ing server       ${mock.url}   (control API: ${mock.url}/mock/…)${values.proxy ? `\n  proxy (first widget)     ${page.replace(/\/$/, '')}${PROXY_PATH} → ${mock.url}, auth="proxy"` : ''}
  mock desktop client      ${desktop ? `http://${host}:${desktopPort}/` : 'not running'}
  test account             ${TEST_ACCOUNT.user} / ${TEST_ACCOUNT.password}
`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await Promise.allSettled([vite.close(), mock.close(), desktop?.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
