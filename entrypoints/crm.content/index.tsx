import { defineContentScript } from '#imports';
import { CRM_MATCHES } from '@/utils/sites/hosts';
import { runLensContentScript } from '@/components/content-panel/run-content-script';
import { panelDriver } from '@/components/content-panel/mount-panel';

export default defineContentScript({
  matches: CRM_MATCHES,
  // Chrome: the panel renders in an extension iframe (panel-frame.html, web-accessible on these
  // hosts only), so this script carries no React. Firefox (mount-panel.firefox.ts): the panel
  // renders here, in a shadow root with its CSS inlined (content.css?inline: nothing injected into
  // the CRM page, no web-accessible CSS file).
  cssInjectionMode: 'manual',
  main(ctx) {
    runLensContentScript(ctx, { allowPanel: true, panel: panelDriver }).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
