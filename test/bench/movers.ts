/**
 * Benchmark 11 (issue #17): "what changed for my accounts" at 200,000 cached accounts, in Chromium.
 *
 * One fresh profile: a full sync of N synthetic accounts (the bulk path: blocks), then four pairs of
 * delta syncs with 2,000 accounts changed each: A with nobody watched (no movers code runs), and B
 * after 1,000 accounts were watched (lookupContext from an extension page, as a record page view
 * does), changing those 1,000 plus 1,000 others; they are unwatched again after B (except in the
 * last pair), and the order of A and B alternates between pairs. Every changed account is still a
 * block copy when it changes, in A as in B, so a pair differs only by the movers work (watched rows'
 * intent scores from BlockHits, moves written in the page's transaction). After the last B (1,000
 * watched, 2,000 changed, ~1,000 moves) the Movers view is opened (popup.html#movers in a tab)
 * several times: from the Movers pane's mount to the frame after its first row (and the same from
 * navigation start). The B deltas also put their 1,000 unwatched accounts in a (not followed)
 * segment, so Top movers is timed at the end on a segment of 4,000 moved accounts.
 * Store size: navigator.storage.estimate() of the extension's origin, and the record counts.
 */
import type { Page } from '@playwright/test';
import { startWorld, type World } from '../e2e/world.ts';
import { SEGMENTS } from '../emulator/index.ts';
import { launchBench, openExtension, type ExtensionSession } from './lib/session.ts';
import { pairedVerdict, type Section } from './lib/report.ts';
import { fmt, median, quantile, table } from './lib/stats.ts';

const PAIRS = 4;
const CHANGED = 2_000;
const WATCHED = 1_000;
const OPENS = 7;
const PLACE = { site: 'salesforce-lightning', url: 'https://bench.lightning.force.com/lightning/r/Account/001Hs0000000BeNcH/view' };
const SEGMENT = SEGMENTS.find((s) => s.type === 'static' && s.status === 'active')!;

interface MoversResult {
  n: number;
  fullSyncMs: number;
  pairs: { baseMs: number; moversMs: number; moves: number }[];
  /** ms from navigation start (firstRow, painted) and from the Movers pane's mount (viewPainted) */
  open: { paneMs: number[]; firstRowMs: number[]; paintedMs: number[]; viewPaintedMs: number[]; rows: number; listed: number };
  topMovers: { days: 7 | 30; ms: number[]; rows: number; moved: number }[];
  storage: { usage: number; indexedDB: number | null; accounts: number; blocks: number; movers: number; watched: number; historyPoints: number };
}

/** Waits for a sync started with syncNow to complete; polls the status every 20 ms (delta syncs last ~1–2 s). */
async function timedSync(ext: ExtensionSession, full: boolean): Promise<number> {
  const before = (await ext.syncStatus())?.lastSuccessAt ?? null;
  const t0 = performance.now();
  const started = await ext.call('syncNow', { full });
  if (!started.ok) throw new Error(`syncNow refused: ${started.error.message}`);
  for (;;) {
    const s = await ext.syncStatus();
    if (s?.phase === 'idle' && s.lastSuccessAt && s.lastSuccessAt !== before) return performance.now() - t0;
    if (s && (s.phase === 'backoff' || s.phase === 'paused-auth')) throw new Error(`sync failed: ${s.lastError?.message ?? s.phase}`);
    if (performance.now() - t0 > 600_000) throw new Error('sync still running after 10 min');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Record counts of the extension's accounts database, read in its worker. */
function storeCounts(ext: ExtensionSession) {
  return ext.worker.evaluate(
    () =>
      new Promise<{ accounts: number; blocks: number; movers: number; watched: number; historyPoints: number }>((resolve, reject) => {
        const open = indexedDB.open('recotap-lens-accounts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['accounts', 'blocks', 'movers', 'watched']);
          const out = { accounts: 0, blocks: 0, movers: 0, watched: 0, historyPoints: 0 };
          for (const name of ['accounts', 'blocks', 'movers', 'watched'] as const) {
            const req = tx.objectStore(name).count();
            req.onsuccess = () => void (out[name] = req.result);
          }
          // the history kept per own row (the bounded part that grows with syncs)
          const cursor = tx.objectStore('accounts').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            out.historyPoints += (c.value as { history: unknown[] }).history.length;
            c.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** popup.html#movers in a tab: ms from navigation start to the first mover row, and to the frame after it. */
async function openMovers(page: Page, extensionId: string): Promise<{ pane: number; firstRow: number; painted: number; rows: number; listed: number }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __pane?: number; __firstRow?: number; __painted?: number };
    new MutationObserver((_, obs) => {
      if (w.__pane === undefined && document.querySelector('.rl-movers-pane')) w.__pane = performance.now();
      if (w.__firstRow === undefined && document.querySelector('ul.rl-movers > .rl-mover')) {
        w.__firstRow = performance.now();
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => void (w.__painted = performance.now()), 0));
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`chrome-extension://${extensionId}/popup.html#movers`);
  await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __pane: number; __firstRow: number; __painted: number };
    const rows = document.querySelectorAll('ul.rl-movers > .rl-mover').length;
    const all = /Show all (\d+)/.exec(document.body.textContent ?? '');
    return { pane: w.__pane, firstRow: w.__firstRow, painted: w.__painted, rows, listed: all ? Number(all[1]) : rows };
  });
}

async function watchAll(ext: ExtensionSession, world: World, idx: number[]): Promise<void> {
  const all = world.emulator.state.store.all();
  const contexts = idx.map((i) => ({ ...PLACE, websites: [`https://www.${all[i]!.domain}/`], companyName: all[i]!.name }));
  const { results } = await ext.timedCalls('lookupContext', contexts);
  const found = results.filter((r) => r.state === 'found').length;
  if (found !== idx.length) throw new Error(`only ${found} of ${idx.length} lookups found their account`);
  // watching is fire-and-forget in the handler: wait until every one is stored
  for (let i = 0; i < 300; i++) {
    if ((await storeCounts(ext)).watched >= idx.length) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the lookups did not watch their accounts within 30 s');
}

async function unwatchAll(ext: ExtensionSession, world: World, idx: number[]): Promise<void> {
  const all = world.emulator.state.store.all();
  await ext.timedCalls('unwatchAccount', idx.map((i) => ({ rtpAid: all[i]!.rtp_aid })));
}

/** Change accounts as a rescoring does (score, stage, intent); `segment`: also make them members. */
function change(world: World, idx: number[], round: number, segment?: string): void {
  const state = world.emulator.state;
  const all = state.store.all();
  for (const [k, i] of idx.entries()) {
    const a = all[i]!;
    const score = Math.max(1, Math.min(100, a.rtp_account_score + (((k + round) % 3) - 1) * 17 + 1));
    state.setAccount(a.rtp_aid, {
      rtp_account_score: score,
      rtp_g2_intent_score: Math.min(100, (a.rtp_g2_intent_score ?? 0) + (k % 2 ? 20 : 3)),
      ...(segment ? { segmentIds: [segment] } : {}),
    });
  }
}

/**
 * After a delta: move these accounts' update times an hour back in the emulator, so the next delta
 * (which overlaps the previous one by two minutes) carries only its own changes.
 */
function settle(world: World, idx: number[]): void {
  const { store } = world.emulator.state;
  const all = store.all();
  for (const i of idx) store.update(all[i]!, { updatedAt: all[i]!.updatedAt - 3_600_000 });
}

export async function measureMovers(extensionPath: string, n: number, log: (line: string) => void): Promise<MoversResult> {
  const world = await startWorld({ emulator: { seed: { synthetic: n } } });
  const browser = await launchBench(world, extensionPath, false);
  try {
    const ext = await openExtension(browser.context);
    const fullSyncMs = await timedSync(ext, true);
    log(`  movers: full sync of ${n} took ${(fullSyncMs / 1000).toFixed(1)} s`);
    // a deterministic permutation of the cache (7919 is coprime with 200,000), cut in disjoint slices
    const perm = Array.from({ length: n }, (_, j) => (j * 7919) % n);
    const slice = (from: number, count: number) => perm.slice(from, from + count);
    const pairs: MoversResult['pairs'] = [];
    let watched: number[] = [];
    for (let p = 0; p < PAIRS; p++) {
      const base = p * (CHANGED + WATCHED + CHANGED);
      const plain = slice(base, CHANGED);
      watched = slice(base + CHANGED, WATCHED);
      const others = slice(base + CHANGED + WATCHED, CHANGED - WATCHED);
      const runBase = async () => {
        change(world, plain, p);
        const ms = await timedSync(ext, false);
        settle(world, plain);
        return ms;
      };
      const runMovers = async () => {
        await watchAll(ext, world, watched);
        const before = (await storeCounts(ext)).movers;
        change(world, watched, p);
        change(world, others, p, SEGMENT.segmentId);
        const ms = await timedSync(ext, false);
        settle(world, [...watched, ...others]);
        return { ms, moves: (await storeCounts(ext)).movers - before };
      };
      // alternate which delta of a pair runs first (load drifts); the last pair ends watched, for the view
      const last = p === PAIRS - 1;
      let baseMs: number;
      let withMovers: { ms: number; moves: number };
      if (p % 2 === 0 && !last) {
        withMovers = await runMovers();
        await unwatchAll(ext, world, watched);
        baseMs = await runBase();
      } else {
        baseMs = await runBase();
        withMovers = await runMovers();
        if (!last) await unwatchAll(ext, world, watched);
      }
      pairs.push({ baseMs, moversMs: withMovers.ms, moves: withMovers.moves });
      log(`  movers: pair ${p + 1}: delta ${fmt(baseMs)} ms nobody watched, ${fmt(withMovers.ms)} ms with ${WATCHED} watched (${withMovers.moves} moves)`);
    }
    // the Movers view after the last delta (1,000 watched, 2,000 changed)
    const open: MoversResult['open'] = { paneMs: [], firstRowMs: [], paintedMs: [], viewPaintedMs: [], rows: 0, listed: 0 };
    for (let i = 0; i < OPENS; i++) {
      const page = await browser.context.newPage();
      const m = await openMovers(page, ext.extensionId);
      open.paneMs.push(m.pane);
      open.firstRowMs.push(m.firstRow);
      open.paintedMs.push(m.painted);
      open.viewPaintedMs.push(m.painted - m.pane);
      open.rows = m.rows;
      open.listed = m.listed;
      await page.close();
    }
    log(
      `  movers: Movers view: pane mounted → first row painted ${fmt(median(open.viewPaintedMs))} ms; from navigation start ${fmt(median(open.paintedMs))} ms ` +
        `(median of ${OPENS}; ${open.rows} rows shown of ${open.listed})`,
    );
    const topMovers: MoversResult['topMovers'] = [];
    for (const days of [7, 30] as const) {
      const { ms, results } = await ext.timedCalls('listTopMovers', Array.from({ length: 5 }, () => ({ segmentId: SEGMENT.segmentId, days })));
      const last = results[results.length - 1]!;
      topMovers.push({ days, ms, rows: last.ok ? last.movers.length : 0, moved: last.ok ? last.moved : 0 });
    }
    const estimate = await ext.page.evaluate(async () => {
      const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
      return { usage: e.usage ?? 0, indexedDB: e.usageDetails?.indexedDB ?? null };
    });
    const counts = await storeCounts(ext);
    return { n, fullSyncMs, pairs, open, topMovers, storage: { ...estimate, ...counts } };
  } finally {
    await browser.close();
    await world.close();
  }
}

const MB = (b: number) => `${fmt(b / 1048576, 1)} MB`;

/** The section of docs/benchmarks.md. */
export function moversSection(r: MoversResult, id: string, title: string): Section {
  const ratios = r.pairs.map((p) => (p.moversMs - p.baseMs) / p.baseMs);
  const baseMed = median(r.pairs.map((p) => p.baseMs));
  const moversMed = median(r.pairs.map((p) => p.moversMs));
  // the pairs' total times (robust to one slow delta); when the pairs themselves disagree by more
  // than twice the target, this run's load swamps the movers work and the target is not judged
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const overhead = (sum(r.pairs.map((p) => p.moversMs)) - sum(r.pairs.map((p) => p.baseMs))) / sum(r.pairs.map((p) => p.baseMs));
  const spread = Math.max(...ratios) - Math.min(...ratios);
  const verdict = pairedVerdict(ratios, overhead, 0.1);
  const judged = verdict.met !== 'not judged';
  const view = median(r.open.viewPaintedMs);
  const painted = median(r.open.paintedMs);
  const s = r.storage;
  return {
    id,
    title,
    method:
      `one fresh Chromium profile; a full sync of ${fmt(r.n)} synthetic accounts (bulk ingest), then ${r.pairs.length} pairs of delta syncs with ` +
      `${fmt(CHANGED)} accounts changed each (score, stage, G2 intent): one with nobody watched, the other after ${fmt(WATCHED)} accounts were ` +
      `watched by lookupContext from an extension page, changing those ${fmt(WATCHED)} and ${fmt(CHANGED - WATCHED)} others (the watched ones are ` +
      'unwatched again after it); the order within a pair alternates (the watched delta first in pairs 1 and 3), and the overhead is the watched deltas\' total over the plain ones\' (not judged when the pairs disagree by more than 20 points). Every changed account is still a bulk-block copy when it changes, in both deltas of a pair. ' +
      'The emulator moves each delta\'s accounts an hour back once it is synced, so the next delta (which overlaps the previous one by two minutes) ' +
      'carries only its own changes. A delta is timed from the syncNow message to the completed status (polled every 20 ms). The Movers view is ' +
      `popup.html#movers opened in a tab after the last pair (${fmt(WATCHED)} watched, ${fmt(CHANGED)} changed in that delta): "opens" is the time from ` +
      'the Movers pane in the DOM (mounted; it asks for the list in the same tick) to the frame after the first mover row appeared (painted); the time ' +
      `from navigation start (the popup page and its scripts loading first) is shown too; medians of ${r.open.paintedMs.length} openings. ` +
      `Each watched delta's ${fmt(CHANGED - WATCHED)} other accounts also join a static segment (not followed), on which Top movers is timed at the end (listTopMovers round trips from an extension page). ` +
      'Store size: navigator.storage.estimate() of the extension origin at the end, and the records counted in the worker.',
    body: [
      table(
        ['Pair', 'Delta, nobody watched', `Delta, ${fmt(WATCHED)} watched`, 'Moves recorded', 'Movers added'],
        r.pairs.map((p, i) => [String(i + 1), `${fmt(p.baseMs)} ms`, `${fmt(p.moversMs)} ms`, fmt(p.moves), `${fmt(ratios[i]! * 100, 1)} %`]),
      ),
      '',
      table(
        ['Movers view (popup.html#movers)', 'Median', 'p95', 'Rows'],
        [
          ['Movers pane mounted → first row painted', `${fmt(view, 1)} ms`, `${fmt(quantile(r.open.viewPaintedMs, 0.95), 1)} ms`, `${fmt(r.open.rows)} of ${fmt(r.open.listed)}`],
          ['navigation start → Movers pane mounted', `${fmt(median(r.open.paneMs), 1)} ms`, `${fmt(quantile(r.open.paneMs, 0.95), 1)} ms`, ''],
          ['navigation start → first row in the DOM', `${fmt(median(r.open.firstRowMs), 1)} ms`, `${fmt(quantile(r.open.firstRowMs, 0.95), 1)} ms`, ''],
          ['navigation start → first row painted', `${fmt(painted, 1)} ms`, `${fmt(quantile(r.open.paintedMs, 0.95), 1)} ms`, ''],
          ...r.topMovers.map((t) => [`listTopMovers, ${t.days} days (round trip)`, `${fmt(median(t.ms), 1)} ms`, `${fmt(quantile(t.ms, 0.95), 1)} ms`, `${fmt(t.rows)} of ${fmt(t.moved)} moved`]),
        ],
      ),
      '',
      table(
        ['Store at the end', 'Value'],
        [
          ['extension origin usage (storage.estimate)', MB(s.usage)],
          ['of which IndexedDB', s.indexedDB === null ? 'n/a' : MB(s.indexedDB)],
          ['own account rows / bulk blocks left', `${fmt(s.accounts)} / ${fmt(s.blocks)}`],
          ['history points in own rows (≤ 60 each, ≤ 90 days)', fmt(s.historyPoints)],
          ['watched accounts / mover records', `${fmt(s.watched)} / ${fmt(s.movers)}`],
        ],
      ),
    ].join('\n'),
    targets: [
      {
        target: `Movers view opens (first row painted) ≤ 100 ms at ${fmt(r.n)} accounts, ${fmt(WATCHED)} watched, ${fmt(CHANGED)} changed`,
        measured: `${fmt(view, 1)} ms median from the pane's mount (${fmt(painted, 1)} ms from navigation start, page load included)`,
        met: view <= 100,
      },
      {
        target: `computing movers adds ≤ 10% to a delta sync (${fmt(CHANGED)} changed)`,
        measured:
          `${fmt(overhead * 100, 1)} % over the ${r.pairs.length} pairs' totals (per pair ${ratios.map((x) => `${fmt(x * 100, 1)} %`).join(', ')}; median deltas ${fmt(baseMed)} → ${fmt(moversMed)} ms)` +
          (judged ? '' : `; the pairs disagree by ${fmt(spread * 100, 0)} points, so this run's load swamps the movers work: not judged`),
        met: verdict.met,
      },
      { target: `store size at ${fmt(r.n)} accounts reported`, measured: `${MB(s.usage)} (IndexedDB ${s.indexedDB === null ? 'n/a' : MB(s.indexedDB)})`, met: true },
    ],
    notes: [
      'The machine is shared: a pair whose two deltas ran under different load can swing by more than the movers work (a negative share is that noise); read the per-pair column with the load average. test/bench/movers-node.ts measures the same overhead in Node with fake-indexeddb, without a browser\'s load swings (relative figure only).',
      'storage.estimate() counts the IndexedDB files as they are on disk, logs not yet compacted included, so it varies between runs of the same data.',
      `The list had ${fmt(r.open.listed)} accounts (one per watched account moved in the last 7 days); the popup renders the first ${fmt(r.open.rows)} and a "Show all" button. The time to the first row includes listMovers (the moves read by their time index, the watched records in one transaction).`,
      'From navigation start the popup page itself (HTML, React and the view\'s scripts) comes first; §6 has the popup\'s first paint for comparison.',
    ],
  };
}

/** runs the benchmark and builds its section (run.ts) */
export async function benchMovers(extensionPath: string, log: (line: string) => void, n = 200_000, id = 'movers', title = ''): Promise<Section> {
  return moversSection(await measureMovers(extensionPath, n, log), id, title);
}
