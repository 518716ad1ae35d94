#!/usr/bin/env node
// The mock 800ing server of the published package: `npx voip-softphone-mock --port 8080`.
import { runMockCli } from '../dist/node/index.js';

runMockCli(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
