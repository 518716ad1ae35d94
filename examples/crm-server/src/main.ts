#!/usr/bin/env -S npx tsx
/**
 * The command line: `tsx src/main.ts --port 3000 --db crm.sqlite --default-extension 800`.
 * Every flag also has an environment variable; a flag wins over its variable.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { AgentSeed } from './agents.js';
import { CallbackPath, callbackPath, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_VOIP_SERVER, startCrmServer, type CrmServerOptions } from './server.js';
import { PROXY_PATH } from './web.js';
import { DEFAULT_IVR_AGENT } from './routes.js';

const DEFAULTS = { db: 'crm.sqlite', defaultExtension: '800' } as const;

const USAGE = `voip-crm-server: a small CRM backend for the 800ing call centre (push, navigation and IVR callbacks, SQLite)

Usage: tsx src/main.ts [options]
  --port N                  port to listen on (env PORT; default ${DEFAULT_PORT}; 0 takes a free port)
  --host H                  address to listen on (env CRM_HOST; default ${DEFAULT_HOST}, this machine only)
  --voip-server URL         the 800ing server the agents' widgets reach through ${PROXY_PATH} (env VOIP_SERVER; default ${DEFAULT_VOIP_SERVER})
  --agent L:P:USER:MD5      a CRM login L with password P, whose 800ing account is USER with password MD5 (repeatable)
  --callback-token T        secret path segment of the callback URLs, 16+ URL-safe characters (env CRM_CALLBACK_TOKEN; default: a new random one)
  --secure-cookie           mark the session cookie Secure (the CRM is served over https)
  --db FILE                 SQLite file, created when missing (env CRM_DB; default ${DEFAULTS.db})
  --default-extension EXT   agent for callers the routes table does not name (env CRM_DEFAULT_EXTENSION; default ${DEFAULTS.defaultExtension})
  --ivr-agent EXT           agent the IVR's key 1 transfers to (env CRM_IVR_AGENT; default ${DEFAULT_IVR_AGENT})
  --route PHONE=EXT         route a caller to an agent, stored in the routes table (repeatable)
  --quiet                   do not print every callback
  -h, --help                show this help
`;

function port(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n > 65_535) throw new RangeError(`--port needs a port number, got "${text}"`);
  return n;
}

function routes(pairs: readonly string[]): Record<string, string> {
  const table: Record<string, string> = {};
  for (const pair of pairs) {
    const [phone = '', extension = ''] = pair.split('=', 2).map((part) => part.trim());
    if (!phone || !extension) throw new RangeError(`--route needs PHONE=EXTENSION, got "${pair}"`);
    table[phone] = extension;
  }
  return table;
}

function agent(text: string): AgentSeed {
  const [login = '', password = '', voipUser = '', voipPasswordMd5 = ''] = text.split(':');
  if (!login || !password || !voipUser || !/^[0-9a-f]{32}$/i.test(voipPasswordMd5)) {
    throw new RangeError('--agent needs LOGIN:PASSWORD:VOIP_USER:VOIP_PASSWORD_MD5 (the MD5 as 32 hex characters)');
  }
  return { login, password, voipUser, voipPasswordMd5 };
}

/** The server options from the flags and the environment; undefined means: print the help. */
function parseCrmArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CrmServerOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'default-extension': { type: 'string' },
      'ivr-agent': { type: 'string' },
      route: { type: 'string', multiple: true },
      'voip-server': { type: 'string' },
      agent: { type: 'string', multiple: true },
      'callback-token': { type: 'string' },
      'secure-cookie': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const options: CrmServerOptions = {
    port: port(values.port ?? env.PORT ?? String(DEFAULT_PORT)),
    host: values.host ?? env.CRM_HOST ?? DEFAULT_HOST,
    dbPath: values.db ?? env.CRM_DB ?? DEFAULTS.db,
    defaultExtension: values['default-extension'] ?? env.CRM_DEFAULT_EXTENSION ?? DEFAULTS.defaultExtension,
    ivrAgent: values['ivr-agent'] ?? env.CRM_IVR_AGENT ?? DEFAULT_IVR_AGENT,
    routes: routes(values.route ?? []),
    voipServer: values['voip-server'] ?? env.VOIP_SERVER ?? DEFAULT_VOIP_SERVER,
    agents: (values.agent ?? []).map(agent),
    // Never unprotected by default: without a token of its own the server makes one per start.
    callbackToken: values['callback-token'] ?? env.CRM_CALLBACK_TOKEN ?? randomBytes(18).toString('base64url'),
    secureCookie: values['secure-cookie'] ?? false,
  };
  if (!values.quiet) options.log = (line) => console.log(line);
  return options;
}

async function main(): Promise<void> {
  let options: CrmServerOptions | undefined;
  try {
    options = parseCrmArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(USAGE);
    return;
  }
  const server = await startCrmServer(options);
  const token = options.callbackToken;
  console.log(`CRM server: ${server.url}  (database ${options.dbPath})
  agents' page    ${server.url}/  (800ing API through ${server.url}${PROXY_PATH} → ${options.voipServer})
  push URL        ${server.url}${callbackPath(CallbackPath.Push, token)}
  navigation URL  ${server.url}${callbackPath(CallbackPath.Navigation, token)}
  IVR URL         ${server.url}${callbackPath(CallbackPath.Ivr, token)}
  call records    ${server.url}/calls?phone=`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
