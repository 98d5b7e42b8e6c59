import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { PREACT_COMPAT_ALIASES, usesPreact } from './preact-compat';
import { CRM_MATCHES, LINKEDIN_MATCHES } from './utils/sites/hosts';
import { manifestCommands } from './utils/toolbar/commands';

/** Recotap API hosts the extension may call without asking (production and sandbox). */
const API_HOSTS = ['https://eapi.recotap.com/*', 'https://sandboxapi.reco-tap.com/*'];

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    // every bundle: the browser's own `browser` when it has one, the polyfill only where it has not
    // (utils/browser-polyfill-lazy.ts); the full path inside that module is not this bare id
    resolve: { alias: [{ find: /^webextension-polyfill$/, replacement: fileURLToPath(new URL('./utils/browser-polyfill-lazy.ts', import.meta.url)) }] },
    // RECOTAP_LENS_MINIFY=0: an unminified build whose CPU profiles name functions (test/bench/profile-content.ts)
    ...(process.env.RECOTAP_LENS_MINIFY === '0' ? { build: { minify: false } } : {}),
    // RECOTAP_LENS_SOURCEMAP=1: source maps, to see what a bundle carries (bytes per source file)
    ...(process.env.RECOTAP_LENS_SOURCEMAP === '1' ? { build: { sourcemap: true } } : {}),
  }),
  hooks: {
    // The LinkedIn opt-in panel (inpage.js) renders in the page, so React DOM (~62 KB gzipped) would
    // be most of its 100 KB budget: that one build aliases react/react-dom to preact/compat
    // (preact-compat.ts, docs/architecture.md). Every other bundle keeps React.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some(usesPreact)) return;
      // WXT builds each content script alone; were it ever grouped with others, they would get Preact too
      if (!entrypoints.every(usesPreact)) throw new Error(`preact/compat would reach ${entrypoints.map((e) => e.name).join(', ')}`);
      config.resolve ??= {};
      const own = config.resolve.alias ?? [];
      config.resolve.alias = [...PREACT_COMPAT_ALIASES, ...(Array.isArray(own) ? own : Object.entries(own).map(([find, replacement]) => ({ find, replacement })))];
    },
  },
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
    // The in-page panel on CRM pages is an extension iframe (panel-frame.html) crm.js adds, so it
    // renders off the CRM page's main thread. Chrome: only the CRM hosts may frame it (never
    // LinkedIn); use_dynamic_url: the page is reachable only at a per-session URL (runtime.getURL
    // gives it to crm.js), so a page cannot probe chrome-extension://<our id>/panel-frame.html to
    // fingerprint us. Firefox MV2 cannot scope a web-accessible resource to hosts, and needs none
    // here: an iframe whose src a content script set loads with the content script's (extension)
    // principal, so crm.js's frame loads while no page can load or fetch the file (smoke test).
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
