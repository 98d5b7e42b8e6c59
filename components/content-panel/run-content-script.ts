/**
 * Everything a Lens content script does, wired to the content-script context: site detection →
 * lookupContext → the in-page panel (lazy shadow-root mount, shadow-host.ts, only on record pages and only where
 * the site's surface is 'in-page') and background pushes. The side panel and popup read this tab's
 * context/result from the background (getTabResult), which records every lookupContext. Every listener
 * is tied to ctx (removed when the extension reloads) and every callback catches its errors.
 */
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from '#imports';
import { onMessage, sendMessage } from '@/utils/messaging';
import {
  isSiteEnabled, readContentSiteSettings, sitePrefsSetting, siteSurface, watchContentSetting, type SiteSettings,
} from '@/utils/content-settings';
import { siteAdapters } from '@/utils/sites/registry';
import type { PageContext } from '@/utils/view-models';
import panelCss from '../styles/content.css?inline';
import { ContentPanel } from './ContentPanel';
import { startSiteDetection } from '@/utils/sites/runtime';
import { createPanelController, type PanelBackend } from './panel-controller';
import { createPanelHost } from './shadow-host';

const backend: PanelBackend = {
  lookup: (context) => sendMessage('lookupContext', context),
  pin: (context, rtpAid) => sendMessage('pinAccount', { context, rtpAid }),
  unpin: (context) => sendMessage('unpinAccount', { context }),
  add: (input) => sendMessage('addAccount', input),
  markSeen: (rtpAid) => sendMessage('markSeen', { rtpAid }),
};

const quietly = (fn: () => unknown) => {
  try {
    const r = fn();
    if (r instanceof Promise) r.catch((e: unknown) => console.debug('[recotap-lens]', e));
  } catch (e) {
    console.debug('[recotap-lens]', e);
  }
};

/** Start detection and (where allowed) the in-page panel for this content-script context. */
export async function runLensContentScript(ctx: ContentScriptContext, opts: { allowPanel: boolean }): Promise<void> {
  let settings: SiteSettings = await readContentSiteSettings();
  const controller = createPanelController(backend);
  let ui: { remove(): void } | null = null;

  const wantPanel = (c: PageContext | null) => opts.allowPanel && c !== null && siteSurface(settings, c.site) === 'in-page';

  /** The panel in its shadow root (shadow-host.ts), rendered by React until removed. */
  function mount(siteId: string) {
    const host = createPanelHost(document, { name: 'recotap-lens-panel', css: panelCss });
    host.attach();
    const root: Root = createRoot(host.container);
    root.render(<ContentPanel controller={controller} siteId={siteId} />);
    return {
      remove() {
        root.unmount();
        host.remove();
      },
    };
  }

  function syncMount() {
    const { context } = controller.store.getState();
    if (wantPanel(context) && context) {
      ui ??= mount(context.site);
    } else if (ui) {
      ui.remove();
      ui = null;
    }
  }

  const removers = [
    onMessage('accountUpdated', ({ data }) => quietly(() => controller.receivePush(data))),
    onMessage('togglePanel', () => quietly(() => controller.toggleHidden())),
    watchContentSetting(sitePrefsSetting, () =>
      quietly(async () => {
        settings = await readContentSiteSettings();
        syncMount();
      }),
    ),
  ];
  ctx.onInvalidated(() => {
    removers.forEach((r) => quietly(r));
    quietly(() => ui?.remove());
    ui = null;
  });

  const enabledSites = siteAdapters.map((a) => a.id).filter((id) => isSiteEnabled(settings, id));
  startSiteDetection({
    window,
    signal: ctx.signal,
    enabledSites,
    onContext: (context) =>
      quietly(() => {
        controller.setContext(context);
        syncMount();
      }),
  });
}
