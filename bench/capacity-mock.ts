/**
 * The mock server for the capacity measurement, in a process of its own so the load generator
 * does not share its event loop. Only ever started by bench/capacity.ts with `fork`; talks over IPC:
 *   → { type: 'ready', url, users }   once listening with `count` agents added
 *   ← { type: 'usage' }  → { type: 'usage', cpuMicros, rss, elu, lagP99Ms, lagMaxMs } (lag since the last call)
 *   ← { type: 'close' }  closes and exits
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startMockServer } from '../src/node/index.js';
import { capacityAgents } from './lib/capacity-agents.js';

if (!process.send) {
  console.error('bench/capacity-mock.ts is started by bench/capacity.ts (it needs an IPC channel).');
  process.exit(2);
}
const send = process.send.bind(process);
const count = Number(process.argv[2] ?? '0');
const mock = await startMockServer({ holdMs: 0 });
for (const [i, agent] of capacityAgents(count).entries()) {
  mock.addAccount({ ...agent, extension: String(20_000 + i), name: `Bench ${i}` });
}
// The mock's own event-loop delay between two usage calls: a stall in the mock shows here.
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
process.on('message', (message: { type: string }) => {
  if (message.type === 'usage') {
    const cpu = process.cpuUsage();
    send({
      type: 'usage',
      cpuMicros: cpu.user + cpu.system,
      rss: process.memoryUsage().rss,
      elu: performance.eventLoopUtilization(),
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
    });
    lag.reset();
  } else if (message.type === 'close') {
    void mock.close().then(() => process.exit(0));
  }
});
// The parent going away without 'close' must not leave the server running.
process.on('disconnect', () => void mock.close().then(() => process.exit(0)));
send({ type: 'ready', url: mock.url, users: count });
