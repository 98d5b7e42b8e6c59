/**
 * Account cache operations over the IndexedDB schema of db.ts: bulk ingest (one transaction per
 * page), domain lookup with a deterministic winner among duplicate rows, ranked name search
 * over index ranges, score history, last-seen snapshots, metadata and the negative cache.
 */
import { unwrap, type IDBPTransaction } from 'idb';
import { normalizeApiDomain } from '../recotap/domain';
import {
  segMovesOf,
  type AccountBlock,
  type AccountsDB,
  type ApiAccountRow,
  type BlockHits,
  type HitColumns,
  type LensDB,
  type SearchHit,
  type SearchPage,
  type SearchPageKind,
  type StoredAccount,
  type SyncCheckpoint,
} from './db';
import { moveOf, MOVES_KEEP_MS, SOURCE_FIELDS, type MoveRecord } from './movers';
import { linkedinSlugOf, nameKey, nameWords } from './normalize';
import type { HistoryPoint } from '../view-models';

/** Score history per account: at most this many points, and none older than HISTORY_KEEP_MS
 * (the newest point always stays), whichever leaves fewer. */
export const HISTORY_CAP = 60;
export const HISTORY_KEEP_MS = 90 * 86_400_000;
/** 'meta' key of the number of block entries no own row has replaced (count() adds it to the rows) */
const BLOCK_ENTRIES = 'blockEntries';
/** Domain answers kept in memory between writes (a few hundred KB at most) */
export const DOMAIN_MEMO_SIZE = 200;
/** 'meta' key whose value is true while the search pages hold every bulk-ingest block (see SearchPage) */
export const SEARCH_PAGES_READY = 'searchPagesReady';
/** Entries per search page: a prefix's first 24 entries are in one page or two (one request) */
export const SEARCH_PAGE_SIZE = 100;
/** A sync run that ends with more superseded page entries than this share of the cache (and at
 * least SEARCH_GONE_MIN) builds the search pages again */
export const SEARCH_GONE_SHARE = 0.1;
export const SEARCH_GONE_MIN = 500;
/** BlockHits kept in memory for type-ahead (about 2–3 MB at most; successive keystrokes reread the same blocks) */
export const HITS_CACHE_BLOCKS = 128;
const HIGH = '\uffff';

export interface DomainMatch {
  winner: StoredAccount;
  alternates: StoredAccount[];
}

export type SeenSnapshot = { rtpAid: string; seenAt: string; score: number; stage: string };

/** Deterministic order among rows sharing a domain/name: score ↓, last update ↓, rtp_aid ↑. */
export function compareCandidates(a: SearchHit, b: SearchHit): number {
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
export function toStored(row: ApiAccountRow, fetchedAt: number, previous?: Pick<StoredAccount, 'history'>): StoredAccount {
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
    history: boundHistory(history, fetchedAt),
  };
  const segMoves = segMovesOf(stored);
  if (segMoves) stored.segMoves = segMoves;
  // optional index keys are left out rather than '' so IndexedDB does not index every row
  const slug = linkedinFromRow(row);
  if (slug) stored.linkedinSlug = slug;
  if (row.rtp_last_account_date) stored.updatedAt = row.rtp_last_account_date;
  return stored;
}

/** The last HISTORY_CAP points, without those older than HISTORY_KEEP_MS (the newest one always stays). */
function boundHistory(history: HistoryPoint[], fetchedAt: number): HistoryPoint[] {
  const capped = history.slice(-HISTORY_CAP);
  const cutoff = fetchedAt - HISTORY_KEEP_MS;
  let drop = 0;
  while (drop < capped.length - 1 && Date.parse(capped[drop]!.at) < cutoff) drop++;
  return drop ? capped.slice(drop) : capped;
}

/** Whether a row's changes are recorded as movers: a watched account, or one of a followed segment. */
export function isWatchedRow(row: ApiAccountRow, watched?: ReadonlySet<string>, segments?: ReadonlySet<string>): boolean {
  if (watched?.has(row.rtp_aid)) return true;
  if (!segments?.size || !Array.isArray(row.segments)) return false;
  return row.segments.some((s) => segments.has(s?.segmentId));
}

/** An LRU read from a Map kept in insertion order: a hit moves to the most recent end. */
function recall<K, V>(lru: Map<K, V>, key: K): V | undefined {
  const v = lru.get(key);
  if (v !== undefined) {
    lru.delete(key);
    lru.set(key, v);
  }
  return v;
}

/** An LRU write: the least recently used entry goes once there are more than `cap`. */
function remember<K, V>(lru: Map<K, V>, key: K, value: V, cap: number): void {
  lru.delete(key);
  lru.set(key, value);
  if (lru.size > cap) lru.delete(lru.keys().next().value!);
}

/** The store: every method is one IndexedDB transaction. */
export function createAccountStore(db: AccountsDB) {
  // Cached row count: a count() in Chromium's IndexedDB scans the store, and the status view asks
  // for it on every sync progress broadcast. Writers adjust it; `writes` ticks at the start and end
  // of each write, so a count that overlapped a write (and may or may not include it) is not kept.
  let knownCount: number | null = null;
  let writes = 0;
  // writes begun and not yet settled (putAccounts, clear): the search-page build waits for none
  let writing = 0;
  // this store is the only writer of 'meta' in the worker, so its cache only needs dropping on writes
  const metaCache = new Map<string, Promise<{ value: unknown; fetchedAt: number } | undefined>>();
  async function count(): Promise<number> {
    if (knownCount !== null) return knownCount;
    const before = writes;
    // own rows + the block entries no own row has replaced (a counter kept by the writers)
    const tx = db.transaction(['accounts', 'meta']);
    const [own, live] = await Promise.all([tx.objectStore('accounts').count(), tx.objectStore('meta').get(BLOCK_ENTRIES)]);
    const n = own + ((live?.value as number | undefined) ?? 0);
    if (writes === before) knownCount = n;
    return n;
  }
  const readTx = () => db.transaction(['accounts', 'blocks', 'blockHits']);
  // Recent domain answers, least recently used first: a rep goes back and forth between the same
  // records, and a panel asks again on every visit. An answer is kept only while no write has begun
  // since it was read (any write clears them all); callers never change what they get.
  const domainMemo = new Map<string, { writes: number; match: DomainMatch | null }>();
  // The rtp_aids with a last-seen snapshot, read once: this store is their only writer (putLastSeen,
  // clear). null = the read failed: then every getLastSeen reads the row.
  let seen: Promise<Set<string> | null> | null = null;
  const seenIds = () => (seen ??= db.getAllKeys('lastSeen').then((keys) => new Set(keys), () => null));
  // BlockHits read by type-ahead, least recently used first. A read that overlapped a write is not
  // kept, and writers drop the blocks they mark (see markGone) or replace.
  const hitsCache = new Map<string, BlockHits>();
  // Whether search reads the search pages (true) or the blocks' indexes and BlockHits (false): the
  // 'meta' marker, read once; this store is its only writer (bulk writes drop it, the build sets it).
  let pagesReady: Promise<boolean> | null = null;
  const searchPagesReady = () =>
    (pagesReady ??= db.get('meta', SEARCH_PAGES_READY).then(
      (row) => row?.value === true,
      () => false,
    ));
  // The rtp_aids the search pages list but own rows have superseded since the build ('searchGone'),
  // read once and kept up to date by the writers; null = the read failed (search reads the blocks).
  let goneLoad: Promise<Set<string> | null> | null = null;
  const goneIds = () => {
    if (goneLoad) return goneLoad;
    const load: Promise<Set<string> | null> = db.getAll('searchGone').then(
      (lists) => new Set(lists.flat()),
      () => {
        // read again next time
        if (goneLoad === load) goneLoad = null;
        return null;
      },
    );
    return (goneLoad = load);
  };
  const hitsReader = (tx: ReadTx): HitsReader => {
    const generation = writes;
    const store = tx.objectStore('blockHits');
    return async (id) => {
      const cached = recall(hitsCache, id);
      if (cached) return cached;
      const h = await store.get(id);
      if (h && writes === generation) remember(hitsCache, id, h, HITS_CACHE_BLOCKS);
      return h;
    };
  };

  /** putAccounts' write (see there); writing counts those in flight for buildSearchPages. */
  async function putPage(
    rows: readonly ApiAccountRow[],
    fetchedAt: number,
    checkpoint?: SyncCheckpoint,
    opts: { assumeNew?: boolean; watched?: ReadonlySet<string>; segments?: ReadonlySet<string> } = {},
  ): Promise<MoveRecord[]> {
    writes++;
    const moves: MoveRecord[] = [];
    const watchedIds = opts.watched?.size ? opts.watched : undefined;
    const followed = opts.segments?.size ? opts.segments : undefined;
    const watched = opts.assumeNew || (!watchedIds && !followed) ? undefined : { watchedIds, followed };
    const isWatched = (r: ApiAccountRow) => !!watched && isWatchedRow(r, watched.watchedIds, watched.followed);
    // 'relaxed': the page and its checkpoint commit or vanish together, and all of it can be
    // fetched again, so the commit need not wait for the disk flush (Chrome ≥ 121's default too)
    // once the search pages are built, a delta lists the block copies it supersedes (see markGone)
    const upkeep = !opts.assumeNew && (await searchPagesReady());
    const names = ['accounts', 'blocks', 'blockHits', 'meta', 'checkpoints', ...(watched ? ['movers' as const] : []), ...(upkeep ? ['searchGone' as const] : [])] as const;
    type Name = 'accounts' | 'blocks' | 'blockHits' | 'meta' | 'checkpoints' | 'movers' | 'searchGone';
    const tx = db.transaction([...names] as Name[], 'readwrite', { durability: 'relaxed' });
    const accounts = tx.objectStore('accounts');
    const meta = tx.objectStore('meta');
    let added = 0;
    // block copies this transaction supersedes, for 'searchGone' (only while the pages are built)
    const goneAids: string[] = [];
    // every request is issued at once and tx.done is awaited once; writes use the raw store (no
    // promise per row): a failed request aborts the transaction, which rejects tx.done
    const raw = unwrap(accounts);
    const ops: Promise<unknown>[] = [tx.done];
    // the live block entry counter (see count()), moved by `delta` in this transaction
    const moveBlockEntries = (delta: number) =>
      meta.get(BLOCK_ENTRIES).then((row) => {
        unwrap(meta).put({ key: BLOCK_ENTRIES, value: ((row?.value as number | undefined) ?? 0) + delta, fetchedAt: 0 });
      });
    // the page's moves, and moves past MOVES_KEEP_MS dropped (an index range, usually empty)
    const writeMoves = async () => {
      if (!watched || !moves.length) return;
      const movers = tx.objectStore('movers');
      for (const m of moves) unwrap(movers).add(m);
      const cutoff = new Date(fetchedAt - MOVES_KEEP_MS).toISOString();
      for (const key of await movers.index('at').getAllKeys(IDBKeyRange.upperBound(cutoff, true))) unwrap(movers).delete(key);
    };
    try {
      if (opts.assumeNew) {
        // bulk ingest: the whole page is one record in 'blocks' (the last row wins per rtp_aid)
        const page = new Map<string, StoredAccount>();
        for (const r of rows) page.set(r.rtp_aid, toStored(r, fetchedAt));
        if (page.size) {
          const list = [...page.values()];
          const block = toBlock(list);
          unwrap(tx.objectStore('blocks')).put(block);
          unwrap(tx.objectStore('blockHits')).put(toBlockHits(list, fetchedAt));
          hitsCache.delete(block.id);
          // the search pages lack this block from now on: search reads the blocks until a rebuild
          pagesReady = Promise.resolve(false);
          unwrap(meta).delete(SEARCH_PAGES_READY);
          ops.push(moveBlockEntries(page.size));
          added = page.size;
          // a lookup may have cached some of these accounts since the run began: the block's
          // copy is the newer one, so those rows go (one key-range read per page; usually none)
          const sorted = block.aids.slice().sort();
          const range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
          ops.push(
            accounts.getAllKeys(range).then((keys) => {
              for (const key of keys) {
                if (!page.has(key)) continue;
                raw.delete(key);
                added--;
              }
            }),
          );
        }
      } else {
        const blocksStore = tx.objectStore('blocks');
        const hitsStore = tx.objectStore('blockHits');
        // each block's BlockHits is read once per page, however many of its rows come
        const hitReads = new Map<string, Promise<BlockHits | undefined>>();
        const readHits = (id: string) => {
          let p = hitReads.get(id);
          if (!p) hitReads.set(id, (p = hitsStore.get(id)));
          return p;
        };
        // the account now has its own row: blank its type-ahead entry (written once per block
        // when the page's rows are done; a block with no live entry left is deleted)
        const marked = new Map<string, BlockHits>();
        let gone = 0;
        type Prev = Pick<StoredAccount, 'history'> & { row?: ApiAccountRow };
        // returns the history the block copy had (blocks are written once, by toStored with no
        // previous copy: one point), and its intent scores when the BlockHits record has them, so
        // the block itself is never read
        const markGone = async (blockId: string, aid: string): Promise<Prev | undefined> => {
          const h = await readHits(blockId);
          const i = h ? h.aids.indexOf(aid) : -1;
          if (!h || i < 0) return undefined;
          h.aids[i] = '';
          gone++;
          marked.set(blockId, h);
          if (upkeep) goneAids.push(aid);
          const at = h.updatedAts[i] || new Date(h.fetchedAt).toISOString();
          const prev: Prev = { history: [{ at, score: h.scores[i]!, stage: h.stages[i]! }] };
          if (h.intents && h.intents.length === h.aids.length * SOURCE_FIELDS.length) prev.row = hitsRow(h, i, aid);
          return prev;
        };
        const writeMarks = async () => {
          // one small record per transaction: the pages themselves are not rewritten
          if (goneAids.length) unwrap(tx.objectStore('searchGone')).add(goneAids);
          for (const [blockId, h] of marked) {
            hitsCache.delete(blockId);
            if (h.aids.some(Boolean)) {
              unwrap(hitsStore).put(h);
            } else {
              unwrap(hitsStore).delete(blockId);
              unwrap(blocksStore).delete(blockId);
            }
          }
          if (gone) await moveBlockEntries(-gone);
        };
        // a watched account's block copy when its BlockHits has no intent scores (blocks written
        // before they were kept there): each block at most once per page, watched rows only
        const blockReads = new Map<string, Promise<AccountBlock | undefined>>();
        const readBlock = (id: string) => {
          let p = blockReads.get(id);
          if (!p) blockReads.set(id, (p = blocksStore.get(id)));
          return p;
        };
        const fullCopy = async (blockId: string, aid: string): Promise<ApiAccountRow | undefined> => {
          const block = await readBlock(blockId);
          const i = block ? block.aids.indexOf(aid) : -1;
          return i >= 0 ? (JSON.parse(block!.accounts[i]!) as StoredAccount).row : undefined;
        };
        // an account first cached by a bulk ingest: its block copy carries the history (once per
        // rtp_aid, so a row repeated in the page gets the same history as its first copy)
        const blockCopies = new Map<string, Promise<Prev | undefined>>();
        const blockCopy = (aid: string, full: boolean) => {
          let p = blockCopies.get(aid);
          if (!p) {
            p = blocksStore.index('aids').getKey(aid).then(async (blockId): Promise<Prev | undefined> => {
              if (blockId === undefined) return undefined;
              const copy = await markGone(blockId, aid);
              // a block written before BlockHits kept intent scores: read the block (watched rows only)
              if (copy && !copy.row && full) {
                const row = await fullCopy(blockId, aid);
                if (row) copy.row = row;
              }
              return copy;
            });
            blockCopies.set(aid, p);
          }
          return p;
        };
        const seenAids = new Set<string>();
        const rowOps = rows.map((r) => {
          const firstInPage = !seenAids.has(r.rtp_aid);
          seenAids.add(r.rtp_aid);
          return accounts.get(r.rtp_aid).then(async (own) => {
            const watchedRow = isWatched(r);
            const prev = own ?? (await blockCopy(r.rtp_aid, watchedRow));
            if (!prev && firstInPage) added++;
            try {
              const stored = toStored(r, fetchedAt, prev);
              raw.put(stored);
              const move = prev && watchedRow ? moveOf(prev, r, new Date(fetchedAt).toISOString(), stored.domain) : null;
              if (move) moves.push(move);
            } catch (err) {
              tx.abort();
              throw err;
            }
          });
        });
        ops.push(Promise.all(rowOps).then(writeMarks).then(() => writeMoves()));
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
      // committed: searches from now on skip these entries (a load under way may not have them)
      if (goneAids.length) void goneLoad?.then((set) => goneAids.forEach((aid) => set?.add(aid)));
      return moves;
    } finally {
      writes++;
    }
  }

  return {
    db,
    /**
     * Write one page of API rows (and optionally the sync checkpoint) in one transaction.
     * `assumeNew`: the rows cannot be cached yet (a full sync into an empty cache), so there is no
     * history to carry and the reads are skipped; call recount() when that run ends.
     * `watched`: rtp_aids whose changes are recorded as movers in this same transaction (so a page
     * and its moves commit together); the moves written are returned. `segments`: followed segment
     * ids, whose accounts (by the row's own `segments`) are recorded as well.
     */
    async putAccounts(...args: Parameters<typeof putPage>): Promise<MoveRecord[]> {
      writing++;
      try {
        return await putPage(...args);
      } finally {
        writing--;
      }
    },
    /** The account's own row, or else its copy in a bulk-ingest block. */
    async getById(rtpAid: string): Promise<StoredAccount | undefined> {
      const tx = db.transaction(['accounts', 'blocks']);
      const own = await tx.objectStore('accounts').get(rtpAid);
      if (own) return own;
      const block = await tx.objectStore('blocks').index('aids').get(rtpAid);
      const i = block ? block.aids.indexOf(rtpAid) : -1;
      return i >= 0 ? (JSON.parse(block!.accounts[i]!) as StoredAccount) : undefined;
    },
    /** Every row with this (API-normalised) domain: a winner and the others as alternates. */
    async getByDomain(domain: string): Promise<DomainMatch | null> {
      const d = normalizeApiDomain(domain);
      if (!d) return null;
      const memo = recall(domainMemo, d);
      if (memo && memo.writes === writes) return memo.match;
      const generation = writes;
      const match = pickWinner(await findIn(readTx(), 'domain', d));
      if (writes === generation) remember(domainMemo, d, { writes, match }, DOMAIN_MEMO_SIZE);
      return match;
    },
    /** Exact normalised-name match (the weakest signal). */
    async getByName(name: string): Promise<DomainMatch | null> {
      const key = nameKey(name);
      return key ? pickWinner(await findIn(readTx(), 'nameKey', key)) : null;
    },
    async getByLinkedinSlug(slug: string): Promise<DomainMatch | null> {
      const s = slug.toLowerCase();
      return s ? pickWinner(await findIn(readTx(), 'linkedinSlug', s)) : null;
    },
    /**
     * Ranked type-ahead: exact domain > domain prefix > name prefix > word prefix; index ranges only.
     * The index entries of the leading unfiltered tiers are read at once, a filtered tier's only
     * when those cannot fill `limit` (leadingUnfiltered); then the BlockHits of the tiers in rank
     * order whose entries can fill `limit`, together; a later tier only if dedupe left the answer short.
     */
    async search(query: string, limit: number): Promise<SearchHit[]> {
      const tiers = searchTiers(query, limit);
      if (!tiers) return [];
      const gone = (await searchPagesReady()) ? await goneIds() : null;
      if (gone) {
        const tx = db.transaction(['accounts', 'blocks', 'blockHits', 'searchPages']);
        // the word tier's parts still read the blocks' 'words' index and BlockHits (the pages are
        // sorted by name and by domain only); it is read only when the others cannot fill `limit`
        const blocksTx = tx as unknown as ReadTx; // the same transaction, typed for the block readers
        const readHits = hitsReader(blocksTx);
        const part = (p: SearchPart) => (p.index === 'words' ? indexEntries(blocksTx, p).then((e) => hitsFrom(e, readHits)) : pagesPart(tx, p, gone));
        const tierHits = async (i: number) => {
          const hits = (await Promise.all(tiers[i]!.parts.map(part))).flat();
          return (tiers[i]!.filter ? hits.filter(tiers[i]!.filter) : hits).sort(compareCandidates);
        };
        return rankTiers(tiers.length, leadingUnfiltered(tiers), tierHits, limit);
      }
      const tx = readTx();
      const readHits = hitsReader(tx);
      const readTier = (t: SearchTier) => Promise.all(t.parts.map((part) => indexEntries(tx, part)));
      const first = leadingUnfiltered(tiers);
      const entries: (IndexEntries[] | undefined)[] = await Promise.all(tiers.slice(0, first).map(readTier));
      const counted = (es: IndexEntries[] | undefined) => (es ?? []).reduce((n, e) => n + e.own.length + e.ids.length, 0);
      // the unfiltered tiers cannot fill the answer: the rest are read now, as before
      if (entries.reduce((n, es) => n + counted(es), 0) < limit) entries.push(...(await Promise.all(tiers.slice(first).map(readTier))));
      const now = tiersReadNow(tiers, entries.map(counted), limit);
      const tierHits = async (i: number) => {
        // a later tier whose entries were not needed to fill the answer, until dedupe left it short
        const tierEntries = (entries[i] ??= await readTier(tiers[i]!));
        const hits = (await Promise.all(tierEntries.map((e) => hitsFrom(e, readHits)))).flat();
        const kept = tiers[i]!.filter ? hits.filter(tiers[i]!.filter) : hits;
        return kept.sort(compareCandidates);
      };
      return rankTiers(tiers.length, now, tierHits, limit);
    },
    /**
     * Build the search pages from every BlockHits entry (after a full sync; see SearchPage) and
     * mark them ready; search reads the blocks until then. Reads the BlockHits in batches, sorts
     * references to their entries, and writes the pages in one transaction. A write to the cache
     * while it reads means starting again (at most 3 tries; false = not built).
     */
    async buildSearchPages(): Promise<boolean> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const generation = writes;
        const hits = writing ? null : await readAllHits(db);
        // a write begun since (or still in flight: its transaction may commit after this read and
        // before the pages) would leave entries in them that it superseded: read again
        if (!hits || writing || writes !== generation) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        writes++;
        // from here, a delta write waits for this build before deciding whether to keep the pages up
        // to date (putPage), so none commits between the build's read and its pages unaccounted for
        let settle!: (ready: boolean) => void;
        const building = new Promise<boolean>((r) => (settle = r));
        pagesReady = building;
        try {
          const tx = db.transaction(['searchPages', 'searchGone', 'meta'], 'readwrite', { durability: 'relaxed' });
          try {
            const raw = unwrap(tx.objectStore('searchPages'));
            raw.clear();
            // the BlockHits read have every superseded entry blanked: the new pages list none
            unwrap(tx.objectStore('searchGone')).clear();
            for (const kind of ['n', 'd'] as const) for (const page of toSearchPages(hits, kind)) raw.put(page);
            unwrap(tx.objectStore('meta')).put({ key: SEARCH_PAGES_READY, value: true, fetchedAt: Date.now() });
          } catch (err) {
            // all or nothing: never the old marker over cleared pages
            tx.done.catch(() => undefined);
            tx.abort();
            throw err;
          }
          await tx.done;
          goneLoad = Promise.resolve(new Set());
          settle(true);
          return true;
        } catch (err) {
          // nothing was written (a full disk, say): whatever the database says still holds, for the
          // writes that waited on this build too
          pagesReady = null;
          settle(await searchPagesReady());
          throw err;
        } finally {
          writes++;
        }
      }
      return false;
    },
    /**
     * Build the search pages unless they are ready and few of their entries are superseded (at
     * most SEARCH_GONE_SHARE of the cache, or SEARCH_GONE_MIN), or there is no block to build
     * them from.
     */
    async ensureSearchPages(): Promise<boolean> {
      if (await searchPagesReady()) {
        const gone = await goneIds();
        if (gone && gone.size <= Math.max(SEARCH_GONE_MIN, SEARCH_GONE_SHARE * (await count()))) return true;
      } else if ((await db.count('blockHits')) === 0) {
        return false;
      }
      return this.buildSearchPages();
    },
    /**
     * The `limit` highest-scored accounts with at least `minScore` ("Hot accounts"), best first. Two
     * index walks from the top: own rows by score, and bulk pages by their best score, reading a
     * page's BlockHits only while that best score can still beat the current answer. At 200,000
     * accounts that is a handful of reads, never a scan. Equal scores: whichever the indexes meet first.
     */
    async topScored(limit: number, minScore: number): Promise<SearchHit[]> {
      const tx = readTx();
      const range = IDBKeyRange.lowerBound(minScore);
      const out: SearchHit[] = [];
      let cursor = await tx.objectStore('accounts').index('score').openCursor(range, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      const floor = () => (out.length < limit ? -Infinity : out[out.length - 1]!.row.rtp_account_score);
      let page = await tx.objectStore('blockHits').index('top').openCursor(range, 'prev');
      // a page whose best score cannot beat the last of a full answer ends the walk (ties included)
      while (page && page.value.top !== undefined && page.value.top > floor()) {
        const h = page.value;
        for (let i = 0; i < h.aids.length; i++) {
          // '' = superseded by an own row, which the first walk answers for
          if (h.aids[i] && h.scores[i]! >= minScore && h.scores[i]! > floor()) {
            out.push(hitAt(h, i));
            out.sort((a, b) => b.row.rtp_account_score - a.row.rtp_account_score);
            if (out.length > limit) out.pop();
          }
        }
        page = await page.continue();
      }
      return out;
    },
    /** Count the accounts again (after assumeNew writes, whose count is the pages' row counts). */
    async recount(): Promise<number> {
      knownCount = null;
      return count();
    },
    /** Number of cached accounts (counted once, then kept up to date by the writers). */
    count,
    /** The rep's last look at an account; most lookups are of accounts never marked seen, which
     * seenIds answers without a read. */
    async getLastSeen(rtpAid: string): Promise<SeenSnapshot | undefined> {
      const ids = await seenIds();
      return ids?.has(rtpAid) === false ? undefined : db.get('lastSeen', rtpAid);
    },
    async putLastSeen(snapshot: SeenSnapshot): Promise<void> {
      await db.put('lastSeen', snapshot);
      (await seenIds())?.add(snapshot.rtpAid);
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
    /** clearLocalData: every cached account, snapshot, checkpoint, negative entry, watched account and mover. */
    async clear(): Promise<void> {
      writes++;
      writing++;
      metaCache.clear();
      hitsCache.clear();
      domainMemo.clear();
      seen = null;
      pagesReady = null;
      goneLoad = null;
      const names = ['accounts', 'blocks', 'blockHits', 'searchPages', 'searchGone', 'lastSeen', 'meta', 'negative', 'checkpoints', 'watched', 'movers'] as const;
      try {
        const tx = db.transaction([...names], 'readwrite');
        await Promise.all([...names.map((n) => tx.objectStore(n).clear()), tx.done]);
        knownCount = 0;
      } finally {
        writes++;
        writing--;
        metaCache.clear();
        seen = null;
        pagesReady = null;
        goneLoad = null;
      }
    },
  };
}

export type AccountStore = ReturnType<typeof createAccountStore>;

type ReadTx = IDBPTransaction<LensDB, ('accounts' | 'blocks' | 'blockHits')[], 'readonly'>;
type AccountIndex = 'domain' | 'nameKey' | 'linkedinSlug';
const indexKeys: Record<AccountIndex, (a: StoredAccount) => string | undefined> = {
  domain: (a) => a.domain,
  nameKey: (a) => a.nameKey,
  linkedinSlug: (a) => a.linkedinSlug,
};

/** Which 'blocks' index holds the values of each 'accounts' index (the bench's floors read them too). */
export const BLOCK_INDEX = { domain: 'domains', nameKey: 'names', words: 'words', linkedinSlug: 'slugs' } as const;

/**
 * The accounts whose `index` key equals `key`, from both the per-account rows and the bulk-ingest
 * blocks. A block copy whose account has its own row is left out: that row is newer (see
 * putAccounts), whether or not it still matches.
 */
async function findIn(tx: ReadTx, index: AccountIndex, key: string): Promise<StoredAccount[]> {
  const [own, found] = await Promise.all([
    tx.objectStore('accounts').index(index).getAll(key),
    tx.objectStore('blocks').index(BLOCK_INDEX[index]).getAll(key),
  ]);
  if (!found.length) return own;
  const seen = new Set(own.map((a) => a.rtpAid));
  const copies: StoredAccount[] = [];
  for (const block of found) {
    block.aids.forEach((aid, i) => {
      if (seen.has(aid) || !blockMayMatch[index](block, i, key)) return;
      const a = JSON.parse(block.accounts[i]!) as StoredAccount;
      if (indexKeys[index](a) !== key) return;
      seen.add(aid);
      copies.push(a);
    });
  }
  return own.concat(await withoutOwnRows(tx, copies));
}

/** Whether accounts[i] of a block can have `key` in that index (exact for domain and name). */
const blockMayMatch: Record<AccountIndex, (b: AccountBlock, i: number, key: string) => boolean> = {
  domain: (b, i, key) => b.domains[i] === key,
  nameKey: (b, i, key) => b.names[i] === key,
  linkedinSlug: (b, i, key) => b.accounts[i]!.includes(key),
};

type HitIndex = 'domain' | 'nameKey' | 'words';
type HitsReader = (blockId: string) => Promise<BlockHits | undefined>;
/** The value of entry `i` that the tier's index holds and `matches` accepts (no array per entry: a
 * keystroke scans every entry of up to 24 pages). */
const hitValue: Record<HitIndex, (h: BlockHits, i: number, matches: (v: string) => boolean) => string | undefined> = {
  domain: (h, i, matches) => (matches(h.domains[i]!) ? h.domains[i] : undefined),
  nameKey: (h, i, matches) => (matches(h.nameKeys[i]!) ? h.nameKeys[i] : undefined),
  // a block's 'words' entries are each name's words after the first (see toStored)
  words: (h, i, matches) => h.nameKeys[i]!.split(' ').slice(1).find(matches),
};

/** One index range of a search tier (the same index of 'accounts' and, via BLOCK_INDEX, of 'blocks'). */
export interface SearchPart {
  index: HitIndex;
  key: string;
  prefix: boolean;
  count?: number;
}
export interface SearchTier {
  parts: SearchPart[];
  /** hits the index range returns that do not answer the query */
  filter?: (a: SearchHit) => boolean;
}

/**
 * The type-ahead's index ranges, tier by tier in rank order (exact domain > domain prefix > name
 * prefix > word prefix); null for an empty query. Each prefix range is read `limit × 3` entries deep
 * (the ranking window). Exported for the benchmark's floor of the same reads (§6).
 */
export function searchTiers(query: string, limit: number): SearchTier[] | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  // a domain never contains whitespace: "acme robo" reads no domain index (two tiers, four requests)
  const typedDomain = normalizeApiDomain(q);
  const dom = /\s/.test(typedDomain) ? '' : typedDomain;
  const key = nameKey(q);
  const words = nameWords(q);
  const want = limit * 3;
  const first = words[0];
  // every query word starts some word of the name (caches from schema 1 index the first word too)
  const wordOk = (a: SearchHit) => {
    const nameWordList = a.nameKey.split(' ');
    return words.every((w) => nameWordList.some((x) => x.startsWith(w)));
  };
  return [
    // a dotless word is not a domain anyone types as one; were such a domain cached, the prefix tier
    // below still lists it (saves a one-word keystroke two index requests)
    { parts: dom.includes('.') ? [{ index: 'domain', key: dom, prefix: false }] : [] },
    { parts: dom ? [{ index: 'domain', key: dom, prefix: true, count: want }] : [] },
    { parts: key ? [{ index: 'nameKey', key, prefix: true, count: want }] : [] },
    {
      parts: first
        ? [
            { index: 'words', key: first, prefix: true, count: want },
            // names whose first word matches (not in 'words'); a one-word query's name tier has them already
            ...(words.length > 1 ? [{ index: 'nameKey' as const, key: first, prefix: true, count: want }] : []),
          ]
        : [],
      filter: wordOk,
    },
  ];
}

/**
 * How many tiers, from the first, are unfiltered: their index entries are read at once, and a
 * filtered tier's (the word tier) only when those cannot fill the answer. A short prefix matches
 * far more than `limit` names, so most keystrokes never read the word indexes.
 */
export function leadingUnfiltered(tiers: readonly SearchTier[]): number {
  const i = tiers.findIndex((t) => t.filter);
  return i < 0 ? tiers.length : i;
}

/**
 * How many tiers (in rank order) have their BlockHits read at once: until the unfiltered tiers'
 * index entries (`entryCounts[i]`: own rows + block ids) could fill the answer.
 */
export function tiersReadNow(tiers: readonly SearchTier[], entryCounts: readonly number[], limit: number): number {
  let could = 0;
  for (let i = 0; i < tiers.length; i++) {
    if (!tiers[i]!.filter) could += entryCounts[i] ?? 0;
    if (could >= limit) return i + 1;
  }
  return tiers.length;
}

interface IndexEntries extends SearchPart {
  own: StoredAccount[];
  ids: string[];
}

/**
 * Type-ahead candidates, step one: the first `count` index entries (by indexed value) from the
 * per-account rows, and the ids of the blocks holding matching entries (not the blocks).
 */
async function indexEntries(tx: ReadTx, part: SearchPart): Promise<IndexEntries> {
  const range = part.prefix ? IDBKeyRange.bound(part.key, part.key + HIGH) : part.key;
  const [own, ids] = await Promise.all([
    tx.objectStore('accounts').index(part.index).getAll(range, part.count),
    tx.objectStore('blocks').index(BLOCK_INDEX[part.index]).getAllKeys(range, part.count),
  ]);
  return { ...part, own, ids };
}

/**
 * Step two: those blocks' BlockHits (a prefix that matches accounts in many blocks never loads the
 * blocks), keeping the first `count` matching entries; BlockHits already leave out the accounts
 * that have their own row.
 */
async function hitsFrom(e: IndexEntries, readHits: HitsReader): Promise<SearchHit[]> {
  const { own, ids, index, key, prefix, count } = e;
  if (!ids.length) return own;
  const blocks = await Promise.all([...new Set(ids)].map(readHits));
  const matches = (v: string) => (prefix ? v.startsWith(key) : v === key);
  const entries: { value: string; h: BlockHits; i: number }[] = [];
  for (const h of blocks) {
    if (!h) continue;
    for (let i = 0; i < h.aids.length; i++) {
      // '' = superseded by the account's own row (putAccounts marks it), which own rows answer for
      if (!h.aids[i]) continue;
      const value = hitValue[index](h, i, matches);
      if (value !== undefined) entries.push({ value, h, i });
    }
  }
  // those blocks can hold more matches than the index read returned: keep its window
  entries.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const seen = new Set(own.map((a) => a.rtpAid));
  const copies: SearchHit[] = [];
  for (const { h, i } of count === undefined ? entries : entries.slice(0, count)) {
    if (!seen.has(h.aids[i]!)) {
      seen.add(h.aids[i]!);
      copies.push(hitAt(h, i));
    }
  }
  return (own as SearchHit[]).concat(copies);
}

/**
 * The answer from each tier's hits in rank order, without duplicates: the first `now` tiers are
 * read at once, a later one only while the answer is short of `limit`.
 */
async function rankTiers(tiers: number, now: number, tierHits: (i: number) => Promise<SearchHit[]>, limit: number): Promise<SearchHit[]> {
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  const take = (hits: SearchHit[]) => {
    for (const a of hits) {
      if (out.length >= limit) return;
      if (!seen.has(a.rtpAid)) {
        seen.add(a.rtpAid);
        out.push(a);
      }
    }
  };
  for (const hits of await Promise.all(Array.from({ length: now }, (_, i) => tierHits(i)))) take(hits);
  for (let i = now; i < tiers && out.length < limit; i++) take(await tierHits(i));
  return out;
}

type PagesTx = IDBPTransaction<LensDB, ('accounts' | 'blocks' | 'blockHits' | 'searchPages')[], 'readonly'>;
/** What reads and writes search pages need of the 'searchPages' store */
interface PagesStore {
  getAll(range: IDBKeyRange, count: number): Promise<SearchPage[]>;
}

/** A name or domain part of a search tier from the search pages: the own rows' first `count` (as
 * indexEntries) and the pages' first `count` live entries, own rows first, without duplicates. */
async function pagesPart(tx: PagesTx, part: SearchPart, gone: ReadonlySet<string>): Promise<SearchHit[]> {
  const { index, key, prefix, count } = part;
  const range = prefix ? IDBKeyRange.bound(key, key + HIGH) : key;
  const [own, copies] = await Promise.all([
    tx.objectStore('accounts').index(index).getAll(range, count),
    pageEntries(tx.objectStore('searchPages'), gone, index === 'domain' ? 'd' : 'n', key, prefix, count),
  ]);
  if (!copies.length) return own;
  const seen = new Set(own.map((a) => a.rtpAid));
  const out: SearchHit[] = own;
  for (const c of copies) {
    if (seen.has(c.rtpAid)) continue;
    seen.add(c.rtpAid);
    out.push(c);
  }
  return out;
}

/** The range of the pages of `kind` from the first whose last key is ≥ `key` (or, with `after`,
 * those after that page) */
function pagesFrom(kind: SearchPageKind, key: string, after?: SearchPage): IDBKeyRange {
  // an array sorts after every string: [kind, []] is above every page of the kind
  return after ? IDBKeyRange.bound([kind, after.last, after.n], [kind, []], true) : IDBKeyRange.bound([kind, key], [kind, []]);
}

/** The first `count` live entries (all, without a count) whose key starts with / equals `key`, the
 * superseded (`gone`) left out: two pages per request, most prefixes need one. */
async function pageEntries(store: PagesStore, gone: ReadonlySet<string>, kind: SearchPageKind, key: string, prefix: boolean, count?: number): Promise<SearchHit[]> {
  const out: SearchHit[] = [];
  let range = pagesFrom(kind, key);
  for (;;) {
    const pages = await store.getAll(range, 2);
    for (const p of pages) {
      const keys = kind === 'n' ? p.nameKeys : p.domains;
      for (let j = 0; j < keys.length; j++) {
        const k = keys[j]!;
        if (k < key) continue;
        // keys are sorted: the first one past the prefix ends the walk
        if (prefix ? !k.startsWith(key) : k !== key) return out;
        if (gone.has(p.aids[j]!)) continue;
        out.push(hitAt(p, j));
        if (count !== undefined && out.length >= count) return out;
      }
    }
    if (pages.length < 2) return out;
    range = pagesFrom(kind, key, pages[1]);
  }
}

/** Every BlockHits record without its intent scores, in batches (one read-only transaction). */
async function readAllHits(db: AccountsDB): Promise<BlockHits[]> {
  const out: BlockHits[] = [];
  const tx = db.transaction('blockHits');
  let range: IDBKeyRange | undefined;
  for (;;) {
    const batch = await tx.store.getAll(range, 64);
    for (const h of batch) {
      delete h.intents;
      out.push(h);
    }
    if (batch.length < 64) return out;
    range = IDBKeyRange.lowerBound(batch[batch.length - 1]!.id, true);
  }
}

/** The search pages of one kind: every live entry with a key, by key then rtp_aid, SEARCH_PAGE_SIZE a page. */
export function* toSearchPages(hits: readonly BlockHits[], kind: SearchPageKind): Generator<SearchPage> {
  let total = 0;
  for (const h of hits) total += h.aids.length;
  // an entry is a (record, position) pair; its key and rtp_aid are read through these columns
  const rec = new Uint32Array(total);
  const pos = new Uint32Array(total);
  const keys: string[] = [];
  const aids: string[] = [];
  let n = 0;
  hits.forEach((h, r) => {
    const col = kind === 'n' ? h.nameKeys : h.domains;
    for (let i = 0; i < h.aids.length; i++) {
      if (!h.aids[i] || !col[i]) continue;
      rec[n] = r;
      pos[n] = i;
      keys.push(col[i]!);
      aids.push(h.aids[i]!);
      n++;
    }
  });
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : aids[a]! < aids[b]! ? -1 : aids[a]! > aids[b]! ? 1 : 0));
  for (let start = 0, page = 0; start < n; start += SEARCH_PAGE_SIZE, page++) {
    const end = Math.min(start + SEARCH_PAGE_SIZE, n);
    const out: SearchPage = { kind, last: keys[order[end - 1]!]!, n: page, aids: [], nameKeys: [], names: [], domains: [], scores: [], stages: [], updatedAts: [] };
    for (let k = start; k < end; k++) {
      const e = order[k]!;
      const h = hits[rec[e]!]!;
      const i = pos[e]!;
      out.aids.push(h.aids[i]!);
      out.nameKeys.push(h.nameKeys[i]!);
      out.names.push(h.names[i]!);
      out.domains.push(h.domains[i]!);
      out.scores.push(h.scores[i]!);
      out.stages.push(h.stages[i]!);
      out.updatedAts.push(h.updatedAts[i]!);
    }
    yield out;
  }
}

/** Drop block copies of accounts that have their own row (one key read each, no value). */
async function withoutOwnRows<T extends { rtpAid: string }>(tx: ReadTx, copies: T[]): Promise<T[]> {
  const accounts = tx.objectStore('accounts');
  const own = await Promise.all(copies.map((a) => accounts.getKey(a.rtpAid)));
  return copies.filter((_, i) => own[i] === undefined);
}

function hitAt(h: HitColumns, i: number): SearchHit {
  const hit: SearchHit = {
    rtpAid: h.aids[i]!,
    nameKey: h.nameKeys[i]!,
    domain: h.domains[i]!,
    row: { name: h.names[i]!, rtp_account_score: h.scores[i]!, rtp_journey_stage: h.stages[i]! },
  };
  if (h.updatedAts[i]) hit.updatedAt = h.updatedAts[i];
  return hit;
}

/** One bulk-ingest page as a block record: its accounts and the keys its indexes hold. */
function toBlock(accounts: StoredAccount[]): AccountBlock {
  const set = (f: (a: StoredAccount) => readonly (string | undefined)[]) =>
    [...new Set(accounts.flatMap(f))].filter((v): v is string => !!v);
  return {
    id: accounts[0]!.rtpAid,
    accounts: accounts.map((a) => JSON.stringify(a)),
    aids: accounts.map((a) => a.rtpAid),
    // positional (the index dedupes); '' is indexed as the per-account store indexes it
    domains: accounts.map((a) => a.domain),
    names: accounts.map((a) => a.nameKey),
    words: set((a) => a.words),
    slugs: set((a) => [a.linkedinSlug]),
  };
}

function toBlockHits(accounts: StoredAccount[], fetchedAt: number): BlockHits {
  return {
    id: accounts[0]!.rtpAid,
    fetchedAt,
    aids: accounts.map((x) => x.rtpAid),
    nameKeys: accounts.map((x) => x.nameKey),
    names: accounts.map((x) => x.row.name ?? ''),
    domains: accounts.map((x) => x.domain),
    scores: accounts.map((x) => x.row.rtp_account_score ?? 0),
    stages: accounts.map((x) => x.row.rtp_journey_stage ?? ''),
    updatedAts: accounts.map((x) => x.updatedAt ?? ''),
    intents: accounts.flatMap((x) => SOURCE_FIELDS.map(([, field]) => finiteOr0(x.row[field]))),
    top: Math.max(...accounts.map((x) => x.row.rtp_account_score ?? 0)),
  };
}

const finiteOr0 = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** What a block copy's BlockHits entry knows of its row: score, stage and the intent scores (for moveOf). */
function hitsRow(h: BlockHits, i: number, aid: string): ApiAccountRow {
  const row: ApiAccountRow = { rtp_aid: aid, name: h.names[i]!, domain: h.domains[i]!, rtp_account_score: h.scores[i]!, rtp_journey_stage: h.stages[i]! };
  SOURCE_FIELDS.forEach(([, field], k) => {
    (row as unknown as Record<string, number>)[field] = h.intents![i * SOURCE_FIELDS.length + k]!;
  });
  return row;
}

function pickWinner(rows: StoredAccount[]): DomainMatch | null {
  const [winner, ...alternates] = rows.sort(compareCandidates);
  return winner ? { winner, alternates } : null;
}
