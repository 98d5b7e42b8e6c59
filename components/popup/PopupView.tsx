import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SuggestionsView } from '@/utils/messaging';
import type { LookupResult, StatusView } from '@/utils/view-models';
import { AccountPanel } from '../AccountPanel';
import { LensRoot, type ThemeMode } from '../LensRoot';
import { errorText, type AddAccountInput, type PanelActions } from '../panel-actions';
import { ShortcutList } from '../ShortcutList';
import type { Shortcut } from '../shortcuts';
import { StatusSummary } from '../StatusSummary';
import { AccountSearch, suggestionGroups, useSuggestionLists } from './AccountSearch';
import { createPopupStore } from './popup-store';
import '../styles/views.css';

export interface PopupActions {
  search: PanelActions['search'];
  listSegments: PanelActions['listSegments'];
  openOptions(): void;
  lookup(query: string): Promise<LookupResult>;
  add(input: AddAccountInput): Promise<LookupResult>;
  /** the empty state's "Recent accounts" and "Hot accounts" */
  listSuggestions?(): Promise<SuggestionsView>;
}

export interface PopupViewProps {
  theme: ThemeMode;
  status: StatusView | null;
  /** the active tab's result, when its content script has one */
  current: LookupResult | null;
  actions: PopupActions;
  debounceMs?: number;
  now?: Date;
  /** text typed before the popup mounted (captureEarlyKeys), taken once on mount */
  takeEarlyInput?: () => string;
  /** the keyboard shortcuts as assigned, shown in the footer */
  shortcuts?: Shortcut[];
  /** the Search/Movers tab bar (components/movers/PopupTabs), shown under the header */
  tabs?: ReactNode;
}

/** The popup: the account search (with On this tab, Recent and Hot accounts while empty), an opened account, sync status. */
export function PopupView({ theme, status, current, actions, debounceMs = 80, now, takeEarlyInput, shortcuts, tabs }: PopupViewProps) {
  const [store] = useState(createPopupStore);
  useLayoutEffect(() => {
    // before the first paint, so the box never shows empty after the rep has typed
    const early = takeEarlyInput?.() ?? '';
    if (early) store.setState({ query: early });
  }, [store, takeEarlyInput]);
  const { opened } = useStore(store);
  const inputRef = useRef<HTMLInputElement>(null);
  const lastQuery = useRef('');
  const lists = useSuggestionLists(actions.listSuggestions);
  const groups = suggestionGroups(lists, current?.state === 'found' ? current.account : null);
  const panelActions = useMemo<PanelActions>(
    () => ({
      retry: () => void open(lastQuery.current),
      openOptions: actions.openOptions,
      addAccount: async (input) => {
        const r = await actions.add(input);
        if (r.state === 'error') return r.error.message;
        store.setState({ opened: r });
        return null;
      },
      listSegments: actions.listSegments,
      search: actions.search,
      pin: async () => null,
      unpin: async () => null,
    }),
    // open() only touches the store and actions, both stable for this mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [actions, store],
  );

  async function open(q: string) {
    lastQuery.current = q;
    store.setState({ looking: true, message: null });
    try {
      store.setState({ opened: await actions.lookup(q) });
    } catch (e) {
      store.setState({ message: errorText(e) });
    } finally {
      store.setState({ looking: false });
    }
  }

  function back() {
    store.setState({ opened: null });
    requestAnimationFrame(() => inputRef.current?.focus());
  }

  const header = (
    <header className="rl-popup-head">
      <span className="rl-logo" aria-hidden="true" />
      <h1 className="rl-popup-title">Recotap Lens</h1>
      <button type="button" className="rl-btn rl-btn-link" onClick={actions.openOptions}>
        Settings
      </button>
    </header>
  );

  if (opened) {
    const backBtn = (
      <button type="button" className="rl-btn" onClick={back} autoFocus>
        Back
      </button>
    );
    return (
      <LensRoot theme={theme} className="rl-popup">
        <main aria-label="Recotap Lens">
          <h1 className="rl-visually-hidden">Recotap Lens: account</h1>
          <AccountPanel result={opened} context={null} actions={panelActions} theme={theme} allowPin={false} headerAction={backBtn} now={now} />
        </main>
      </LensRoot>
    );
  }

  return (
    <LensRoot theme={theme} className="rl-popup">
      <main aria-label="Recotap Lens">
        {header}
        {tabs}
        {status && !status.configured ? (
          <div className="rl-popup-block">
            <p>Connect your Recotap account to start.</p>
            <button type="button" className="rl-btn rl-btn-primary" onClick={actions.openOptions}>
              Open settings
            </button>
          </div>
        ) : null}
        <div className="rl-popup-block">
          <AccountSearch
            store={store}
            search={actions.search}
            onOpen={(q) => void open(q)}
            onPick={(group, account) => (group.id === 'tab' && current ? store.setState({ opened: current }) : void open(account.domain))}
            suggestions={groups}
            idPrefix="rl-popup"
            inputRef={inputRef}
            autoFocus
            debounceMs={debounceMs}
          />
        </div>
        <footer className="rl-popup-block rl-popup-foot">
          {/* not connected: the block above already says so */}
          {status?.configured ? <StatusSummary status={status} now={now} /> : null}
          {shortcuts && shortcuts.length > 0 ? <ShortcutList shortcuts={shortcuts} className="rl-popup-shortcuts" /> : null}
        </footer>
      </main>
    </LensRoot>
  );
}
