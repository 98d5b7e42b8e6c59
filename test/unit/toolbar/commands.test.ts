import { describe, expect, it } from 'vitest';
import { activeTabId, manifestCommands, onCommand, TOGGLE_PANEL_COMMAND } from '../../../utils/toolbar/commands';

/**
 * Two windows of tabs. fake-browser 1.5.2 cannot mark one of its listed tabs active (tabs.duplicate
 * never adds the copy to its list), so this tiny tabs.query stub answers like the browser does.
 */
function tabsStub(current: number) {
  const all = [
    { id: 1, windowId: 1, active: false },
    { id: 2, windowId: 1, active: true },
    { id: 3, windowId: 2, active: true },
  ];
  return {
    query: async (q: { active?: boolean; currentWindow?: boolean }) =>
      all.filter((t) => (q.active === undefined || t.active === q.active) && (!q.currentWindow || t.windowId === current)),
  };
}

describe('keyboard commands', () => {
  it('toggle-panel sends togglePanel to the active tab of the current window', async () => {
    const sent: number[] = [];
    for (const [window, active] of [[1, 2], [2, 3]] as const) {
      const outcome = await onCommand(TOGGLE_PANEL_COMMAND, {
        getActiveTabId: () => activeTabId(tabsStub(window)),
        sendTogglePanel: async (tabId) => void sent.push(tabId),
      });
      expect(outcome).toEqual({ handled: true, ok: true, tabId: active });
    }
    expect(sent).toEqual([2, 3]);
  });

  it('uses the tab the browser passes with the command when there is one', async () => {
    const sent: number[] = [];
    const deps = { getActiveTabId: async () => 1, sendTogglePanel: async (tabId: number) => void sent.push(tabId) };
    await onCommand(TOGGLE_PANEL_COMMAND, deps, { id: 42 });
    await onCommand(TOGGLE_PANEL_COMMAND, deps, { id: -1 }); // TAB_ID_NONE
    expect(sent).toEqual([42, 1]);
  });

  it('reports tabs without a panel and windows without tabs, and ignores other commands', async () => {
    const sent: number[] = [];
    const noListener = { getActiveTabId: async () => 3, sendTogglePanel: () => Promise.reject(new Error('Could not establish connection')) };
    expect(await onCommand(TOGGLE_PANEL_COMMAND, noListener)).toEqual({ handled: true, ok: false, reason: 'no-panel' });
    const noTab = { getActiveTabId: async () => null, sendTogglePanel: async (t: number) => void sent.push(t) };
    expect(await onCommand(TOGGLE_PANEL_COMMAND, noTab)).toEqual({ handled: true, ok: false, reason: 'no-tab' });
    expect(await onCommand('_execute_action', noTab, { id: 5 })).toEqual({ handled: false });
    expect(sent).toEqual([]);
  });
});

describe('manifestCommands', () => {
  const keyRe = /^(Alt|Ctrl|Command|MacCtrl)\+(Shift\+)?[A-Z]$/;

  it('declares toggle-panel and the popup command under the name each manifest version expects', () => {
    const mv3 = manifestCommands(3);
    expect(Object.keys(mv3).sort()).toEqual(['_execute_action', 'toggle-panel']);
    expect(Object.keys(manifestCommands(2)).sort()).toEqual(['_execute_browser_action', 'toggle-panel']);
    expect(mv3['toggle-panel']?.suggested_key.default).toBe('Alt+Shift+O');
    expect(mv3._execute_action?.suggested_key.default).toBe('Alt+Shift+L');
  });

  it('uses valid, distinct shortcuts with a description each', () => {
    const keys = Object.values(manifestCommands(3)).flatMap((c) => [c.suggested_key.default, c.suggested_key.mac]);
    for (const key of keys) expect(key).toMatch(keyRe);
    expect(new Set(Object.values(manifestCommands(3)).map((c) => c.suggested_key.default)).size).toBe(2);
    for (const c of Object.values(manifestCommands(2))) expect(c.description.length).toBeGreaterThan(10);
  });
});
