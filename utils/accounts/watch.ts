/**
 * Watched accounts and their movers, in the accounts database ('watched', 'movers', one 'meta'
 * row for the rep's last visit of the Movers view). An account is watched when the rep viewed it
 * on a record page, pinned it, logged an activity for it or added it to Recotap; the sync engine
 * records moves for watched accounts only (store.ts putAccounts, in the page's transaction).
 */
import type { AccountsDB, WatchedAccount, WatchReason } from './db';
import { compareTopMovers, summarizeMoves, topMoverOf, type MoveRecord, type MoverSummary, type TopMover } from './movers';

/** 'meta' key: ISO time the rep last opened the Movers view */
const VISITED_KEY = 'moversVisitedAt';
/** the Movers list looks this far back for accounts already seen */
export const MOVERS_WINDOW_MS = 7 * 86_400_000;

/** Top movers windows (days) */
export const TOP_MOVER_WINDOWS = [7, 30] as const;
export type TopMoverWindow = (typeof TOP_MOVER_WINDOWS)[number];
/** rows the Top movers list shows at most */
export const TOP_MOVERS_LIMIT = 25;

export interface TopMoversList {
  segmentId: string;
  days: TopMoverWindow;
  /** largest score rise first */
  movers: TopMover[];
  /** accounts of the segment that moved in the window (movers holds the first TOP_MOVERS_LIMIT) */
  moved: number;
}

export interface MoversList {
  movers: MoverSummary[];
  unseen: number;
  visitedAt: string | null;
}

/** A repeated view of the same page is written at most this often (see lastViewWrite). */
export const VIEW_REFRESH_MS = 60_000;

/** The watch store over an open accounts database. */
export function createWatchStore(db: AccountsDB, now: () => number = Date.now) {
  // the watched ids, read once per worker and kept current by this store's writers (the only ones)
  let ids: Promise<Set<string>> | null = null;
  const watchedIds = () => (ids ??= db.getAllKeys('watched').then((keys) => new Set(keys)));
  /**
   * The last 'viewed' write per account (page URL, time). A panel looks the same record up again on
   * every SPA visit and reload; rewriting its row each time cost each lookup an IndexedDB write
   * transaction in the worker. A view of the same page within VIEW_REFRESH_MS is not written again
   * (last seen is then at most that much older than the latest view).
   */
  const lastViewWrite = new Map<string, { url: string | null; at: number }>();

  async function visitedAt(): Promise<string | null> {
    const row = await db.get('meta', VISITED_KEY);
    return typeof row?.value === 'string' ? row.value : null;
  }

  return {
    /** The set of watched rtp_aids (what the sync engine passes to putAccounts). */
    watchedIds,
    /** Watch an account (or add a reason); `url` is the record page it was just shown on. */
    async watch(rtpAid: string, reason: WatchReason, url?: string | null): Promise<void> {
      const t = now();
      if (reason === 'viewed') {
        const last = lastViewWrite.get(rtpAid);
        if (last && last.url === (url ?? null) && t - last.at < VIEW_REFRESH_MS && (await watchedIds()).has(rtpAid)) return;
      }
      const at = new Date(t).toISOString();
      const tx = db.transaction('watched', 'readwrite');
      const old = await tx.store.get(rtpAid);
      const next: WatchedAccount = old
        ? { ...old, reasons: old.reasons.includes(reason) ? old.reasons : [...old.reasons, reason] }
        : { rtpAid, reasons: [reason], watchedAt: at, lastSeenAt: null, lastUrl: null };
      if (reason === 'viewed') next.lastSeenAt = at;
      if (url) next.lastUrl = url;
      await Promise.all([tx.store.put(next), tx.done]);
      (await watchedIds()).add(rtpAid);
      if (reason === 'viewed') lastViewWrite.set(rtpAid, { url: url ?? null, at: t });
    },
    /** Stop watching: the account and its recorded moves are forgotten. */
    async unwatch(rtpAid: string): Promise<void> {
      const tx = db.transaction(['watched', 'movers'], 'readwrite');
      const movers = tx.objectStore('movers');
      const keys = await movers.index('rtpAid').getAllKeys(rtpAid);
      await Promise.all([tx.objectStore('watched').delete(rtpAid), ...keys.map((k) => movers.delete(k)), tx.done]);
      (await watchedIds()).delete(rtpAid);
      lastViewWrite.delete(rtpAid);
    },
    getWatched(rtpAid: string): Promise<WatchedAccount | undefined> {
      return db.get('watched', rtpAid);
    },
    /** Several watched records in one transaction (the Movers list's "Open in CRM" links). */
    async getWatchedMany(rtpAids: readonly string[]): Promise<Map<string, WatchedAccount>> {
      const tx = db.transaction('watched');
      const rows = await Promise.all(rtpAids.map((id) => tx.store.get(id)));
      const out = new Map<string, WatchedAccount>();
      for (const w of rows) if (w) out.set(w.rtpAid, w);
      return out;
    },
    /** The `limit` accounts most recently seen on a record page, newest first (an index walk). */
    async recentlySeen(limit: number): Promise<WatchedAccount[]> {
      const out: WatchedAccount[] = [];
      let cursor = await db.transaction('watched').store.index('lastSeenAt').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    },
    listWatched(): Promise<WatchedAccount[]> {
      return db.getAll('watched');
    },
    /** Moves recorded at or after `sinceIso`, oldest first (index range: never a scan of the cache). */
    movesSince(sinceIso: string): Promise<MoveRecord[]> {
      return db.getAllFromIndex('movers', 'at', IDBKeyRange.lowerBound(sinceIso));
    },
    /** The Movers list: one summary per account moved in the last week or since the last visit. */
    async listMovers(): Promise<MoversList> {
      const visited = await visitedAt();
      const windowStart = new Date(now() - MOVERS_WINDOW_MS).toISOString();
      const since = visited && visited < windowStart ? visited : windowStart;
      const moves = await db.getAllFromIndex('movers', 'at', IDBKeyRange.lowerBound(since));
      const movers = summarizeMoves(moves, visited);
      return { movers, unseen: movers.filter((m) => m.unseen).length, visitedAt: visited };
    },
    /** Number of accounts with moves after the last visit (the popup's default tab, the badge). */
    async unseenCount(): Promise<number> {
      const visited = await visitedAt();
      const moves = visited
        ? await db.getAllFromIndex('movers', 'at', IDBKeyRange.lowerBound(visited, true))
        : await db.getAll('movers');
      return new Set(moves.map((m) => m.rtpAid)).size;
    },
    /** The rep opened the Movers view: everything recorded so far counts as seen. */
    async markVisited(): Promise<string> {
      const at = new Date(now()).toISOString();
      await db.put('meta', { key: VISITED_KEY, value: at, fetchedAt: now() });
      return at;
    },
    /**
     * Top movers of a segment over the last `days`: score now minus score at the window's start,
     * largest rise first. Reads one range of the 'segMoves' index (the segment's accounts whose
     * history has a change inside the window; an account whose last change is older moved by 0),
     * so the cost follows the segment's recent changes, not the cache's size.
     */
    async topMovers(segmentId: string, days: TopMoverWindow, limit = TOP_MOVERS_LIMIT): Promise<TopMoversList> {
      const cutoff = now() - days * 86_400_000;
      // a day of slack below the cutoff: history times are the API's dates, compared as text here
      const from = new Date(cutoff - 86_400_000).toISOString();
      const rows = await db.getAllFromIndex('accounts', 'segMoves', IDBKeyRange.bound([segmentId, from], [segmentId, '\uffff']));
      const movers: TopMover[] = [];
      for (const a of rows) {
        const m = topMoverOf(a, cutoff);
        if (m) movers.push(m);
      }
      movers.sort(compareTopMovers);
      return { segmentId, days, movers: movers.slice(0, limit), moved: movers.length };
    },
    /** Forget the cached ids (after store.clear()). */
    reset(): void {
      ids = null;
      lastViewWrite.clear();
    },
  };
}

export type WatchStore = ReturnType<typeof createWatchStore>;
