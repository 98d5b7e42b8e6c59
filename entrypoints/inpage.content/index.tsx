import { defineContentScript } from '#imports';
import linkedin from '@/utils/sites/adapters/linkedin';
import { runLensContentScript } from '@/components/content-panel/run-content-script';
import { shadowPanel } from '@/components/content-panel/mount-shadow-panel';

// The opt-in in-page panel on LinkedIn, registered at runtime by the background
// (utils/background/linkedin-inpage.ts) only while the rep has it on. It renders in a shadow root
// on the page: no web-accessible resource is ever exposed to linkedin.com, so no iframe.
export default defineContentScript({
  // the LinkedIn adapter's own patterns (hosts.ts's LINKEDIN_MATCHES): importing hosts.ts would
  // bundle every adapter, and this script reads LinkedIn only
  matches: [...linkedin.matches],
  registration: 'runtime',
  cssInjectionMode: 'manual',
  main(ctx) {
    runLensContentScript(ctx, { allowPanel: true, panel: shadowPanel, adapters: [linkedin] }).catch((e: unknown) => console.debug('[recotap-lens]', e));
  },
});
