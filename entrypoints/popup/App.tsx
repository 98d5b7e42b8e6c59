import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from '#imports';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { openOptionsPage } from '@/components/open-options';
import { useShortcuts } from '@/components/shortcuts';
import type { MoversBackend } from '@/components/movers/MoversPane';
import { PopupWithMovers } from '@/components/movers/PopupWithMovers';
import { activeTabId, openSidePanelFor } from '@/components/movers/side-panel';
import { topMoversBackend } from '@/components/movers/top-movers-backend';
import type { PopupActions } from '@/components/popup/PopupView';
import { segmentsFromResponse } from '@/components/segments';
import { useSetting } from '@/components/use-setting';
import { onMessage, sendMessage } from '@/utils/messaging';
import { portRequest } from '@/utils/port-requests';
import { themeItem } from '@/utils/settings';
import type { MoverView } from '@/utils/messaging';
import type { LookupResult, StatusView } from '@/utils/view-models';

const moversBackend: MoversBackend = {
  listMovers: (limit) => sendMessage('listMovers', limit === undefined ? {} : { limit }),
  markVisited: () => sendMessage('markMoversVisited', {}),
  unwatch: (rtpAid) => sendMessage('unwatchAccount', { rtpAid }),
  top: topMoversBackend,
};

/** Popup container: wires PopupView to the background (status, search, lookups) and the active tab. */
export function PopupApp({ takeEarlyInput }: { takeEarlyInput?: () => string } = {}) {
  const theme = useSetting(themeItem) ?? 'system';
  const [status, setStatus] = useState<StatusView | null>(null);
  const [current, setCurrent] = useState<LookupResult | null>(null);
  const shortcuts = useShortcuts();
  // the page the rep was on: a mover opens in that tab's side panel
  const tabId = useRef<number | null>(null);

  useEffect(() => {
    sendMessage('getStatus', {}).then(setStatus, () => undefined);
    activeTabId().then((id) => void (tabId.current = id), () => undefined);
    // the background records every tab's lookup; with no tabId it answers for the active tab
    sendMessage('getTabResult', {}).then((s) => setCurrent(s.result), () => undefined);
    try {
      return onMessage('statusChanged', ({ data }) => setStatus(data));
    } catch {
      return undefined;
    }
  }, []);

  const actions = useMemo<PopupActions>(
    () => ({
      lookup: (query) => sendMessage('lookupQuery', { query }),
      search: (query) => portRequest('searchAccounts', { query, limit: 8 }),
      listSuggestions: () => sendMessage('listSuggestions', { limit: 5 }),
      openOptions: () => {
        void openOptionsPage();
        window.close();
      },
      add: (input) => sendMessage('addAccount', input),
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
    }),
    [],
  );

  const openMover = (m: Pick<MoverView, 'domain'>) => {
    const id = tabId.current;
    if (id === null) return;
    openSidePanelFor(id); // first: only a user gesture may open the side panel
    void sendMessage('showInSidePanel', { tabId: id, query: m.domain }).then(() => window.close(), () => undefined);
  };
  const openUrl = (url: string) => void browser.tabs.create({ url }).then(() => window.close(), () => undefined);

  return (
    <ErrorBoundary fallback={<p>Recotap Lens hit an error. Reopen the popup.</p>}>
      <PopupWithMovers
        theme={theme}
        status={status}
        current={current}
        actions={actions}
        takeEarlyInput={takeEarlyInput}
        shortcuts={shortcuts}
        movers={moversBackend}
        openMover={openMover}
        openUrl={openUrl}
        initialTab={location.hash === '#movers' ? 'movers' : undefined}
      />
    </ErrorBoundary>
  );
}
