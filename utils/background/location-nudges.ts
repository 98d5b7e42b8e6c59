/**
 * SPA navigations in browsers without the Navigation API (Firefox before 147). A content script
 * cannot see the page's history.pushState from its isolated world, so without the API it would
 * notice a new record at its 1 s poll (utils/sites/location-watcher.ts): on Firefox 140 ESR the
 * bench measured ~0.95 s from URL change to panel instead of ~30 ms. The browser itself reports the
 * change to the background: Firefox dispatches tabs.onUpdated for a same-document navigation, as
 * `{ status: 'complete' }` alone when the add-on has no host permission for the tab (the CRM hosts
 * are content-script matches, not requested permissions, so the `url` is withheld; checked on
 * firefox-esr 140 with history.pushState), with the `url` when it has one. The background relays
 * either to the tab as `locationChanged`: an empty message that only makes the content script
 * compare location.href now (a page load's own 'complete' costs one such comparison; a tab with no
 * content script of ours rejects the send, which is ignored). Where the background's own global has
 * the Navigation API (Firefox 147+), the content scripts have it too and nothing is registered: no
 * message per navigation. Only the Firefox build calls this: a Chrome service worker has no
 * `navigation` global, yet every Chrome page has the API.
 */

type TabsUpdated = {
  onUpdated: { addListener(fn: (tabId: number, change: { url?: string; status?: string }) => void): void };
};

/** Registers the relay when `scope` (the background's global) lacks the Navigation API. Returns whether it did. */
export function relayLocationChanges(tabs: TabsUpdated | undefined, send: (tabId: number) => Promise<unknown>, scope: { navigation?: unknown } = globalThis as { navigation?: unknown }): boolean {
  if (!tabs || scope.navigation) return false;
  tabs.onUpdated.addListener((tabId, change) => {
    if (typeof change.url === 'string' || change.status === 'complete') void send(tabId).catch(() => undefined);
  });
  return true;
}
