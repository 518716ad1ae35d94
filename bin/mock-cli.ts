// The mock 800ing server from the sources, for development: `npx tsx bin/mock-cli.ts --port 8080`.
import { runMockCli } from '../src/node/index.js';

runMockCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
