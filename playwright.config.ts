import { defineConfig } from '@playwright/test';

// One worker: every test launches its own Chromium and world server, and CI has 2 cores.
// Browsers are launched by test/e2e/fixtures.ts (Debian's /usr/bin/chromium + the production build).
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results/e2e',
});
