import { defineContentScript } from '#imports';
import { CRM_MATCHES } from '@/utils/sites/hosts';
import { runLensContentScript } from '@/components/content-panel/run-content-script';

export default defineContentScript({
  matches: CRM_MATCHES,
  // The panel's CSS is inlined into its shadow root (content.css?inline): never injected into the
  // CRM page, and no web-accessible CSS file (Firefox MV2 would expose it to every site).
  cssInjectionMode: 'manual',
  main(ctx) {
    runLensContentScript(ctx, { allowPanel: true }).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
