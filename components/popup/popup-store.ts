/** Popup and side-panel search UI state (rule 7: UI only): the query, its ranked results, the highlighted row, what is open. */
import { createStore } from 'zustand/vanilla';
import type { AccountSummary, LookupResult } from '@/utils/view-models';

export interface PopupUiState {
  query: string;
  results: AccountSummary[];
  active: number;
  /** the account (or lookup state) opened from a result or the current tab; null = search list */
  opened: LookupResult | null;
  /** an Enter lookup is running */
  looking: boolean;
  message: string | null;
}

/** A fresh store per popup mount (the side panel's search box has one too). */
export function createPopupStore() {
  return createStore<PopupUiState>(() => ({ query: '', results: [], active: -1, opened: null, looking: false, message: null }));
}

export type PopupStore = ReturnType<typeof createPopupStore>;

/** Does the query look like something lookupQuery can resolve (domain, URL or e-mail)? */
export function isLookupable(query: string): boolean {
  const q = query.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(q) || /^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/\S*)?$/i.test(q);
}
