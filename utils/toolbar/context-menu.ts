/**
 * "Look up in Recotap" on selected text and on links. A click records the query for that tab and
 * opens the browser side panel, which then asks the background for the tab's pending query.
 */
import { parseLookupQuery, type ParsedQuery } from './lookup-query';

export { MAX_INPUT_CHARS, MAX_NAME_CHARS, parseLookupQuery, toPlainText, type ParsedQuery } from './lookup-query';

export const LOOKUP_MENU_ID = 'recotap-lookup';
export const LOOKUP_MENU_TITLE = 'Look up in Recotap';

/** The context-menu and side-panel APIs used here (Chrome: sidePanel; Firefox: sidebarAction). */
export interface ContextMenuApi {
  contextMenus?: {
    create(props: { id: string; title: string; contexts: ['selection', 'link'] }, callback?: () => void): unknown;
    removeAll(): unknown;
  };
  sidePanel?: { open(options: { tabId?: number; windowId?: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
  runtime?: { lastError?: unknown };
}

let menuChain: Promise<void> = Promise.resolve();

/** (Re)create our menu items: removeAll then create, serialised so onInstalled + onStartup never duplicate. */
export function createContextMenus(api: ContextMenuApi): Promise<void> {
  const menus = api.contextMenus;
  if (!menus) return Promise.resolve();
  const run = async () => {
    await menus.removeAll();
    await new Promise<void>((resolve) => {
      // read lastError so Chrome does not log "Unchecked runtime.lastError" for a duplicate id
      const done = () => resolve(void api.runtime?.lastError);
      const created = menus.create({ id: LOOKUP_MENU_ID, title: LOOKUP_MENU_TITLE, contexts: ['selection', 'link'] }, done);
      // Firefox's promise-style wrappers may also return a promise that never calls back on failure
      if (created instanceof Promise) created.then(done, done);
    });
  };
  menuChain = menuChain.then(run, run);
  return menuChain;
}

export interface MenuClickInfo {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
}

export interface MenuClickDeps {
  api: ContextMenuApi;
  tabState: { recordTabQuery(tabId: number, query: string): Promise<void> };
  /** tell an already-open side panel that the tab has a new query (e.g. a push message) */
  onQuery?: (tabId: number, query: string) => void;
}

export type MenuClickOutcome =
  | { handled: false }
  | { handled: true; ok: false; reason: Extract<ParsedQuery, { ok: false }>['reason'] | 'no-tab' }
  | { handled: true; ok: true; tabId: number; query: string; panelOpened: boolean };

/**
 * contextMenus.onClicked handler. Everything up to opening the panel runs synchronously, because
 * Chrome's sidePanel.open() and Firefox's sidebarAction.open() only work inside the user gesture.
 */
export function onContextMenuClick(
  info: MenuClickInfo,
  tab: { id?: number; windowId?: number } | undefined,
  deps: MenuClickDeps,
): Promise<MenuClickOutcome> {
  if (info.menuItemId !== LOOKUP_MENU_ID) return Promise.resolve({ handled: false });
  // an explicit selection wins over the link it sits in
  const fromSelection = info.selectionText ? parseLookupQuery(info.selectionText) : null;
  const parsed = fromSelection?.ok ? fromSelection : info.linkUrl ? parseLookupQuery(info.linkUrl) : fromSelection;
  if (!parsed) return Promise.resolve({ handled: true, ok: false, reason: 'empty' });
  if (!parsed.ok) return Promise.resolve({ handled: true, ok: false, reason: parsed.reason });
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return Promise.resolve({ handled: true, ok: false, reason: 'no-tab' });

  // open first: nothing may come between the click and sidePanel.open(); the in-memory record
  // below is synchronous too, so the panel's first getTabResult already sees the query
  const opened = openSidePanel(deps.api, tabId);
  const recorded = deps.tabState.recordTabQuery(tabId, parsed.query);
  deps.onQuery?.(tabId, parsed.query);
  return Promise.all([recorded, opened]).then(([, panelOpened]) => ({
    handled: true as const,
    ok: true as const,
    tabId,
    query: parsed.query,
    panelOpened,
  }));
}

/** Open the browser side panel for a tab; call synchronously from a user-gesture handler. */
export function openSidePanel(api: ContextMenuApi, tabId: number): Promise<boolean> {
  try {
    const pending = api.sidePanel ? api.sidePanel.open({ tabId }) : api.sidebarAction?.open();
    if (!pending) return Promise.resolve(false);
    return Promise.resolve(pending).then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}
