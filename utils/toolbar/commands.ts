/**
 * Keyboard commands. `toggle-panel` shows or hides the in-page panel on the active tab (its
 * content script listens for the `togglePanel` push); `_execute_action` opens the popup, which the
 * browser handles itself. Pure (no '#imports') so wxt.config.ts can import `manifestCommands`.
 */

export const TOGGLE_PANEL_COMMAND = 'toggle-panel';

interface ManifestCommand {
  suggested_key: { default: string; mac?: string };
  description: string;
}

/**
 * The manifest's `commands` block. Firefox MV2 names the popup command `_execute_browser_action`;
 * MV3 (Chrome, Firefox MV3) names it `_execute_action`.
 */
export function manifestCommands(manifestVersion: 2 | 3): Record<string, ManifestCommand> {
  const popupCommand = manifestVersion === 2 ? '_execute_browser_action' : '_execute_action';
  return {
    [TOGGLE_PANEL_COMMAND]: {
      // not Alt+Shift+R (the brief's suggestion) or Alt+Shift+P: Chromium 156 silently leaves those
      // unassigned (browser accelerators); Alt+Shift+O ("open") was assigned in the same check
      suggested_key: { default: 'Alt+Shift+O', mac: 'Alt+Shift+O' },
      description: 'Show or hide the Recotap panel on this page',
    },
    [popupCommand]: {
      suggested_key: { default: 'Alt+Shift+L', mac: 'Alt+Shift+L' },
      description: 'Look up an account in Recotap',
    },
  };
}

export interface CommandDeps {
  /** the tab the command applies to: the listener's `tab` argument, else the active tab */
  getActiveTabId: () => Promise<number | null>;
  /** send the `togglePanel` push to a tab's content script (rejects when none is listening) */
  sendTogglePanel: (tabId: number) => Promise<unknown>;
}

export type CommandOutcome =
  | { handled: false }
  | { handled: true; ok: true; tabId: number }
  | { handled: true; ok: false; reason: 'no-tab' | 'no-panel' };

/** commands.onCommand handler. */
export async function onCommand(command: string, deps: CommandDeps, tab?: { id?: number }): Promise<CommandOutcome> {
  if (command !== TOGGLE_PANEL_COMMAND) return { handled: false };
  const tabId = tab?.id !== undefined && tab.id >= 0 ? tab.id : await deps.getActiveTabId().catch(() => null);
  if (tabId === null) return { handled: true, ok: false, reason: 'no-tab' };
  try {
    await deps.sendTogglePanel(tabId);
    return { handled: true, ok: true, tabId };
  } catch {
    // no content script on this tab (unsupported site, LinkedIn, a browser page): nothing to toggle
    return { handled: true, ok: false, reason: 'no-panel' };
  }
}

/**
 * The active tab of the current window (for a background worker: the last focused one), from a
 * tabs API. Reads the id only, which needs no "tabs" permission.
 */
export async function activeTabId(tabs: {
  query(q: { active: boolean; currentWindow?: boolean }): Promise<{ id?: number }[]>;
}): Promise<number | null> {
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
