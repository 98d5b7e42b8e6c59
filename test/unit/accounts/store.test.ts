import { describe, expect, it, vi } from 'vitest';
import type { ApiAccountRow } from '../../../utils/accounts/db';
import { HISTORY_CAP, leadingUnfiltered, searchTiers, tiersReadNow, type AccountStore } from '../../../utils/accounts/store';
import { aid, freshStore, row } from './helpers';

// every read must give the same answers whether rows came one record per account or in bulk blocks
describe.each([
  ['one record per account', false, false],
  ['bulk-ingest blocks', true, false],
  ['bulk-ingest blocks and their search pages', true, true],
])('account store reads (%s)', (_label, assumeNew, pages) => {
  const put = async (store: AccountStore, rows: ApiAccountRow[], at: number) => {
    await store.putAccounts(rows, at, undefined, { assumeNew });
    // a bulk write leaves the pages behind the blocks: built again, as the end of a sync does
    if (pages) expect(await store.buildSearchPages()).toBe(true);
  };

  it('picks a deterministic winner among rows sharing a domain and keeps the others as alternates', async () => {
    const store = await freshStore();
    await put(
      store,
      [
        row({ rtp_aid: aid(3), name: 'Acme old', rtp_account_score: 80, rtp_last_account_date: '2026-01-01T00:00:00Z' }),
        row({ rtp_aid: aid(2), name: 'Acme new', rtp_account_score: 80, rtp_last_account_date: '2026-05-01T00:00:00Z' }),
        row({ rtp_aid: aid(1), name: 'Acme low', rtp_account_score: 10 }),
        row({ rtp_aid: aid(4), name: 'Acme twin', rtp_account_score: 80, rtp_last_account_date: '2026-05-01T00:00:00Z' }),
      ],
      Date.now(),
    );
    const match = await store.getByDomain('https://www.AcmeRobotics.com/about');
    expect(match?.winner.row.name).toBe('Acme new');
    expect(match?.alternates.map((a) => a.row.name)).toEqual(['Acme twin', 'Acme old', 'Acme low']);
  });

  it('answers a domain asked again from memory until the next write, then reads it afresh', async () => {
    const store = await freshStore();
    await put(store, [row({ rtp_aid: aid(1), domain: 'acme.com', rtp_account_score: 40 }), row({ rtp_aid: aid(2), domain: 'globex.com' })], 1);
    expect((await store.getByDomain('acme.com'))?.winner.rtpAid).toBe(aid(1));
    expect(await store.getByDomain('initech.com')).toBeNull();
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    try {
      expect((await store.getByDomain('https://www.acme.com/'))?.winner.row.rtp_account_score).toBe(40);
      expect(await store.getByDomain('initech.com')).toBeNull();
      expect(getAll).not.toHaveBeenCalled();
      // a write (another account, a later sync page) ends every remembered answer
      await store.putAccounts([row({ rtp_aid: aid(3), domain: 'acme.com', rtp_account_score: 90 }), row({ rtp_aid: aid(4), domain: 'initech.com' })], 2);
      const again = await store.getByDomain('acme.com');
      expect(again?.winner.rtpAid).toBe(aid(3));
      expect(again?.alternates.map((a) => a.rtpAid)).toEqual([aid(1)]);
      expect((await store.getByDomain('initech.com'))?.winner.rtpAid).toBe(aid(4));
      expect(getAll).toHaveBeenCalled();
      await store.clear();
      expect(await store.getByDomain('acme.com')).toBeNull();
    } finally {
      getAll.mockRestore();
    }
  });

  it('ranks search results: exact domain > domain prefix > name prefix > word prefix', async () => {
    const store = await freshStore();
    await put(
      store,
      [
        row({ rtp_aid: aid(1), name: 'Zeta Holdings', domain: 'acme.com', rtp_account_score: 1 }),
        row({ rtp_aid: aid(2), name: 'Yotta', domain: 'acme.co.uk', rtp_account_score: 99 }),
        row({ rtp_aid: aid(3), name: 'Acme Robotics Inc.', domain: 'robots.io', rtp_account_score: 50 }),
        row({ rtp_aid: aid(4), name: 'Road Runner Acme', domain: 'roadrunner.com', rtp_account_score: 90 }),
        row({ rtp_aid: aid(5), name: 'Unrelated', domain: 'other.com' }),
      ],
      1,
    );
    const names = (await store.search('acme.com', 10)).map((a) => a.row.name);
    expect(names[0]).toBe('Zeta Holdings');
    const acme = (await store.search('Acme', 10)).map((a) => a.row.name);
    expect(acme).toEqual(['Yotta', 'Zeta Holdings', 'Acme Robotics Inc.', 'Road Runner Acme']);
    expect((await store.search('road run', 10)).map((a) => a.rtpAid)).toEqual([aid(4)]);
    expect(await store.search('acme', 2)).toHaveLength(2);
    expect(await store.search('   ', 5)).toEqual([]);
  });

  it('reads the word indexes only when the domain and name tiers cannot fill the answer, or dedupe left it short', async () => {
    const store = await freshStore();
    await put(
      store,
      [
        // each is both a domain-prefix and a name-prefix match of "acme": counted twice, answered once
        row({ rtp_aid: aid(1), name: 'Acme One', domain: 'acme-one.com', rtp_account_score: 30 }),
        row({ rtp_aid: aid(2), name: 'Acme Two', domain: 'acme-two.com', rtp_account_score: 20 }),
        row({ rtp_aid: aid(3), name: 'Road Acme', domain: 'road.com', rtp_account_score: 99 }),
        row({ rtp_aid: aid(4), name: 'Acme Three', domain: 'three.com', rtp_account_score: 10 }),
      ],
      1,
    );
    const indexReads = (spy: { mock: { contexts: unknown[] } }) => (spy.mock.contexts as IDBIndex[]).map((ix) => ix.name);
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    const getAllKeys = vi.spyOn(IDBIndex.prototype, 'getAllKeys');
    try {
      // the name tier alone fills an answer of 3: no word index is read
      expect((await store.search('acme', 3)).map((a) => a.rtpAid)).toEqual([aid(1), aid(2), aid(4)]);
      expect([...indexReads(getAll), ...indexReads(getAllKeys)]).not.toContain('words');
      getAll.mockClear();
      getAllKeys.mockClear();
      // 5 entries could fill 4, but they are 3 accounts: the word tier is read after all, and adds Road Acme
      expect((await store.search('acme', 4)).map((a) => a.rtpAid)).toEqual([aid(1), aid(2), aid(4), aid(3)]);
      expect([...indexReads(getAll), ...indexReads(getAllKeys)]).toContain('words');
      getAll.mockClear();
      getAllKeys.mockClear();
      // a cached dotless "domain" (bad data) is still found by the prefix tier
      await put(store, [row({ rtp_aid: aid(5), name: 'Zed', domain: 'acmeish', rtp_account_score: 1 })], 2);
      expect((await store.search('acmeish', 5)).map((a) => a.rtpAid)).toEqual([aid(5)]);
      getAll.mockClear();
      getAllKeys.mockClear();
      // a multi-word query reads no domain index (a domain has no whitespace)
      expect((await store.search('road ac', 5)).map((a) => a.rtpAid)).toEqual([aid(3)]);
      expect([...indexReads(getAll), ...indexReads(getAllKeys)].filter((n) => n === 'domain' || n === 'domains')).toEqual([]);
    } finally {
      getAll.mockRestore();
      getAllKeys.mockRestore();
    }
  });

  it('finds every word of a name by prefix, the first word included, in any query order', async () => {
    const store = await freshStore();
    await put(
      store,
      [
        row({ rtp_aid: aid(1), name: 'Acme Space Labs', domain: 'acmespace.com' }),
        row({ rtp_aid: aid(2), name: 'Initech', domain: 'initech.com' }),
        row({ rtp_aid: aid(3), name: 'Labs of Acme', domain: 'labsofacme.com' }),
      ],
      1,
    );
    // the first name word is left out of the 'words' index (nameKey covers it)
    expect((await store.getById(aid(1)))?.words).toEqual(['space', 'labs']);
    const ids = async (q: string) => (await store.search(q, 10)).map((a) => a.rtpAid).sort();
    expect(await ids('acme labs')).toEqual([aid(1), aid(3)]);
    expect(await ids('labs acm')).toEqual([aid(1), aid(3)]);
    expect(await ids('spac acme')).toEqual([aid(1)]);
    expect(await ids('init')).toEqual([aid(2)]);
    expect(await ids('acme')).toEqual([aid(1), aid(3)]);
    expect(await ids('acme initech')).toEqual([]);
  });

  it('finds accounts by normalised name and by LinkedIn slug carried in a custom field', async () => {
    const store = await freshStore();
    await put(
      store,
      [row({ rtp_aid: aid(1), name: 'Globex Analytics, LLC', customFields: { LI_C: 'https://www.linkedin.com/company/globex-co/' } })],
      1,
    );
    expect((await store.getByName('globex analytics'))?.winner.rtpAid).toBe(aid(1));
    expect((await store.getByLinkedinSlug('Globex-Co'))?.winner.rtpAid).toBe(aid(1));
    expect(await store.getByName('globex')).toBeNull();
  });
});

describe('account store', () => {
  it('appends history only when score or stage changes, capped per account', async () => {
    const store = await freshStore();
    const id = aid(7);
    await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 10 })], 1);
    await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 10 })], 2);
    expect((await store.getById(id))?.history).toHaveLength(1);
    await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 10, rtp_journey_stage: 'Consideration' })], 3);
    expect((await store.getById(id))?.history.map((h) => h.stage)).toEqual(['Aware', 'Consideration']);
    for (let s = 11; s < 11 + HISTORY_CAP + 5; s++) await store.putAccounts([row({ rtp_aid: id, rtp_account_score: s })], s);
    const history = (await store.getById(id))?.history ?? [];
    expect(history).toHaveLength(HISTORY_CAP);
    expect(history.at(-1)?.score).toBe(10 + HISTORY_CAP + 5);
  });

  it('stores last-seen snapshots, metadata and negative entries, and clears them all', async () => {
    const store = await freshStore();
    await store.putAccounts([row({ rtp_aid: aid(1) })], 1);
    await store.putLastSeen({ rtpAid: aid(1), seenAt: '2026-06-02T00:00:00Z', score: 40, stage: 'Aware' });
    await store.putMeta('stages', ['A', 'B'], 5);
    await store.putNegative(['nobody.example'], 9);
    expect((await store.getLastSeen(aid(1)))?.score).toBe(40);
    // never seen: answered from the ids read once; seen afterwards: read
    expect(await store.getLastSeen(aid(2))).toBeUndefined();
    await store.putLastSeen({ rtpAid: aid(2), seenAt: '2026-06-03T00:00:00Z', score: 41, stage: 'Aware' });
    expect((await store.getLastSeen(aid(2)))?.score).toBe(41);
    expect(await store.getMeta('stages')).toEqual({ value: ['A', 'B'], fetchedAt: 5 });
    expect(await store.getNegative('nobody.example')).toBe(9);
    await store.clear();
    expect(await store.count()).toBe(0);
    expect(await store.getLastSeen(aid(1))).toBeUndefined();
    expect(await store.getLastSeen(aid(2))).toBeUndefined();
    await store.putLastSeen({ rtpAid: aid(1), seenAt: '2026-06-04T00:00:00Z', score: 42, stage: 'Aware' });
    expect((await store.getLastSeen(aid(1)))?.score).toBe(42);
    expect(await store.getNegative('nobody.example')).toBeUndefined();
  });

  it('keeps count() equal to the rows really stored through inserts, updates, duplicates and clear', async () => {
    const store = await freshStore();
    const real = () => store.db.count('accounts');
    expect(await store.count()).toBe(0);
    await store.putAccounts([row({ rtp_aid: aid(1) }), row({ rtp_aid: aid(2) }), row({ rtp_aid: aid(2) })], 1);
    expect(await store.count()).toBe(2);
    // updates of cached rows (a delta sync, a lookup refresh) add nothing; new rows do
    await store.putAccounts([row({ rtp_aid: aid(2), rtp_account_score: 90 }), row({ rtp_aid: aid(3) })], 2);
    expect(await store.count()).toBe(3);
    expect(await real()).toBe(3);
    await store.clear();
    expect(await store.count()).toBe(0);
    await store.putAccounts([row({ rtp_aid: aid(4) })], 3);
    expect([await store.count(), await real()]).toEqual([1, 1]);
  });

  it('assumeNew writes skip history reads; recount() corrects a row a lookup wrote meanwhile', async () => {
    const store = await freshStore();
    await store.putAccounts([row({ rtp_aid: aid(1) }), row({ rtp_aid: aid(2) })], 1, undefined, { assumeNew: true });
    expect(await store.count()).toBe(2);
    // a lookup cached aid(3) before the full sync reached it
    await store.putAccounts([row({ rtp_aid: aid(3) })], 2);
    await store.putAccounts([row({ rtp_aid: aid(3) })], 3, undefined, { assumeNew: true });
    expect(await store.recount()).toBe(3);
    expect(await store.count()).toBe(3);
    expect((await store.getById(aid(3)))?.fetchedAt).toBe(3);
  });

  it('writes a page and its checkpoint all or nothing: a row that cannot be stored keeps both out', async () => {
    const store = await freshStore();
    const cp = { completedSyncTimestamp: null, inProgress: null, backoffAttempt: 0, backoffUntil: 7 };
    // a function cannot be structured-cloned (IndexedDB refuses the row: DataCloneError), and a
    // BigInt cannot be written as JSON (a bulk block holds its accounts as JSON)
    const bad = row({ rtp_aid: aid(2), customFields: { broken: () => 1, big: 1n } });
    for (const assumeNew of [true, false]) {
      await expect(store.putAccounts([row({ rtp_aid: aid(1) }), bad], 1, cp, { assumeNew })).rejects.toThrow();
      expect([await store.db.count('accounts'), await store.db.count('blocks'), await store.db.count('blockHits')]).toEqual([0, 0, 0]);
      expect(await store.getCheckpoint()).toBeUndefined();
    }
    expect(await store.recount()).toBe(0);
    await store.putAccounts([row({ rtp_aid: aid(1) })], 2, cp);
    expect([await store.count(), (await store.getCheckpoint())?.backoffUntil]).toEqual([1, 7]);
  });

  it('answers metadata from memory after the first read and never serves it past a write or clear', async () => {
    const store = await freshStore();
    expect(await store.getMeta('stages')).toBeUndefined();
    await store.putMeta('stages', ['A'], 1);
    expect(await store.getMeta('stages')).toEqual({ value: ['A'], fetchedAt: 1 });
    await store.putMeta('stages', ['A', 'B'], 2);
    expect(await store.getMeta('stages')).toEqual({ value: ['A', 'B'], fetchedAt: 2 });
    await store.clear();
    expect(await store.getMeta('stages')).toBeUndefined();
  });

  it('type-ahead loads only the BlockHits of the tiers that can fill the answer, and the next tier when they fall short', async () => {
    const store = await freshStore();
    // page 1: domains zeta-N.com (the domain-prefix tier of "zeta"); page 2: names "Zeta …" (the name tier)
    await store.putAccounts(Array.from({ length: 20 }, (_, i) => row({ rtp_aid: aid(100 + i), domain: `zeta-${i}.com`, name: `Alpha ${i}` })), 1, undefined, { assumeNew: true });
    await store.putAccounts(Array.from({ length: 20 }, (_, i) => row({ rtp_aid: aid(200 + i), domain: `other-${i}.com`, name: `Zeta Corp ${i}` })), 1, undefined, { assumeNew: true });
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    try {
      const hits = await store.search('zeta', 5);
      expect(hits.map((h) => h.domain)).toEqual(['zeta-0.com', 'zeta-1.com', 'zeta-2.com', 'zeta-3.com', 'zeta-4.com']);
      // the domain tier could fill the answer: the name tier's page was never loaded
      expect(gets.mock.contexts.filter((store) => (store as IDBObjectStore).name === 'blockHits')).toHaveLength(1);
      // 15 of the 20 domain-prefix entries are wanted: when the first tiers fall short, the next is read
      const more = await store.search('zeta', 25);
      expect(more).toHaveLength(25);
      expect(more.slice(20).every((h) => h.row.name?.startsWith('Zeta Corp'))).toBe(true);
    } finally {
      gets.mockRestore();
    }
  });

  it('a bulk page is one record; a later write of one of its accounts supersedes the block copy', async () => {
    const store = await freshStore();
    await store.putAccounts(
      [
        row({ rtp_aid: aid(1), name: 'Globex Analytics', domain: 'globex.io', rtp_account_score: 40 }),
        row({ rtp_aid: aid(2), name: 'Initech', domain: 'initech.com', rtp_last_account_date: null }),
      ],
      1,
      undefined,
      { assumeNew: true },
    );
    expect([await store.db.count('blocks'), await store.db.count('accounts'), await store.count()]).toEqual([1, 0, 2]);
    const blockCopies = [await store.getById(aid(1)), await store.getById(aid(2))];
    // a delta renames aid(1), moves it to another domain and rescores it
    await store.putAccounts([row({ rtp_aid: aid(1), name: 'Globex Group', domain: 'globex.com', rtp_account_score: 70 })], 2);
    expect(await store.getByDomain('globex.io')).toBeNull();
    expect(await store.getByName('Globex Analytics')).toBeNull();
    expect((await store.getByDomain('globex.com'))?.winner.row.name).toBe('Globex Group');
    expect((await store.search('globex', 10)).map((a) => a.row.name)).toEqual(['Globex Group']);
    expect((await store.getById(aid(1)))?.history.map((h) => h.score)).toEqual([40, 70]);
    expect((await store.getById(aid(1)))?.history[0]).toEqual(blockCopies[0]?.history[0]);
    expect((await store.getByDomain('initech.com'))?.winner.rtpAid).toBe(aid(2));
    // counted once: from the running figure and from the indexes alike, and after another write
    expect(await store.count()).toBe(2);
    expect(await store.recount()).toBe(2);
    await store.putAccounts([row({ rtp_aid: aid(1), name: 'Globex Group', domain: 'globex.com', rtp_account_score: 71 })], 3);
    expect(await store.recount()).toBe(2);
    expect((await store.getById(aid(1)))?.history.map((h) => h.score)).toEqual([40, 70, 71]);
    // a block row without a last-update date: its snapshot was stamped with the page's arrival
    await store.putAccounts([row({ rtp_aid: aid(2), name: 'Initech', domain: 'initech.com', rtp_account_score: 5 })], 4);
    expect((await store.getById(aid(2)))?.history).toEqual([blockCopies[1]!.history[0], expect.objectContaining({ score: 5 })]);
    // a page that repeats a block account: both copies carry the block's history, the last wins
    await store.putAccounts([row({ rtp_aid: aid(3), name: 'Hooli' })], 5, undefined, { assumeNew: true });
    await store.putAccounts([row({ rtp_aid: aid(3), name: 'Hooli', rtp_account_score: 60 }), row({ rtp_aid: aid(3), name: 'Hooli', rtp_account_score: 70 })], 6);
    expect((await store.getById(aid(3)))?.history.map((h) => h.score)).toEqual([50, 70]);
    expect(await store.recount()).toBe(3);
    await store.clear();
    expect([await store.db.count('blocks'), await store.recount(), await store.getById(aid(2))]).toEqual([0, 0, undefined]);
  });

  it('type-ahead leaves out block entries that own rows replaced; a block with none left is deleted', async () => {
    const store = await freshStore();
    const names = ['Acme One', 'Acme Two', 'Acme Three'];
    await store.putAccounts(
      names.map((name, i) => row({ rtp_aid: aid(i + 1), name, domain: `acme-${i + 1}.com` })),
      1,
      undefined,
      { assumeNew: true },
    );
    expect((await store.search('acme', 10)).map((a) => a.row.name).sort()).toEqual(['Acme One', 'Acme Three', 'Acme Two']);
    // one delta page renames two accounts of the same block
    await store.putAccounts(
      [row({ rtp_aid: aid(1), name: 'Zenith One', domain: 'zenith-1.com' }), row({ rtp_aid: aid(2), name: 'Zenith Two', domain: 'zenith-2.com' })],
      2,
    );
    expect((await store.search('acme', 10)).map((a) => a.row.name)).toEqual(['Acme Three']);
    expect((await store.search('acme-', 10)).map((a) => a.domain)).toEqual(['acme-3.com']);
    expect((await store.search('one', 10)).map((a) => a.row.name)).toEqual(['Zenith One']);
    expect((await store.search('zenith', 10)).map((a) => a.rtpAid).sort()).toEqual([aid(1), aid(2)]);
    expect(await store.recount()).toBe(3);
    // once every account of the block has its own row, the block and its hits are deleted
    await store.putAccounts([row({ rtp_aid: aid(3), name: 'Zenith Three', domain: 'zenith-3.com', rtp_account_score: 9 })], 3);
    expect([await store.db.count('blocks'), await store.db.count('blockHits'), await store.db.count('accounts')]).toEqual([0, 0, 3]);
    expect([await store.count(), await store.recount()]).toEqual([3, 3]);
    expect(await store.search('acme', 10)).toEqual([]);
    expect((await store.getById(aid(3)))?.history.map((h) => h.score)).toEqual([50, 9]);
  });

  it('"Hot accounts": the top scores from own rows and bulk pages, superseded block copies left out', async () => {
    const store = await freshStore();
    const page = (from: number, scores: number[]) => scores.map((sc, i) => row({ rtp_aid: aid(from + i), name: `Co ${from + i}`, domain: `co${from + i}.com`, rtp_account_score: sc }));
    await store.putAccounts(page(100, [95, 40, 71]), 1, undefined, { assumeNew: true });
    await store.putAccounts(page(200, [88, 69, 99]), 1, undefined, { assumeNew: true });
    // a delta sync moves 99 down to 20 (its own row now; the block copy is superseded) and adds an own row at 90
    await store.putAccounts([...page(202, [20]), ...page(300, [90])], 2);
    const top = await store.topScored(3, 70);
    expect(top.map((a) => [a.rtpAid, a.row.rtp_account_score])).toEqual([[aid(100), 95], [aid(300), 90], [aid(200), 88]]);
    expect((await store.topScored(10, 70)).map((a) => a.row.rtp_account_score)).toEqual([95, 90, 88, 71]);
    expect(await store.topScored(5, 96)).toEqual([]);
  });

  it('"Hot accounts" walks the score indexes from the top and stops: it never reads every page', async () => {
    const store = await freshStore();
    // 40 pages of 100; page p scores all 55 + p, so only the last page holds the top five
    for (let p = 0; p < 40; p++) {
      const rows = Array.from({ length: 100 }, (_, i) => row({ rtp_aid: aid(p * 1000 + i), domain: `p${p}-${i}.com`, rtp_account_score: 55 + p }));
      await store.putAccounts(rows, 1, undefined, { assumeNew: true });
    }
    const steps = vi.spyOn(IDBCursor.prototype, 'continue');
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    try {
      const top = await store.topScored(5, 70);
      expect(top.map((a) => a.row.rtp_account_score)).toEqual([94, 94, 94, 94, 94]);
      // the best page, then one step to see the next page cannot beat it
      expect(steps.mock.calls.length).toBeLessThanOrEqual(2);
      expect(getAll).not.toHaveBeenCalled();
    } finally {
      steps.mockRestore();
      getAll.mockRestore();
    }
  });
});

describe('the type-ahead plan (searchTiers, tiersReadNow; the search and its benchmark floor share it)', () => {
  it('ranks exact domain, domain prefix, name prefix, then word prefix, each prefix range 3 × limit deep', () => {
    const byDomain = searchTiers('Acme.com', 8)!;
    expect(byDomain.map((t) => t.parts.map((p) => `${p.index}:${p.key}:${p.prefix ? 'prefix' : 'exact'}:${p.count ?? ''}`))).toEqual([
      ['domain:acme.com:exact:'],
      ['domain:acme.com:prefix:24'],
      ['nameKey:acme com:prefix:24'],
      ['words:acme:prefix:24', 'nameKey:acme:prefix:24'],
    ]);
    expect(byDomain.map((t) => !!t.filter)).toEqual([false, false, false, true]);
    const byName = searchTiers('acme robo', 8)!;
    // whitespace: not a domain, so no domain tier reads anything
    expect(byName.slice(0, 2).map((t) => t.parts)).toEqual([[], []]);
    expect(byName[2]!.parts).toEqual([{ index: 'nameKey', key: 'acme robo', prefix: true, count: 24 }]);
    // a dotless word is not typed as a domain: no exact-domain read, the prefix tier stays
    expect(searchTiers('acme', 8)!.slice(0, 2).map((t) => t.parts.map((p) => `${p.index}:${p.prefix}`))).toEqual([[], ['domain:true']]);
    // a pasted address keeps its domain: only what normalises to the domain is tested for whitespace
    expect(searchTiers('https://www.acme.com/about us', 8)![0]!.parts).toEqual([{ index: 'domain', key: 'acme.com', prefix: false }]);
    expect(byName[3]!.filter!({ rtpAid: 'x', domain: 'a.com', nameKey: 'acme robotics', row: { name: 'Acme Robotics', rtp_account_score: 1, rtp_journey_stage: '' } })).toBe(true);
    expect(byName[3]!.filter!({ rtpAid: 'x', domain: 'a.com', nameKey: 'acme foods', row: { name: 'Acme Foods', rtp_account_score: 1, rtp_journey_stage: '' } })).toBe(false);
    expect(searchTiers('   ', 8)).toBeNull();
  });

  it('reads the pages of the tiers, in rank order, whose unfiltered entries can fill the answer; the filtered word tier never counts', () => {
    const tiers = searchTiers('acme.com', 8)!;
    expect(tiersReadNow(tiers, [1, 3, 4, 24], 8)).toBe(3);
    expect(tiersReadNow(tiers, [8, 0, 0, 0], 8)).toBe(1);
    expect(tiersReadNow(tiers, [0, 0, 2, 50], 8)).toBe(4);
    // the word tier's index entries wait until the three tiers before it are known to fall short
    expect(leadingUnfiltered(tiers)).toBe(3);
  });
});
