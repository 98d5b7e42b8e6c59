/**
 * Search pages (db.ts SearchPage): the bulk blocks' type-ahead entries sorted by name and by domain,
 * built after a full sync. Type-ahead must answer from them exactly as it answers from the blocks,
 * with far fewer reads, and stay right through delta writes (superseded entries listed in
 * 'searchGone'), bulk writes, clears, a build that a write overlaps and a worker restart.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ApiAccountRow, SearchPage } from '../../../utils/accounts/db';
import { createAccountStore, SEARCH_PAGE_SIZE, SEARCH_PAGES_READY, toSearchPages, type AccountStore } from '../../../utils/accounts/store';
import { createPrng } from '../../emulator/prng.ts';
import { aid, freshStore, row } from './helpers';

const SYLLABLES = ['ac', 'me', 'ro', 'bo', 'glo', 'bex', 'in', 'i', 'tech', 'a', 'ab', 'co', 'zen', 'north', 'wind'];
const SUFFIX = ['Inc.', 'Labs', 'Group', 'Systems', 'GmbH', 'Acme', ''];

/**
 * `count` accounts in API order (as the blocks hold them) with names and domains from few syllables,
 * so short prefixes match many accounts spread over every page. Names and domains are unique unless
 * `shared` accounts repeat a name and a domain of an earlier one.
 */
function world(count: number, seed: number, shared = 0): ApiAccountRow[] {
  const prng = createPrng(seed);
  const next = () => prng.next();
  const pick = <T,>(xs: readonly T[]) => prng.pick(xs);
  const rows: ApiAccountRow[] = [];
  for (let i = 0; i < count; i++) {
    const stem = `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}`;
    const name = `${stem[0]!.toUpperCase()}${stem.slice(1)} ${i} ${pick(SUFFIX)}`.trim();
    rows.push(
      row({
        rtp_aid: aid(1000 + i),
        name,
        domain: `${stem}${i}.${pick(['com', 'io', 'co.uk'])}`,
        rtp_account_score: Math.floor(next() * 100),
        rtp_journey_stage: pick(['Aware', 'Consideration', 'Decision']),
        rtp_last_account_date: next() < 0.2 ? null : new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 300))).toISOString(),
      }),
    );
  }
  for (let k = 0; k < shared; k++) {
    const twin = rows[Math.floor(next() * count)]!;
    rows.push(row({ ...twin, rtp_aid: aid(900_000 + k), rtp_account_score: Math.floor(next() * 100) }));
  }
  // API order is rtp_aid order
  return rows.sort((a, b) => (a.rtp_aid < b.rtp_aid ? -1 : 1));
}

/** Write `rows` as a full sync into an empty cache does: one bulk block per page of 100. */
async function bulk(store: AccountStore, rows: ApiAccountRow[]) {
  for (let i = 0; i < rows.length; i += 100) await store.putAccounts(rows.slice(i, i + 100), 1, undefined, { assumeNew: true });
}

/** A fresh cache of `rows` written as a full sync writes them, with its search pages built. */
async function builtCache(rows: ApiAccountRow[]) {
  const store = await freshStore();
  await bulk(store, rows);
  await store.buildSearchPages();
  return store;
}

/** Every query a rep may type on the way to these accounts: 1–4 character prefixes of names and domains, whole names, two words. */
function queries(rows: ApiAccountRow[]): string[] {
  const out = new Set<string>();
  for (const r of rows.slice(0, 60)) {
    for (let k = 1; k <= 4; k++) {
      out.add(r.name.slice(0, k));
      out.add(r.domain.slice(0, k));
    }
    out.add(r.name);
    out.add(r.domain);
    out.add(r.name.split(' ').slice(1).join(' '));
  }
  out.add('acme ro');
  out.add('zzz');
  return [...out].filter((q) => q.trim());
}

const answer = async (store: AccountStore, q: string, limit = 8) =>
  (await store.search(q, limit)).map((h) => `${h.rtpAid} ${h.row.name} ${h.domain} ${h.row.rtp_account_score} ${h.row.rtp_journey_stage} ${h.updatedAt ?? '-'}`);

describe('type-ahead from search pages', () => {
  it('answers every query as the blocks do (unique names and domains, 1,200 accounts in 12 blocks)', async () => {
    const rows = world(1200, 7);
    const [blocks, pages] = [await freshStore(), await freshStore()];
    await bulk(blocks, rows);
    await bulk(pages, rows);
    expect(await pages.buildSearchPages()).toBe(true);
    // 1,200 live entries with a key of each kind, 100 a page
    expect(await pages.db.count('searchPages')).toBe(24);
    const qs = queries(rows);
    expect(qs.length).toBeGreaterThan(300);
    let nonEmpty = 0;
    for (const q of qs) {
      for (const limit of [8, 30]) {
        const want = await answer(blocks, q, limit);
        expect(await answer(pages, q, limit), `${q} (limit ${limit})`).toEqual(want);
        if (want.length) nonEmpty++;
      }
    }
    // the comparison is not vacuous: most queries have hits
    expect(nonEmpty).toBeGreaterThan(qs.length);
  });

  it('reads one or two pages per name or domain part, never a BlockHits record, for a prefix spread over every block', async () => {
    const rows = world(1200, 11);
    const store = await builtCache(rows);
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    try {
      // "a" starts hundreds of names and domains in all 12 blocks
      const hits = await store.search('a', 8);
      expect(hits).toHaveLength(8);
      const stores = (spy: { mock: { contexts: unknown[] } }) => (spy.mock.contexts as IDBObjectStore[]).map((s) => s.name);
      expect(stores(getAll)).toEqual(['searchPages', 'searchPages']);
      expect(stores(get)).toEqual([]);
    } finally {
      getAll.mockRestore();
      get.mockRestore();
    }
  });

  it('a window that runs past two pages reads on, and an exact domain shared by 150 accounts answers all of them', async () => {
    // 150 accounts named "Twin Co N" on one domain, 150 others: the exact-domain tier spans pages
    const rows = [
      ...Array.from({ length: 150 }, (_, i) => row({ rtp_aid: aid(i + 1), name: `Twin Co ${i}`, domain: 'twin.com', rtp_account_score: i % 100 })),
      ...Array.from({ length: 150 }, (_, i) => row({ rtp_aid: aid(500 + i), name: `Other ${i}`, domain: `other${i}.com` })),
    ];
    const [blocks, pages] = [await freshStore(), await freshStore()];
    await bulk(blocks, rows);
    await bulk(pages, rows);
    await pages.buildSearchPages();
    for (const [q, limit] of [['twin.com', 200], ['twin', 200], ['twin co 1', 40], ['other1', 8]] as const) {
      expect(await answer(pages, q, limit), q).toEqual(await answer(blocks, q, limit));
    }
    expect(await pages.search('twin.com', 200)).toHaveLength(150);
  });

  it('a delta lists the copies it supersedes in searchGone, search skips them there, and so does the next worker', async () => {
    const rows = world(400, 3);
    const store = await builtCache(rows);
    const pagesBefore = await store.db.getAll('searchPages');
    const [renamed, rescored] = [rows[10]!, rows[250]!];
    const check = async (s: AccountStore) => {
      // the old name and domain no longer find the renamed account; the new ones do, once
      expect((await s.search(renamed.name, 8)).map((h) => h.rtpAid)).not.toContain(renamed.rtp_aid);
      expect((await s.search(renamed.domain, 8)).map((h) => h.rtpAid)).not.toContain(renamed.rtp_aid);
      expect((await s.search('quor', 8)).map((h) => h.rtpAid)).toEqual([renamed.rtp_aid]);
      expect((await s.search('quorum.example', 8)).map((h) => h.rtpAid)).toEqual([renamed.rtp_aid]);
      const again = (await s.search(rescored.name, 8)).filter((h) => h.rtpAid === rescored.rtp_aid);
      expect(again.map((h) => [h.row.rtp_account_score, h.row.rtp_journey_stage])).toEqual([[100, 'Decision']]);
    };
    // a search before the delta has read 'searchGone' into memory: the delta's commit adds to it
    expect(await store.search('quor', 8)).toEqual([]);
    await store.putAccounts(
      [
        { ...renamed, name: 'Quorum Partners', domain: 'quorum.example' },
        { ...rescored, rtp_account_score: 100, rtp_journey_stage: 'Decision' },
      ],
      2,
    );
    await check(store);
    // one record for the transaction; the pages themselves are as built
    expect(await store.db.getAll('searchGone')).toEqual([[renamed.rtp_aid, rescored.rtp_aid]]);
    expect(await store.db.getAll('searchPages')).toEqual(pagesBefore);
    // a restarted worker (a new store on the same database) reads them back
    await check(createAccountStore(store.db));
    expect(await store.recount()).toBe(400);
  });

  it('a run that ends with many superseded entries builds the pages again; a few do not', async () => {
    const rows = world(2000, 21);
    const store = await freshStore();
    await bulk(store, rows);
    expect(await store.ensureSearchPages()).toBe(true);
    const rescore = (from: number, n: number) => rows.slice(from, from + n).map((r) => ({ ...r, rtp_account_score: 99 }));
    // 2,000 accounts: up to max(500, 10%) superseded entries are kept in searchGone
    for (let i = 0; i < 400; i += 100) await store.putAccounts(rescore(i, 100), 2);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      expect(await store.ensureSearchPages()).toBe(true);
      expect(put.mock.contexts.filter((s) => (s as IDBObjectStore).name === 'searchPages')).toEqual([]);
    } finally {
      put.mockRestore();
    }
    expect((await store.db.getAll('searchGone')).flat()).toHaveLength(400);
    for (let i = 400; i < 600; i += 100) await store.putAccounts(rescore(i, 100), 3);
    expect(await store.ensureSearchPages()).toBe(true);
    // built again from the BlockHits, which no longer hold those 600: nothing left to skip
    expect(await store.db.count('searchGone')).toBe(0);
    const listed = new Set(((await store.db.getAll('searchPages')) as SearchPage[]).flatMap((p) => p.aids));
    expect(listed.size).toBe(1400);
    expect(rows.slice(0, 600).some((r) => listed.has(r.rtp_aid))).toBe(false);
    // and search answers the same as before, own rows included
    const first = rows[5]!;
    const hit = (await store.search(first.name, 8)).filter((h) => h.rtpAid === first.rtp_aid);
    expect(hit.map((h) => h.row.rtp_account_score)).toEqual([99]);
  });

  it('a bulk write after the build sends search back to the blocks until the next build', async () => {
    const store = await freshStore();
    await bulk(store, world(200, 5));
    expect(await store.ensureSearchPages()).toBe(true);
    await store.putAccounts([row({ rtp_aid: aid(999_999), name: 'Late Arrival', domain: 'late.example' })], 2, undefined, { assumeNew: true });
    expect((await store.db.get('meta', SEARCH_PAGES_READY))).toBeUndefined();
    expect((await store.search('late', 8)).map((h) => h.domain)).toEqual(['late.example']);
    expect(await store.ensureSearchPages()).toBe(true);
    expect((await store.search('late', 8)).map((h) => h.domain)).toEqual(['late.example']);
    expect((await store.db.get('meta', SEARCH_PAGES_READY))?.value).toBe(true);
  });

  it('a write during the build makes it start again: the pages never miss it', async () => {
    const rows = world(300, 9);
    const store = await freshStore();
    await bulk(store, rows);
    const target = rows[42]!;
    const build = store.buildSearchPages();
    await store.putAccounts([{ ...target, name: 'Renamed During Build', domain: 'renamed.example' }], 2);
    expect(await build).toBe(true);
    expect((await store.search(target.name, 8)).map((h) => h.rtpAid)).not.toContain(target.rtp_aid);
    expect((await store.search('renamed during', 8)).map((h) => h.rtpAid)).toEqual([target.rtp_aid]);
    const pages = (await store.db.getAll('searchPages')) as SearchPage[];
    expect(pages.flatMap((p) => p.aids).filter((a) => a === target.rtp_aid)).toEqual([]);
  });

  it('a build that starts while a delta write is in flight waits for it: its superseded copy is not in the pages', async () => {
    const rows = world(300, 13);
    const store = await freshStore();
    await bulk(store, rows);
    const target = rows[77]!;
    const write = store.putAccounts([{ ...target, name: 'Moved Before Build', domain: 'moved.example' }], 2);
    const build = store.buildSearchPages();
    await write;
    expect(await build).toBe(true);
    const pages = (await store.db.getAll('searchPages')) as SearchPage[];
    expect(pages.flatMap((p) => p.aids).filter((a) => a === target.rtp_aid)).toEqual([]);
    expect((await store.search(target.name, 8)).map((h) => h.rtpAid)).not.toContain(target.rtp_aid);
    expect((await store.search('moved before', 8)).map((h) => h.rtpAid)).toEqual([target.rtp_aid]);
  });

  it('a delta write that starts while the built pages are being written keeps them up to date', async () => {
    const rows = world(300, 17);
    const store = await freshStore();
    await bulk(store, rows);
    // search has already seen "no pages" (the worker's memory says so until the build is written)
    expect(await store.search('a', 8)).toHaveLength(8);
    const target = rows[123]!;
    let write: Promise<unknown> | undefined;
    const open = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, names, mode, options) {
      const tx = open.call(this, names, mode, options);
      // the build's write transaction was just created: the delta comes now, before it commits
      if (!write && mode === 'readwrite' && [names].flat().join() === 'searchPages,searchGone,meta') {
        write = store.putAccounts([{ ...target, name: 'Moved While Writing', domain: 'moved-while.example' }], 2);
      }
      return tx;
    });
    try {
      expect(await store.buildSearchPages()).toBe(true);
      expect(write).toBeDefined();
      await write;
    } finally {
      spy.mockRestore();
    }
    // the delta came after the pages: it listed its copy as superseded, and search skips it
    expect((await store.db.getAll('searchGone')).flat()).toEqual([target.rtp_aid]);
    expect((await store.search('moved while', 8)).map((h) => h.rtpAid)).toEqual([target.rtp_aid]);
    expect((await store.search(target.name, 8)).map((h) => h.rtpAid)).not.toContain(target.rtp_aid);
  });

  it('a build that cannot be written changes nothing: the old pages, their list and the marker stay, and so does upkeep', async () => {
    const rows = world(2000, 23);
    const store = await builtCache(rows);
    const before = await store.db.getAll('searchPages');
    for (let i = 0; i < 600; i += 100) await store.putAccounts(rows.slice(i, i + 100).map((r) => ({ ...r, rtp_account_score: 99 })), 2);
    const put = IDBObjectStore.prototype.put;
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'searchPages') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    try {
      // 600 superseded of 2,000: the end of a run would build again, and the disk is full
      await expect(store.ensureSearchPages()).rejects.toThrow(/quota/);
    } finally {
      full.mockRestore();
    }
    expect(await store.db.getAll('searchPages')).toEqual(before);
    expect((await store.db.getAll('searchGone')).flat()).toHaveLength(600);
    expect((await store.db.get('meta', SEARCH_PAGES_READY))?.value).toBe(true);
    // the next delta still lists what it supersedes, and search answers from the new rows
    await store.putAccounts([{ ...rows[700]!, name: 'After The Failed Build', domain: 'after.example' }], 3);
    expect((await store.db.getAll('searchGone')).flat()).toHaveLength(601);
    expect((await store.search(rows[700]!.name, 8)).map((h) => h.rtpAid)).not.toContain(rows[700]!.rtp_aid);
    const first = (await store.search(rows[5]!.name, 8)).filter((h) => h.rtpAid === rows[5]!.rtp_aid);
    expect(first.map((h) => h.row.rtp_account_score)).toEqual([99]);
  });

  it('builds nothing for a cache without blocks, keeps its work once built, and clear() drops the pages', async () => {
    const store = await freshStore();
    await store.putAccounts([row({ rtp_aid: aid(1), name: 'Solo Ltd', domain: 'solo.example' })], 1);
    expect(await store.ensureSearchPages()).toBe(false);
    expect(await store.db.count('searchPages')).toBe(0);
    expect((await store.search('solo', 8)).map((h) => h.rtpAid)).toEqual([aid(1)]);
    await bulk(store, world(150, 4));
    expect(await store.ensureSearchPages()).toBe(true);
    const built = await store.db.count('searchPages');
    expect(built).toBe(4);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    try {
      expect(await store.ensureSearchPages()).toBe(true);
      expect(put).not.toHaveBeenCalled();
    } finally {
      put.mockRestore();
    }
    // the own row is answered beside the pages' entries
    expect((await store.search('solo', 8)).map((h) => h.rtpAid)).toEqual([aid(1)]);
    await store.clear();
    expect([await store.db.count('searchPages'), await store.db.get('meta', SEARCH_PAGES_READY)]).toEqual([0, undefined]);
    expect(await store.search('solo', 8)).toEqual([]);
  });

  it('sorts entries by key then rtp_aid, leaves out blanked entries and empty keys, and pages them', () => {
    const hits = {
      id: 'b',
      fetchedAt: 1,
      aids: ['c', 'a', '', 'b', 'd'],
      nameKeys: ['beta', 'beta', 'alpha', 'alpha', ''],
      names: ['Beta', 'Beta', 'Alpha', 'Alpha', '—'],
      domains: ['b.com', '', 'a.com', 'a.com', 'd.com'],
      scores: [1, 2, 3, 4, 5],
      stages: ['s', 's', 's', 's', 's'],
      updatedAts: ['', '', '', '', ''],
    };
    const byName = [...toSearchPages([hits], 'n')];
    expect(byName.map((p) => [p.kind, p.last, p.n, p.aids])).toEqual([['n', 'beta', 0, ['b', 'a', 'c']]]);
    const byDomain = [...toSearchPages([hits], 'd')];
    expect(byDomain.map((p) => [p.last, p.aids, p.scores])).toEqual([['d.com', ['b', 'c', 'd'], [4, 1, 5]]]);
    const many = { ...hits, aids: [] as string[], nameKeys: [] as string[], names: [] as string[], domains: [] as string[], scores: [] as number[], stages: [] as string[], updatedAts: [] as string[] };
    for (let i = 0; i < SEARCH_PAGE_SIZE + 1; i++) {
      many.aids.push(`x${i}`);
      many.nameKeys.push('same');
      many.names.push('Same');
      many.domains.push('same.com');
      many.scores.push(i);
      many.stages.push('s');
      many.updatedAts.push('');
    }
    expect([...toSearchPages([many], 'n')].map((p) => [p.last, p.n, p.aids.length])).toEqual([
      ['same', 0, SEARCH_PAGE_SIZE],
      ['same', 1, 1],
    ]);
  });
});
