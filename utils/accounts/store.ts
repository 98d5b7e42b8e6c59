/**
 * Account cache operations over the IndexedDB schema of db.ts: bulk ingest (one transaction per
 * page), domain lookup with a deterministic winner among duplicate rows, ranked name search
 * over index ranges, score history, last-seen snapshots, metadata and the negative cache.
 */
import { unwrap } from 'idb';
import { normalizeApiDomain } from '../recotap/domain';
import type { AccountsDB, ApiAccountRow, StoredAccount, SyncCheckpoint } from './db';
import { linkedinSlugOf, nameKey, nameWords } from './normalize';

export const HISTORY_CAP = 30;
const HIGH = '\uffff';

export interface DomainMatch {
  winner: StoredAccount;
  alternates: StoredAccount[];
}

export type SeenSnapshot = { rtpAid: string; seenAt: string; score: number; stage: string };

/** Deterministic order among rows sharing a domain/name: score ↓, last update ↓, rtp_aid ↑. */
export function compareCandidates(a: StoredAccount, b: StoredAccount): number {
  const score = (b.row.rtp_account_score ?? 0) - (a.row.rtp_account_score ?? 0);
  if (score !== 0) return score;
  const au = a.updatedAt ?? '';
  const bu = b.updatedAt ?? '';
  if (au !== bu) return au < bu ? 1 : -1;
  return a.rtpAid < b.rtpAid ? -1 : a.rtpAid > b.rtpAid ? 1 : 0;
}

function linkedinFromRow(row: ApiAccountRow): string | undefined {
  for (const value of Object.values(row.customFields ?? {})) {
    if (typeof value === 'string') {
      const slug = linkedinSlugOf(value);
      if (slug) return slug;
    }
  }
  return undefined;
}

/** Build the stored record, carrying history forward and appending a point on score/stage change. */
export function toStored(row: ApiAccountRow, fetchedAt: number, previous?: StoredAccount): StoredAccount {
  const history = previous?.history.slice() ?? [];
  const last = history[history.length - 1];
  const score = row.rtp_account_score ?? 0;
  const stage = row.rtp_journey_stage ?? '';
  if (!last || last.score !== score || last.stage !== stage) {
    history.push({ at: row.rtp_last_account_date || new Date(fetchedAt).toISOString(), score, stage });
  }
  // nameKey() is nameWords().join(' '): split the name once
  const words = nameWords(row.name ?? '');
  const stored: StoredAccount = {
    rtpAid: row.rtp_aid,
    row,
    domain: normalizeApiDomain(row.domain ?? ''),
    nameKey: words.join(' '),
    // the first word is reachable through the nameKey index already: one index entry less per row
    words: [...new Set(words.slice(1))],
    fetchedAt,
    history: history.slice(-HISTORY_CAP),
  };
  // optional index keys are left out rather than '' so IndexedDB does not index every row
  const slug = linkedinFromRow(row);
  if (slug) stored.linkedinSlug = slug;
  if (row.rtp_last_account_date) stored.updatedAt = row.rtp_last_account_date;
  return stored;
}

/** The store: every method is one IndexedDB transaction. */
export function createAccountStore(db: AccountsDB) {
  // Cached row count: a count() in Chromium's IndexedDB scans the store, and the status view asks
  // for it on every sync progress broadcast. Writers adjust it; `writes` ticks at the start and end
  // of each write, so a count that overlapped a write (and may or may not include it) is not kept.
  let knownCount: number | null = null;
  let writes = 0;
  // this store is the only writer of 'meta' in the worker, so its cache only needs dropping on writes
  const metaCache = new Map<string, Promise<{ value: unknown; fetchedAt: number } | undefined>>();
  async function count(): Promise<number> {
    if (knownCount !== null) return knownCount;
    const before = writes;
    const n = await db.count('accounts');
    if (writes === before) knownCount = n;
    return n;
  }
  return {
    db,
    /**
     * Write one page of API rows (and optionally the sync checkpoint) in one transaction.
     * `assumeNew`: the rows cannot be cached yet (a full sync into an empty cache), so there is no
     * history to carry and the reads are skipped; call recount() when that run ends.
     */
    async putAccounts(
      rows: readonly ApiAccountRow[],
      fetchedAt: number,
      checkpoint?: SyncCheckpoint,
      opts: { assumeNew?: boolean } = {},
    ): Promise<void> {
      writes++;
      // 'relaxed': the page and its checkpoint commit or vanish together, and all of it can be
      // fetched again, so the commit need not wait for the disk flush (Chrome ≥ 121's default too)
      const tx = db.transaction(['accounts', 'checkpoints'], 'readwrite', { durability: 'relaxed' });
      const accounts = tx.objectStore('accounts');
      let added = 0;
      const seenAids = new Set<string>();
      // every request is issued at once and tx.done is awaited once; writes use the raw store (no
      // promise per row): a failed request aborts the transaction, which rejects tx.done
      const raw = unwrap(accounts);
      const ops: Promise<unknown>[] = [tx.done];
      try {
        for (const r of rows) {
          const firstInPage = !seenAids.has(r.rtp_aid);
          seenAids.add(r.rtp_aid);
          if (opts.assumeNew) {
            if (firstInPage) added++;
            raw.put(toStored(r, fetchedAt));
            continue;
          }
          ops.push(
            accounts.get(r.rtp_aid).then((prev) => {
              if (!prev && firstInPage) added++;
              try {
                raw.put(toStored(r, fetchedAt, prev));
              } catch (err) {
                tx.abort();
                throw err;
              }
            }),
          );
        }
        if (checkpoint) unwrap(tx.objectStore('checkpoints')).put({ key: 'accounts', ...checkpoint });
      } catch (err) {
        // a row that cannot be stored must not leave the rest of the page committed
        tx.done.catch(() => undefined);
        tx.abort();
        writes++;
        throw err;
      }
      try {
        await Promise.all(ops);
        if (knownCount !== null) knownCount += added;
      } finally {
        writes++;
      }
    },
    getById(rtpAid: string): Promise<StoredAccount | undefined> {
      return db.get('accounts', rtpAid);
    },
    /** Every row with this (API-normalised) domain: a winner and the others as alternates. */
    async getByDomain(domain: string): Promise<DomainMatch | null> {
      const rows = await db.getAllFromIndex('accounts', 'domain', normalizeApiDomain(domain));
      return pickWinner(rows);
    },
    /** Exact normalised-name match (the weakest signal). */
    async getByName(name: string): Promise<DomainMatch | null> {
      const key = nameKey(name);
      return key ? pickWinner(await db.getAllFromIndex('accounts', 'nameKey', key)) : null;
    },
    async getByLinkedinSlug(slug: string): Promise<DomainMatch | null> {
      const s = slug.toLowerCase();
      return s ? pickWinner(await db.getAllFromIndex('accounts', 'linkedinSlug', s)) : null;
    },
    /** Ranked type-ahead: exact domain > domain prefix > name prefix > word prefix; index ranges only. */
    async search(query: string, limit: number): Promise<StoredAccount[]> {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      const dom = normalizeApiDomain(q);
      const key = nameKey(q);
      const words = nameWords(q);
      const tx = db.transaction('accounts');
      const idx = (name: 'domain' | 'nameKey' | 'words') => tx.store.index(name);
      const range = (p: string) => IDBKeyRange.bound(p, p + HIGH);
      const want = limit * 3;
      const first = words[0];
      const [exact, domPrefix, namePrefix, laterWordPrefix, firstWordPrefix] = await Promise.all([
        dom ? idx('domain').getAll(dom) : [],
        dom ? idx('domain').getAll(range(dom), want) : [],
        key ? idx('nameKey').getAll(range(key), want) : [],
        first ? idx('words').getAll(range(first), want) : [],
        // names whose first word matches (not in 'words'); a one-word query's name tier has them already
        first && words.length > 1 ? idx('nameKey').getAll(range(first), want) : [],
      ]);
      // every query word starts some word of the name (caches from schema 1 index the first word too)
      const wordOk = (a: StoredAccount) => {
        const nameWordList = a.nameKey.split(' ');
        return words.every((w) => nameWordList.some((x) => x.startsWith(w)));
      };
      const wordPrefix = [...laterWordPrefix, ...firstWordPrefix].filter(wordOk);
      const seen = new Set<string>();
      const out: StoredAccount[] = [];
      for (const tier of [exact, domPrefix, namePrefix, wordPrefix]) {
        for (const a of tier.sort(compareCandidates)) {
          if (out.length >= limit) return out;
          if (!seen.has(a.rtpAid)) {
            seen.add(a.rtpAid);
            out.push(a);
          }
        }
      }
      return out;
    },
    /** Count the rows again (after assumeNew writes, which a concurrent lookup could have doubled). */
    async recount(): Promise<number> {
      knownCount = null;
      return count();
    },
    /** Number of cached accounts (counted once, then kept up to date by the writers). */
    count,
    getLastSeen(rtpAid: string): Promise<SeenSnapshot | undefined> {
      return db.get('lastSeen', rtpAid);
    },
    async putLastSeen(snapshot: SeenSnapshot): Promise<void> {
      await db.put('lastSeen', snapshot);
    },
    /** Metadata (stages, field labels, base URL): read on every lookup, so kept in memory once read. */
    getMeta<T>(key: string): Promise<{ value: T; fetchedAt: number } | undefined> {
      let hit = metaCache.get(key);
      if (!hit) {
        hit = db.get('meta', key).then((row) => (row ? { value: row.value, fetchedAt: row.fetchedAt } : undefined));
        metaCache.set(key, hit);
        hit.catch(() => metaCache.delete(key));
      }
      return hit as Promise<{ value: T; fetchedAt: number } | undefined>;
    },
    async putMeta(key: string, value: unknown, fetchedAt: number): Promise<void> {
      metaCache.delete(key);
      try {
        await db.put('meta', { key, value, fetchedAt });
      } finally {
        metaCache.delete(key);
      }
    },
    /** epoch ms of the last "not in Recotap" answer for a domain */
    async getNegative(domain: string): Promise<number | undefined> {
      return (await db.get('negative', domain))?.checkedAt;
    },
    async putNegative(domains: readonly string[], checkedAt: number): Promise<void> {
      const tx = db.transaction('negative', 'readwrite');
      await Promise.all([...domains.map((domain) => tx.store.put({ domain, checkedAt })), tx.done]);
    },
    /** Forget "not in Recotap" answers (after "Add to Recotap"). */
    async deleteNegative(domains: readonly string[]): Promise<void> {
      const tx = db.transaction('negative', 'readwrite');
      await Promise.all([...domains.map((d) => tx.store.delete(normalizeApiDomain(d))), tx.done]);
    },
    async getCheckpoint(): Promise<SyncCheckpoint | undefined> {
      const row = await db.get('checkpoints', 'accounts');
      if (!row) return undefined;
      const { key: _key, ...cp } = row;
      return cp;
    },
    async putCheckpoint(cp: SyncCheckpoint): Promise<void> {
      await db.put('checkpoints', { key: 'accounts', ...cp });
    },
    /** clearLocalData: every cached account, snapshot, checkpoint and negative entry. */
    async clear(): Promise<void> {
      writes++;
      metaCache.clear();
      const names = ['accounts', 'lastSeen', 'meta', 'negative', 'checkpoints'] as const;
      const tx = db.transaction([...names], 'readwrite');
      try {
        await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
        knownCount = 0;
      } finally {
        writes++;
        metaCache.clear();
      }
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;

function pickWinner(rows: StoredAccount[]): DomainMatch | null {
  const [winner, ...alternates] = rows.sort(compareCandidates);
  return winner ? { winner, alternates } : null;
}
