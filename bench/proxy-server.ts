/**
 * The proxy for the proxy measurement, in a process of its own so that its memory is its own and
 * it does not share an event loop with the load generator. Only started by bench/proxy.ts with
 * `fork`; talks over IPC:
 *   → { type: 'ready', url }           once listening
 *   ← { type: 'usage' }  → { type: 'usage', rss, heapUsed, external, lagP99Ms } (after a GC when exposed)
 *   ← { type: 'close' }  closes and exits
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createVoipProxy } from '../src/node/index.js';
import { listen } from '../src/node/listen.js';

if (!process.send) {
  console.error('bench/proxy-server.ts is started by bench/proxy.ts (it needs an IPC channel).');
  process.exit(2);
}
const send = process.send.bind(process);
const target = process.argv[2]!;
/** One fixed agent: the measurement is of forwarding, not of a session store. */
const ACCOUNT = { user: '100008800', passwordMd5: 'a'.repeat(32) };

const proxy = createVoipProxy({ target, credentials: () => ACCOUNT });
const server = createServer((req, res) => void proxy(req, res));
const { url } = await listen(server, 0, '127.0.0.1');

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
process.on('message', (message: { type: string }) => {
  if (message.type === 'usage') {
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    send({ type: 'usage', rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, lagP99Ms: lag.percentile(99) / 1e6 });
    lag.reset();
  } else if (message.type === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', url });
