import { defineContentScript } from '#imports';
import linkedin from '@/utils/sites/adapters/linkedin';
import { runDetectionOnly } from '@/components/content-panel/run-detection-only';

// LinkedIn: read-only detection. The account shows in the browser side panel (and the toolbar
// badge); nothing is injected into LinkedIn's pages, so this bundle carries no React or panel code.
export default defineContentScript({
  // the LinkedIn adapter's own patterns (= hosts.ts's LINKEDIN_MATCHES) without bundling every adapter
  matches: [...linkedin.matches],
  cssInjectionMode: 'manual',
  main(ctx) {
    runDetectionOnly(ctx, [linkedin]).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
