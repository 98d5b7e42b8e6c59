import { useMemo, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { sendMessage } from '@/utils/messaging';
import {
  DEFAULT_PANEL_STATE, panelStateSetting, readContentSetting, sitePrefsSetting, themeSetting, writeContentSetting, type PanelState,
} from '@/utils/content-settings';
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

/** "Hide on this site": the same switch as Settings → Sites (the content script unmounts on the change). */
async function hideOnSite(siteId: string) {
  const all = await readContentSetting(sitePrefsSetting);
  await writeContentSetting(sitePrefsSetting, { ...all, [siteId]: { ...all[siteId], enabled: false } });
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

  const actions = useMemo<PanelActions>(
    () => ({
      retry: () => void controller.retry(),
      openOptions: () => void openOptionsPage(),
      addAccount: controller.add,
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
      search: (query) => sendMessage('searchAccounts', { query, limit: 8 }),
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
        onHideSite={() => void hideOnSite(siteId)}
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
