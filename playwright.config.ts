import { defineConfig } from '@playwright/test';

// One worker: every test launches its own Chromium and world server, and CI has 2 cores.
// Browsers are launched by test/e2e/fixtures.ts (the production build). global-setup.ts finds Chromium
// once (scripts/lib/browsers.ts) and hands it to the workers in CHROMIUM_PATH.
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
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
