/**
 * Playwright fixtures: every test gets its own world server (emulator + fixture pages) and a fresh
 * Chromium profile with the unmodified production build loaded (toolchain.md §3.2, §3.7).
 */
import { test as base, expect, type BrowserContext, type Worker } from '@playwright/test';
import type { EmulatorOptions } from '../emulator/index.ts';
import { configureExtension, type ConfigureVia, type ExtensionConfig } from './extension.ts';
import { extensionIdOf, extensionWorker, launchChromium, snapshotBuild, type LaunchedBrowser } from './launch.ts';
import { loadSiteCases, type SiteCase } from './site-cases.ts';
import { startWorld, type World } from './world.ts';

interface TestFixtures {
  /** options of this test's emulator (override with test.use) */
  emulatorOptions: EmulatorOptions;
  world: World;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** sets the API key and rep email (demo values by default) through the options page UI */
  configureExtension: (config?: Partial<ExtensionConfig>, via?: ConfigureVia) => Promise<void>;
  /** a second browser on the same world, without the extension (for baselines) */
  launchBaseline: () => Promise<BrowserContext>;
}

interface WorkerFixtures {
  siteCases: SiteCase[];
  /** this worker's copy of .output/chrome-mv3 */
  extensionPath: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  siteCases: [async ({}, provide) => provide(await loadSiteCases()), { scope: 'worker' }],
  extensionPath: [
    async ({}, provide) => {
      const snapshot = snapshotBuild();
      await provide(snapshot.path);
      snapshot.remove();
    },
    { scope: 'worker' },
  ],
  emulatorOptions: [{}, { option: true }],

  world: async ({ siteCases, emulatorOptions }, provide) => {
    const world = await startWorld({ cases: siteCases, emulator: emulatorOptions });
    await provide(world);
    await world.close();
  },

  context: async ({ world, extensionPath }, provide) => {
    const browser = await launchChromium({ hostResolverRules: world.hostResolverRules, extensionPath });
    await provide(browser.context);
    await browser.close();
  },

  serviceWorker: async ({ context }, provide) => provide(await extensionWorker(context)),

  extensionId: async ({ serviceWorker }, provide) => provide(extensionIdOf(serviceWorker)),

  configureExtension: async ({ context, serviceWorker, extensionId }, provide) => {
    await provide((config, via) => configureExtension({ context, serviceWorker, extensionId }, config, via));
  },

  launchBaseline: async ({ world }, provide) => {
    const launched: LaunchedBrowser[] = [];
    await provide(async () => {
      const b = await launchChromium({ hostResolverRules: world.hostResolverRules, withExtension: false });
      launched.push(b);
      return b.context;
    });
    for (const b of launched) await b.close();
  },
});

export { expect };
