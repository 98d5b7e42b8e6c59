import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { browser } from '#imports';
import { AccountPanel } from '@/components/AccountPanel';
import { activitySlot } from '@/components/activity-slot';
import { useOutboxTotals } from '@/components/activity/use-outbox-totals';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { LensRoot } from '@/components/LensRoot';
import { openOptionsPage } from '@/components/open-options';
import type { PanelActions } from '@/components/panel-actions';
import { SidePanelMovers } from '@/components/movers/SidePanelMovers';
import { AccountSearch, suggestionGroups, useSuggestionLists } from '@/components/popup/AccountSearch';
import { createPopupStore } from '@/components/popup/popup-store';
import { segmentsFromResponse } from '@/components/segments';
import { useSetting } from '@/components/use-setting';
import { onMessage, sendMessage } from '@/utils/messaging';
import { portRequest } from '@/utils/port-requests';
import { themeItem } from '@/utils/settings';
import type { LookupResult, PageContext } from '@/utils/view-models';
import { backToPage, loadActiveTab, receivePush, showQuery, sideStore } from './tab-store';

const seen = new Set<string>();
const searchStore = createPopupStore();
const searchCached = (query: string) => portRequest('searchAccounts', { query, limit: 8 });
const loadSuggestions = () => sendMessage('listSuggestions', { limit: 5 });
/** a result or suggestion chosen in the side panel's own search box */
function openFromSearch(query: string) {
  searchStore.setState({ query: '', results: [], active: -1, message: null });
  void showQuery(query);
}

/** Apply a result the side panel itself asked for (pin/unpin/add). */
function applyOwn(result: LookupResult): string | null {
  sideStore.setState({ result });
  return result.state === 'error' ? result.error.message : null;
}

function tabOf(): { tabId?: number } {
  const { tabId } = sideStore.getState();
  return tabId === null ? {} : { tabId };
}

function withContext(fn: (c: PageContext) => Promise<LookupResult>) {
  const { context } = sideStore.getState();
  return context ? fn(context).then(applyOwn) : Promise.resolve('Open a record page first.');
}

/** Browser side panel: the AccountPanel for the active tab, following tab switches, navigation and pushes. */
export function SidePanelApp() {
  const { context, result, query, loadingTab, tabId } = useStore(sideStore);
  const theme = useSetting(themeItem) ?? 'system';
  const outboxTotals = useOutboxTotals({ poll: false });

  useEffect(() => {
    void loadActiveTab();
    const onActivated = () => void loadActiveTab();
    const onUpdated = (tabId: number, info: { status?: string; url?: string }) => {
      if (tabId === sideStore.getState().tabId && (info.url || info.status === 'complete')) void loadActiveTab();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows?.onFocusChanged.addListener(onActivated);
    const offs = [
      onMessage('tabResultChanged', ({ data }) => {
        if (data.tabId === sideStore.getState().tabId) void loadActiveTab();
      }),
      onMessage('accountUpdated', ({ data }) => void receivePush(data)),
    ];
    return () => {
      offs.forEach((off) => off());
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows?.onFocusChanged.removeListener(onActivated);
    };
  }, []);

  useEffect(() => {
    if (result?.state === 'found' && !seen.has(result.account.rtpAid)) {
      seen.add(result.account.rtpAid);
      sendMessage('markSeen', { rtpAid: result.account.rtpAid }).catch(() => undefined);
    }
  }, [result]);

  const actions = useMemo<PanelActions>(
    () => ({
      retry: () => {
        const { context: c, query: q } = sideStore.getState();
        sideStore.setState({ result: null });
        if (q) void sendMessage('lookupQuery', { query: q }).then(applyOwn, () => undefined);
        else if (c) void sendMessage('lookupContext', c).then(applyOwn, () => undefined);
        else void loadActiveTab();
      },
      openOptions: () => void openOptionsPage(),
      addAccount: (input) => sendMessage('addAccount', input).then(applyOwn),
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
      search: (q) => portRequest('searchAccounts', { query: q, limit: 10 }),
      // the tab id lets the background update that tab's in-page panel (and badge) too
      pin: (rtpAid) => withContext((c) => sendMessage('pinAccount', { context: c, rtpAid, ...tabOf() })),
      unpin: () => withContext((c) => sendMessage('unpinAccount', { context: c, ...tabOf() })),
    }),
    [],
  );
  const renderActivity = useMemo(() => activitySlot(outboxTotals), [outboxTotals]);

  // The tab has no record page (or no content script): say so instead of spinning forever.
  const shown: LookupResult | null = !loadingTab && !query && !context && !result ? { state: 'no-signal' } : result;
  const noRecord = shown?.state === 'no-signal';
  // reread when the panel comes back to the empty state (the rep may have seen accounts meanwhile)
  const lists = useSuggestionLists(noRecord ? loadSuggestions : undefined, tabId);
  const back = query ? (
    <button type="button" className="rl-btn" onClick={() => void backToPage()}>
      Back to this page
    </button>
  ) : null;
  return (
    <ErrorBoundary fallback={<p>Recotap Lens hit an error. Close and reopen the side panel.</p>}>
      <main className="rl-sidepanel">
        <h1 className="rl-sr-only">Recotap Lens side panel</h1>
        <LensRoot theme={theme} className="rl-side-search">
          <AccountSearch
            store={searchStore}
            search={searchCached}
            onOpen={openFromSearch}
            suggestions={noRecord ? suggestionGroups(lists, null) : []}
            idPrefix="rl-side"
          />
        </LensRoot>
        <AccountPanel
          result={shown}
          context={query ? null : context}
          actions={actions}
          theme={theme}
          variant="embedded"
          allowPin={!query}
          headerAction={back}
          renderActivity={renderActivity}
        />
        {/* issue #17: with no record in view, the watched accounts that changed */}
        {noRecord ? <SidePanelMovers tabId={tabId} theme={theme} /> : null}
      </main>
    </ErrorBoundary>
  );
}
