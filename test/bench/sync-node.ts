/**
 * Benchmark (written by the background helper, absorbed into the suite): full sync of N synthetic
 * emulator accounts over real HTTP into fake-indexeddb, plus ingest-only and search timings on the
 * filled store.
 *
 *   npx tsx test/bench/sync-node.ts [accounts=100000]
 *
 * NOTE: fake-indexeddb is a pure-JS IndexedDB in Node. These numbers show relative costs only;
 * the real ingest figure (target ≥ 2,000 accounts/s) is measured in Chromium (cache-scale.ts).
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openAccountsDb } from '../../utils/accounts/db';
import { createAccountStore } from '../../utils/accounts/store';
import { createSyncEngine } from '../../utils/accounts/sync';
import { createRecotapClient, toErrorView } from '../../utils/recotap';
import type { SyncStatus } from '../../utils/view-models';
import { startEmulator, syntheticAccounts } from '../emulator/index.ts';
import type { Section } from './lib/report.ts';
import { table } from './lib/stats.ts';

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} accounts/s`;

/** Measures sync, ingest and search in Node; returns the label/value rows. */
export async function runSyncNode(N: number): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const emu = await startEmulator({ seed: { synthetic: N } });
  try {
    const store = createAccountStore(await openAccountsDb(`bench-${Date.now()}`));
    let status: SyncStatus = { enabled: true, phase: 'idle', pages: 0, accounts: 0, errors: 0, lastError: null, lastSuccessAt: null, cachedAccounts: 0 };
    const client = createRecotapClient({ baseUrl: emu.url, apiKey: emu.apiKey, fetch: globalThis.fetch });
    const engine = createSyncEngine({
      store,
      getClient: async () => client,
      getSyncSettings: async () => ({ enabled: true, intervalMinutes: 60 }),
      getNeedsNewKey: async () => false,
      setNeedsNewKey: async () => undefined,
      getStatus: async () => status,
      setStatus: async (s) => void (status = s),
      toErrorView,
      // as the background wires it (utils/background/services.ts)
      progressIntervalMs: 500,
    });
    const t0 = performance.now();
    const done = await engine.run();
    const fullMs = performance.now() - t0;
    rows.push(['full sync over HTTP (emulator → fake-indexeddb)', `${(fullMs / 1000).toFixed(1)} s, ${rate(done.accounts, fullMs)}`]);
    rows.push(['accounts stored / pages', `${await store.count()} / ${done.pages}`]);

    // ingest only: the same rows, page by page, into a second database (no HTTP, no JSON)
    const store2 = createAccountStore(await openAccountsDb(`bench-ingest-${Date.now()}`));
    const raw = syntheticAccounts(Math.min(N, 20_000), Date.now()).map(({ updatedAt, segmentIds: _s, ...a }) => ({
      ...a,
      rtp_last_account_date: new Date(updatedAt).toISOString(),
    }));
    const t1 = performance.now();
    for (let i = 0; i < raw.length; i += 100) await store2.putAccounts(raw.slice(i, i + 100), Date.now());
    const ingestMs = performance.now() - t1;
    rows.push([`ingest only, ${raw.length} rows in pages of 100`, rate(raw.length, ingestMs)]);

    for (const q of ['acme', 'a', 'zz-no-match', 'company-1']) {
      const t = performance.now();
      const hits = await store.search(q, 10);
      rows.push([`search "${q}" at ${N.toLocaleString('en')} accounts`, `${(performance.now() - t).toFixed(1)} ms, ${hits.length} hits`]);
    }
  } finally {
    await emu.close();
  }
  return rows;
}

/** The Node/fake-indexeddb figures as a docs section (no targets: not a browser figure). */
export async function benchSyncNode(N = 10_000): Promise<Section> {
  const rows = await runSyncNode(N);
  return {
    id: 'sync-node',
    title: 'Supplement: sync engine in Node (fake-indexeddb)',
    method:
      `utils/accounts sync engine and store run in Node against the emulator over HTTP, with fake-indexeddb (pure JS) as IndexedDB, ${N.toLocaleString('en')} accounts. ` +
      'Relative costs only (HTTP + JSON vs ingest vs search); the browser figures are in sections 3–6.',
    body: table(['Measurement', 'Result'], rows),
    targets: [],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const N = Number(process.argv[2] ?? 100_000);
  const rows = await runSyncNode(N);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nsync-node benchmark (Node ${process.version}, fake-indexeddb; NOT a Chromium figure)\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}
