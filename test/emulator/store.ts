/**
 * The account store. Indexes that keep a page O(page) at 200,000 accounts:
 * - `sorted`: accounts by rtp_aid ascending; cursor and id lookups are binary searches (keyset);
 * - `log`: (updatedAt, account) entries in time order; `updatedAt > lastSync` is a binary search.
 *   Bumps append (updates move time forward); the superseded entry goes stale (its time no longer
 *   matches the account's) and is skipped; the log is compacted when stale entries outnumber live ones;
 * - `byDomain`: normalised domain → account(s), for the `domains` filter.
 * Inserting an account splices `sorted` (a memmove; new ids are time-prefixed so usually an append).
 */
import type { StoredAccount } from './types.ts';

export interface PageQuery {
  cursor?: string;
  limit: number;
  /** epoch ms: only accounts with updatedAt > lastSync */
  lastSync?: number;
  /** normalised domains */
  domains?: string[];
}
export interface PageResult {
  rows: StoredAccount[];
  hasNextPage: boolean;
  /** accounts examined to build this page (the cost the page-cost test measures) */
  scanned: number;
}
interface LogEntry { at: number; a: StoredAccount }

/** first index whose element is not before the probe */
function lowerBound<T>(arr: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(arr[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const byIdAsc = (a: StoredAccount, b: StoredAccount) => (a.rtp_aid < b.rtp_aid ? -1 : a.rtp_aid > b.rtp_aid ? 1 : 0);

export function createAccountStore() {
  let sorted: StoredAccount[] = [];
  let log: LogEntry[] = [];
  let stale = 0;
  const byDomain = new Map<string, StoredAccount | StoredAccount[]>();
  let version = 0;
  // the sparse-lastSync path sorts the M matches once per (lastSync, version) and reuses them for later pages
  let sparseCache: { key: string; rows: StoredAccount[] } | null = null;

  const domainList = (d: string): StoredAccount[] => {
    const v = byDomain.get(d);
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const addDomain = (a: StoredAccount) => {
    const list = domainList(a.domain);
    list.splice(lowerBound(list, (x) => x.rtp_aid < a.rtp_aid), 0, a);
    byDomain.set(a.domain, list.length === 1 ? a : list);
  };
  const removeDomain = (a: StoredAccount) => {
    const list = domainList(a.domain).filter((x) => x !== a);
    if (list.length === 0) byDomain.delete(a.domain);
    else byDomain.set(a.domain, list.length === 1 ? (list[0] as StoredAccount) : list);
  };
  // an entry is live while its time is still the account's time (a rare double entry is deduped on read)
  const isLive = (e: LogEntry) => e.at === e.a.updatedAt;
  const logPush = (a: StoredAccount, replacesEntry: boolean) => {
    if (replacesEntry) stale++;
    const e: LogEntry = { at: a.updatedAt, a };
    const last = log[log.length - 1];
    if (!last || last.at <= e.at) log.push(e);
    else log.splice(lowerBound(log, (x) => x.at <= e.at), 0, e);
    if (stale > 1024 && stale > log.length / 2) {
      const seen = new Set<StoredAccount>();
      log = log.filter((x) => {
        if (!isLive(x) || seen.has(x.a)) return false;
        seen.add(x.a);
        return true;
      });
      stale = 0;
    }
  };
  const find = (id: string): StoredAccount | undefined => {
    const a = sorted[lowerBound(sorted, (x) => x.rtp_aid < id)];
    return a?.rtp_aid === id ? a : undefined;
  };

  return {
    get size() { return sorted.length; },
    get version() { return version; },
    get: find,
    /** accounts with this normalised domain, lowest rtp_aid first */
    byDomain: (domain: string): readonly StoredAccount[] => domainList(domain),
    all: (): readonly StoredAccount[] => sorted,

    /** Replaces the content: O(n) when already sorted by id, plus one numeric sort for the log. */
    load(accounts: StoredAccount[]) {
      sorted = accounts.slice();
      let ordered = true;
      for (let i = 1; i < sorted.length && ordered; i++) ordered = (sorted[i - 1] as StoredAccount).rtp_aid < (sorted[i] as StoredAccount).rtp_aid;
      if (!ordered) sorted.sort(byIdAsc);
      for (let i = 1; i < sorted.length; i++) {
        if ((sorted[i - 1] as StoredAccount).rtp_aid === (sorted[i] as StoredAccount).rtp_aid) throw new Error(`duplicate rtp_aid ${(sorted[i] as StoredAccount).rtp_aid}`);
      }
      // sort positions by time on typed arrays (ties keep id order), far cheaper than comparing objects
      const times = new Float64Array(sorted.length);
      for (let i = 0; i < sorted.length; i++) times[i] = (sorted[i] as StoredAccount).updatedAt;
      const idx = new Uint32Array(sorted.length);
      for (let i = 0; i < idx.length; i++) idx[i] = i;
      idx.sort((x, y) => (times[x] as number) - (times[y] as number) || x - y);
      stale = 0;
      log = new Array<LogEntry>(sorted.length);
      for (let i = 0; i < idx.length; i++) {
        const a = sorted[idx[i] as number] as StoredAccount;
        log[i] = { at: a.updatedAt, a };
      }
      byDomain.clear();
      for (const a of sorted) {
        const v = byDomain.get(a.domain);
        if (v === undefined) byDomain.set(a.domain, a);
        else if (Array.isArray(v)) v.push(a);
        else byDomain.set(a.domain, [v, a]);
      }
      version++;
    },

    insert(a: StoredAccount) {
      const at = lowerBound(sorted, (x) => x.rtp_aid < a.rtp_aid);
      if (sorted[at]?.rtp_aid === a.rtp_aid) throw new Error(`duplicate rtp_aid ${a.rtp_aid}`);
      if (at === sorted.length) sorted.push(a);
      else sorted.splice(at, 0, a);
      logPush(a, false);
      addDomain(a);
      version++;
    },

    /** Applies a change; the only way to change updatedAt or domain (keeps the indexes right). */
    update(a: StoredAccount, patch: Partial<Omit<StoredAccount, 'rtp_aid'>>) {
      const moves = patch.updatedAt !== undefined && patch.updatedAt !== a.updatedAt;
      const domainChanged = patch.domain !== undefined && patch.domain !== a.domain;
      if (domainChanged) removeDomain(a);
      Object.assign(a, patch);
      if (domainChanged) addDomain(a);
      if (moves) logPush(a, true);
      version++;
    },

    /** One page in rtp_aid order, after `cursor`, honouring the filters. */
    page(q: PageQuery): PageResult {
      const after = (x: StoredAccount) => q.cursor !== undefined && x.rtp_aid <= q.cursor;
      if (q.domains) {
        const seen = new Set<StoredAccount>();
        for (const d of q.domains) for (const a of domainList(d)) seen.add(a);
        const cands = [...seen].filter((a) => q.lastSync === undefined || a.updatedAt > q.lastSync).sort(byIdAsc);
        const start = lowerBound(cands, after);
        return { rows: cands.slice(start, start + q.limit), hasNextPage: start + q.limit < cands.length, scanned: seen.size };
      }
      if (q.lastSync === undefined) {
        const start = lowerBound(sorted, after);
        const rows = sorted.slice(start, start + q.limit);
        return { rows, hasNextPage: start + q.limit < sorted.length, scanned: rows.length };
      }
      const since = q.lastSync;
      const first = lowerBound(log, (x) => x.at <= since);
      // an upper bound on matches (stale entries included): enough to pick the strategy
      const matches = log.length - first;
      if (matches * 8 >= sorted.length) {
        // dense: scan in id order; expected cost limit × N/M ≤ 8 × limit (+ the tail on the last page)
        const rows: StoredAccount[] = [];
        let scanned = 0;
        let more = false;
        for (let i = lowerBound(sorted, after); i < sorted.length; i++) {
          const a = sorted[i] as StoredAccount;
          scanned++;
          if (a.updatedAt <= since) continue;
          if (rows.length === q.limit) { more = true; break; }
          rows.push(a);
        }
        return { rows, hasNextPage: more, scanned };
      }
      // sparse: sort the M matches by id once (O(M log M)); later pages cost O(log M + limit)
      const key = `${since}|${version}`;
      let scanned = 0;
      if (sparseCache?.key !== key) {
        const tail = new Set<StoredAccount>();
        for (let i = first; i < log.length; i++) if (isLive(log[i] as LogEntry)) tail.add((log[i] as LogEntry).a);
        sparseCache = { key, rows: [...tail].sort(byIdAsc) };
        scanned = matches;
      }
      const cands = sparseCache.rows;
      const start = lowerBound(cands, after);
      const rows = cands.slice(start, start + q.limit);
      return { rows, hasNextPage: start + q.limit < cands.length, scanned: scanned + rows.length };
    },
  };
}
export type AccountStore = ReturnType<typeof createAccountStore>;
