/**
 * Benchmark 9: Recotap API requests per 1,000 page views over 200 distinct accounts. Each page view
 * is one lookupContext (as a content script sends it), counted in the emulator's request log.
 * Cold = fresh profile, sync off, empty cache; warm = after a full sync.
 */
import { startWorld } from '../e2e/world.ts';
import type { Section } from './lib/report.ts';
import { launchBench, openExtension, syncAndWait } from './lib/session.ts';
import { fmt, table } from './lib/stats.ts';

const ACCOUNTS = 1_000;
const DISTINCT = 200;
const VIEWS = 1_000;

/** A deterministic Zipf-like (s = 1) page-view order in which every domain appears at least once. */
function zipfOrder(): number[] {
  let x = 0x9e3779b9;
  const rand = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const weights = Array.from({ length: DISTINCT }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, w) => a + w, 0);
  const draw = () => {
    let r = rand() * total;
    for (let k = 0; k < DISTINCT; k++) if ((r -= weights[k]!) <= 0) return k;
    return DISTINCT - 1;
  };
  const zipf = [...Array.from({ length: DISTINCT }, (_, k) => k), ...Array.from({ length: VIEWS - DISTINCT }, draw)];
  for (let i = zipf.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [zipf[i], zipf[j]] = [zipf[j]!, zipf[i]!];
  }
  return zipf;
}

interface Count {
  total: number;
  accounts: number;
  other: string;
  found: number;
}

async function run(extensionPath: string, mode: 'cold' | 'warm', order: number[][]): Promise<Count[]> {
  const world = await startWorld({ emulator: { seed: { synthetic: ACCOUNTS } } });
  const browser = await launchBench(world, extensionPath);
  try {
    const ext = await openExtension(browser.context, { syncEnabled: mode === 'warm' });
    if (mode === 'warm') await syncAndWait(ext, true);
    const cachedBefore = (await ext.call('getStatus', {})).sync.cachedAccounts;
    if (mode === 'cold' && cachedBefore !== 0) throw new Error(`the cold profile already caches ${cachedBefore} accounts`);
    const all = world.emulator.state.store.all();
    const domains = Array.from({ length: DISTINCT }, (_, k) => all[(k * 5) % ACCOUNTS]!.domain);
    const out: Count[] = [];
    for (const views of order) {
      world.emulator.controls.resetLog();
      const ctxs = views.map((k) => ({
        site: 'salesforce-lightning',
        url: `https://bench.lightning.force.com/lightning/r/Account/001Hs${String(k).padStart(13, '0')}/view`,
        recordType: 'account',
        recordId: `001Hs${String(k).padStart(13, '0')}`,
        websites: [`https://${domains[k]}`],
      }));
      const { results } = await ext.timedCalls('lookupContext', ctxs);
      await new Promise((r) => setTimeout(r, 1000)); // background revalidations land in the log too
      const log = [...world.emulator.controls.requestLog];
      const byPath = new Map<string, number>();
      for (const r of log) byPath.set(`${r.method} ${r.path}`, (byPath.get(`${r.method} ${r.path}`) ?? 0) + 1);
      out.push({
        total: log.length,
        accounts: log.filter((r) => r.path.endsWith('/accounts')).length,
        other: [...byPath].map(([p, n]) => `${p} ×${n}`).join(', ') || 'none',
        found: results.filter((r) => r.state === 'found').length,
      });
    }
    return out;
  } finally {
    await browser.close();
    await world.close();
  }
}

/** One cold and one warm fresh profile, the same Zipf-like order of page views. */
export async function benchRequestEconomy(extensionPath: string): Promise<Section> {
  const order = zipfOrder();
  const [cold] = await run(extensionPath, 'cold', [order]);
  const [warm] = await run(extensionPath, 'warm', [order]);
  const row = (label: string, c: Count) => [label, fmt(c.total), fmt(c.accounts), `${c.found} of ${VIEWS}`, c.other];
  const rows = [row('cold (sync off, empty cache)', cold!), row('warm (after full sync)', warm!)];
  const worstCold = cold!.total;
  const worstWarm = warm!.total;
  return {
    id: 'requests',
    title: '9. Request economy',
    method:
      `the emulator holds ${fmt(ACCOUNTS)} synthetic accounts; ${fmt(VIEWS)} page views over ${DISTINCT} distinct account domains in a Zipf-like order (s = 1, every domain at least once, fixed PRNG), each one lookupContext ` +
      '(a Salesforce record context with the account\'s website) sent in turn from an extension page. Requests are counted in the emulator\'s request log, ' +
      'including background revalidations up to 1 s after the last view. Cold: a fresh profile with background sync off and an empty cache; warm: a fresh profile after a full sync (the sync\'s own requests are not counted).',
    body: table(['Cache', 'API requests', 'of which /accounts', 'found', 'requests by path'], rows),
    targets: [
      { target: 'cold: at most one request per distinct account (≤ 200 per 1,000 views)', measured: `${fmt(worstCold)} requests per 1,000 views`, met: worstCold <= DISTINCT },
      { target: 'warm: no request per page view (cache answers)', measured: `${fmt(worstWarm)} requests per 1,000 views`, met: worstWarm <= 2 },
    ],
  };
}
