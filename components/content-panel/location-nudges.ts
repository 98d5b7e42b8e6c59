/**
 * The content scripts' side of the background's `locationChanged` (utils/background/location-nudges.ts):
 * in a page without the Navigation API (Firefox before 147) an SPA's URL change would otherwise be
 * noticed at the location watcher's next 1 s poll. The message carries nothing: it only makes the
 * watcher compare location.href now. Pages with the Navigation API never listen (nor get one).
 */
import type { ContentScriptContext } from '#imports';
import { onMessage } from '@/utils/messaging';

// @webext-core/messaging allows one listener per message type in a JS context: one for every watcher
const checks = new Set<() => void>();
let listening = false;

/** `listenForNudges` for startSiteDetection, or undefined where the Navigation API reports changes itself. */
export function backgroundNudges(ctx: ContentScriptContext, win: { navigation?: unknown } = window as { navigation?: unknown }) {
  if (win.navigation) return undefined;
  return (check: () => void) => {
    // a listener that cannot be added leaves the 1 s poll: never a reason to stop detection
    try {
      if (!listening) {
        onMessage('locationChanged', () => checks.forEach((fn) => fn()));
        listening = true;
      }
      checks.add(check);
      ctx.onInvalidated(() => checks.delete(check));
    } catch (e) {
      checks.delete(check);
      console.debug('[recotap-lens] no location nudges', e);
    }
  };
}
