// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openAccountsDb } from '../../../utils/accounts/db';
import { createAccountStore, type AccountStore } from '../../../utils/accounts/store';
import { createSyncEngine, type SyncClient, type SyncDeps } from '../../../utils/accounts/sync';
import { DEFAULT_SYNC_STATUS } from '../../../utils/settings';
import { createRecotapClient, toErrorView } from '../../../utils/recotap';
import type { SyncStatus } from '../../../utils/view-models';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';

let emu: RunningEmulator | undefined;
let dbSeq = 0;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Everything the engine persists, shared between "worker lifetimes" like real storage would be. */
function createWorld(store: AccountStore) {
  const world = {
    store,
    clock: Date.parse('2026-11-27T08:00:00Z'),
    status: { ...DEFAULT_SYNC_STATUS } as SyncStatus,
    needsNewKey: false,
    retries: [] as number[],
    onStatus: (_s: SyncStatus) => {},
  };
  return world;
}

function engineFor(world: ReturnType<typeof createWorld>, client: SyncClient, over: Partial<SyncDeps> = {}) {
  return createSyncEngine({
    store: world.store,
    getClient: async () => client,
    getSyncSettings: async () => ({ enabled: true, intervalMinutes: 60 }),
    getNeedsNewKey: async () => world.needsNewKey,
    setNeedsNewKey: async (v) => void (world.needsNewKey = v),
    getStatus: async () => world.status,
    setStatus: async (s) => {
      world.status = s;
      world.onStatus(s);
    },
    toErrorView,
    scheduleRetry: (at) => void world.retries.push(at),
    now: () => world.clock,
    ...over,
  });
}

async function setup(accounts: number, apiKey?: string) {
  emu = await startEmulator({ seed: { synthetic: accounts } });
  const name = `sync-${Date.now()}-${dbSeq++}`;
  const store = createAccountStore(await openAccountsDb(name));
  const client = createRecotapClient({ baseUrl: emu.url, apiKey: apiKey ?? emu.apiKey, fetch: globalThis.fetch, retries: 0 });
  return { emu, store, client, name, world: createWorld(store) };
}

const accountGets = (e: RunningEmulator) => e.requestLog.filter((r) => r.method === 'GET' && r.path.endsWith('/accounts'));

describe('sync engine', () => {
  it('runs a full sync in pages of 100 and stores every account once, with metadata', async () => {
    const { store, client, world, emu } = await setup(1050);
    const status = await engineFor(world, client).run();
    expect(status).toMatchObject({ phase: 'idle', pages: 11, accounts: 1050, cachedAccounts: 1050, lastError: null });
    expect(status.lastSuccessAt).not.toBeNull();
    expect(await store.count()).toBe(1050);
    expect(accountGets(emu)).toHaveLength(11);
    expect((await store.getMeta<string[]>('stages'))?.value).toContain('Consideration');
    expect((await store.getMeta('segments'))?.value).toBeInstanceOf(Array);
  });

  it('resumes after a worker kill mid-sync with no account missing or fetched twice', async () => {
    const { client, world, emu, name } = await setup(1000);
    const abort = new AbortController();
    world.onStatus = (s) => {
      if (s.pages === 3) abort.abort();
    };
    await engineFor(world, client).run({ signal: abort.signal });
    const firstRun = accountGets(emu).length;
    expect(await world.store.count()).toBe(300);
    emu.resetLog();

    // a new worker: fresh engine, fresh store object, same database
    world.onStatus = () => {};
    world.store = createAccountStore(await openAccountsDb(name));
    const status = await engineFor(world, client).run();
    expect(await world.store.count()).toBe(1000);
    expect(status).toMatchObject({ phase: 'idle', pages: 10, accounts: 1000 });
    const resumed = accountGets(emu);
    expect(resumed).toHaveLength(7);
    expect(resumed[0]!.search).toContain('cursor=');
    expect(firstRun).toBeGreaterThanOrEqual(3);
    // the run began on an empty cache, so both halves wrote one block per page, none twice
    expect([await world.store.db.count('blocks'), await world.store.db.count('accounts')]).toEqual([10, 0]);
    const missing = [];
    for (const a of emu.state.store.all()) if ((await world.store.getById(a.rtp_aid))?.row.name !== a.name) missing.push(a.rtp_aid);
    expect(missing).toEqual([]);
  });

  it('then syncs only what changed since the previous run (delta with lastSync)', async () => {
    const { store, client, world, emu } = await setup(500);
    const engine = engineFor(world, client);
    await engine.run();
    const firstRunTs = (await store.getCheckpoint())?.completedSyncTimestamp;
    const changed = emu.rescore({ count: 7, seed: 'delta' });
    emu.resetLog();
    world.clock += 60 * 60_000;
    const status = await engine.run();
    expect(status.phase).toBe('idle');
    expect(status.accounts).toBe(changed.length);
    const [first] = accountGets(emu);
    // lastSync = the previous run's first syncTimestamp minus the 2-minute overlap
    const lastSync = new URLSearchParams(first!.search).get('lastSync');
    expect(lastSync).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(lastSync!)).toBeLessThan(Date.parse(firstRunTs!) - 119_000);
    for (const id of changed) {
      const stored = await store.getById(id);
      const live = emu.state.store.get(id)!;
      expect(stored!.row.rtp_account_score).toBe(live.rtp_account_score);
      expect(stored!.row.rtp_journey_stage).toBe(live.rtp_journey_stage);
      // the first snapshot came from the full sync's block copy
      expect(stored!.history).toHaveLength(2);
      expect((await store.getByDomain(live.domain))?.winner.row.rtp_account_score).toBe(live.rtp_account_score);
    }
    // the changed rows supersede their block copies: still one account each
    expect(await store.recount()).toBe(500);
  });

  it('builds the search pages once the first full sync is written; a delta keeps type-ahead on them and current', async () => {
    const { store, client, world, emu } = await setup(500);
    const engine = engineFor(world, client);
    await engine.run();
    // 500 accounts: 5 pages by name and 5 by domain, marked ready
    expect(await store.db.count('searchPages')).toBe(10);
    expect((await store.db.get('meta', 'searchPagesReady'))?.value).toBe(true);
    const changed = emu.rescore({ count: 5, seed: 'pages' });
    world.clock += 60 * 60_000;
    await engine.run();
    for (const id of changed) {
      const live = emu.state.store.get(id)!;
      // found by its name once, with the delta's score, not the block copy's
      const hits = (await store.search(live.name, 8)).filter((h) => h.rtpAid === id);
      expect(hits.map((h) => h.row.rtp_account_score)).toEqual([live.rtp_account_score]);
    }
    // the pages are not rewritten: the superseded copies are listed in 'searchGone', which search skips
    expect((await store.db.getAll('searchGone')).flat().sort()).toEqual([...changed].sort());
  });

  it('stops on 401 and asks for a new key', async () => {
    const { client, world, emu } = await setup(50, 'wrong-key');
    const engine = engineFor(world, client);
    const status = await engine.run();
    expect(status.phase).toBe('paused-auth');
    expect(status.lastError?.kind).toBe('unauthorized');
    expect(world.needsNewKey).toBe(true);
    emu.resetLog();
    await engine.run();
    expect(emu.requestLog).toHaveLength(0);
  });

  it('a 403 is not a bad key: sync reports it and keeps its schedule, no new key is asked for', async () => {
    const { client, world, emu } = await setup(50);
    const engine = engineFor(world, client);
    emu.setFaults({ pathPrefix: '/accounts', errorBurst: { count: 1, status: 403 } });
    const status = await engine.run();
    expect(status.phase).toBe('idle');
    expect(status.lastError).toMatchObject({ kind: 'permission', message: expect.stringContaining("to read your team's accounts (403)") });
    expect(world.needsNewKey).toBe(false);
    emu.clearFaults();
    emu.resetLog();
    // the next run still asks Recotap (a paused sync would send nothing)
    expect(await engine.run({ force: true })).toMatchObject({ phase: 'idle', lastError: null });
    expect(emu.requestLog.length).toBeGreaterThan(0);
  });

  it('backs off on 5xx/429, honouring Retry-After, and retries after the delay', async () => {
    const { store, client, world, emu } = await setup(120);
    const engine = engineFor(world, client, { backoffBaseMs: 60_000 });
    emu.setFaults({ errorRate: 1, pathPrefix: '/accounts' });
    expect((await engine.run()).phase).toBe('backoff');
    const first = (await store.getCheckpoint())!;
    expect(first.backoffUntil - world.clock).toBe(60_000);
    expect(world.retries).toEqual([first.backoffUntil]);
    await engine.run();
    expect((await store.getCheckpoint())!.backoffAttempt).toBe(1);

    world.clock = first.backoffUntil + 1;
    expect((await engine.run()).phase).toBe('backoff');
    const second = (await store.getCheckpoint())!;
    expect(second.backoffUntil - world.clock).toBe(120_000);

    emu.clearFaults();
    emu.setFaults({ rate429: { burst: 1, retryAfterSec: 900 }, pathPrefix: '/accounts' });
    world.clock = second.backoffUntil + 1;
    expect((await engine.run()).phase).toBe('backoff');
    expect((await store.getCheckpoint())!.backoffUntil - world.clock).toBe(900_000);

    world.clock += 900_001;
    const ok = await engine.run();
    expect(ok).toMatchObject({ phase: 'idle', cachedAccounts: 120, errors: 3 });
    expect((await store.getCheckpoint())!.backoffAttempt).toBe(0);
  });

  it('throttles progress writes by time, and the final status still shows every page and account', async () => {
    const { store, client, world } = await setup(2000);
    const writes: SyncStatus[] = [];
    world.onStatus = (s) => void writes.push(s);
    // each page "takes" 100 ms of the engine's clock: with a 400 ms interval, about one page in four is written
    const slowClient: SyncClient = {
      ...client,
      async *iterateAccountPages(params, opts) {
        for await (const page of client.iterateAccountPages(params, opts)) {
          world.clock += 100;
          yield page;
        }
      },
    };
    const status = await engineFor(world, slowClient, { progressIntervalMs: 400 }).run();
    expect(status).toMatchObject({ phase: 'idle', pages: 20, accounts: 2000, cachedAccounts: 2000, lastError: null });
    expect(await store.count()).toBe(2000);
    const progress = writes.filter((w) => w.phase === 'full');
    // the run's start, then at most one write per 400 ms of clock (20 pages × 100 ms), never one per page
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.length).toBeLessThanOrEqual(7);
    const pages = progress.map((w) => w.pages);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(writes.at(-1)).toMatchObject({ phase: 'idle', pages: 20, accounts: 2000 });
  });

  it('a stopped run reports the pages it wrote even when their progress write was skipped', async () => {
    const { client, world } = await setup(1000);
    const abort = new AbortController();
    let pagesSeen = 0;
    const stopping: SyncClient = {
      ...client,
      async *iterateAccountPages(params, opts) {
        for await (const page of client.iterateAccountPages(params, opts)) {
          if (++pagesSeen === 5) abort.abort();
          yield page;
        }
      },
    };
    // the clock never moves: only the start and the end of the run are written
    const status = await engineFor(world, stopping, { progressIntervalMs: 60_000 }).run({ signal: abort.signal });
    const cp = await world.store.getCheckpoint();
    expect(status.phase).toBe('idle');
    expect(status.pages).toBe(cp?.inProgress?.pages);
    expect(status.accounts).toBe(await world.store.count());
    expect(status.pages).toBeGreaterThanOrEqual(3);
    expect(status.pages).toBeLessThan(10);
  });

  it('a page whose write fails is not counted: status and checkpoint agree on what the cache holds', async () => {
    const { client, world, store } = await setup(1000);
    let writes = 0;
    // the 4th page write fails (disk full, say): the real store, with one injected failure
    world.store = {
      ...store,
      putAccounts: (...args: Parameters<AccountStore['putAccounts']>) =>
        ++writes === 4 ? Promise.reject(new Error('QuotaExceededError')) : store.putAccounts(...args),
    };
    const status = await engineFor(world, client, { progressIntervalMs: 60_000 }).run();
    expect(status).toMatchObject({ phase: 'backoff', pages: 3, accounts: 300, cachedAccounts: 300 });
    expect((await store.getCheckpoint())?.inProgress).toMatchObject({ pages: 3, accounts: 300 });
  });

  it('asks for stages, fields and segments while pages are still coming, not after the last one', async () => {
    const { client, world, emu } = await setup(1000);
    await engineFor(world, client).run();
    const log = emu.requestLog.map((r) => r.path);
    const lastPage = log.lastIndexOf(log.filter((p) => p.endsWith('/accounts')).at(-1)!);
    for (const meta of ['/journey-stages', '/accounts/custom-fields', '/segments']) {
      const at = log.findIndex((p) => p.endsWith(meta));
      expect(at, meta).toBeGreaterThan(0);
      expect(at, meta).toBeLessThan(lastPage);
    }
    // the first request is still the first page: a run refused there asks for nothing else
    expect(log[0]).toMatch(/\/accounts$/);
  });

  it('does nothing in on-demand-only mode', async () => {
    const { client, world, emu } = await setup(10);
    const status = await engineFor(world, client, { getSyncSettings: async () => ({ enabled: false, intervalMinutes: 60 }) }).run();
    expect(status).toMatchObject({ enabled: false, phase: 'idle' });
    expect(emu.requestLog).toHaveLength(0);
  });
});

describe('sync engine: movers', () => {
  it('records moves for the watched accounts a delta sync changed, and only those', async () => {
    const { store, client, world, emu } = await setup(400);
    const { createWatchStore } = await import('../../../utils/accounts/watch');
    const watch = createWatchStore(store.db, () => world.clock);
    const got: string[][] = [];
    const engine = engineFor(world, client, { watchedIds: () => watch.watchedIds(), onMoves: (m) => void got.push(m.map((x) => x.rtpAid)) });
    await engine.run();
    const all = emu.state.store.all().map((a) => a.rtp_aid);
    // watch 10 accounts; rescore 20 of the 400 (some watched, some not)
    for (const id of all.slice(0, 10)) await watch.watch(id, 'viewed');
    const before = new Map(all.map((id) => [id, emu.state.store.get(id)!.rtp_account_score]));
    const changed = emu.rescore({ count: 20, seed: 'movers' });
    for (const id of all.slice(0, 3)) emu.setAccount(id, { rtp_account_score: (before.get(id)! + 37) % 100 });
    world.clock += 60 * 60_000;
    await engine.run();
    const moved = new Set([...changed, ...all.slice(0, 3)]);
    const expected = all.slice(0, 10).filter((id) => moved.has(id) && emu.state.store.get(id)!.rtp_account_score !== before.get(id));
    const list = await watch.listMovers();
    expect(list.movers.map((m) => m.rtpAid).sort()).toEqual(expected.sort());
    for (const m of list.movers) {
      expect(m.scoreBefore).toBe(before.get(m.rtpAid));
      expect(m.scoreAfter).toBe(emu.state.store.get(m.rtpAid)!.rtp_account_score);
    }
    expect(got).toHaveLength(1);
    expect(got[0]!.sort()).toEqual(expected.sort());
    // a delta with nothing new records nothing and does not call onMoves again
    world.clock += 60 * 60_000;
    await engine.run();
    expect(got).toHaveLength(1);
  });

  it('after a bulk first sync, a delta records the accounts of followed segments (intent jumps included) and Top movers sees them', async () => {
    const { store, client, world, emu } = await setup(300);
    const { createWatchStore } = await import('../../../utils/accounts/watch');
    const watch = createWatchStore(store.db, () => world.clock);
    const EMEA = '66a0f3c21b7e4d09a5c31f88';
    let followed = new Set<string>();
    const engine = engineFor(world, client, { watchedIds: () => watch.watchedIds(), followedSegments: async () => followed });
    await engine.run();
    expect(await store.db.count('blocks')).toBeGreaterThan(0);
    expect(await store.db.count('accounts')).toBe(0);
    const all = emu.state.store.all().map((a) => a.rtp_aid);
    const [inSeg1, inSeg2, outside] = [all[5]!, all[150]!, all[299]!];
    const score = (id: string) => emu.state.store.get(id)!.rtp_account_score;
    const [s1, s2, s3] = [score(inSeg1), score(inSeg2), score(outside)];
    emu.setAccount(inSeg1, { rtp_account_score: s1 + 20, rtp_g2_intent_score: emu.state.store.get(inSeg1)!.rtp_g2_intent_score + 30, segmentIds: [EMEA] });
    emu.setAccount(inSeg2, { rtp_account_score: s2 - 7, segmentIds: [EMEA] });
    emu.setAccount(outside, { rtp_account_score: s3 + 40 });
    // following takes effect on the next delta: no re-sync
    followed = new Set([EMEA]);
    world.clock += 60 * 60_000;
    await engine.run();
    const list = await watch.listMovers();
    expect(list.movers.map((m) => m.rtpAid).sort()).toEqual([inSeg1, inSeg2].sort());
    expect(list.movers.find((m) => m.rtpAid === inSeg1)?.topIntent).toMatchObject({ source: 'g2' });
    // history times are the emulator's update times (its real clock)
    const top = await createWatchStore(store.db).topMovers(EMEA, 7);
    expect(top.movers.map((m) => [m.rtpAid, m.delta])).toEqual([
      [inSeg1, 20],
      [inSeg2, -7],
    ]);
  });
});
