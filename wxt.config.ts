import path from 'node:path';
import { defineConfig } from 'wxt';
import { CRM_MATCHES, LINKEDIN_MATCHES } from './utils/sites/hosts';
import { manifestCommands } from './utils/toolbar/commands';

/** Recotap API hosts the extension may call without asking (production and sandbox). */
const API_HOSTS = ['https://eapi.recotap.com/*', 'https://sandboxapi.reco-tap.com/*'];

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // Firefox: crm.js renders its panel in the page (mount-panel.firefox.ts), Chrome in an iframe
  vite: (env) => ({
    // RECOTAP_LENS_MINIFY=0: an unminified build whose CPU profiles name functions (test/bench/profile-content.ts)
    ...(process.env.RECOTAP_LENS_MINIFY === '0' ? { build: { minify: false } } : {}),
    plugins:
      env.browser === 'firefox'
        ? [{
            name: 'recotap-lens-firefox-panel',
            enforce: 'pre' as const,
            resolveId: (id: string) => (id.endsWith('content-panel/mount-panel') ? path.resolve('components/content-panel/mount-panel.firefox.ts') : null),
          }]
        : [],
  }),
  zip: {
    // the AMO sources zip: what `npm ci && npm run zip:firefox` needs to rebuild the add-on, plus
    // README and docs; no tests, fixtures, screenshots, reports or key material (WXT already
    // leaves out dotfiles such as .env, node_modules and .output)
    excludeSources: [
      'test/**', 'scripts/**', 'demo-output/**', 'docs/img/**', 'test-results/**', 'playwright-report/**', 'coverage/**',
      'playwright.config.ts', 'vitest.config.ts', 'stats.html', '**/*.log', '**/*.pem', '**/*.key',
    ],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Recotap Lens',
    description: 'Recotap account intent, score and journey stage on your CRM, LinkedIn and Gmail pages.',
    // scripting: registers the panel's content script on LinkedIn only when the rep opts in
    // (Chrome MV3; Firefox ≥ 102 also in MV2). docs/permissions.md explains each permission.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'contextMenus', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // LinkedIn: its content-script match already grants reading the page (same install warning); the
    // explicit host permission is what lets the opt-in panel script, registered at runtime, run there
    host_permissions: [...API_HOSTS, ...LINKEDIN_MATCHES],
    // Custom CRM domains and a custom API base URL are requested at runtime.
    optional_host_permissions: ['https://*/*'],
    // WXT drops optional_host_permissions for MV2 (an MV3-only key): Firefox MV2 declares the same
    // pattern in optional_permissions, or permissions.request() for a custom host is refused.
    // 'notifications': the opt-in movers notification, requested when the rep turns it on (#17).
    optional_permissions: [...(browser === 'firefox' && manifestVersion === 2 ? ['https://*/*'] : []), 'notifications'],
    commands: manifestCommands(manifestVersion),
    // Chrome: the in-page panel is an extension iframe (panel-frame.html) so it renders off the CRM
    // page's main thread; only the CRM hosts may frame it (never LinkedIn). Firefox MV2 cannot scope
    // a web-accessible resource to hosts, so it exposes none and renders the panel in the page.
    // use_dynamic_url: the page is reachable only at a per-session URL (runtime.getURL gives it to
    // crm.js), so a page cannot probe chrome-extension://<our id>/panel-frame.html to fingerprint us.
    ...(browser === 'firefox'
      ? {}
      : { web_accessible_resources: [{ resources: ['panel-frame.html'], matches: CRM_MATCHES, use_dynamic_url: true }] }),
    // IT policy (storage.managed): base URL, enabled sites, extra CRM hosts. Chrome reads the
    // schema from the manifest; Firefox uses a managed-storage manifest installed by policy.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'lens@recotap.com',
              // 140 (ESR): the first version that reads data_collection_permissions (AMO requires it)
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['websiteContent'], optional: [] },
            },
            gecko_android: { strict_min_version: '142.0' }, // data_collection_permissions on Android
          },
        }
      : {}),
  }),
});
