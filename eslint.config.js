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
);
