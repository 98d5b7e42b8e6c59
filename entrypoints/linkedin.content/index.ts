import { defineContentScript } from '#imports';
import { LINKEDIN_MATCHES } from '@/utils/sites/hosts';
import { runDetectionOnly } from '@/components/content-panel/run-detection-only';

// LinkedIn: read-only detection. The account shows in the browser side panel (and the toolbar
// badge); nothing is injected into LinkedIn's pages, so this bundle carries no React or panel code.
export default defineContentScript({
  matches: LINKEDIN_MATCHES,
  cssInjectionMode: 'manual',
  main(ctx) {
    runDetectionOnly(ctx).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
