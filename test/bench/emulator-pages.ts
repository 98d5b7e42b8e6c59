/**
 * Benchmark 1 (written by the emulator helper, absorbed into the suite): GET /accounts page latency
 * at 200,000 accounts over real HTTP (127.0.0.1), first vs last page and the filtered variants.
 * Standalone: npx tsx test/bench/emulator-pages.ts [accounts=200000] [iterations=50]
 */
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../emulator/index.ts';
import type { Section } from './lib/report.ts';
import { fmt, quantile, table } from './lib/stats.ts';

/** Runs the scenarios; the emulator's `lastPageScanned` shows rows examined per request. */
export async function benchEmulatorPages(total = 200_000, iterations = 30): Promise<Section> {
  const t0 = performance.now();
  const emu = await startEmulator({ seed: { synthetic: total } });
  const seedMs = performance.now() - t0;
  const all = emu.state.store.all();
  const headers = { 'x-api-key': emu.apiKey };

  async function timeGet(query: string): Promise<number> {
    const start = performance.now();
    const res = await fetch(`${emu.url}/accounts?${query}`, { headers });
    const body = (await res.json()) as { data: { data: unknown[] } };
    const ms = performance.now() - start;
    if (res.status !== 200 || body.data.data.length === 0) throw new Error(`unexpected answer for ${query}: ${res.status}`);
    return ms;
  }

  async function scenario(label: string, query: (i: number) => string) {
    for (let i = 0; i < 5; i++) await timeGet(query(-1 - i));
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await timeGet(query(i)));
    return { label, median: quantile(times, 0.5), p95: quantile(times, 0.95), scanned: emu.stats().lastPageScanned };
  }

  const enc = encodeURIComponent;
  const rows = [];
  try {
    const changed = emu.rescore({ count: 500, seed: 'bench' });
    const since = emu.state.store.get(changed[0] as string)!.updatedAt - 1;
    const lastCursor = all[all.length - 101]!.rtp_aid;
    const domains = JSON.stringify(all.filter((_, i) => i % Math.floor(total / 100) === 0).slice(0, 100).map((a) => a.domain));
    rows.push(await scenario('first page (no cursor)', () => 'limit=100'));
    rows.push(await scenario('middle page', () => `limit=100&cursor=${all[Math.floor(total / 2)]!.rtp_aid}`));
    rows.push(await scenario('last page', () => `limit=100&cursor=${lastCursor}`));
    // a new lastSync value each time defeats the per-query cache: the cold cost of a delta sync's first page
    rows.push(await scenario('delta first page, 500 changed (cold)', (i) => `limit=100&lastSync=${enc(new Date(since - 1000 - i).toISOString())}`));
    rows.push(await scenario('delta last page, 500 changed', () => `limit=100&lastSync=${enc(new Date(since).toISOString())}&cursor=${changed[399]}`));
    rows.push(await scenario('lastSync matching all, last page', () => `limit=100&lastSync=${enc('2000-01-01T00:00:00Z')}&cursor=${lastCursor}`));
    rows.push(await scenario('domains filter, 100 domains', () => `limit=100&domains=${enc(domains)}`));
  } finally {
    await emu.close();
  }
  const first = rows[0]!;
  const last = rows[2]!;
  const ratio = last.median / first.median;
  return {
    id: 'emulator-pages',
    title: '1. Emulator: page latency at 200,000 accounts',
    method:
      `GET /accounts?limit=100 against the emulator (startEmulator, synthetic seed of ${fmt(total)} accounts) over HTTP on 127.0.0.1 with Node's fetch; ` +
      `5 warm-up and ${iterations} timed requests per scenario (median, p95). "rows examined" is the emulator's own count for the last request. Seeding took ${fmt(seedMs)} ms.`,
    body: table(
      ['Scenario', 'median ms', 'p95 ms', 'rows examined'],
      rows.map((r) => [r.label, fmt(r.median, 2), fmt(r.p95, 2), fmt(r.scanned)]),
    ),
    targets: [
      {
        target: 'last page costs about the same as the first (O(page), not O(total))',
        measured: `last/first median = ${fmt(ratio, 2)}×, rows examined ${fmt(first.scanned)} vs ${fmt(last.scanned)}`,
        met: ratio < 3 && last.scanned <= 1000,
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const s = await benchEmulatorPages(Number(process.argv[2] ?? 200_000), Number(process.argv[3] ?? 50));
  console.log(`\n${s.method}\n\n${s.body}`);
}
