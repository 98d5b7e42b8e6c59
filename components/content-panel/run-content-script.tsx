/**
 * Everything a Lens content script does, wired to the content-script context: site detection →
 * lookupContext → the in-page panel (lazy shadow-root mount, only on record pages and only where
 * the site's surface is 'in-page') and background pushes. The side panel and popup read this tab's
 * context/result from the background (getTabResult), which records every lookupContext. Every listener
 * is tied to ctx (removed when the extension reloads) and every callback catches its errors.
 */
import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi, type ContentScriptContext, type ShadowRootContentScriptUi } from '#imports';
import { onMessage, sendMessage } from '@/utils/messaging';
import { getEffectiveSettings, isSiteEnabled, siteSurface, sitePrefsItem, type EffectiveSettings } from '@/utils/settings';
import { siteAdapters } from '@/utils/sites/registry';
import type { PageContext } from '@/utils/view-models';
import panelCss from '../styles/content.css?inline';
import { ContentPanel } from './ContentPanel';
import { startSiteDetection } from '@/utils/sites/runtime';
import { createPanelController, type PanelBackend } from './panel-controller';

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
  let settings: EffectiveSettings = await getEffectiveSettings();
  const controller = createPanelController(backend);
  let ui: ShadowRootContentScriptUi<Root> | null = null;
  let mounting: Promise<void> | null = null;

  const wantPanel = (c: PageContext | null) => opts.allowPanel && c !== null && siteSurface(settings, c.site) === 'in-page';

  async function mount(siteId: string) {
    const created = await createShadowRootUi<Root>(ctx, {
      name: 'recotap-lens-panel',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      isolateEvents: true,
      css: panelCss,
      onMount(container) {
        const root = createRoot(container);
        root.render(<ContentPanel controller={controller} siteId={siteId} />);
        return root;
      },
      onRemove: (root) => root?.unmount(),
    });
    created.mount();
    ui = created;
  }

  function syncMount() {
    const { context } = controller.store.getState();
    if (wantPanel(context) && context) {
      if (!ui && !mounting) {
        // re-check once mounted: the rep may have left the record page while the UI was loading
        mounting = mount(context.site)
          .catch((e: unknown) => console.debug('[recotap-lens]', e))
          .finally(() => {
            mounting = null;
            syncMount();
          });
      }
    } else if (ui) {
      ui.remove();
      ui = null;
    }
  }

  const removers = [
    onMessage('accountUpdated', ({ data }) => quietly(() => controller.receivePush(data))),
    onMessage('togglePanel', () => quietly(() => controller.toggleHidden())),
    sitePrefsItem.watch(() =>
      quietly(async () => {
        settings = await getEffectiveSettings();
        syncMount();
      }),
    ),
  ];
  ctx.onInvalidated(() => {
    removers.forEach((r) => quietly(r));
    ui?.remove();
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
