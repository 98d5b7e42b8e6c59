import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { sendMessage } from '@/utils/messaging';
import { portRequest } from '@/utils/port-requests';
import {
  DEFAULT_PANEL_STATE, panelStateSetting, readContentSetting, sitePrefsSetting, themeSetting, writeContentSetting, type PanelState,
} from '@/utils/content-settings';
import type { SitePrefs } from '@/utils/settings-core';
import { AccountPanel } from '../AccountPanel';
import { activitySlot } from '../activity-slot';
import { useOutboxTotals } from '../activity/use-outbox-totals';
import { ErrorBoundary } from '../ErrorBoundary';
import type { PanelActions } from '../panel-actions';
import { useContentSetting } from './use-content-setting';
import { openOptionsPage } from '../open-options';
import { segmentsFromResponse } from '../segments';
import type { PanelController } from './panel-controller';
import type { FramedPlacement } from '../AccountPanel';

/** Persist this site's panel layout (side, top, collapsed) in the shared settings item. */
async function saveLayout(siteId: string, patch: Partial<PanelState>) {
  const all = await readContentSetting(panelStateSetting);
  await writeContentSetting(panelStateSetting, { ...all, [siteId]: { ...DEFAULT_PANEL_STATE, ...all[siteId], ...patch } });
}

/** How long "Hide on this site" offers Undo before the site is turned off (as the quick log's Undo). */
export const HIDE_UNDO_MS = 10_000;

/** "Hide on this site": the same switch as Settings → Sites (the content script unmounts on the change). */
function hideOnSite(siteId: string, prefs: SitePrefs): Promise<void> {
  return writeContentSetting(sitePrefsSetting, { ...prefs, [siteId]: { ...prefs[siteId], enabled: false } });
}

/**
 * "Hide on this site" with Undo: the panel gives way to "hidden — Undo" at once, and the site is
 * turned off when the Undo window closes, or right away if the rep leaves the page first.
 */
function useHideOnSite(siteId: string) {
  const [until, setUntil] = useState<number | null>(null);
  const prefs = useRef<SitePrefs | null>(null);
  useEffect(() => {
    if (until === null) return;
    let done = false;
    const commit = (fresh: boolean) => {
      if (done) return;
      done = true;
      const write = (p: SitePrefs) => hideOnSite(siteId, p).catch(() => undefined);
      // leaving the page: one write, synchronously in the event (the prefs read when × was pressed)
      if (!fresh && prefs.current) void write(prefs.current);
      else void readContentSetting(sitePrefsSetting).then(write);
    };
    const timer = setTimeout(() => commit(true), Math.max(0, until - Date.now()));
    const onLeave = () => commit(false);
    globalThis.addEventListener?.('pagehide', onLeave);
    return () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('pagehide', onLeave);
    };
  }, [until, siteId]);
  return {
    hiding: until !== null,
    hide: () => {
      void readContentSetting(sitePrefsSetting).then((p) => void (prefs.current = p), () => undefined);
      setUntil(Date.now() + HIDE_UNDO_MS);
    },
    undo: () => setUntil(null),
  };
}

/** The window's width in CSS px, following resizes and zoom changes (the shadow-root panel's window). */
function useWindowWidth(): number {
  return useSyncExternalStore(
    (cb) => {
      globalThis.addEventListener?.('resize', cb);
      return () => globalThis.removeEventListener?.('resize', cb);
    },
    () => globalThis.innerWidth ?? 1280,
  );
}

/** Below this many CSS px (a narrow window, or a wide one at high zoom) the panel starts collapsed. */
export const NARROW_VIEWPORT = 1100;

/**
 * In-page panel container: binds the controller's store and the settings to the AccountPanel.
 * `framed`: rendered in the panel iframe (panel-frame.html), which the host page places.
 */
export function ContentPanel({ controller, siteId, framed }: { controller: PanelController; siteId: string; framed?: FramedPlacement }) {
  const { context, result, hidden } = useStore(controller.store);
  const theme = useContentSetting(themeSetting) ?? 'system';
  const layouts = useContentSetting(panelStateSetting);
  const layout = { ...DEFAULT_PANEL_STATE, ...layouts?.[siteId] };
  // narrow: the panel would cover the CRM's own columns, so each page starts with the pill; the rep's
  // expand lasts for this page (the saved collapsed state is for wide windows)
  const windowWidth = useWindowWidth();
  const narrow = (framed?.viewport.width ?? windowWidth) < NARROW_VIEWPORT;
  const [expandedNarrow, setExpandedNarrow] = useState(false);
  const collapsed = narrow ? !expandedNarrow : layout.collapsed;
  // a content script gets no statusChanged broadcast: poll the outbox only while an account is shown
  const outboxTotals = useOutboxTotals({ poll: result?.state === 'found' && !hidden });
  const renderActivity = useMemo(() => activitySlot(outboxTotals), [outboxTotals]);
  const hideSite = useHideOnSite(siteId);
  const hiding = useMemo(() => (hideSite.hiding ? { onUndo: hideSite.undo } : undefined), [hideSite.hiding, hideSite.undo]);

  const actions = useMemo<PanelActions>(
    () => ({
      retry: () => void controller.retry(),
      openOptions: () => void openOptionsPage(),
      addAccount: controller.add,
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
      search: (query) => portRequest('searchAccounts', { query, limit: 8 }),
      pin: controller.pin,
      unpin: controller.unpin,
    }),
    [controller],
  );

  if (hidden || layouts === undefined) return null;
  return (
    <ErrorBoundary onError={(e) => console.debug('[recotap-lens] the panel failed to render:', String(e))}>
      <AccountPanel
        result={result}
        context={context}
        actions={actions}
        theme={theme}
        variant="floating"
        collapsed={collapsed}
        onToggleCollapsed={() => (narrow ? setExpandedNarrow(collapsed) : void saveLayout(siteId, { collapsed: !layout.collapsed }))}
        onHideSite={hideSite.hide}
        hiding={hiding}
        dock={layout.side}
        onDockChange={(side) => void saveLayout(siteId, { side })}
        top={layout.top}
        onMove={(pos) => void saveLayout(siteId, pos)}
        renderActivity={renderActivity}
        framed={framed}
      />
    </ErrorBoundary>
  );
}
