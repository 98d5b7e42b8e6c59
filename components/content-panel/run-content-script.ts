/**
 * Everything a Lens content script does, wired to the content-script context: site detection →
 * the in-page panel (mounted lazily, only on record pages and only where the site's surface is
 * 'in-page') and background pushes. The caller's `panel` driver decides where the panel lives:
 * React in a shadow root on this page (mount-shadow-panel.tsx: this script runs the controller and
 * sends the lookups) or the panel iframe (panel-frame/mount-frame-panel.ts: the frame runs
 * them). Either way the background records each lookup as this tab's, for the side panel, popup
 * and badge (getTabResult). Every listener is tied to ctx (removed when the extension reloads)
 * and every callback catches its errors.
 */
import type { ContentScriptContext } from '#imports';
import { onMessage } from '@/utils/messaging';
import { backgroundNudges } from './location-nudges';
import {
  isSiteEnabled, readContentSiteSettings, sitePrefsSetting, siteSurface, watchContentSetting, type SiteSettings,
} from '@/utils/content-settings';
import type { AnySiteAdapter } from '@/utils/sites/types';
import type { LookupResult, PageContext } from '@/utils/view-models';
import { startSiteDetection } from '@/utils/sites/runtime';

/** The in-page panel as the content script drives it (mount-shadow-panel.tsx, panel-frame/mount-frame-panel.ts). */
export interface PanelDriver {
  /** a new page context from site detection (null = not a record page) */
  setContext(context: PageContext | null): void;
  /** a background push (stale-while-revalidate, a pin from the side panel) */
  receivePush(push: { url: string | null; result: LookupResult }): void;
  /** the keyboard command */
  toggleHidden(): void;
  /** shows the panel on this page until remove() */
  mount(siteId: string): { remove(): void };
}

const quietly = (fn: () => unknown) => {
  try {
    const r = fn();
    if (r instanceof Promise) r.catch((e: unknown) => console.debug('[recotap-lens]', e));
  } catch (e) {
    console.debug('[recotap-lens]', e);
  }
};

/** Start detection and (where allowed) the in-page panel for this content-script context. */
export async function runLensContentScript(
  ctx: ContentScriptContext,
  opts: { allowPanel: boolean; panel: () => PanelDriver; adapters: readonly AnySiteAdapter[] },
): Promise<void> {
  let settings: SiteSettings = await readContentSiteSettings();
  const panel = opts.panel();
  let ui: { remove(): void } | null = null;
  let current: PageContext | null = null;

  // a site turned off while its page is open (Settings → Sites, or the panel's "Hide on this site") loses its panel at once
  const wantPanel = (c: PageContext | null) =>
    opts.allowPanel && c !== null && isSiteEnabled(settings, c.site) && siteSurface(settings, c.site) === 'in-page';

  function syncMount() {
    const context = current;
    if (wantPanel(context) && context) {
      ui ??= panel.mount(context.site);
    } else if (ui) {
      ui.remove();
      ui = null;
    }
  }

  const removers = [
    onMessage('accountUpdated', ({ data }) => quietly(() => panel.receivePush(data))),
    onMessage('togglePanel', () => quietly(() => panel.toggleHidden())),
    watchContentSetting(sitePrefsSetting, () =>
      quietly(async () => {
        settings = await readContentSiteSettings();
        syncMount();
        // a panel mounted just now (surface switched to in-page) gets the record it is on
        panel.setContext(current);
      }),
    ),
  ];
  ctx.onInvalidated(() => {
    removers.forEach((r) => quietly(r));
    quietly(() => ui?.remove());
    ui = null;
  });

  const enabledSites = opts.adapters.map((a) => a.id).filter((id) => isSiteEnabled(settings, id));
  startSiteDetection({
    adapters: opts.adapters,
    window,
    signal: ctx.signal,
    enabledSites,
    recordFetch: pageFetch(),
    listenForNudges: backgroundNudges(ctx),
    onContext: (context) =>
      quietly(() => {
        current = context;
        // mount first: the framed panel then sends this context to its frame, not as its own lookup
        syncMount();
        panel.setContext(context);
      }),
  });
}

/**
 * The page's own fetch, for the CRM's API on the page's origin (Dynamics): Firefox's `content.fetch`
 * makes the request as the page (its origin and cookies); Chrome's content-script fetch already does.
 */
function pageFetch(): typeof fetch {
  const content = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  return content?.fetch ? content.fetch.bind(content) : fetch.bind(globalThis);
}
