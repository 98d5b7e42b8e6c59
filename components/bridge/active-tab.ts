/**
 * The side panel's (and popup's) view of "the account on the active tab". Today it asks the tab's
 * content script over the tab bridge. When the protocol gains `getTabState` (see the UI report),
 * switch the body to: `return sendMessage('getTabState', { tabId })`.
 */
import { browser } from '#imports';
import { sendBridgeMessage, type TabState } from './tab-bridge';

export type { TabState };

/** The active tab of the current window, or null (e.g. a devtools window). */
export async function getActiveTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The tab's page context and its current result; a tab without our content script has neither. */
export async function getActiveTabState(tabId: number): Promise<TabState> {
  try {
    return await sendBridgeMessage('lens:getTabState', undefined, tabId);
  } catch {
    return { context: null, result: null };
  }
}

/** Ask the tab's content script to look its context up again (after a pin/unpin/add here). */
export function refreshTab(tabId: number): void {
  sendBridgeMessage('lens:refreshTab', undefined, tabId).catch(() => undefined);
}
