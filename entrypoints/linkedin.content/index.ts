import { defineContentScript } from '#imports';
import { LINKEDIN_MATCHES } from '@/utils/sites/hosts';
import { runLensContentScript } from '@/components/content-panel/run-content-script';

// LinkedIn: read-only detection by default. The account shows in the browser side panel; nothing is
// injected into LinkedIn's pages unless the rep opts into the in-page panel for LinkedIn in the
// options (siteSurface 'in-page'). CSS is 'manual' (inlined into the opt-in shadow root only), so
// no stylesheet is injected and no resource is web-accessible to linkedin.com.
export default defineContentScript({
  matches: LINKEDIN_MATCHES,
  cssInjectionMode: 'manual',
  main(ctx) {
    runLensContentScript(ctx, { allowPanel: true }).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
