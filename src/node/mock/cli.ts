/**
 * The command line of the mock server, shared by the published bin (bin/voip-softphone-mock.js)
 * and the development one (bin/mock-cli.ts).
 */
import { parseArgs } from 'node:util';
import { ADMIN_ACCOUNT, TEST_ACCOUNT, md5Hex } from './accounts.js';
import { CONTROL_ROUTES } from './control-api.js';
import { CRM_DEFAULTS, type CrmOptions } from './crm-http.js';
import { MOCK_DEFAULTS, resolveOptions, type HangupStatus, type MockServerOptions, type PollCursor } from './options.js';
import { startMockServer, type MockServer } from './server.js';

const USAGE = `voip-softphone-mock: a mock 八百呼 (800ing) call-centre server for development and tests

Usage: voip-softphone-mock [options]
  --port N                  port to listen on (default 8800; 0 takes a free port)
  --host H                  address to listen on (default ${MOCK_DEFAULTS.host})
  --hold-ms N               how long getLongWaterLine holds a request (default ${MOCK_DEFAULTS.holdMs}; 0 answers at once)
  --outbound-connect-ms N   when an outbound call connects (default ${MOCK_DEFAULTS.outboundConnectMs}; negative never)
  --push-url URL            push call events and records to the CRM's server (docs/800ing-api.md §5 §2.7)
  --navigation-url URL      ask the CRM's server which agent gets an inbound call (§2.8)
  --ivr-url URL             send IVR keys to the CRM's server (§2.10)
  --crm-timeout-ms N        how long the CRM's server has to answer (default ${CRM_DEFAULTS.timeoutMs})
  --control-any-origin      let any web page call the control API /mock/ (default: loopback pages only;
                            it is for development: it shows password MD5s and re-points CRM callbacks)
The real server's variants (docs/800ing-api.md §7.1; the defaults follow the deployed client's server):
  --no-record               calls without a record: every call message says cdrId: -1
  --string-codes            status and code written as strings ('0')
  --hangup-status 2|3       write every hang-up with this status (default: 2 in getLongWaterLine, 3 in recvMsg)
  --poll-cursor line|account  getLongWaterLine state per login line (default) or one per account
  --ignore-waterline-param  ignore the waterLine a poll sends, as the real server does
  --quiet                   do not print every request
  -h, --help                show this help
`;

/**
 * The CLI's own default port: a fixed one, so a CRM page can be pointed at it once; the one
 * `npm start` and every example use.
 */
const CLI_DEFAULT_PORT = 8800;

function integer(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new RangeError(`${flag} needs an integer, got "${text}"`);
  return n;
}

/** Parses the flags; throws on unknown flags or bad numbers. Undefined means: print the help. */
export function parseMockCliArgs(argv: readonly string[]): MockServerOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'hold-ms': { type: 'string' },
      'outbound-connect-ms': { type: 'string' },
      'push-url': { type: 'string' },
      'navigation-url': { type: 'string' },
      'ivr-url': { type: 'string' },
      'crm-timeout-ms': { type: 'string' },
      'control-any-origin': { type: 'boolean' },
      'no-record': { type: 'boolean' },
      'string-codes': { type: 'boolean' },
      'hangup-status': { type: 'string' },
      'poll-cursor': { type: 'string' },
      'ignore-waterline-param': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const options: MockServerOptions = {
    port: integer('--port', values.port, CLI_DEFAULT_PORT),
    host: values.host ?? MOCK_DEFAULTS.host,
    holdMs: integer('--hold-ms', values['hold-ms'], MOCK_DEFAULTS.holdMs),
    outboundConnectMs: integer('--outbound-connect-ms', values['outbound-connect-ms'], MOCK_DEFAULTS.outboundConnectMs),
  };
  if (values['no-record']) options.noRecord = true;
  if (values['string-codes']) options.stringCodes = true;
  if (values['hangup-status'] !== undefined) options.hangupStatus = integer('--hangup-status', values['hangup-status'], 0) as HangupStatus;
  if (values['poll-cursor'] !== undefined) options.pollCursor = values['poll-cursor'] as PollCursor;
  if (values['ignore-waterline-param']) options.waterLineParam = false;
  resolveOptions(options); // a bad variant value is a usage error now, not when the server starts
  const crm: CrmOptions = {};
  if (values['push-url'] !== undefined) crm.pushUrl = values['push-url'];
  if (values['navigation-url'] !== undefined) crm.navigationUrl = values['navigation-url'];
  if (values['ivr-url'] !== undefined) crm.ivrUrl = values['ivr-url'];
  if (values['crm-timeout-ms'] !== undefined) crm.timeoutMs = integer('--crm-timeout-ms', values['crm-timeout-ms'], CRM_DEFAULTS.timeoutMs);
  if (Object.keys(crm).length > 0) options.crm = crm;
  if (values['control-any-origin']) options.controlOrigins = '*';
  if (!values.quiet) options.log = (line) => console.log(line);
  return options;
}

function banner(server: MockServer): string {
  const accounts = [
    { label: 'test agent', ...TEST_ACCOUNT },
    { label: 'admin', ...ADMIN_ACCOUNT },
  ];
  const lines = [`mock 800ing server: ${server.url}`, '', 'accounts (sa_user / password / extension / MD5):'];
  for (const a of accounts) {
    lines.push(`  ${a.label.padEnd(10)} ${a.user} / ${a.password} / ${a.extension} / ${md5Hex(a.password)}`);
  }
  lines.push('', `control API: ${server.url}/mock/ring?user=${TEST_ACCOUNT.user}&phone=13800138000`);
  lines.push(`  routes: ${CONTROL_ROUTES.join(' ')}`);
  const { pushUrl, navigationUrl, ivrUrl } = server.crm;
  const crm = [['push', pushUrl], ['navigation', navigationUrl], ['ivr', ivrUrl]].filter(([, url]) => url);
  if (crm.length > 0) lines.push(`CRM callbacks: ${crm.map(([name, url]) => `${name} ${url}`).join(', ')}`);
  return lines.join('\n');
}

/**
 * Runs the CLI: starts the server, prints its URL and the test accounts, and closes it on
 * SIGINT/SIGTERM. Resolves with the server (undefined after --help).
 */
export async function runMockCli(argv: readonly string[]): Promise<MockServer | undefined> {
  let options: MockServerOptions | undefined;
  try {
    options = parseMockCliArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (!options) {
    console.log(USAGE);
    return undefined;
  }
  const server = await startMockServer(options);
  console.log(banner(server));
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}
