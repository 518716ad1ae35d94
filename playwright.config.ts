/**
 * Playwright: end-to-end tests (every *.spec.ts under test/e2e/) against `npm start`'s stack on fixed
 * ports: the demo page on 5199 (Vite), the mock 800ing server on 5198, the mock desktop client
 * on 5197. The browser is whatever scripts/find-chromium.mjs finds (Debian's Chromium here:
 * `npx playwright install` cannot download on our machines).
 *
 * Besides the list reporter, a JSON report goes to test-results/e2e.json, which
 * scripts/test-all.mjs reads for the combined count.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.mjs';

const PORT = 5199;
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Artifacts (traces, screenshots) in a folder of their own: Playwright empties its outputDir
  // at start, and test-results/ also holds the other suites' reports.
  outputDir: 'test-results/e2e',
  // One browser at a time on a 2-core machine, and the tests share one mock server.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS] },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'npx tsx scripts/start.ts --port 5199 --mock-port 5198 --desktop-port 5197 --no-open',
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
