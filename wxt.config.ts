import { defineConfig } from 'wxt';
import { manifestCommands } from './utils/toolbar/commands';

/** Recotap API hosts the extension may call without asking (production and sandbox). */
const API_HOSTS = ['https://eapi.recotap.com/*', 'https://sandboxapi.reco-tap.com/*'];

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Recotap Lens',
    description: 'Recotap account intent, score and journey stage on your CRM, LinkedIn and Gmail pages.',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: API_HOSTS,
    // Custom CRM domains and a custom API base URL are requested at runtime.
    optional_host_permissions: ['https://*/*'],
    commands: manifestCommands(manifestVersion),
    // IT policy (storage.managed): base URL, enabled sites, extra CRM hosts. Chrome reads the
    // schema from the manifest; Firefox uses a managed-storage manifest installed by policy.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'lens@recotap.com',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['websiteContent'], optional: [] },
            },
          },
        }
      : {}),
  }),
});
