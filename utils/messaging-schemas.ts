/**
 * Payload schemas of the message protocol (utils/messaging.ts), validated in the background for
 * every incoming message. Background-only: classic zod stays out of content scripts and views,
 * which import just the types from utils/messaging.ts.
 */
import { z } from 'zod';
import { ActivityDraftSchema, PageContextSchema } from './view-models';

const id = () => z.string().min(1).max(64);

/**
 * An object whose every property is built on its first read and kept: a worker woken by one message
 * builds that message's schema only (with view-models.ts's lazy schemas: 5–12 ms off a woken
 * worker's first lookup; docs/architecture.md, "The worker's start, second pass"). Properties stay
 * enumerable.
 */
function builtOnFirstRead<T extends Record<string, () => unknown>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const out = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = builders[key]!() as ReturnType<T[typeof key]>;
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

/** Payload schemas, validated in the background for every incoming message. */
export const requestSchemas = builtOnFirstRead({
  /** content script / side panel: the page's context → account state */
  lookupContext: () => PageContextSchema,
  /** popup / context menu: a domain, URL, e-mail address or company name */
  lookupQuery: () => z.object({ query: z.string().min(1).max(500) }),
  /** type-ahead over cached accounts */
  searchAccounts: () => z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(10) }),
  /** "Not this account?": remember the right account for this record/domain */
  pinAccount: () => z.object({ context: PageContextSchema, rtpAid: id(), tabId: z.number().int().min(0).optional() }),
  /** `tabId` (side panel only): the tab showing that record, whose in-page panel gets the new result */
  unpinAccount: () => z.object({ context: PageContextSchema, tabId: z.number().int().min(0).optional() }),
  /** the rep looked at this account: store the snapshot for "changed since you last looked" */
  markSeen: () => z.object({ rtpAid: id() }),
  /** "Add to Recotap" */
  addAccount: () => z.object({
    domain: z.string().min(1).max(253),
    name: z.string().min(1).max(300),
    externalId: z.string().max(200).optional(),
    segmentId: z.string().max(64).optional(),
  }),
  listSegments: () => z.object({}).default({}),
  getStatus: () => z.object({}).default({}),
  syncNow: () => z.object({ full: z.boolean().default(false) }).default({ full: false }),
  /** options page: check a key without saving it */
  testConnection: () => z.object({ apiKey: z.string().max(500), baseUrl: z.string().url().max(500) }),
  /** options page: the key goes straight to background-owned storage */
  saveApiKey: () => z.object({ apiKey: z.string().max(500) }),
  clearLocalData: () => z.object({}).default({}),
  /** activity outbox */
  logActivity: () => ActivityDraftSchema,
  undoActivity: () => z.object({ id: id() }),
  retryActivity: () => z.object({ id: id(), draft: ActivityDraftSchema.optional() }),
  listActivities: () => z.object({ domain: z.string().max(253).optional(), limit: z.number().int().min(1).max(500).default(50) }),
  /** the rep's work e-mail (sent as ownerEmail with every activity), asked for in place by the panel */
  setRepEmail: () => z.object({ email: z.email().max(254) }),
  /** side panel / popup: the active (or given) tab's page context, result and pending context-menu query */
  getTabResult: () => z.object({ tabId: z.number().int().min(0).optional() }),
  /** side panel: forget a context-menu query and go back to the tab's own account */
  dismissTabQuery: () => z.object({ tabId: z.number().int().min(0) }),
  /** the in-page panel's "Open settings" (content scripts cannot open the options page themselves) */
  openOptions: () => z.object({}).default({}),
  /** crm.js (Chrome): the secret in the URL of the panel iframe it is about to add (utils/background/panel-frames.ts) */
  registerPanelFrame: () => z.object({ secret: z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 hex digits') }),
  /** popup / side panel: watched accounts that moved (utils/accounts/watch.ts) */
  listMovers: () => z.object({ limit: z.number().int().min(1).max(10_000).optional() }).default({}),
  /** the rep opened the Movers view: its movers count as seen (badge, default tab) */
  markMoversVisited: () => z.object({}).default({}),
  /** popup / side panel: Top movers of a followed segment over 7 or 30 days (score history) */
  listTopMovers: () => z.object({ segmentId: id(), days: z.union([z.literal(7), z.literal(30)]) }),
  /** "Unwatch" in the Movers list */
  unwatchAccount: () => z.object({ rtpAid: id() }),
  /** popup / side panel empty state: the accounts seen most recently and the hottest cached ones */
  listSuggestions: () => z.object({ limit: z.number().int().min(1).max(20).default(5) }).default({ limit: 5 }),
  /** popup: show this account in the side panel it just opened for the tab (a context-menu-style query) */
  showInSidePanel: () => z.object({ tabId: z.number().int().min(0), query: z.string().min(1).max(253) }),
});
