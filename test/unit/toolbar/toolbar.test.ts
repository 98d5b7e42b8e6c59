import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOOKUP_MENU_ID, registerToolbar, type ToolbarApi } from '../../../utils/toolbar';
import { context, found, stubContextMenus, stubEvent, stubPanels } from './fixtures';

/**
 * The toolbar wired to WXT's fake browser (action, storage.session, tabs events) plus stubs of only
 * what fake-browser 1.5.2 leaves unimplemented: contextMenus, commands, sidePanel, tabs.query's
 * active tab, and runtime's install/startup events.
 */
function setup(activeTab = 5) {
  const runtime = { lastError: undefined as unknown, onInstalled: stubEvent<[unknown]>(), onStartup: stubEvent<[]>() };
  const contextMenus = stubContextMenus(runtime);
  const commands = { onCommand: stubEvent<[string, { id?: number }?]>() };
  const panels = stubPanels();
  const api = {
    action: fakeBrowser.action,
    storage: fakeBrowser.storage,
    tabs: {
      query: async () => [{ id: activeTab }],
      onRemoved: fakeBrowser.tabs.onRemoved,
      onUpdated: fakeBrowser.tabs.onUpdated,
    },
    contextMenus,
    commands,
    runtime,
    sidePanel: panels.sidePanel,
  } satisfies ToolbarApi;
  const toggled: number[] = [];
  const queries: [number, string][] = [];
  const toolbar = registerToolbar({
    api,
    sendTogglePanel: async (tabId) => void toggled.push(tabId),
    onTabQuery: (tabId, query) => void queries.push([tabId, query]),
  });
  return { api, toolbar, runtime, contextMenus, commands, panels, toggled, queries };
}

const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });

describe('registerToolbar', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records a lookup, paints that tab badge, and answers getTabResult (explicit or active tab)', async () => {
    const { toolbar } = setup(5);
    await toolbar.recordTabResult(5, context(), found({ score: 87 }));
    expect(await badge(5)).toBe('87');
    expect(await badge(6)).toBe('');
    expect(await toolbar.getTabResult(5)).toEqual({ context: context(), result: found({ score: 87 }), query: null });
    expect(await toolbar.getTabResult(undefined)).toEqual(await toolbar.getTabResult(5));
    expect(await toolbar.getTabResult(99)).toEqual({ context: null, result: null, query: null });
  });

  it('tab state survives a worker restart (a new registration reads storage.session)', async () => {
    await setup().toolbar.recordTabResult(5, context(), found({ score: 55 }));
    const restarted = setup();
    expect((await restarted.toolbar.getTabResult(5)).result).toEqual(found({ score: 55 }));
  });

  it('forgets a tab when it closes', async () => {
    const { toolbar } = setup();
    await toolbar.recordTabResult(5, context(), found());
    await fakeBrowser.tabs.onRemoved.trigger(5, { windowId: 0, isWindowClosing: false });
    await vi.waitFor(async () => expect((await toolbar.getTabResult(5)).result).toBeNull());
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('forgets a tab and clears its badge when it navigates to another page, not on the recorded page', async () => {
    const { toolbar } = setup();
    const tab = { id: 5 } as never;
    await toolbar.recordTabResult(5, context(), found());
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'loading', url: context().url }, tab);
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'complete' }, tab);
    await new Promise((r) => setTimeout(r, 10));
    expect(await badge(5)).toBe('87');

    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'loading', url: 'https://news.example/' }, tab);
    await vi.waitFor(async () => expect(await badge(5)).toBe(''));
    expect((await toolbar.getTabResult(5)).result).toBeNull();
  });

  it('creates the context menu once across install and startup', async () => {
    const { runtime, contextMenus } = setup();
    runtime.onInstalled.fire({ reason: 'install' });
    runtime.onStartup.fire();
    await vi.waitFor(() => expect(contextMenus.items.size).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect([...contextMenus.items.keys()]).toEqual([LOOKUP_MENU_ID]);
    expect(contextMenus.errors).toEqual([]);
  });

  it('a menu click records the query for its tab and opens the side panel within the click', async () => {
    const { toolbar, contextMenus, panels, queries } = setup();
    contextMenus.onClicked.fire({ menuItemId: LOOKUP_MENU_ID, selectionText: 'jane@globex.com' }, { id: 8 });
    expect(panels.calls).toEqual([{ api: 'sidePanel', tabId: 8 }]);
    expect(queries).toEqual([[8, 'globex.com']]);
    expect((await toolbar.getTabResult(8)).query).toBe('globex.com');
  });

  it('the toggle-panel command goes to the command tab, else the active tab', async () => {
    const { commands, toggled } = setup(6);
    commands.onCommand.fire('toggle-panel', { id: 9 });
    commands.onCommand.fire('toggle-panel');
    commands.onCommand.fire('_execute_action');
    await vi.waitFor(() => expect(toggled).toHaveLength(2));
    expect(toggled.sort()).toEqual([6, 9]);
  });

  it('accountSeen drops the stage arrow from every tab showing that account only', async () => {
    const { toolbar } = setup();
    await toolbar.recordTabResult(5, context(), found({ stage: 'Opportunity', previousStage: 'Aware' }));
    await toolbar.recordTabResult(6, context(), found({ stage: 'Opportunity', previousStage: 'Aware', rtpAid: 'rtp-other' }));
    expect([await badge(5), await badge(6)]).toEqual(['87↑', '87↑']);
    await toolbar.accountSeen('rtp-acme');
    expect([await badge(5), await badge(6)]).toEqual(['87', '87↑']);
    // and a restarted worker sees the cleared mark too
    const r = (await setup().toolbar.getTabResult(5)).result;
    expect(r?.state === 'found' && r.account.changedSinceSeen).toBeNull();
  });

  it('clearAll forgets every tab and clears their badges', async () => {
    const { toolbar } = setup();
    await toolbar.recordTabResult(5, context(), found());
    await toolbar.recordTabResult(6, context(), found({ score: 12 }));
    await toolbar.clearAll();
    expect([await badge(5), await badge(6)]).toEqual(['', '']);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
