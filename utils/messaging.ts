/**
 * The one typed protocol between extension contexts (design.md rule 3).
 * Views and content scripts call the background with `sendMessage(name, data)`; the background
 * validates every payload with `requestSchemas[name]` and checks the sender before handling it.
 * Nothing here carries the API key to a content script.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import {
  ActivityDraftSchema,
  PageContextSchema,
  type AccountSummary,
  type ActivityView,
  type LookupResult,
  type PageContext,
  type StatusView,
  type ErrorView,
} from './view-models';

const id = z.string().min(1).max(64);

/** Payload schemas, validated in the background for every incoming message. */
export const requestSchemas = {
  /** content script / side panel: the page's context → account state */
  lookupContext: PageContextSchema,
  /** popup / context menu: a domain, URL, e-mail address or company name */
  lookupQuery: z.object({ query: z.string().min(1).max(500) }),
  /** type-ahead over cached accounts */
  searchAccounts: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(10) }),
  /** "Not this account?": remember the right account for this record/domain */
  pinAccount: z.object({ context: PageContextSchema, rtpAid: id }),
  unpinAccount: z.object({ context: PageContextSchema }),
  /** the rep looked at this account: store the snapshot for "changed since you last looked" */
  markSeen: z.object({ rtpAid: id }),
  /** "Add to Recotap" */
  addAccount: z.object({
    domain: z.string().min(1).max(253),
    name: z.string().min(1).max(300),
    externalId: z.string().max(200).optional(),
    segmentId: z.string().max(64).optional(),
  }),
  listSegments: z.object({}).default({}),
  getStatus: z.object({}).default({}),
  syncNow: z.object({ full: z.boolean().default(false) }).default({ full: false }),
  /** options page: check a key without saving it */
  testConnection: z.object({ apiKey: z.string().max(500), baseUrl: z.string().url().max(500) }),
  /** options page: the key goes straight to background-owned storage */
  saveApiKey: z.object({ apiKey: z.string().max(500) }),
  clearLocalData: z.object({}).default({}),
  /** activity outbox */
  logActivity: ActivityDraftSchema,
  undoActivity: z.object({ id }),
  retryActivity: z.object({ id, draft: ActivityDraftSchema.optional() }),
  listActivities: z.object({ domain: z.string().max(253).optional(), limit: z.number().int().min(1).max(500).default(50) }),
  /** the rep's work e-mail (sent as ownerEmail with every activity), asked for in place by the panel */
  setRepEmail: z.object({ email: z.email().max(254) }),
  /** side panel / popup: the active (or given) tab's page context, result and pending context-menu query */
  getTabResult: z.object({ tabId: z.number().int().min(0).optional() }),
  /** side panel: forget a context-menu query and go back to the tab's own account */
  dismissTabQuery: z.object({ tabId: z.number().int().min(0) }),
  /** the in-page panel's "Open settings" (content scripts cannot open the options page themselves) */
  openOptions: z.object({}).default({}),
} as const;

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
}

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
}

type ProtocolMap = {
  [N in RequestName]: (data: RequestData<N>) => ResponseMap[N];
} & {
  [N in keyof PushMap]: (data: PushMap[N]) => void;
};

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
