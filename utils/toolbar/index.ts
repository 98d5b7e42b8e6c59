/**
 * Toolbar glue for the background: badge, context menu, keyboard commands and per-tab state,
 * wired to a browser API. `entrypoints/background.ts` calls `registerBrowserToolbar()` synchronously in
 * main() (so the event that woke the worker is delivered) and hands `toolbar.recordTabResult` to
 * the lookup handlers. Tests pass WXT's fake browser (plus stubs) as `api`.
 */
import { browser } from '#imports';
import { sendMessage } from '../messaging';
import type { LookupResult, PageContext } from '../view-models';
import { applyBadge, type BadgeApi } from './badge';
import { activeTabId, onCommand } from './commands';
import { createContextMenus, onContextMenuClick, type ContextMenuApi, type MenuClickInfo } from './context-menu';
import { createTabState, shouldClearOnUpdate, type SessionAreaLike, type TabSnapshot, type TabState } from './tab-state';

export * from './badge';
export * from './movers-badge';
export * from './commands';
export * from './context-menu';
export * from './tab-state';

type Listener<A extends unknown[]> = { addListener(fn: (...args: A) => unknown): void };
type TabLike = { id?: number; windowId?: number };

/** The browser APIs the toolbar touches; every part is optional so a missing API is skipped. */
export interface ToolbarApi extends BadgeApi, ContextMenuApi {
  storage?: { session?: SessionAreaLike };
  tabs?: {
    query(q: { active: boolean; currentWindow?: boolean }): Promise<TabLike[]>;
    onRemoved: Listener<[tabId: number, info: unknown]>;
    onUpdated: Listener<[tabId: number, change: { status?: string; url?: string }, tab: unknown]>;
  };
  contextMenus?: ContextMenuApi['contextMenus'] & { onClicked: Listener<[info: MenuClickInfo, tab?: TabLike]> };
  commands?: { onCommand: Listener<[command: string, tab?: TabLike]> };
  runtime?: { lastError?: unknown; onInstalled: Listener<[details: unknown]>; onStartup: Listener<[]> };
}

export interface ToolbarOptions {
  api: ToolbarApi;
  /** send the `togglePanel` push to a tab (utils/messaging.ts `sendMessage('togglePanel', undefined, tabId)`) */
  sendTogglePanel: (tabId: number) => Promise<unknown>;
  /** an open side panel should re-read the tab (e.g. a push); optional */
  onTabQuery?: (tabId: number, query: string) => void;
  tabState?: TabState;
}

/** Register the toolbar's listeners and return what the lookup handlers call. */
export function registerToolbar(options: ToolbarOptions) {
  const { api } = options;
  const tabState = options.tabState ?? createTabState({ session: api.storage?.session ?? null });

  api.contextMenus?.onClicked.addListener((info, tab) => {
    // no await before this call: the side panel may only be opened inside the click's user gesture
    void onContextMenuClick(info, tab, { api, tabState, onQuery: options.onTabQuery }).catch(() => undefined);
  });
  api.commands?.onCommand.addListener((command, tab) => {
    const getActiveTabId = () => (api.tabs ? activeTabId(api.tabs) : Promise.resolve(null));
    void onCommand(command, { getActiveTabId, sendTogglePanel: options.sendTogglePanel }, tab).catch(() => undefined);
  });
  api.tabs?.onRemoved.addListener((tabId) => void tabState.clearTab(tabId).catch(() => undefined));
  api.tabs?.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void (async () => {
      const snap = await tabState.getTabResult(tabId);
      if (!snap || !shouldClearOnUpdate(snap.context?.url ?? null, change)) return;
      await tabState.clearTab(tabId);
      await applyBadge(api, tabId, null);
    })().catch(() => undefined);
  });
  const menus = () => void createContextMenus(api).catch(() => undefined);
  api.runtime?.onInstalled.addListener(menus);
  api.runtime?.onStartup.addListener(menus);

  return {
    tabState,
    /** Record a tab's lookup and paint its badge (call from lookupContext, pin/unpin/add, fresher pushes). */
    async recordTabResult(tabId: number, context: PageContext | null | undefined, result: LookupResult | null): Promise<void> {
      await tabState.recordTabResult(tabId, context, result);
      await applyBadge(api, tabId, result);
    },
    /** The `getTabResult` message body: the tab's context, result and pending context-menu query. */
    async getTabResult(tabId: number | undefined): Promise<TabSnapshot> {
      const id = tabId ?? (api.tabs ? await activeTabId(api.tabs).catch(() => null) : null);
      const snap = id === null ? null : await tabState.getTabResult(id);
      return snap ?? { context: null, result: null, query: null };
    },
    /** The rep looked at this account (markSeen): drop the "stage moved up" arrow from its badges. */
    async accountSeen(rtpAid: string): Promise<void> {
      for (const tabId of await tabState.tabIds()) {
        const snap = await tabState.getTabResult(tabId);
        const result = snap?.result;
        if (result?.state !== 'found' || result.account.rtpAid !== rtpAid || !result.account.changedSinceSeen) continue;
        const seen: LookupResult = { ...result, account: { ...result.account, changedSinceSeen: null } };
        await tabState.recordTabResult(tabId, undefined, seen);
        await applyBadge(api, tabId, seen);
      }
    },
    /** "Clear local data": forget every tab and clear their badges. */
    async clearAll(): Promise<void> {
      const ids = await tabState.tabIds();
      await tabState.clearAll();
      await Promise.all(ids.map((tabId) => applyBadge(api, tabId, null)));
    },
  };
}

/** Glue for entrypoints/background.ts: the toolbar on the real browser API and messaging. */
export function registerBrowserToolbar(options: Partial<Omit<ToolbarOptions, 'api'>> = {}): Toolbar {
  return registerToolbar({
    api: browser,
    sendTogglePanel: (tabId) => sendMessage('togglePanel', undefined, tabId),
    ...options,
  });
}

export type Toolbar = ReturnType<typeof registerToolbar>;
