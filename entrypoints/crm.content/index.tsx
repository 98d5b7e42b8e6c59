import { defineContentScript } from '#imports';
import { CRM_MATCHES } from '@/utils/sites/hosts';
import { siteAdapters } from '@/utils/sites/registry';
import { runLensContentScript } from '@/components/content-panel/run-content-script';
import { framePanel } from '@/components/panel-frame/mount-frame-panel';

export default defineContentScript({
  matches: CRM_MATCHES,
  // The panel renders in an extension iframe (panel-frame.html; in Chrome web-accessible on these
  // hosts only, in Firefox not web-accessible at all), so this script carries no React and no CSS.
  cssInjectionMode: 'manual',
  main(ctx) {
    runLensContentScript(ctx, { allowPanel: true, panel: framePanel, adapters: siteAdapters }).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
