import { describe, expect, it } from 'vitest';
import { createWatchStore, VIEW_REFRESH_MS } from '../../../utils/accounts/watch';
import type { AccountsDB } from '../../../utils/accounts/db';
import { aid, freshStore, row } from './helpers';

async function setup(clock = { t: Date.parse('2026-11-27T08:00:00Z') }) {
  const store = await freshStore();
  const watch = createWatchStore(store.db, () => clock.t);
  return { store, watch, clock };
}

describe('watched accounts', () => {
  it('watches on view with the page URL and last-seen time, and merges reasons', async () => {
    const { watch, clock } = await setup();
    await watch.watch(aid(1), 'viewed', 'https://acme.my.salesforce.com/lightning/r/Account/001/view');
    clock.t += 60_000;
    await watch.watch(aid(1), 'pinned');
    await watch.watch(aid(2), 'logged');
    await watch.watch(aid(3), 'added');
    const one = await watch.getWatched(aid(1));
    expect(one).toMatchObject({
      reasons: ['viewed', 'pinned'],
      watchedAt: '2026-11-27T08:00:00.000Z',
      lastSeenAt: '2026-11-27T08:00:00.000Z',
      lastUrl: 'https://acme.my.salesforce.com/lightning/r/Account/001/view',
    });
    expect((await watch.getWatched(aid(2)))?.lastSeenAt).toBeNull();
    expect([...(await watch.watchedIds())].sort()).toEqual([aid(1), aid(2), aid(3)]);
  });

  it('writes a repeated view of the same page at most once a minute, and a view of another page at once', async () => {
    const { watch, clock } = await setup();
    const page = 'https://acme.my.salesforce.com/lightning/r/Account/001/view';
    await watch.watch(aid(1), 'viewed', page);
    clock.t += 30_000;
    await watch.watch(aid(1), 'viewed', page);
    expect((await watch.getWatched(aid(1)))?.lastSeenAt).toBe('2026-11-27T08:00:00.000Z');
    clock.t += VIEW_REFRESH_MS;
    await watch.watch(aid(1), 'viewed', page);
    expect((await watch.getWatched(aid(1)))?.lastSeenAt).toBe('2026-11-27T08:01:30.000Z');
    clock.t += 1_000;
    await watch.watch(aid(1), 'viewed', `${page}?tab=related`);
    expect(await watch.getWatched(aid(1))).toMatchObject({ lastSeenAt: '2026-11-27T08:01:31.000Z', lastUrl: `${page}?tab=related` });
    // unwatched, then viewed again at once: watched again
    await watch.unwatch(aid(1));
    await watch.watch(aid(1), 'viewed', `${page}?tab=related`);
    expect((await watch.getWatched(aid(1)))?.reasons).toEqual(['viewed']);
  });

  it('writes views that come together in one transaction, after the lookups, and reads them before that', async () => {
    const store = await freshStore();
    const clock = { t: Date.parse('2026-11-27T08:00:00Z') };
    const writes: string[] = [];
    // count the read-write transactions on 'watched' the store opens
    const db = new Proxy(store.db, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver) as unknown;
        return (names: string | string[], mode?: IDBTransactionMode, o?: IDBTransactionOptions) => {
          if (mode === 'readwrite' && [names].flat().includes('watched')) writes.push([names].flat().join());
          return target.transaction(names as 'watched', mode as 'readwrite', o);
        };
      },
    }) as AccountsDB;
    const watch = createWatchStore(db, () => clock.t, { viewWriteDelayMs: 60_000 });
    const views = [1, 2, 3].map((i) => watch.watch(aid(i), 'viewed', `https://crm.example/r/${i}`));
    await new Promise((r) => setTimeout(r, 20));
    expect(writes).toEqual([]); // nothing written yet: the lookups have answered without it
    expect([...(await watch.watchedIds())].sort()).toEqual([aid(1), aid(2), aid(3)]); // sync already counts them
    // a read of the watched rows writes the queued views first, all in one transaction
    expect((await watch.recentlySeen(5)).map((w) => w.rtpAid).sort()).toEqual([aid(1), aid(2), aid(3)]);
    await Promise.all(views);
    expect(writes).toEqual(['watched']);
    expect(await store.db.count('watched')).toBe(3);
  });

  it('writes views once the rep stops flipping records, or at the latest when the batch is due', async () => {
    const store = await freshStore();
    let transactions = 0;
    const db = new Proxy(store.db, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver) as unknown;
        return (names: string | string[], mode?: IDBTransactionMode, o?: IDBTransactionOptions) => {
          if (mode === 'readwrite') transactions++;
          return target.transaction(names as 'watched', mode as 'readwrite', o);
        };
      },
    }) as AccountsDB;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // views 15 ms apart for longer than the quiet period (200 ms): nothing is written while they come
    const quiet = createWatchStore(db, Date.now, { viewWriteDelayMs: 200, viewWriteMaxDelayMs: 10_000 });
    const first = quiet.watch(aid(1), 'viewed', 'https://crm.example/r/1');
    for (let i = 2; i <= 20; i++) {
      await sleep(15);
      void quiet.watch(aid(i), 'viewed', `https://crm.example/r/${i}`);
    }
    expect(transactions).toBe(0);
    expect(await store.db.count('watched')).toBe(0);
    await first; // written after the quiet period, all of them in one transaction
    expect(transactions).toBe(1);
    expect(await store.db.count('watched')).toBe(20);
    // a view every 10 ms never leaves a quiet period: the deadline (250 ms) writes the batch anyway
    const busy = createWatchStore(db, Date.now, { viewWriteDelayMs: 200, viewWriteMaxDelayMs: 250 });
    let written = false;
    void busy.watch(aid(30), 'viewed', 'https://crm.example/r/30').then(() => (written = true));
    for (let i = 31; i < 100 && !written; i++) {
      await sleep(10);
      void busy.watch(aid(i), 'viewed', `https://crm.example/r/${i}`);
    }
    expect(written).toBe(true);
    expect(transactions).toBe(2);
    expect(await store.db.get('watched', aid(30))).toMatchObject({ reasons: ['viewed'], lastUrl: 'https://crm.example/r/30' });
  });

  it('writes queued views when the delay ends; unwatch and clearing the data are not undone by them', async () => {
    const { store } = await setup();
    const watch = createWatchStore(store.db, Date.now, { viewWriteDelayMs: 10 });
    await watch.watch(aid(1), 'viewed', 'https://crm.example/r/1');
    expect((await store.db.get('watched', aid(1)))?.lastUrl).toBe('https://crm.example/r/1');
    // a view still queued when the account is unwatched is written first, then deleted
    const queued = watch.watch(aid(2), 'viewed', 'https://crm.example/r/2');
    await watch.unwatch(aid(2));
    await queued;
    expect(await store.db.get('watched', aid(2))).toBeUndefined();
    // clearLocalData (store.clear, then reset): a queued view is dropped, not written into the empty cache
    const slow = createWatchStore(store.db, Date.now, { viewWriteDelayMs: 20 });
    const dropped = slow.watch(aid(3), 'viewed', 'https://crm.example/r/3');
    await store.clear();
    slow.reset();
    await dropped;
    await new Promise((r) => setTimeout(r, 40));
    expect(await store.db.count('watched')).toBe(0);
  });

  it('lists the accounts last seen on a record page, newest first (never-viewed ones left out)', async () => {
    const { watch, clock } = await setup();
    for (const i of [1, 2, 3]) {
      await watch.watch(aid(i), 'viewed');
      clock.t += 60_000;
    }
    await watch.watch(aid(4), 'logged'); // never seen on a record page
    await watch.watch(aid(1), 'viewed'); // seen again: newest
    expect((await watch.recentlySeen(5)).map((w) => w.rtpAid)).toEqual([aid(1), aid(3), aid(2)]);
    expect((await watch.recentlySeen(2)).map((w) => w.rtpAid)).toEqual([aid(1), aid(3)]);
  });

  it('unwatches: the account and its moves are forgotten', async () => {
    const { store, watch } = await setup();
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 20 })], 1);
    await watch.watch(aid(1), 'viewed');
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 80 })], 2, undefined, { watched: await watch.watchedIds() });
    expect(await store.db.count('movers')).toBe(1);
    await watch.unwatch(aid(1));
    expect(await watch.getWatched(aid(1))).toBeUndefined();
    expect(await store.db.count('movers')).toBe(0);
    expect((await watch.watchedIds()).has(aid(1))).toBe(false);
  });

  it('survives reopening the database (stored in IndexedDB, not memory)', async () => {
    const { store, watch } = await setup();
    await watch.watch(aid(7), 'added', 'https://mail.google.com/mail/u/0/#inbox/1');
    const again = createWatchStore(store.db);
    expect(await again.listWatched()).toHaveLength(1);
  });

  it('is emptied by clearLocalData (store.clear)', async () => {
    const { store, watch } = await setup();
    await watch.watch(aid(7), 'added');
    await store.clear();
    watch.reset();
    expect(await watch.listWatched()).toEqual([]);
    expect((await watch.watchedIds()).size).toBe(0);
  });
});

describe('movers list', () => {
  it('records moves of watched accounts only, counts unseen ones and clears them on visit', async () => {
    const { store, watch, clock } = await setup();
    const t0 = clock.t;
    await store.putAccounts(
      [row({ rtp_aid: aid(1), name: 'Acme', rtp_account_score: 60, rtp_journey_stage: 'Aware', rtp_g2_intent_score: 10 }), row({ rtp_aid: aid(2), domain: 'globex.io' })],
      t0,
    );
    await watch.watch(aid(1), 'viewed');
    clock.t += 3600_000;
    const moves = await store.putAccounts(
      [row({ rtp_aid: aid(1), name: 'Acme', rtp_account_score: 87, rtp_journey_stage: 'Opportunity', rtp_g2_intent_score: 40 }), row({ rtp_aid: aid(2), domain: 'globex.io', rtp_account_score: 99 })],
      clock.t,
      undefined,
      { watched: await watch.watchedIds() },
    );
    expect(moves.map((m) => m.rtpAid)).toEqual([aid(1)]);
    expect(await watch.unseenCount()).toBe(1);
    const list = await watch.listMovers();
    expect(list.unseen).toBe(1);
    expect(list.movers[0]).toMatchObject({
      rtpAid: aid(1),
      scoreBefore: 60,
      scoreAfter: 87,
      bandBefore: 'warm',
      bandAfter: 'hot',
      stageBefore: 'Aware',
      stageAfter: 'Opportunity',
      topIntent: { source: 'g2', before: 10, after: 40 },
      unseen: true,
    });
    clock.t += 1000;
    await watch.markVisited();
    expect(await watch.unseenCount()).toBe(0);
    const after = await watch.listMovers();
    expect(after.movers.map((m) => [m.rtpAid, m.unseen])).toEqual([[aid(1), false]]);
  });

  it('drops moves older than 90 days when new ones are written', async () => {
    const { store, watch } = await setup();
    const day = 86_400_000;
    await watch.watch(aid(1), 'viewed');
    const ids = await watch.watchedIds();
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 10 })], 0);
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 20 })], day, undefined, { watched: ids });
    expect(await store.db.count('movers')).toBe(1);
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 30 })], 92 * day, undefined, { watched: ids });
    const left = await store.db.getAll('movers');
    expect(left.map((m) => m.scoreAfter)).toEqual([30]);
  });
});
