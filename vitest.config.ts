import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts?(x)', 'test/contract/**/*.test.ts', 'test/reliability/**/*.test.ts?(x)'],
    environment: 'happy-dom',
    restoreMocks: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
