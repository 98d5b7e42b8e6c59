// One linter for the project: typescript-eslint + react-hooks, plus the house rule that keeps the
// Recotap client and the API key (utils/recotap/) out of every context but the background.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const SECRET_IMPORTS = {
  patterns: [
    {
      group: ['**/utils/recotap', '**/utils/recotap/*', '@/utils/recotap', '@/utils/recotap/*', '~/utils/recotap/*'],
      message: 'utils/recotap (API client and API key) is background-only. Send a message to the background instead.',
    },
    {
      group: ['**/utils/accounts/*', '@/utils/accounts/*', '**/utils/activities/*', '@/utils/activities/*', '**/utils/background/*', '@/utils/background/*'],
      message: 'Background services run in the service worker only. Use utils/messaging.ts.',
    },
  ],
};

// Content-script code (crm.js budget: 100 KB gzipped): no zod and no WXT storage items. Settings come
// through utils/content-settings.ts, validation through valibot (see docs/architecture.md).
const CONTENT_IMPORTS = {
  patterns: [
    ...SECRET_IMPORTS.patterns,
    { group: ['zod', 'zod/*'], message: 'zod stays out of content scripts (bundle budget): validate with valibot.' },
    {
      group: ['@/utils/view-models', '**/utils/view-models', '@/utils/messaging-schemas', '**/utils/messaging-schemas'],
      allowTypeImports: true,
      message: 'This module builds zod schemas: content code imports its types only (shared values go in a zod-free file, e.g. utils/panel-limits.ts).',
    },
    {
      group: ['@/utils/settings', '**/utils/settings'],
      message: 'Content scripts read settings through utils/content-settings.ts (no @wxt-dev/storage in crm.js).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo-output/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // every non-background context: content scripts, popup, options, side panel, shared components
    files: ['entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'utils/sites/**/*.ts'],
    ignores: ['entrypoints/background.ts', 'entrypoints/background/**'],
    rules: { 'no-restricted-imports': ['error', SECRET_IMPORTS] },
  },
  {
    files: [
      'entrypoints/crm.content/**', 'entrypoints/linkedin.content/**', 'components/content-panel/**',
      'components/activity/**', 'components/*.{ts,tsx}', 'utils/sites/**/*.ts', 'utils/content-settings.ts',
    ],
    // the WXT settings hook, for extension pages only (the panel takes settings as props)
    ignores: ['components/use-setting.ts'],
    // the TypeScript twin of the core rule: it can let `import type` through
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', CONTENT_IMPORTS] },
  },
);
