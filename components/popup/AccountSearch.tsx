import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { SuggestionsView } from '@/utils/messaging';
import type { AccountSummary } from '@/utils/view-models';
import { AccountCard } from '../AccountCard';
import { errorText } from '../panel-actions';
import { isLookupable, type PopupStore } from './popup-store';
import '../styles/views.css';

/** One titled list of the empty state ("On this tab", "Recent accounts", "Hot accounts"). */
export interface SuggestionGroup {
  id: string;
  title: string;
  accounts: AccountSummary[];
}

export interface AccountSearchProps {
  store: PopupStore;
  search(query: string): Promise<AccountSummary[]>;
  /** look up a domain, URL or e-mail (a result's domain, or what the rep typed) and show it */
  onOpen(query: string): void;
  /** a row of the empty state was chosen; by default it opens like a search result (its domain) */
  onPick?(group: SuggestionGroup, account: AccountSummary): void;
  /** shown while the box is empty */
  suggestions?: SuggestionGroup[];
  /** ids of this instance's elements (two views never share a page, but each needs its own) */
  idPrefix: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  autoFocus?: boolean;
  debounceMs?: number;
}

const flatten = (groups: SuggestionGroup[]) => groups.flatMap((g) => g.accounts.map((account) => ({ group: g, account })));

/**
 * The account search box shared by the popup and the side panel: type-ahead over cached accounts,
 * Enter to look up a domain or e-mail (or say why a name cannot be asked), and, while the box is
 * empty, the suggestion lists. Focus stays in the box: ↑/↓ move the highlighted row, Enter opens it,
 * Escape clears the query (or the highlight) first.
 */
export function AccountSearch({ store, search, onOpen, onPick, suggestions = [], idPrefix, inputRef, autoFocus, debounceMs = 80 }: AccountSearchProps) {
  const { query, results, active, looking, message } = useStore(store);
  const seq = useRef(0);
  const empty = query.trim() === '';
  const rows = empty ? flatten(suggestions) : results.map((account) => ({ group: null, account }));
  const optionId = (i: number) => {
    const row = rows[i];
    if (!row) return undefined;
    return row.group ? `${idPrefix}-${row.group.id}-${row.account.rtpAid}` : `${idPrefix}-opt-${row.account.rtpAid}`;
  };

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (q === '') return void store.setState({ results: [], active: -1 });
    const timer = setTimeout(() => {
      search(q).then(
        (results) => mine === seq.current && store.setState({ results, active: results.length > 0 ? 0 : -1 }),
        (e: unknown) => mine === seq.current && store.setState({ message: errorText(e) }),
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [query, search, debounceMs, store]);

  function choose(i: number) {
    const row = rows[i];
    if (!row) return;
    if (row.group) (onPick ?? ((_, a: AccountSummary) => onOpen(a.domain)))(row.group, row.account);
    else onOpen(row.account.domain);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const n = rows.length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      store.setState({ active: (active + 1) % n });
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      store.setState({ active: active <= 0 ? n - 1 : active - 1 });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = query.trim();
      if (empty) return choose(active);
      const exact = results.find((r) => r.domain === q.toLowerCase());
      if (exact) onOpen(exact.domain);
      else if (isLookupable(q)) onOpen(q);
      else if (results[active]) choose(active);
      else {
        // a name Recotap cannot be asked about: say why instead of doing nothing
        store.setState({ message: `“${q}” is not in your cached accounts, and Recotap can look up only a domain or e-mail address. Type one (e.g. acme.com) and press Enter.` });
      }
    } else if (e.key === 'Escape' && (query !== '' || active >= 0)) {
      e.preventDefault(); // clear first; a second Escape closes the popup as usual
      store.setState({ query: '', results: [], active: -1, message: null });
    }
  }

  const option = (account: AccountSummary, i: number) => (
    <li
      key={optionId(i)}
      id={optionId(i)}
      role="option"
      aria-selected={i === active}
      className={i === active ? 'rl-result rl-result-active' : 'rl-result'}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => choose(i)}
    >
      <AccountCard account={account} />
    </li>
  );
  const listId = `${idPrefix}-results`;
  const suggestId = `${idPrefix}-suggestions`;
  const shownGroups = suggestions.filter((g) => g.accounts.length > 0);
  let index = 0;
  return (
    <>
      <label className="rl-label" htmlFor={`${idPrefix}-q`}>
        Find an account
      </label>
      <input
        ref={inputRef}
        id={`${idPrefix}-q`}
        className="rl-input"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={rows.length > 0}
        aria-controls={empty ? suggestId : listId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        placeholder="acme.com, a name or an e-mail"
        autoFocus={autoFocus}
        autoComplete="off"
        value={query}
        onChange={(e) => store.setState({ query: e.target.value, message: null, active: -1 })}
        onKeyDown={onKeyDown}
      />
      {empty ? null : (
        <ul id={listId} role="listbox" aria-label="Matching accounts" className="rl-results">
          {results.map(option)}
        </ul>
      )}
      <p className="rl-muted" aria-live="polite">
        {looking
          ? 'Looking up…'
          : message ??
            (!empty && results.length === 0 ? (isLookupable(query) ? 'Not in your cached accounts. Press Enter to ask Recotap.' : 'No cached account matches.') : '')}
      </p>
      {empty && shownGroups.length > 0 ? (
        // grouped listbox (WAI-ARIA APG): each group labelled by its title
        <div id={suggestId} role="listbox" aria-label="Suggested accounts" className="rl-suggestions">
          {shownGroups.map((g) => (
            <ul key={g.id} role="group" aria-labelledby={`${idPrefix}-${g.id}-h`} className="rl-results">
              <li role="presentation" id={`${idPrefix}-${g.id}-h`} className="rl-section-title">
                {g.title}
              </li>
              {g.accounts.map((a) => option(a, index++))}
            </ul>
          ))}
        </div>
      ) : null}
    </>
  );
}

/** The empty state's lists, loaded from the background (again whenever `refresh` changes). */
export function useSuggestionLists(load: (() => Promise<SuggestionsView>) | undefined, refresh: unknown = null): SuggestionsView | null {
  const [lists, setLists] = useState<SuggestionsView | null>(null);
  useEffect(() => {
    let live = true;
    load?.().then(
      (v) => live && setLists(v),
      () => undefined, // no lists is still a working search box
    );
    return () => {
      live = false;
    };
  }, [load, refresh]);
  return lists;
}

/** "On this tab" (when the tab's record resolved to an account), "Recent accounts" without it, "Hot accounts". */
export function suggestionGroups(lists: SuggestionsView | null, onTab: AccountSummary | null): SuggestionGroup[] {
  const groups: SuggestionGroup[] = [];
  if (onTab) groups.push({ id: 'tab', title: 'On this tab', accounts: [onTab] });
  if (lists) {
    groups.push({ id: 'recent', title: 'Recent accounts', accounts: lists.recent.filter((a) => a.rtpAid !== onTab?.rtpAid) });
    groups.push({ id: 'hot', title: 'Hot accounts', accounts: lists.hot });
  }
  return groups;
}
