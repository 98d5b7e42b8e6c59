/**
 * The account cache in IndexedDB (database 'recotap-lens-accounts'), via idb.
 * Everything here can be rebuilt from the API: clearLocalData deletes it wholesale.
 */
import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { HistoryPoint } from '../view-models';
import type { MoveRecord } from './movers';

export const ACCOUNTS_DB_NAME = 'recotap-lens-accounts';
/** 2: the unused 'updatedAt' index is gone and new rows leave their first name word out of 'words'
 * (each is one index entry less to write per account).
 * 3: the 'blocks' and 'blockHits' stores (a full sync into an empty cache writes one record per
 * API page to each).
 * 4: 'watched' (accounts the rep follows for "what changed") and 'movers' (what syncs changed about them).
 * 5: score indexes for the popup's "Hot accounts" ('accounts' by score, 'blockHits' by each page's
 * best score) and 'watched' by lastSeenAt for "Recent accounts": a few index reads, never a scan.

 * 6: the 'segMoves' index on 'accounts' (top movers of a followed segment; rows are rewritten in place).
 * 7: 'searchPages' (the bulk-ingest blocks' type-ahead entries sorted by name and by domain; built
 * after a full sync, see SearchPage) and 'searchGone' (the entries superseded since the build). An
 * upgraded cache has none until its next sync builds them. */
export const ACCOUNTS_DB_VERSION = 7;

/** The API's account row as the store needs it (structurally the client's Account). */
export interface ApiAccountRow {
  rtp_aid: string;
  name: string;
  domain: string;
  externalId?: string | null;
  rtp_account_score: number;
  rtp_journey_stage: string;
  rtp_advertising_activity_score?: number;
  rtp_website_intent_score?: number;
  rtp_g2_intent_score?: number;
  rtp_bombora_intent_score?: number;
  rtp_last_account_date?: string | null;
  customFields?: Record<string, unknown> | null;
  segments?: { segmentId: string; name: string }[] | null;
}

export interface StoredAccount {
  rtpAid: string;
  row: ApiAccountRow;
  /** normalizeApiDomain(row.domain) */
  domain: string;
  /** nameKey(row.name): the whole normalised name, for name-prefix search */
  nameKey: string;
  /** name words after the first (multiEntry index), for word-prefix search; the first word is
   * found through nameKey (schema-1 rows still list it: harmless, search dedupes) */
  words: string[];
  /** LinkedIn company slug when a custom field carries the company page URL (absent = not indexed) */
  linkedinSlug?: string;
  /** epoch ms when this copy arrived from the API */
  fetchedAt: number;
  /** row.rtp_last_account_date (tie-break among candidates; not indexed since version 2) */
  updatedAt?: string;
  /** score/stage snapshots, oldest → newest, capped */
  history: HistoryPoint[];
  /**
   * [segmentId, time of the last history point] per segment of the row, only when the history has
   * two points or more (multiEntry index 'segMoves'): the accounts of a segment whose score moved
   * within a window are one index range, however large the cache (see segMovesOf).
   */
  segMoves?: [string, string][];
}

/**
 * The 'segMoves' keys of an account: none unless its history holds a change (an account cached
 * once and never changed has moved by 0 over any window, so it is left out of the index).
 */
export function segMovesOf(a: Pick<StoredAccount, 'row' | 'history'>): [string, string][] | undefined {
  const segs = a.row.segments;
  if (!segs?.length || a.history.length < 2) return undefined;
  const last = a.history[a.history.length - 1]!.at;
  const ids = [...new Set(segs.map((s) => s.segmentId).filter((id) => typeof id === 'string' && id))];
  return ids.length ? ids.map((id) => [id, last]) : undefined;
}

/**
 * One page of a bulk ingest (a full sync that started on an empty cache): the page's accounts in
 * one record, with multiEntry indexes over what the per-account indexes hold. Writing one record
 * per page instead of one per account is what makes the first sync of a large team fast: Chromium's
 * IndexedDB backend spends most of its time per record (see docs/architecture.md, "The account
 * cache"). A block is never rewritten: a later write of one of its accounts goes to 'accounts', and
 * that row supersedes the block's copy (its BlockHits entry is blanked; a block whose every
 * account has a row of its own is deleted).
 */
export interface AccountBlock {
  /** the page's first rtp_aid */
  id: string;
  /** each account as JSON: a lookup parses the one it needs, not the whole page (reading a record
   * of 100 strings costs a fraction of reading 100 objects) */
  accounts: string[];
  /** rtpAid of accounts[i] */
  aids: string[];
  /** domain of accounts[i] */
  domains: string[];
  /** nameKey of accounts[i] */
  names: string[];
  /** every account's later name words (a set) */
  words: string[];
  /** the LinkedIn slugs present (a set) */
  slugs: string[];
}

/** What a type-ahead hit shows of each account, column by column (BlockHits, SearchPage). */
export interface HitColumns {
  aids: string[];
  nameKeys: string[];
  names: string[];
  domains: string[];
  scores: number[];
  stages: string[];
  /** '' when the row has no rtp_last_account_date */
  updatedAts: string[];
}

/**
 * What type-ahead needs of a block's accounts, column by column (same id as the block): a prefix
 * that matches accounts in many blocks reads these small records, never the blocks themselves.
 */
export interface BlockHits extends HitColumns {
  id: string;
  /** epoch ms the page arrived (the block accounts' fetchedAt) */
  fetchedAt: number;
  /**
   * The four intent scores of each account, flat (linkedin, website, g2, bombora per account): a
   * delta compares a watched account's block copy with its new row (intent jumps) from this record,
   * which it reads anyway, instead of the block. Absent in blocks written before it existed.
   */
  intents?: number[];
  /** the best score of the page when written (indexed, for "Hot accounts"); an entry blanked later
   * leaves it as an upper bound, which is all the reader needs */
  top?: number;
}

/** Which key a search page is sorted by: 'n' = nameKey, 'd' = domain. */
export type SearchPageKind = 'n' | 'd';

/**
 * Up to SEARCH_PAGE_SIZE type-ahead entries of the bulk-ingest blocks, in order of one key (the
 * nameKey or the domain, then rtp_aid) across the whole cache: the first entries of a prefix are in
 * one page or two, read with one request, where the blocks (written in API order) scatter them over
 * up to one page per entry. Built from the BlockHits once a full sync is done (store.ts
 * buildSearchPages), in columns like BlockHits. Pages are never rewritten: an entry whose account
 * gets its own row later is listed in 'searchGone' instead (its id, in the delta's own transaction),
 * and search skips it; a sync run that ends with many of them builds the pages again. Entries with
 * an empty key are left out (no query matches them).
 */
export interface SearchPage extends HitColumns {
  kind: SearchPageKind;
  /** the page's last key (pages are found by it: the first page whose last key is ≥ a prefix) */
  last: string;
  /** the page's place in the build: orders pages that share a last key */
  n: number;
}

/** The fields of a cached account that search ranks and shows (a StoredAccount is one too). */
export interface SearchHit {
  rtpAid: string;
  domain: string;
  nameKey: string;
  updatedAt?: string;
  row: Pick<ApiAccountRow, 'name' | 'rtp_account_score' | 'rtp_journey_stage'>;
}

export interface SyncCheckpoint {
  /** first page's syncTimestamp of the last successful run (next delta starts from it) */
  completedSyncTimestamp: string | null;
  /** a run that has not finished: resumed from its cursor after a worker restart */
  inProgress: null | {
    mode: 'full' | 'delta';
    lastSync: string | null;
    cursor: string | null;
    runSyncTimestamp: string | null;
    pages: number;
    accounts: number;
    /** a full run that started on an empty cache: its pages go to 'blocks' (kept across a resume) */
    bulk?: boolean;
  };
  backoffAttempt: number;
  /** epoch ms; the next alarm before this is skipped */
  backoffUntil: number;
}

/** Why an account is watched (any one is enough; unwatching drops them all). */
export type WatchReason = 'viewed' | 'pinned' | 'logged' | 'added';

/** An account the rep follows: movers are recorded for these only. */
export interface WatchedAccount {
  rtpAid: string;
  reasons: WatchReason[];
  /** ISO time it was first watched */
  watchedAt: string;
  /** ISO time the rep last saw it on a record page (null: never viewed there) */
  lastSeenAt: string | null;
  /** the last CRM/LinkedIn/Gmail page it was shown on, for "Open in CRM" */
  lastUrl: string | null;
}

export interface LensDB extends DBSchema {
  accounts: {
    key: string;
    value: StoredAccount;
    indexes: { domain: string; nameKey: string; words: string; linkedinSlug: string; score: number; segMoves: [string, string] };
  };
  blocks: {
    key: string;
    value: AccountBlock;
    indexes: { aids: string; domains: string; names: string; words: string; slugs: string };
  };
  blockHits: { key: string; value: BlockHits; indexes: { top: number } };
  searchPages: { key: [SearchPageKind, string, number]; value: SearchPage };
  /** the rtp_aids one write transaction superseded in the search pages since they were built */
  searchGone: { key: number; value: string[] };
  lastSeen: { key: string; value: { rtpAid: string; seenAt: string; score: number; stage: string } };
  meta: { key: string; value: { key: string; value: unknown; fetchedAt: number } };
  negative: { key: string; value: { domain: string; checkedAt: number } };
  checkpoints: { key: string; value: SyncCheckpoint & { key: string } };
  watched: { key: string; value: WatchedAccount; indexes: { lastSeenAt: string } };
  movers: { key: number; value: MoveRecord; indexes: { at: string; rtpAid: string } };
}

export type AccountsDB = IDBPDatabase<LensDB>;

/** Open (and create or upgrade) the accounts database. Upgrades keep every cached row. */
export function openAccountsDb(name = ACCOUNTS_DB_NAME): Promise<AccountsDB> {
  return openDB<LensDB>(name, ACCOUNTS_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const accounts = db.createObjectStore('accounts', { keyPath: 'rtpAid' });
        accounts.createIndex('domain', 'domain');
        accounts.createIndex('nameKey', 'nameKey');
        accounts.createIndex('words', 'words', { multiEntry: true });
        accounts.createIndex('linkedinSlug', 'linkedinSlug');
        db.createObjectStore('lastSeen', { keyPath: 'rtpAid' });
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('negative', { keyPath: 'domain' });
        db.createObjectStore('checkpoints', { keyPath: 'key' });
      } else if (oldVersion < 2) {
        // version 1 → 2: nothing ever read 'updatedAt' through the index, but every sync wrote it
        const accounts = tx.objectStore('accounts');
        if (accounts.indexNames.contains('updatedAt' as never)) accounts.deleteIndex('updatedAt');
      }
      if (oldVersion < 3) {
        // version 3: bulk-ingest blocks; existing rows stay in 'accounts'
        const blocks = db.createObjectStore('blocks', { keyPath: 'id' });
        blocks.createIndex('aids', 'aids', { multiEntry: true });
        blocks.createIndex('domains', 'domains', { multiEntry: true });
        blocks.createIndex('names', 'names', { multiEntry: true });
        blocks.createIndex('words', 'words', { multiEntry: true });
        blocks.createIndex('slugs', 'slugs', { multiEntry: true });
        db.createObjectStore('blockHits', { keyPath: 'id' });
      }
      if (oldVersion < 4) {
        // version 4: watched accounts and their moves (movers read by time; unwatch drops by account)
        db.createObjectStore('watched', { keyPath: 'rtpAid' });
        const movers = db.createObjectStore('movers', { keyPath: 'id', autoIncrement: true });
        movers.createIndex('at', 'at');
        movers.createIndex('rtpAid', 'rtpAid');
      }
      if (oldVersion < 5) {
        // version 5: "Hot accounts" and "Recent accounts" read these indexes (a null lastSeenAt is
        // not indexed: never viewed on a record page). Existing pages get their best score once.
        tx.objectStore('accounts').createIndex('score', 'row.rtp_account_score');
        const hits = tx.objectStore('blockHits');
        hits.createIndex('top', 'top');
        tx.objectStore('watched').createIndex('lastSeenAt', 'lastSeenAt');
        if (oldVersion >= 3) {
          void hits.openCursor().then(async function each(cursor): Promise<void> {
            if (!cursor) return;
            const h = cursor.value;
            if (h.top === undefined && h.scores.length) void cursor.update({ ...h, top: Math.max(...h.scores) });
            return each(await cursor.continue());
          });
        }
      }
      if (oldVersion < 6) {
        // version 6: top movers of a segment read one index range. Existing rows get their keys in
        // place (bulk-ingest blocks hold no history with a change, so they need none).
        const accounts = tx.objectStore('accounts');
        accounts.createIndex('segMoves', 'segMoves', { multiEntry: true });
        if (oldVersion >= 1) {
          const req = unwrap(accounts).openCursor();
          req.onsuccess = () => {
            const cursor = req.result;
            if (!cursor) return;
            const a = cursor.value as StoredAccount;
            const keys = segMovesOf(a);
            if (keys) cursor.update({ ...a, segMoves: keys });
            cursor.continue();
          };
        }
      }
      // version 7: an upgraded cache searches its blocks as before until a sync builds the pages
      if (oldVersion < 7) {
        db.createObjectStore('searchPages', { keyPath: ['kind', 'last', 'n'] });
        db.createObjectStore('searchGone', { autoIncrement: true });
      }
    },
  });
}
