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
/**
 * 'viewed' writes wait until no view has come for this long and then go in one transaction: a
 * lookup answers first, and the write does not contend with the lookups of a rep flipping through
 * records (IndexedDB commits and reads share one backend per origin, and the batch's own script runs
 * on the worker's one thread). Reads of the watched rows write pending views first.
 */
export const VIEW_WRITE_DELAY_MS = 300;
/** ...but a batch waits at most this long after its first view (a worker lives 30 s after its last event). */
export const VIEW_WRITE_MAX_DELAY_MS = 5_000;

/** The watched row after `reason` at `at` (ISO): reasons merged; a view also sets last seen; the page URL kept. */
function withReason(old: WatchedAccount | undefined, rtpAid: string, reason: WatchReason, at: string, url?: string | null): WatchedAccount {
  const next: WatchedAccount = old
    ? { ...old, reasons: old.reasons.includes(reason) ? old.reasons : [...old.reasons, reason] }
    : { rtpAid, reasons: [reason], watchedAt: at, lastSeenAt: null, lastUrl: null };
  if (reason === 'viewed') next.lastSeenAt = at;
  if (url) next.lastUrl = url;
  return next;
}

/** The watch store over an open accounts database. */
export function createWatchStore(db: AccountsDB, now: () => number = Date.now, opts: { viewWriteDelayMs?: number; viewWriteMaxDelayMs?: number } = {}) {
  const viewWriteDelay = opts.viewWriteDelayMs ?? VIEW_WRITE_DELAY_MS;
  const viewWriteMaxDelay = Math.max(viewWriteDelay, opts.viewWriteMaxDelayMs ?? VIEW_WRITE_MAX_DELAY_MS);
  // the watched ids, read once per worker and kept current by this store's writers (the only ones)
  let ids: Promise<Set<string>> | null = null;
  // the same set once read (a view is queued synchronously, so it stays ordered with unwatch/reset)
  let knownIds: Set<string> | null = null;
  const watchedIds = (): Promise<Set<string>> => {
    if (ids) return ids;
    const read: Promise<Set<string>> = db.getAllKeys('watched').then((keys) => {
      const set = new Set(keys);
      if (ids === read) knownIds = set; // not a read begun before reset()
      return set;
    });
    return (ids = read);
  };
  /**
   * The last 'viewed' write per account (page URL, time). A panel looks the same record up again on
   * every SPA visit and reload; rewriting its row each time cost each lookup an IndexedDB write
   * transaction in the worker. A view of the same page within VIEW_REFRESH_MS is not written again
   * (last seen is then at most that much older than the latest view).
   */
  const lastViewWrite = new Map<string, { url: string | null; at: number }>();
  /** views not written yet (the latest per account), and the batch their callers wait on */
  let pending = new Map<string, { url: string | null; at: number }>();
  let batch: {
    done: Promise<void>;
    /** the quiet-period timer (restarted by each view) and the batch's deadline */
    timer: ReturnType<typeof setTimeout>;
    deadline: ReturnType<typeof setTimeout>;
    settle: (err?: unknown) => void;
  } | null = null;
  const write = () => void writeViews().catch(() => undefined);
  const stopTimers = (b: NonNullable<typeof batch>) => {
    clearTimeout(b.timer);
    clearTimeout(b.deadline);
  };

  /** Write the pending views now, in one transaction (each row read and merged as watch() does). */
  async function writeViews(): Promise<void> {
    const current = batch;
    if (!current) return;
    batch = null;
    stopTimers(current);
    const views = pending;
    pending = new Map();
    try {
      const tx = db.transaction('watched', 'readwrite');
      const ops = [...views].map(async ([rtpAid, v]) => {
        await tx.store.put(withReason(await tx.store.get(rtpAid), rtpAid, 'viewed', new Date(v.at).toISOString(), v.url));
      });
      await Promise.all([...ops, tx.done]);
      for (const [rtpAid, v] of views) lastViewWrite.set(rtpAid, v);
      current.settle();
    } catch (err) {
      current.settle(err);
    }
    await current.done;
  }

  /** Queue a view; resolves once it is written (with the views that came in the meantime). */
  function queueView(rtpAid: string, url: string | null, at: number): Promise<void> {
    pending.set(rtpAid, { url, at });
    if (batch) {
      clearTimeout(batch.timer);
      batch.timer = setTimeout(write, viewWriteDelay);
    } else {
      let settle!: (err?: unknown) => void;
      const done = new Promise<void>((resolve, reject) => (settle = (err) => (err === undefined ? resolve() : reject(err))));
      batch = { done, settle, timer: setTimeout(write, viewWriteDelay), deadline: setTimeout(write, viewWriteMaxDelay) };
    }
    return batch.done;
  }

  /** Views still waiting are written before the watched rows are read or changed. */
  const settled = () => (batch ? writeViews().catch(() => undefined) : Promise.resolve());

  async function visitedAt(): Promise<string | null> {
    const row = await db.get('meta', VISITED_KEY);
    return typeof row?.value === 'string' ? row.value : null;
  }

  return {
    /** The set of watched rtp_aids (what the sync engine passes to putAccounts); a queued view counts. */
    watchedIds,
    /** Watch an account (or add a reason); `url` is the record page it was just shown on. */
    async watch(rtpAid: string, reason: WatchReason, url?: string | null): Promise<void> {
      const t = now();
      if (reason === 'viewed') {
        const last = lastViewWrite.get(rtpAid);
        if (last && last.url === (url ?? null) && t - last.at < VIEW_REFRESH_MS && knownIds?.has(rtpAid)) return;
        const written = queueView(rtpAid, url ?? null, t);
        (await watchedIds()).add(rtpAid);
        return written;
      }
      await settled();
      const tx = db.transaction('watched', 'readwrite');
      const next = withReason(await tx.store.get(rtpAid), rtpAid, reason, new Date(t).toISOString(), url);
      await Promise.all([tx.store.put(next), tx.done]);
      (await watchedIds()).add(rtpAid);
    },
    /** Stop watching: the account and its recorded moves are forgotten. */
    async unwatch(rtpAid: string): Promise<void> {
      await settled();
      const tx = db.transaction(['watched', 'movers'], 'readwrite');
      const movers = tx.objectStore('movers');
      const keys = await movers.index('rtpAid').getAllKeys(rtpAid);
      await Promise.all([tx.objectStore('watched').delete(rtpAid), ...keys.map((k) => movers.delete(k)), tx.done]);
      (await watchedIds()).delete(rtpAid);
      lastViewWrite.delete(rtpAid);
    },
    async getWatched(rtpAid: string): Promise<WatchedAccount | undefined> {
      await settled();
      return db.get('watched', rtpAid);
    },
    /** Several watched records in one transaction (the Movers list's "Open in CRM" links). */
    async getWatchedMany(rtpAids: readonly string[]): Promise<Map<string, WatchedAccount>> {
      await settled();
      const tx = db.transaction('watched');
      const rows = await Promise.all(rtpAids.map((id) => tx.store.get(id)));
      const out = new Map<string, WatchedAccount>();
      for (const w of rows) if (w) out.set(w.rtpAid, w);
      return out;
    },
    /** The `limit` accounts most recently seen on a record page, newest first (an index walk). */
    async recentlySeen(limit: number): Promise<WatchedAccount[]> {
      await settled();
      const out: WatchedAccount[] = [];
      let cursor = await db.transaction('watched').store.index('lastSeenAt').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out;
    },
    async listWatched(): Promise<WatchedAccount[]> {
      await settled();
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
      knownIds = null;
      lastViewWrite.clear();
      // views queued before the data was cleared are not written after it
      if (batch) {
        stopTimers(batch);
        batch.settle();
        batch = null;
      }
      pending = new Map();
    },
  };
}

export type WatchStore = ReturnType<typeof createWatchStore>;
