import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LookupResult, StatusView } from '@/utils/view-models';
import { AccountCard } from '../AccountCard';
import { AccountPanel } from '../AccountPanel';
import { LensRoot, type ThemeMode } from '../LensRoot';
import { errorText, type AddAccountInput, type PanelActions } from '../panel-actions';
import { ShortcutList } from '../ShortcutList';
import type { Shortcut } from '../shortcuts';
import { StatusSummary } from '../StatusSummary';
import { createPopupStore, isLookupable } from './popup-store';
import '../styles/views.css';

export interface PopupActions {
  search: PanelActions['search'];
  listSegments: PanelActions['listSegments'];
  openOptions(): void;
  lookup(query: string): Promise<LookupResult>;
  add(input: AddAccountInput): Promise<LookupResult>;
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

/** The popup: type-ahead over cached accounts, Enter to look up a domain, the current tab, sync status. */
export function PopupView({ theme, status, current, actions, debounceMs = 80, now, takeEarlyInput, shortcuts, tabs }: PopupViewProps) {
  const [store] = useState(createPopupStore);
  useLayoutEffect(() => {
    // before the first paint, so the box never shows empty after the rep has typed
    const early = takeEarlyInput?.() ?? '';
    if (early) store.setState({ query: early });
  }, [store, takeEarlyInput]);
  const { query, results, active, opened, looking, message } = useStore(store);
  const inputRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const lastQuery = useRef('');
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

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (q === '') return void store.setState({ results: [], active: -1 });
    const timer = setTimeout(() => {
      actions.search(q).then(
        (results) => mine === seq.current && store.setState({ results, active: results.length > 0 ? 0 : -1 }),
        (e: unknown) => mine === seq.current && store.setState({ message: errorText(e) }),
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [query, actions, debounceMs, store]);

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

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const n = results.length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      store.setState({ active: (active + 1) % n });
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      store.setState({ active: (active - 1 + n) % n });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = results[active];
      const exact = results.find((r) => r.domain === query.trim().toLowerCase());
      if (exact) void open(exact.domain);
      else if (isLookupable(query)) void open(query.trim());
      else if (pick) void open(pick.domain);
      else if (query.trim() !== '') {
        // a name Recotap cannot be asked about: say why instead of doing nothing
        store.setState({ message: `“${query.trim()}” is not in your cached accounts, and Recotap can look up only a domain or e-mail address. Type one (e.g. acme.com) and press Enter.` });
      }
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault(); // clear first; a second Escape closes the popup as usual
      store.setState({ query: '', results: [], active: -1, message: null });
    }
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

  const currentAccount = current?.state === 'found' ? current.account : null;
  const listId = 'rl-popup-results';
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
          <label className="rl-label" htmlFor="rl-popup-q">
            Find an account
          </label>
          <input
            ref={inputRef}
            id="rl-popup-q"
            className="rl-input"
            type="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={results.length > 0}
            aria-controls={listId}
            aria-activedescendant={active >= 0 && results[active] ? `rl-opt-${results[active].rtpAid}` : undefined}
            placeholder="acme.com, a name or an e-mail"
            autoFocus
            autoComplete="off"
            value={query}
            onChange={(e) => store.setState({ query: e.target.value, message: null })}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" aria-label="Matching accounts" className="rl-results">
            {results.map((r, i) => (
              <li
                key={r.rtpAid}
                id={`rl-opt-${r.rtpAid}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'rl-result rl-result-active' : 'rl-result'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void open(r.domain)}
              >
                <AccountCard account={r} />
              </li>
            ))}
          </ul>
          <p className="rl-muted" aria-live="polite">
            {looking
              ? 'Looking up…'
              : message ??
                (query.trim() !== '' && results.length === 0
                  ? isLookupable(query)
                    ? 'Not in your cached accounts. Press Enter to ask Recotap.'
                    : 'No cached account matches.'
                  : '')}
          </p>
        </div>
        {currentAccount && current ? (
          <section className="rl-popup-block" aria-label="On this tab">
            <h2 className="rl-section-title">On this tab</h2>
            <button type="button" className="rl-card-btn" onClick={() => store.setState({ opened: current })}>
              <AccountCard account={currentAccount} />
            </button>
          </section>
        ) : null}
        <footer className="rl-popup-block rl-popup-foot">
          {/* not connected: the block above already says so */}
          {status?.configured ? <StatusSummary status={status} now={now} /> : null}
          {shortcuts && shortcuts.length > 0 ? <ShortcutList shortcuts={shortcuts} className="rl-popup-shortcuts" /> : null}
        </footer>
      </main>
    </LensRoot>
  );
}
