/** Opening the browser side panel from an extension page (Chrome sidePanel / Firefox sidebarAction). */
import { browser } from '#imports';

type PanelApis = {
  sidePanel?: { open(o: { tabId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
};

/** Open the side panel for a tab; call synchronously in the click/key handler (user gesture). */
export function openSidePanelFor(tabId: number): void {
  const api = browser as unknown as PanelApis;
  try {
    const pending = api.sidePanel ? api.sidePanel.open({ tabId }) : api.sidebarAction?.open();
    void pending?.catch(() => undefined);
  } catch {
    // no side panel in this browser: the account is still shown once the panel is opened
  }
}

/** The active tab of the popup's window (the page the rep was on). */
export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
