/**
 * The one typed protocol between extension contexts (design.md rule 3).
 * Views and content scripts call the background with `sendMessage(name, data)`; the background
 * validates every payload with `requestSchemas[name]` (utils/messaging-schemas.ts, background-only)
 * and checks the sender before handling it. Nothing here carries the API key to a content script.
 * Only types are imported here, so content scripts and views bundle no zod.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { requestSchemas } from './messaging-schemas';
import type { MoverSummary, TopMover } from './accounts/movers';
import type { AccountSummary, ActivityView, LookupResult, PageContext, StatusView, ErrorView } from './view-models';

export type RequestName = keyof typeof requestSchemas;
export type RequestData<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export type TestConnectionResult = { ok: true; accountCount: number; hasMore: boolean } | { ok: false; error: ErrorView };
export type SimpleResult = { ok: true } | { ok: false; error: ErrorView };

/** Response type of each message. */
export interface ResponseMap {
  lookupContext: LookupResult;
  lookupQuery: LookupResult;
  searchAccounts: AccountSummary[];
  pinAccount: LookupResult;
  unpinAccount: LookupResult;
  markSeen: SimpleResult;
  addAccount: LookupResult;
  listSegments: { ok: true; segments: { id: string; name: string; status: string }[] } | { ok: false; error: ErrorView };
  getStatus: StatusView;
  syncNow: SimpleResult;
  testConnection: TestConnectionResult;
  saveApiKey: SimpleResult;
  clearLocalData: SimpleResult;
  logActivity: { ok: true; activity: ActivityView } | { ok: false; error: ErrorView };
  undoActivity: SimpleResult;
  retryActivity: SimpleResult;
  listActivities: ActivityView[];
  setRepEmail: SimpleResult;
  getTabResult: TabResultView;
  dismissTabQuery: SimpleResult;
  openOptions: SimpleResult;
  registerPanelFrame: SimpleResult;
  listMovers: MoversView;
  markMoversVisited: SimpleResult;
  listTopMovers: TopMoversView;
  unwatchAccount: SimpleResult;
  showInSidePanel: SimpleResult;
  listSuggestions: SuggestionsView;
}

/** The empty state's lists: accounts the rep saw on record pages (newest first) and the top scores (Hot only). */
export interface SuggestionsView {
  recent: AccountSummary[];
  hot: AccountSummary[];
}

/** One row of the Movers list: the merged move and the record page it was last shown on. */
export interface MoverView extends MoverSummary {
  /** the CRM/LinkedIn/Gmail page the account was last shown on ("Open in CRM"), null if none */
  lastUrl: string | null;
}

/** The Movers view: watched accounts that moved (unseen first) and how many are unseen. */
export interface MoversView {
  /** unseen first, then the most recent; at most the `limit` asked for */
  movers: MoverView[];
  /** accounts in the whole list (movers holds the first `limit` of them) */
  total: number;
  unseen: number;
  /** ISO time the rep last opened the Movers view (null: never) */
  visitedAt: string | null;
}

/** One account of a followed segment and its score change over the window. */
export type TopMoverView = TopMover;

/** Top movers of one followed segment over a window (largest score rise first). */
export type TopMoversView =
  | { ok: true; segmentId: string; days: 7 | 30; movers: TopMoverView[]; moved: number }
  | { ok: false; error: ErrorView };

/** What the side panel shows for a tab. */
export interface TabResultView {
  context: PageContext | null;
  result: LookupResult | null;
  query: string | null;
}

/** Background → views pushes (tabs.sendMessage / runtime broadcast). */
export interface PushMap {
  /** fresher data arrived for the context a tab asked about (stale-while-revalidate); `url` is that page's */
  accountUpdated: { url: string | null; result: LookupResult };
  /** keyboard command / toolbar: show or hide the in-page panel */
  togglePanel: undefined;
  /** status changed (sync progress, outbox totals) */
  statusChanged: StatusView;
  /** a tab's result or context-menu query changed: an open side panel re-reads it */
  tabResultChanged: { tabId: number };
  /** the browser saw the tab's URL change (Firefox without the Navigation API): its content scripts check location.href now */
  locationChanged: undefined;
}

type ProtocolMap = {
  [N in RequestName]: (data: RequestData<N>) => ResponseMap[N];
} & {
  [N in keyof PushMap]: (data: PushMap[N]) => void;
};

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
