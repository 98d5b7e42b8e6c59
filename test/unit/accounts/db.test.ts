import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_DB_VERSION, openAccountsDb, type SyncCheckpoint } from '../../../utils/accounts/db';
import { createAccountStore, toStored } from '../../../utils/accounts/store';
import { aid, row } from './helpers';

let seq = 0;
const checkpoint: SyncCheckpoint = {
  completedSyncTimestamp: null,
  inProgress: { mode: 'full', lastSync: null, cursor: 'c-2', runSyncTimestamp: '2026-11-27T08:00:00.000Z', pages: 2, accounts: 2 },
  backoffAttempt: 0,
  backoffUntil: 0,
};

/** A cache written by the version-1 schema (with the 'updatedAt' index), as existing installs have it. */
async function createVersion1(name: string): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(v1) {
      const accounts = v1.createObjectStore('accounts', { keyPath: 'rtpAid' });
      accounts.createIndex('domain', 'domain');
      accounts.createIndex('nameKey', 'nameKey');
      accounts.createIndex('words', 'words', { multiEntry: true });
      accounts.createIndex('updatedAt', 'updatedAt');
      accounts.createIndex('linkedinSlug', 'linkedinSlug');
      for (const [store, keyPath] of [['lastSeen', 'rtpAid'], ['meta', 'key'], ['negative', 'domain'], ['checkpoints', 'key']]) {
        v1.createObjectStore(store!, { keyPath });
      }
    },
  });
  await db.put('accounts', toStored(row({ rtp_aid: aid(1), name: 'Globex Analytics', domain: 'globex.io' }), 1));
  await db.put('checkpoints', { key: 'accounts', ...checkpoint });
  await db.put('meta', { key: 'stages', value: ['Aware'], fetchedAt: 3 });
  db.close();
}

describe('accounts database schema', () => {
  it('creates version 7: no updatedAt index, the blocks and blockHits stores, watched and movers, score indexes, segMoves, search pages', async () => {
    const db = await openAccountsDb(`db-fresh-${seq++}`);
    expect(db.version).toBe(ACCOUNTS_DB_VERSION);
    expect(ACCOUNTS_DB_VERSION).toBe(7);
    expect(db.transaction('searchPages').store.keyPath).toEqual(['kind', 'last', 'n']);
    expect(db.transaction('searchGone').store.autoIncrement).toBe(true);
    expect([...db.transaction('movers').store.indexNames].sort()).toEqual(['at', 'rtpAid']);
    expect([...db.transaction('watched').store.indexNames]).toEqual(['lastSeenAt']);
    expect([...db.transaction('blockHits').store.indexNames]).toEqual(['top']);
    const names = [...db.transaction('accounts').store.indexNames].sort();
    expect(names).toEqual(['domain', 'linkedinSlug', 'nameKey', 'score', 'segMoves', 'words']);
    expect([...db.transaction('blocks').store.indexNames].sort()).toEqual(['aids', 'domains', 'names', 'slugs', 'words']);
    expect(db.objectStoreNames.contains('blockHits')).toBe(true);
    db.close();
  });

  it('upgrades a version-1 cache in place: index dropped, rows, checkpoint and metadata kept', async () => {
    const name = `db-v1-${seq++}`;
    await createVersion1(name);
    const db = await openAccountsDb(name);
    expect(db.version).toBe(ACCOUNTS_DB_VERSION);
    expect([...db.transaction('accounts').store.indexNames]).not.toContain('updatedAt');
    expect(db.objectStoreNames.contains('blocks')).toBe(true);
    expect(db.objectStoreNames.contains('watched') && db.objectStoreNames.contains('movers')).toBe(true);
    const store = createAccountStore(db);
    expect(await store.count()).toBe(1);
    expect((await store.getByDomain('www.globex.io'))?.winner.rtpAid).toBe(aid(1));
    expect((await store.search('globex ana', 5)).map((a) => a.rtpAid)).toEqual([aid(1)]);
    expect(await store.getCheckpoint()).toEqual(checkpoint);
    expect((await store.getMeta('stages'))?.value).toEqual(['Aware']);
    // and the upgraded cache takes new pages (the resumed sync writes into it)
    await store.putAccounts([row({ rtp_aid: aid(2), domain: 'initech.com' })], 5);
    expect(await store.count()).toBe(2);
    db.close();
    // opening again is a no-op upgrade
    const again = await openAccountsDb(name);
    expect(await createAccountStore(again).count()).toBe(2);
    again.close();
  });

  it('upgrades a version-2 cache: rows kept, blocks added, and a bulk page then counts once per account', async () => {
    const name = `db-v2-${seq++}`;
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        const accounts = db.createObjectStore('accounts', { keyPath: 'rtpAid' });
        for (const i of ['domain', 'nameKey', 'linkedinSlug']) accounts.createIndex(i, i);
        accounts.createIndex('words', 'words', { multiEntry: true });
        for (const [store, keyPath] of [['lastSeen', 'rtpAid'], ['meta', 'key'], ['negative', 'domain'], ['checkpoints', 'key']]) {
          db.createObjectStore(store!, { keyPath });
        }
      },
    });
    await v2.put('accounts', toStored(row({ rtp_aid: aid(1), name: 'Globex Analytics', domain: 'globex.io' }), 1));
    v2.close();
    const db = await openAccountsDb(name);
    const store = createAccountStore(db);
    expect(await store.count()).toBe(1);
    expect((await store.getByName('Globex Analytics'))?.winner.rtpAid).toBe(aid(1));
    await store.putAccounts([row({ rtp_aid: aid(2), domain: 'initech.com' })], 2, undefined, { assumeNew: true });
    expect(await store.recount()).toBe(2);
    expect((await store.getByDomain('initech.com'))?.winner.rtpAid).toBe(aid(2));
    db.close();
  });

  it('upgrades a version-4 cache: each bulk page gets its best score, rows get the score index, watched the lastSeenAt index', async () => {
    const name = `db-v4-${seq++}`;
    const v4 = await openDB(name, 4, {
      upgrade(db) {
        const accounts = db.createObjectStore('accounts', { keyPath: 'rtpAid' });
        for (const i of ['domain', 'nameKey', 'linkedinSlug']) accounts.createIndex(i, i);
        accounts.createIndex('words', 'words', { multiEntry: true });
        for (const [store, keyPath] of [['lastSeen', 'rtpAid'], ['meta', 'key'], ['negative', 'domain'], ['checkpoints', 'key'], ['watched', 'rtpAid']]) {
          db.createObjectStore(store!, { keyPath });
        }
        const blocks = db.createObjectStore('blocks', { keyPath: 'id' });
        for (const i of ['aids', 'domains', 'names', 'words', 'slugs']) blocks.createIndex(i, i, { multiEntry: true });
        db.createObjectStore('blockHits', { keyPath: 'id' });
        const movers = db.createObjectStore('movers', { keyPath: 'id', autoIncrement: true });
        movers.createIndex('at', 'at');
        movers.createIndex('rtpAid', 'rtpAid');
      },
    });
    await v4.put('accounts', toStored(row({ rtp_aid: aid(1), name: 'Globex Analytics', domain: 'globex.io', rtp_account_score: 75 }), 1));
    // a version-4 bulk page: no 'top'
    const hits = { id: aid(2), fetchedAt: 1, aids: [aid(2), aid(3)], nameKeys: ['initech', 'hooli'], names: ['Initech', 'Hooli'],
      domains: ['initech.com', 'hooli.xyz'], scores: [91, 12], stages: ['Aware', 'Aware'], updatedAts: ['', ''] };
    await v4.put('blockHits', hits);
    await v4.put('watched', { rtpAid: aid(1), reasons: ['viewed'], watchedAt: '2026-11-01T00:00:00Z', lastSeenAt: '2026-11-02T00:00:00Z', lastUrl: null });
    v4.close();
    const db = await openAccountsDb(name);
    expect((await db.get('blockHits', aid(2)))?.top).toBe(91);
    const store = createAccountStore(db);
    expect((await store.topScored(5, 70)).map((a) => [a.rtpAid, a.row.rtp_account_score])).toEqual([[aid(2), 91], [aid(1), 75]]);
    expect(await db.getAllKeysFromIndex('watched', 'lastSeenAt')).toEqual([aid(1)]);
    db.close();
  });
  it('upgrades a version-4 cache to 7 in place: rows with a score change in a segment get their segMoves keys', async () => {
    const name = `db-v4-${seq++}`;
    const v4 = await openDB(name, 4, {
      upgrade(db) {
        const accounts = db.createObjectStore('accounts', { keyPath: 'rtpAid' });
        for (const i of ['domain', 'nameKey', 'linkedinSlug']) accounts.createIndex(i, i);
        accounts.createIndex('words', 'words', { multiEntry: true });
        for (const [store, keyPath] of [['lastSeen', 'rtpAid'], ['meta', 'key'], ['negative', 'domain'], ['checkpoints', 'key'], ['watched', 'rtpAid']]) {
          db.createObjectStore(store!, { keyPath });
        }
        const blocks = db.createObjectStore('blocks', { keyPath: 'id' });
        for (const i of ['aids', 'domains', 'names', 'words', 'slugs']) blocks.createIndex(i, i, { multiEntry: true });
        db.createObjectStore('blockHits', { keyPath: 'id' });
        const movers = db.createObjectStore('movers', { keyPath: 'id', autoIncrement: true });
        movers.createIndex('at', 'at');
        movers.createIndex('rtpAid', 'rtpAid');
      },
    });
    const seg = [{ segmentId: 'seg-emea', name: 'EMEA' }];
    // as version 4 wrote them: no segMoves field
    const v4Row = (r: ReturnType<typeof row>, history: { at: string; score: number; stage: string }[]) => {
      const { segMoves: _drop, ...rest } = toStored(r, 1);
      return { ...rest, history };
    };
    await v4.put('accounts', v4Row(row({ rtp_aid: aid(1), rtp_account_score: 70, segments: seg }), [
      { at: '2026-11-01T00:00:00.000Z', score: 40, stage: 'Aware' },
      { at: '2026-11-26T00:00:00.000Z', score: 70, stage: 'Aware' },
    ]));
    await v4.put('accounts', v4Row(row({ rtp_aid: aid(2), rtp_account_score: 55, segments: seg }), [{ at: '2026-11-26T00:00:00.000Z', score: 55, stage: 'Aware' }]));
    await v4.put('accounts', v4Row(row({ rtp_aid: aid(3), rtp_account_score: 90 }), [
      { at: '2026-11-01T00:00:00.000Z', score: 10, stage: 'Aware' },
      { at: '2026-11-26T00:00:00.000Z', score: 90, stage: 'Aware' },
    ]));
    v4.close();
    const db = await openAccountsDb(name);
    expect(db.version).toBe(7);
    expect(await db.count('searchPages')).toBe(0);
    expect((await db.get('accounts', aid(1)))?.segMoves).toEqual([['seg-emea', '2026-11-26T00:00:00.000Z']]);
    expect((await db.get('accounts', aid(2)))?.segMoves).toBeUndefined();
    expect(await db.getAllKeysFromIndex('accounts', 'segMoves', IDBKeyRange.bound(['seg-emea', ''], ['seg-emea', '\uffff']))).toEqual([aid(1)]);
    expect(await createAccountStore(db).count()).toBe(3);
    db.close();
  });
});
