/**
 * web-test-runner: component and transport tests in real Chromium (every *.test.ts under test/browser/).
 *
 * The browser is whatever scripts/find-chromium.mjs finds (Debian's Chromium here: browser
 * downloads cannot work on our machines). Tests start their own mock 800ing server, one per test
 * file, through the server commands below; it listens on another port than this page, so JSONP
 * is truly cross-origin, as on a CRM page:
 *
 *   import { startMock, stopMock, control } from './helpers/mock.js';
 *   const mock = await startMock({ holdMs: 3000 });
 *   await control(mock.url, 'ring', { user, phone });
 *   await stopMock(mock.port);
 *
 * Commands (payloads are JSON; see test/browser/helpers/mock.ts for the typed wrappers):
 *   mock-start {MockServerOptions}          → { url, port }  a new startMockServer on 127.0.0.1:0
 *   mock-stop {port}                        → { stopped }
 *   mock-desktop-start {options}            → { url, port }  a new startMockDesktop on 127.0.0.1:0
 *   mock-desktop-stop {port}                → { stopped }
 *   mock-desktop-commands {port, clear?}    → { commands }  what it received, oldest first (then
 *                                             forgets them when `clear`); it has no HTTP API for it
 * Every server still open is closed when the runner stops.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const fromRoot = (path) => fileURLToPath(new URL(path, import.meta.url));

/** The Node-only code is TypeScript; tsx loads it at run time (this file is plain JS). */
let nodeModule;
function loadNode() {
  nodeModule ??= tsImport('./src/node/index.ts', import.meta.url);
  return nodeModule;
}

/** startMockDesktop: exported from src/node/index.ts, or (while it is being written) its own module. */
async function loadStartMockDesktop() {
  const node = await loadNode();
  if (typeof node.startMockDesktop === 'function') return node.startMockDesktop;
  const own = fromRoot('./src/node/mock-desktop.ts');
  if (existsSync(own)) {
    const desktop = await tsImport('./src/node/mock-desktop.ts', import.meta.url);
    if (typeof desktop.startMockDesktop === 'function') return desktop.startMockDesktop;
  }
  throw new Error(
    'mock-desktop-start: startMockDesktop is not exported from src/node/index.ts (nor from src/node/mock-desktop.ts) yet',
  );
}

function portOf(command, payload) {
  const port = Number(payload?.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`${command}: payload must be { port } of a started server`);
  return port;
}

/**
 * A plugin that runs Node servers for the tests: `mock-start`/`mock-stop` for the mock 800ing
 * server, `mock-desktop-start`/`mock-desktop-stop` for the mock desktop client.
 */
function mockServersPlugin() {
  /** Open servers by kind, then by port. */
  const open = { mock: new Map(), desktop: new Map() };

  async function start(kind, payload) {
    const options = { ...(payload ?? {}), host: '127.0.0.1', port: 0 };
    const server =
      kind === 'mock' ? await (await loadNode()).startMockServer(options) : await (await loadStartMockDesktop())(options);
    open[kind].set(server.port, server);
    return { url: server.url ?? `http://127.0.0.1:${server.port}`, port: server.port };
  }

  async function stop(kind, command, payload) {
    const port = portOf(command, payload);
    const server = open[kind].get(port);
    if (!server) return { stopped: false };
    open[kind].delete(port);
    await server.close();
    return { stopped: true };
  }

  function desktopCommands(command, payload) {
    const desktop = open.desktop.get(portOf(command, payload));
    if (!desktop) throw new Error(`${command}: no mock desktop started on port ${payload.port}`);
    const commands = desktop.commands;
    if (payload.clear) desktop.clear();
    return { commands };
  }

  return {
    name: 'voip-mock-servers',
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'mock-start':
          return start('mock', payload);
        case 'mock-stop':
          return stop('mock', command, payload);
        case 'mock-desktop-start':
          return start('desktop', payload);
        case 'mock-desktop-stop':
          return stop('desktop', command, payload);
        case 'mock-desktop-commands':
          return desktopCommands(command, payload);
        default:
          return undefined; // not ours: the next plugin may know it
      }
    },
    async serverStop() {
      const servers = [...open.mock.values(), ...open.desktop.values()];
      open.mock.clear();
      open.desktop.clear();
      await Promise.allSettled(servers.map((server) => server.close()));
    },
  };
}

/**
 * Serves CommonJS/UMD packages as ES modules with a default export. The dev server resolves bare
 * imports but does not convert CommonJS (Vite does, for the build), and spark-md5 is UMD only:
 * without this the browser throws "does not provide an export named 'default'". A shim rather than
 * @rollup/plugin-commonjs: a UMD file needs only `module`/`exports` to be defined, and it is no
 * extra dependency. List a package here only if it is a single self-contained CommonJS file.
 */
function commonjsAsEsmPlugin(packages) {
  const files = packages.map((name) => new RegExp(`/node_modules/${name}/[^/]+\\.js$`));
  return {
    name: 'voip-commonjs-as-esm',
    transform(context) {
      if (!files.some((file) => file.test(context.path))) return undefined;
      return {
        body: `const module = { exports: {} };\nconst exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
      };
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // 2 cores: one browser page at a time keeps the timing-sensitive tests steady.
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  testsFinishTimeout: 180_000,
  plugins: [
    // The tsconfig carries experimentalDecorators: without it esbuild emits standard decorators
    // for Lit's and Chromium throws a SyntaxError (../shared/TOOLCHAIN.md).
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fromRoot('./tsconfig.json') }),
    commonjsAsEsmPlugin(['spark-md5']),
    mockServersPlugin(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS] },
    }),
  ],
};
