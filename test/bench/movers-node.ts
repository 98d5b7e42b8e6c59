/**
 * Benchmark (issue #17, supplement): what recording movers adds to a delta sync, and how long the
 * Movers list takes to read, in Node with fake-indexeddb (relative costs only; NOT a Chromium
 * figure, and not yet part of `npm run bench`).
 *
 *   npx tsx test/bench/movers-node.ts [accounts=20000] [changed=2000] [watched=1000]
 *
 * Two identical caches (same emulator seed, same rescore): a delta sync with no watched accounts
 * and one with `watched` of them watched; the difference is the cost of movers.
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { openAccountsDb } from '../../utils/accounts/db';
import { createAccountStore } from '../../utils/accounts/store';
import { createSyncEngine } from '../../utils/accounts/sync';
import { createWatchStore } from '../../utils/accounts/watch';
import { createRecotapClient, toErrorView } from '../../utils/recotap';
import type { SyncStatus } from '../../utils/view-models';
import { startEmulator } from '../emulator/index.ts';

const [N, CHANGED, WATCHED] = [Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 2_000), Number(process.argv[4] ?? 1_000)];

async function deltaMs(watched: number): Promise<{ ms: number; moves: number; listMs: number; rows: number }> {
  const emu = await startEmulator({ seed: { synthetic: N } });
  try {
    const store = createAccountStore(await openAccountsDb(`bench-movers-${Date.now()}-${watched}`));
    const watch = createWatchStore(store.db);
    let status = { enabled: true, phase: 'idle', pages: 0, accounts: 0, errors: 0, lastError: null, lastSuccessAt: null, cachedAccounts: 0 } as SyncStatus;
    let clock = Date.now();
    let moves = 0;
    const engine = createSyncEngine({
      store,
      getClient: async () => createRecotapClient({ baseUrl: emu.url, apiKey: emu.apiKey, fetch: globalThis.fetch }),
      getSyncSettings: async () => ({ enabled: true, intervalMinutes: 60 }),
      getNeedsNewKey: async () => false,
      setNeedsNewKey: async () => undefined,
      getStatus: async () => status,
      setStatus: async (s) => void (status = s),
      toErrorView,
      progressIntervalMs: 500,
      now: () => clock,
      watchedIds: () => watch.watchedIds(),
      onMoves: (m) => void (moves += m.length),
    });
    await engine.run();
    // a second full pass so every account has its own row (as after months of lookups and deltas)
    await engine.run({ full: true, force: true });
    const all = emu.state.store.all().map((a) => a.rtp_aid);
    for (const id of all.slice(0, watched)) await watch.watch(id, 'viewed');
    // the same accounts in both runs: the first `watched` ids get half the changes
    const half = Math.min(CHANGED / 2, watched);
    for (const id of all.slice(0, half)) emu.setAccount(id, { rtp_account_score: (emu.state.store.get(id)!.rtp_account_score + 20) % 100 });
    for (const id of all.slice(N - (CHANGED - half))) emu.setAccount(id, { rtp_account_score: (emu.state.store.get(id)!.rtp_account_score + 20) % 100 });
    clock += 3_600_000;
    const t0 = performance.now();
    await engine.run({ force: true });
    const ms = performance.now() - t0;
    const t1 = performance.now();
    const list = await watch.listMovers();
    return { ms, moves, listMs: performance.now() - t1, rows: list.movers.length };
  } finally {
    await emu.close();
  }
}

const base = await deltaMs(0);
const withMovers = await deltaMs(WATCHED);
console.log(`\nmovers-node benchmark (Node ${process.version}, fake-indexeddb; NOT a Chromium figure)`);
console.log(`${N} accounts cached, ${CHANGED} changed in the delta, ${WATCHED} watched\n`);
console.log(`delta sync, nobody watched          ${base.ms.toFixed(0)} ms`);
console.log(`delta sync, ${WATCHED} watched           ${withMovers.ms.toFixed(0)} ms (${withMovers.moves} moves recorded)`);
console.log(`movers overhead                     ${(((withMovers.ms - base.ms) / base.ms) * 100).toFixed(1)} % (target ≤ 10 %)`);
console.log(`listMovers (${withMovers.rows} rows)              ${withMovers.listMs.toFixed(1)} ms`);
