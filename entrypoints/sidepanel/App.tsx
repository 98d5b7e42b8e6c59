import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { browser } from '#imports';
import { AccountPanel } from '@/components/AccountPanel';
import { getActiveTabId, getActiveTabState, refreshTab } from '@/components/bridge/active-tab';
import { onBridgeMessage } from '@/components/bridge/tab-bridge';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { openOptionsPage } from '@/components/open-options';
import type { PanelActions } from '@/components/panel-actions';
import { segmentsFromResponse } from '@/components/segments';
import { useSetting } from '@/components/use-setting';
import { onMessage, sendMessage } from '@/utils/messaging';
import { themeItem } from '@/utils/settings';
import type { LookupResult, PageContext } from '@/utils/view-models';

interface SideState {
  tabId: number | null;
  context: PageContext | null;
  result: LookupResult | null;
  loadingTab: boolean;
}

const store = createStore<SideState>(() => ({ tabId: null, context: null, result: null, loadingTab: true }));
const seen = new Set<string>();
let loadSeq = 0;

async function loadActiveTab() {
  const mine = ++loadSeq;
  store.setState({ loadingTab: true });
  const tabId = await getActiveTabId().catch(() => null);
  const state = tabId === null ? { context: null, result: null } : await getActiveTabState(tabId);
  if (mine === loadSeq) store.setState({ tabId, ...state, loadingTab: false });
}

/** Apply a result the side panel itself asked for, then let the tab's own panel catch up. */
function applyOwn(result: LookupResult): string | null {
  store.setState({ result });
  const { tabId } = store.getState();
  if (tabId !== null) refreshTab(tabId);
  return result.state === 'error' ? result.error.message : null;
}

function withContext(fn: (c: PageContext) => Promise<LookupResult>) {
  const { context } = store.getState();
  return context ? fn(context).then(applyOwn) : Promise.resolve('Open a record page first.');
}

/** Browser side panel: the AccountPanel for the active tab, following tab switches and navigation. */
export function SidePanelApp() {
  const { context, result, loadingTab } = useStore(store);
  const theme = useSetting(themeItem) ?? 'system';

  useEffect(() => {
    void loadActiveTab();
    const onActivated = () => void loadActiveTab();
    const onUpdated = (tabId: number, info: { status?: string; url?: string }) => {
      if (tabId === store.getState().tabId && (info.url || info.status === 'complete')) void loadActiveTab();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows?.onFocusChanged.addListener(onActivated);
    const removeBridge = onBridgeMessage('lens:tabStateChanged', ({ data, sender }) => {
      if (sender.tab?.id === store.getState().tabId) store.setState({ context: data.context, result: data.result });
    });
    // lookups made from here are refreshed by a broadcast push: accept it only for the account shown
    const removePush = onMessage('accountUpdated', ({ data }) => {
      const shown = store.getState().result;
      if (shown?.state === 'found' && data.state === 'found' && shown.account.rtpAid === data.account.rtpAid) store.setState({ result: data });
    });
    return () => {
      removePush();
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows?.onFocusChanged.removeListener(onActivated);
      removeBridge();
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
        const { tabId } = store.getState();
        if (tabId !== null) refreshTab(tabId);
        void loadActiveTab();
      },
      openOptions: () => void openOptionsPage(),
      addAccount: (input) => sendMessage('addAccount', input).then(applyOwn),
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
      search: (query) => sendMessage('searchAccounts', { query, limit: 10 }),
      pin: (rtpAid) => withContext((c) => sendMessage('pinAccount', { context: c, rtpAid })),
      unpin: () => withContext((c) => sendMessage('unpinAccount', { context: c })),
    }),
    [],
  );

  // No content script answered, or it found no record: say so instead of spinning forever.
  const shown: LookupResult | null = !loadingTab && !context && !result ? { state: 'no-signal' } : result;
  return (
    <ErrorBoundary fallback={<p>Recotap Lens hit an error. Close and reopen the side panel.</p>}>
      <main className="rl-sidepanel">
        <h1 className="rl-sr-only">Recotap Lens side panel</h1>
        <AccountPanel result={shown} context={context} actions={actions} theme={theme} variant="embedded" />
      </main>
    </ErrorBoundary>
  );
}
