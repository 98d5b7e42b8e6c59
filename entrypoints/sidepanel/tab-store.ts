/**
 * The side panel's state: the active tab's context and result as the background recorded them
 * (getTabResult), or — when the rep used "Look up in Recotap" — that query's result until they go
 * back to the page. Every read is sequenced so a slow answer for a previous tab never wins.
 */
import { createStore } from 'zustand/vanilla';
import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging';
import type { LookupResult, PageContext } from '@/utils/view-models';

export interface SideState {
  tabId: number | null;
  context: PageContext | null;
  result: LookupResult | null;
  /** the pending context-menu query shown instead of the page's account */
  query: string | null;
  loadingTab: boolean;
}

export const sideStore = createStore<SideState>(() => ({ tabId: null, context: null, result: null, query: null, loadingTab: true }));
let loadSeq = 0;

/** Resolve the active tab and read its result (and run its context-menu query, if any). */
export async function loadActiveTab(): Promise<void> {
  const mine = ++loadSeq;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  const tabId = tab?.id ?? null;
  const previous = sideStore.getState();
  if (tabId !== previous.tabId) sideStore.setState({ tabId, context: null, result: null, query: null, loadingTab: true });
  if (tabId === null) {
    sideStore.setState({ loadingTab: false });
    return;
  }
  const snap = await sendMessage('getTabResult', { tabId }).catch(() => ({ context: null, result: null, query: null }));
  if (mine !== loadSeq) return;
  if (!snap.query) {
    sideStore.setState({ tabId, context: snap.context, result: snap.result, query: null, loadingTab: false });
    return;
  }
  const sameQuery = previous.tabId === tabId && previous.query === snap.query && previous.result;
  sideStore.setState({ tabId, context: snap.context, query: snap.query, result: sameQuery ? previous.result : null, loadingTab: false });
  if (sameQuery) return;
  const result = await sendMessage('lookupQuery', { query: snap.query }).catch(failure);
  if (mine === loadSeq) sideStore.setState({ result });
}

/** "Back to this page": forget the query; the background's tabResultChanged push triggers the re-read. */
export async function backToPage(): Promise<void> {
  const { tabId } = sideStore.getState();
  if (tabId === null) return;
  sideStore.setState({ query: null, result: null });
  await sendMessage('dismissTabQuery', { tabId }).catch(() => undefined);
  await loadActiveTab();
}

/**
 * The side panel's own search: show `query`'s account for this tab, like "Look up in Recotap" does
 * (recorded as the tab's query, so "Back to this page" returns to the record).
 */
export async function showQuery(query: string): Promise<void> {
  const { tabId } = sideStore.getState();
  sideStore.setState({ query, result: null });
  if (tabId !== null && (await sendMessage('showInSidePanel', { tabId, query }).then((r) => r.ok, () => false))) {
    await loadActiveTab();
    return;
  }
  // no tab to record it for (or no tab state): this view asks by itself
  const result = await sendMessage('lookupQuery', { query }).catch(failure);
  if (sideStore.getState().query === query) sideStore.setState({ result });
}

/** A push for the page at `url` (null = an extension page's own lookup): apply it only to what is shown. */
export function receivePush(push: { url: string | null; result: LookupResult }): boolean {
  const { context, query, result } = sideStore.getState();
  const forPage = !query && push.url !== null && push.url === context?.url;
  const forQuery =
    query !== null && push.url === null && result?.state === 'found' && push.result.state === 'found' && push.result.account.rtpAid === result.account.rtpAid;
  if (!forPage && !forQuery) return false;
  sideStore.setState({ result: push.result });
  return true;
}

/** A thrown messaging failure as a result with Retry. */
export function failure(err: unknown): LookupResult {
  const message = err instanceof Error ? err.message : String(err);
  return { state: 'error', error: { kind: 'internal', message: `Recotap Lens could not reach its background service: ${message}`, retryable: true } };
}
