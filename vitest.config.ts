import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { PREACT_COMPAT_ALIASES } from './preact-compat.ts';

/**
 * The components of the LinkedIn in-page panel (inpage.js), which the build renders with
 * preact/compat (preact-compat.ts): their tests also run in the "preact" project, with the same
 * aliases. Popup, options and side-panel views ship with React only.
 */
const PANEL_TESTS = [
  'test/unit/components/content-panel.test.tsx',
  'test/unit/components/account-panel.test.tsx',
  'test/unit/components/account-panel-a11y.test.tsx',
  'test/unit/components/activity/*.test.tsx',
  'test/unit/preact/*.test.ts?(x)',
];

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    restoreMocks: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'react',
          include: ['test/unit/**/*.test.ts?(x)', 'test/contract/**/*.test.ts', 'test/reliability/**/*.test.ts?(x)'],
          exclude: ['test/unit/preact/**'],
        },
      },
      {
        extends: true,
        resolve: {
          alias: [
            ...PREACT_COMPAT_ALIASES,
            { find: /^@testing-library\/react$/, replacement: fileURLToPath(new URL('./test/unit/preact/testing-library.ts', import.meta.url)) },
          ],
        },
        test: {
          name: 'preact',
          include: PANEL_TESTS,
          // zustand imports react: bundle it through the aliases instead of letting Node load React
          server: { deps: { inline: ['zustand'] } },
        },
      },
    ],
  },
});
