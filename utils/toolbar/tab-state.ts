/**
 * What each tab last showed: tabId → { page context, lookup result } plus a pending context-menu
 * query. The badge, the side panel and the popup read it. MV3 kills idle workers, so every write
 * also goes to `storage.session` (in memory, never on disk, cleared when the browser quits, not
 * exposed to content scripts by default); where that area is missing the map stays in memory,
 * which is enough for Firefox MV2's persistent background page.
 */
import { z } from 'zod';
import { LookupResultSchema, PageContextSchema, type LookupResult, type PageContext } from '../view-models';

/** The subset of a storage area this module uses (browser.storage.session or a test double). */
export interface SessionAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** What getTabResult answers (also the proposed `getTabResult` message's response). */
export interface TabSnapshot {
  context: PageContext | null;
  result: LookupResult | null;
  /** a context-menu lookup waiting for the side panel, or null */
  query: string | null;
}

const PageEntrySchema = z.object({
  context: PageContextSchema.nullable(),
  result: LookupResultSchema.nullable(),
  at: z.number(),
});
type PageEntry = z.infer<typeof PageEntrySchema>;
const QueryEntrySchema = z.object({ query: z.string().min(1).max(500), at: z.number() });
type QueryEntry = z.infer<typeof QueryEntrySchema>;

/** Session keys: one per tab and kind, so concurrent writes never read-modify-write a shared map. */
export const pageKey = (tabId: number) => `lens.tab.${tabId}`;
export const queryKey = (tabId: number) => `lens.tabQuery.${tabId}`;
const KEY_RE = /^lens\.tab(Query)?\.(\d+)$/;
// callers pass sender.tab?.id: never store under 'lens.tab.undefined' or TAB_ID_NONE (-1)
const validTab = (tabId: unknown): tabId is number => typeof tabId === 'number' && Number.isInteger(tabId) && tabId >= 0;

export interface TabStateOptions {
  /** browser.storage.session, or null/undefined to keep state in memory only */
  session?: SessionAreaLike | null;
  now?: () => number;
  /** keep at most this many tabs in storage (oldest dropped), bounding session-storage use */
  maxTabs?: number;
}

/** Create the per-tab state store. */
export function createTabState(options: TabStateOptions = {}) {
  const session = options.session ?? null;
  const now = options.now ?? Date.now;
  const maxTabs = options.maxTabs ?? 100;
  // undefined = not loaded yet in this worker; null = known to be empty
  const pages = new Map<number, PageEntry | null>();
  const queries = new Map<number, QueryEntry | null>();
  let writesSincePrune = 0;

  // Storage is a best-effort mirror: a quota error or a closing worker must not break a lookup.
  const persist = (fn: (area: SessionAreaLike) => Promise<void>) =>
    session ? fn(session).catch(() => undefined) : Promise.resolve();

  async function load<T>(cache: Map<number, T | null>, key: string, tabId: number, schema: z.ZodType<T>): Promise<T | null> {
    if (cache.has(tabId)) return cache.get(tabId) ?? null;
    const stored = session ? await session.get(key).catch(() => ({}) as Record<string, unknown>) : {};
    // storage is a trust boundary (design rule 4): a corrupt or outdated value counts as absent
    const parsed = schema.safeParse(stored[key]);
    const value = parsed.success ? parsed.data : null;
    if (!cache.has(tabId)) cache.set(tabId, value); // a write that raced the read wins
    return cache.get(tabId) ?? null;
  }

  async function prune(): Promise<void> {
    if (!session || ++writesSincePrune < 10) return;
    writesSincePrune = 0;
    const all = await session.get(null);
    const ages = new Map<number, number>();
    for (const [key, value] of Object.entries(all)) {
      const m = KEY_RE.exec(key);
      if (!m) continue;
      const at = typeof (value as { at?: unknown })?.at === 'number' ? (value as { at: number }).at : 0;
      ages.set(Number(m[2]), Math.max(ages.get(Number(m[2])) ?? 0, at));
    }
    const oldest = [...ages].sort((a, b) => a[1] - b[1]).slice(0, Math.max(0, ages.size - maxTabs));
    for (const [tabId] of oldest) await clearTab(tabId);
  }

  async function clearTab(tabId: number): Promise<void> {
    pages.set(tabId, null);
    queries.set(tabId, null);
    await persist((s) => s.remove([pageKey(tabId), queryKey(tabId)]));
  }

  return {
    /**
     * Remember a tab's page context and lookup result. `context: undefined` keeps the stored context
     * (a stale-while-revalidate refresh carries only the result).
     */
    async recordTabResult(tabId: number, context: PageContext | null | undefined, result: LookupResult | null): Promise<void> {
      if (!validTab(tabId)) return;
      const previous = context === undefined ? await load(pages, pageKey(tabId), tabId, PageEntrySchema) : null;
      const entry: PageEntry = { context: context === undefined ? (previous?.context ?? null) : context, result, at: now() };
      pages.set(tabId, entry);
      await persist((s) => s.set({ [pageKey(tabId)]: entry }));
      await prune().catch(() => undefined);
    },

    /**
     * Remember a context-menu query for the tab. The in-memory write happens before this returns,
     * so a side panel that asks right away (same worker) already sees it.
     */
    recordTabQuery(tabId: number, query: string): Promise<void> {
      if (!validTab(tabId)) return Promise.resolve();
      const entry: QueryEntry = { query, at: now() };
      queries.set(tabId, entry);
      return persist((s) => s.set({ [queryKey(tabId)]: entry }));
    },

    /** Drop the pending query (the side panel went back to the page's own account). */
    async clearQuery(tabId: number): Promise<void> {
      queries.set(tabId, null);
      await persist((s) => s.remove(queryKey(tabId)));
    },

    /** The tab's last context, result and pending query, or null when nothing is known. */
    async getTabResult(tabId: number): Promise<TabSnapshot | null> {
      if (!validTab(tabId)) return null;
      const [page, query] = await Promise.all([
        load(pages, pageKey(tabId), tabId, PageEntrySchema),
        load(queries, queryKey(tabId), tabId, QueryEntrySchema),
      ]);
      if (!page && !query) return null;
      return { context: page?.context ?? null, result: page?.result ?? null, query: query?.query ?? null };
    },

    /** Forget a tab (closed, or navigated away from the recorded page). */
    clearTab,

    /** Tab ids with a stored result (memory and session), e.g. to refresh badges after "mark seen". */
    async tabIds(): Promise<number[]> {
      const ids = new Set<number>();
      for (const [id, entry] of pages) if (entry) ids.add(id);
      const all = session ? await session.get(null).catch(() => ({}) as Record<string, unknown>) : {};
      for (const key of Object.keys(all)) {
        const m = KEY_RE.exec(key);
        if (m && !m[1] && pages.get(Number(m[2])) !== null) ids.add(Number(m[2]));
      }
      return [...ids];
    },

    /** Forget every tab ("Clear local data"). */
    async clearAll(): Promise<void> {
      const ids = new Set([...pages.keys(), ...queries.keys()]);
      const all = session ? await session.get(null).catch(() => ({}) as Record<string, unknown>) : {};
      for (const key of Object.keys(all)) {
        const m = KEY_RE.exec(key);
        if (m) ids.add(Number(m[2]));
      }
      await Promise.all([...ids].map(clearTab));
    },
  };
}

export type TabState = ReturnType<typeof createTabState>;

/**
 * Should a tabs.onUpdated event forget the tab? A new document is loading (status 'loading') and
 * it is not the page we recorded. The URL is only reported for hosts we may read; without it (a
 * reload, or a site we have no access to) we forget too: a record page's content script looks its
 * context up again once loaded, which records it afresh.
 */
export function shouldClearOnUpdate(recordedUrl: string | null, change: { status?: string; url?: string }): boolean {
  if (change.status !== 'loading') return false;
  // an SPA route change can report 'loading' after the content script already recorded the new URL
  return !(change.url && recordedUrl && change.url === recordedUrl);
}
