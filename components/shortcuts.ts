/**
 * The keyboard shortcuts a rep can use, as the browser has them assigned (a rep may change or
 * clear them), falling back to the manifest's suggestions until the browser answers.
 */
import { useEffect, useState } from 'react';
import { browser } from '#imports';
import { TOGGLE_PANEL_COMMAND, manifestCommands } from '@/utils/toolbar/commands';

export interface Shortcut {
  /** e.g. "Alt+Shift+L"; '' when the rep or browser left it unassigned */
  keys: string;
  /** what it does, in the glossary's words */
  action: string;
}

const ACTIONS: Record<string, string> = {
  _execute_action: 'Open this popup: look up any account',
  _execute_browser_action: 'Open this popup: look up any account',
  [TOGGLE_PANEL_COMMAND]: 'Show or hide the Recotap panel on a CRM page',
};

/** Shortcuts from commands.getAll()-shaped entries, popup first; unknown commands are left out. */
export function shortcutsFrom(commands: { name?: string; shortcut?: string }[]): Shortcut[] {
  const known = commands.filter((c): c is { name: string; shortcut?: string } => !!c.name && c.name in ACTIONS);
  known.sort((a, b) => Number(b.name.startsWith('_execute')) - Number(a.name.startsWith('_execute')));
  return known.map((c) => ({ keys: c.shortcut ?? '', action: ACTIONS[c.name] ?? c.name }));
}

/** The manifest's suggested keys (what a fresh install gets). */
export const DEFAULT_SHORTCUTS: Shortcut[] = shortcutsFrom(
  Object.entries(manifestCommands(3)).map(([name, c]) => ({ name, shortcut: c.suggested_key.default })),
);

/** The assigned shortcuts (browser.commands.getAll), defaults until it answers or where it is missing. */
export function useShortcuts(): Shortcut[] {
  const [list, setList] = useState<Shortcut[]>(DEFAULT_SHORTCUTS);
  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => browser.commands.getAll())
      .then((cmds) => {
        const found = shortcutsFrom(cmds);
        if (live && found.length > 0) setList(found);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}
