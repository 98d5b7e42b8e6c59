/** Turns the per-size results of cache-scale.ts into the sections 3–6 of docs/benchmarks.md. */
import type { SizeResult } from './cache-scale.ts';
import { notMeasured, type Section } from './lib/report.ts';
import { fmt, quantile, table } from './lib/stats.ts';

const mb = (bytes: number) => `${fmt(bytes / 1048576, 1)} MB`;
const sizeLabel = (r: SizeResult) => (r.partial ? `${fmt(r.cached ?? 0)} (partial sync of ${fmt(r.n)})` : fmt(r.n));
const failed = (r: SizeResult) => `failed: ${r.error ?? 'no result'}`;
/** The largest live (post-GC) heap seen during a sync: mid-sync probes, else the end-of-sync figure. */
const liveHeap = (r: SizeResult) => (r.sync?.liveMid.length ? Math.max(...r.sync.liveMid.map((p) => p.bytes)) : (r.sync?.heapAfterGc ?? Number.NaN));
const liveCell = (r: SizeResult) => (r.sync?.liveMid.length ? r.sync.liveMid.map((p) => fmt(p.bytes / 1048576, 1)).join(' / ') + ' MB' : 'n/a (sync too short)');

/** Section 3: full sync throughput and service-worker heap. */
/**
 * Issue #3 sets the ingest target on a full sync of 100,000 accounts; issue #8 asks for the curve
 * around it, so every other size is judged against the same rate in a row of its own.
 */
function rateTargets(ok: SizeResult[], minRate: number) {
  const at100k = ok.find((r) => r.n === 100_000 && !r.partial);
  const others = ok.filter((r) => r !== at100k);
  return [
    ...(at100k
      ? [{ target: 'full sync of 100,000 accounts ≥ 2,000 accounts/s (issue #3)', measured: `${fmt(at100k.sync!.rate)} accounts/s`, met: at100k.sync!.rate >= 2000 }]
      : []),
    {
      target: at100k ? 'the same rate at every other size (the scaling curve)' : 'full sync ≥ 2,000 accounts/s',
      measured: others.length ? others.map((r) => `${fmt(r.n)}: ${fmt(r.sync!.rate)}/s`).join(', ') : `slowest ${fmt(minRate)} accounts/s`,
      met: others.length ? others.every((r) => r.sync!.rate >= 2000) : minRate >= 2000,
    },
  ];
}

export function syncSection(results: SizeResult[], control: { n: number; ms: number; rate: number } | null): Section {
  const ok = results.filter((r) => r.sync);
  const rows = results.map((r) =>
    r.sync
      ? [r.partial ? `${fmt(r.n)} (stopped at the time cap with ${fmt(r.cached ?? 0)} synced)` : fmt(r.n), `${fmt(r.sync.ms / 1000, 1)} s`, fmt(r.sync.rate), fmt(r.sync.pages), fmt(r.sync.requests), mb(r.sync.peakHeap), liveCell(r), mb(r.sync.heapAfterGc), fmt(r.sync.samples)]
      : [fmt(r.n), failed(r), '', '', '', '', '', '', ''],
  );
  const minRate = Math.min(...ok.map((r) => r.sync!.rate));
  const complete = ok.filter((r) => !r.partial);
  const lives = complete.map(liveHeap);
  const small = complete.find((r) => r.n >= 10_000) ?? complete[0];
  const big = complete.at(-1);
  const growth = small && big ? liveHeap(big) / liveHeap(small) : Number.NaN;
  const rawGrowth = small && big ? big.sync!.peakHeap / small.sync!.peakHeap : Number.NaN;
  return {
    id: 'sync',
    title: '3. Full sync: throughput and service-worker heap',
    method:
      'one fresh Chromium profile and emulator (synthetic seed) per size; the extension is configured through chrome.storage (as test/e2e does) and a full sync is started with the syncNow message ' +
      'from an extension page. Time = syncNow sent → sync status idle with a new lastSuccessAt (status polled every 100 ms), i.e. HTTP from the emulator on 127.0.0.1, parsing and IndexedDB writes. ' +
      "Heap: puppeteer-core attached to the service worker's DevTools target samples Runtime.getHeapUsage (usedSize) every 100 ms during the sync (raw peak, garbage included); " +
      'the live heap is read after HeapProfiler.collectGarbage when the status poll first sees ≥ 25%, 50% and 75% of the accounts synced (mid-sync) and once more after the sync (end). ' +
      'Those three forced collections happen inside the timed sync (a few ms each) and can lower the raw peak that follows them.',
    body: table(['Accounts', 'sync time', 'accounts/s', 'pages', 'API requests', 'raw peak JS heap', 'live heap mid-sync (post-GC, 25/50/75%)', 'heap after GC (end)', 'heap samples'], rows),
    targets: ok.length && small && big
      ? [
          ...rateTargets(ok, minRate),
          {
            target: 'heap flat as N grows: live (post-GC) heap mid-sync ≤ 2× from 10k to the largest N',
            measured:
              `live ${mb(Math.min(...lives))} … ${mb(Math.max(...lives))}; ${fmt(small.n)} → ${fmt(big.n)} (complete syncs): ${fmt(growth, 2)}× ` +
              `(raw peak ${mb(small.sync!.peakHeap)} → ${mb(big.sync!.peakHeap)}, ${fmt(rawGrowth, 2)}×)`,
            met: growth <= 2,
          },
        ]
      : ok.length
        ? rateTargets(ok, minRate)
        : [{ target: 'full sync ≥ 2,000 accounts/s', measured: 'not measured', met: null }],
    notes: [
      "Raw peak vs live heap: the raw peak counts garbage V8 has not collected yet, so it follows V8's GC scheduling (a longer sync lets the heap grow further before a full collection) rather than what the sync keeps; the live heap after a forced GC is what shows whether pages are streamed or accumulated.",
      ...results.filter((r) => r.partial).map(
        (r) => `${fmt(r.n)}: the full sync was still running at the suite's time cap (--max-sync-s) and was stopped with ${fmt(r.cached ?? 0)} accounts synced; its rate and peak heap cover that part only, and sections 5–6 for this size ran on those ${fmt(r.cached ?? 0)} cached accounts.`,
      ),
      control
        ? `Control: the same full sync of ${fmt(control.n)} accounts in another fresh profile without the DevTools session attached took ${fmt(control.ms / 1000, 1)} s (${fmt(control.rate)} accounts/s); compare with the ${fmt(control.n)} row to see what the heap sampling costs.`
        : 'No control run without the DevTools session in this run.',
      'The DevTools session attached to the worker keeps it alive for the whole sync (Chrome would otherwise be free to stop an idle worker; the sync resumes from its checkpoint then).',
    ],
  };
}

/** Section 4: delta sync at 100,000 with 1% rescored. */
export function deltaSection(results: SizeResult[]): Section {
  const r = results.find((x) => x.n === 100_000);
  if (!r?.delta) return notMeasured('delta', '4. Delta sync (1% changed at 100,000)', r ? failed(r) : 'the 100,000-account size was not run.');
  const d = r.delta;
  return {
    id: 'delta',
    title: '4. Delta sync (1% changed at 100,000)',
    method:
      'in the 100,000-account profile of section 3, right after the full sync: the emulator rescores 1% of the accounts (controls.rescore({fraction: 0.01})), ' +
      'the request log is cleared, and a delta sync is started with syncNow {full: false}; time as in section 3.',
    body: table(
      ['Changed accounts', 'delta sync time', 'rows received', 'API requests', 'of which GET /accounts', 'full sync at 100,000'],
      [[fmt(d.changed), `${fmt(d.ms / 1000, 2)} s`, fmt(d.rows), fmt(d.requests), fmt(d.accountRequests), r.sync ? `${fmt(r.sync.ms / 1000, 1)} s, ${fmt(r.sync.requests)} requests` : 'n/a']],
    ),
    targets: [
      {
        target: 'delta costs O(changed): ≈ changed/100 pages, not a full re-read',
        measured: `${fmt(d.accountRequests)} GET /accounts for ${fmt(d.changed)} changed`,
        met: d.accountRequests <= Math.ceil(d.changed / 100) + 3,
      },
    ],
    notes: [
      'The full sync of section 3 ran on an empty cache, so it wrote one block per page (docs/architecture.md, account cache); each changed row here becomes a row of its own that replaces its block copy: one more index read per row, and one read and write of that block\'s type-ahead record (blockHits) per page.',
      r.resync
        ? `Then a forced full re-sync over this warm cache (syncNow {full: true}; every account rewritten one record per account, which replaces and deletes the blocks): ${fmt(r.resync.ms / 1000, 1)} s, ${fmt(r.resync.rate)} accounts/s, ${fmt(r.resync.cached)} accounts cached after it.`
        : 'No full re-sync over the warm cache in this run.',
    ],
  };
}

/** "port + one cache read p95 X ms; " from section 5's worst size, or '' when it was not measured. */
/** " (a; b)" of the non-empty parts, or nothing. */
const parenthesised = (parts: string[]) => (parts.some(Boolean) ? ` (${parts.filter(Boolean).join('; ')})` : '');

function floorsText(results: SizeResult[]): string {
  const reads = results.flatMap((r) => (r.lookup?.readFloorP95 === undefined ? [] : [r.lookup.readFloorP95]));
  return reads.length ? `port + one cache read p95 ${fmt(Math.max(...reads), 1)} ms; ` : '';
}

/** Section 5: lookupContext latency, warm cache. */
export function lookupSection(results: SizeResult[]): Section {
  const rows = results.map((r) =>
    r.lookup
      ? [
          sizeLabel(r),
          fmt(r.lookup.count),
          fmt(r.lookup.p50, 1),
          fmt(r.lookup.p95, 1),
          fmt(r.lookup.max, 1),
          `${r.lookup.found}/${r.lookup.count}`,
          r.lookup.readFloorP50 === undefined ? 'n/a' : `${fmt(r.lookup.readFloorP50, 1)} / ${fmt(r.lookup.readFloorP95!, 1)}`,
          `${fmt(r.lookup.floorP50, 1)} / ${fmt(r.lookup.floorP95, 1)}`,
          r.lookup.messageP50 === undefined ? 'n/a' : `${fmt(r.lookup.messageP50, 1)} / ${fmt(r.lookup.messageP95!, 1)}`,
        ]
      : [fmt(r.n), failed(r), '', '', '', '', '', '', ''],
  );
  const ok = results.filter((r) => r.lookup);
  const worst = Math.max(...ok.map((r) => r.lookup!.p95));
  const floor = Math.max(...ok.map((r) => r.lookup!.floorP95));
  const readFloor = floorsText(results);
  const wakes = results.filter((r) => r.lookup?.wake);
  const wakeRows = wakes.map((r) => {
    const { ms, floor: bare } = r.lookup!.wake!;
    return [sizeLabel(r), fmt(ms.length), fmt(quantile(ms, 0.5), 1), fmt(quantile(ms, 0.95), 1), fmt(Math.max(...ms), 1), `${fmt(quantile(bare, 0.5), 1)} / ${fmt(quantile(bare, 0.95), 1)}`];
  });
  return {
    id: 'lookup',
    title: '5. Domain lookup latency (warm cache)',
    method:
      'after the full sync of section 3, 200 lookupContext messages (a Salesforce account context whose website is a cached account\'s domain, 200 different accounts spread over the cache) ' +
      'are sent one after another from an extension page on the request port (utils/port-requests.ts: one runtime.connect port, {id, type, data} messages), as the panel frame sends its lookups; each round trip is timed inside the page with performance.now(). ' +
      '20 warm-up lookups first. The panel iframe sends from an extension page too; LinkedIn\'s in-page panel sends from a content script on the same port, plus the site-enabled check (effective settings read) that the background skips for extension pages. ' +
      'Floor of a cache-backed lookup: after the timed lookups, the domains of 200 other accounts (after 20 warm-up reads of their own), so that it too meets the cache\'s records for the first time: Chromium\'s IndexedDB backend serves records it read recently much faster (until 2026-12-07 the floor re-read the lookups\' own 200 domains after them) on a port of its own whose bare runtime.onConnect listener, added to the worker for the bench, does only the cache read a lookup cannot skip (the account\'s rows by domain: one read-only transaction over \'accounts\' and \'blocks\', both index reads at once, as store.ts findIn) and answers with the count: no validation, no resolver, no activities, no script around the read. ' +
      'Below it, 200 round trips on a port that a bare listener answers at once (no IndexedDB, no handler): what any request costs before it does anything. ' +
      'Beside it, 200 round trips of a runtime.sendMessage to a bare runtime.onMessage listener: the transport lookups used before the port. ' +
      'After the worker stopped: last, for 10 more accounts, the worker is stopped (CDP ServiceWorker.stopAllWorkers, then 300 ms) before each lookup, so each one starts the worker (its script, its set-up, the databases opened) and then answers. Its floor, in a browser of its own: the same stop and a runtime.sendMessage from an extension page to test/bench/bare-extension, a worker whose only code is a listener that answers at once.',
    body: [
      table(['Cached accounts', 'lookups', 'p50 ms', 'p95 ms', 'max ms', 'found', 'floor (port + cache read) p50 / p95 ms', 'bare port p50 / p95 ms', 'bare sendMessage p50 / p95 ms'], rows),
      '',
      '**After the worker stopped** (the first lookup after an idle spell: Chrome stops an extension\'s service worker 30 s after its last event, so a rep who reads a record for longer than that meets this on the next one)',
      '',
      wakeRows.length
        ? table(['Cached accounts', 'lookups', 'p50 ms', 'p95 ms', 'max ms', 'bare worker\'s wake + message p50 / p95 ms'], wakeRows)
        : 'Not measured.',
    ].join('\n'),
    targets: [
      { target: 'p95 ≤ 10 ms at every size', measured: ok.length ? `worst p95 ${fmt(worst, 1)} ms` : 'not measured', met: ok.length ? worst <= 10 : null },
      {
        target: 'p95 ≤ 5 ms at every size (issue #18)',
        measured: ok.length ? `worst p95 ${fmt(worst, 1)} ms (${readFloor}bare round trip p95 ${fmt(floor, 1)} ms)` : 'not measured',
        met: ok.length ? worst <= 5 : null,
      },
    ],
  };
}

/** Section 6: popup search per keystroke and popup first paint. */
export function searchSection(results: SizeResult[]): Section {
  const rows = results.map((r) =>
    r.search
      ? [
          sizeLabel(r), fmt(r.search.count), fmt(r.search.p50, 1), fmt(r.search.p95, 1), fmt(r.search.max, 1),
          r.search.readFloorP95 === undefined ? 'n/a' : `${fmt(r.search.readFloorP50!, 1)} / ${fmt(r.search.readFloorP95, 1)}`,
          r.search.floorRecords === undefined ? 'n/a' : fmt(r.search.floorRecords),
        ]
      : [fmt(r.n), failed(r), '', '', '', '', ''],
  );
  const popRows = results.filter((r) => r.popup).map((r) => [sizeLabel(r), fmt(r.popup!.firstContentfulPaint, 0), fmt(r.popup!.searchBoxReady, 0), fmt(r.popup!.typingToFirstRow, 0), String(r.popup!.runs)]);
  const ok = results.filter((r) => r.search);
  const worst = Math.max(...ok.map((r) => r.search!.p95));
  const floors = results.flatMap((r) => (r.lookup ? [r.lookup.floorP95] : []));
  const readFloor = floorsText(results);
  const searchFloors = ok.flatMap((r) => (r.search!.readFloorP95 === undefined ? [] : [r.search!.readFloorP95]));
  const worstFloor = searchFloors.length ? Math.max(...searchFloors) : null;
  return {
    id: 'search',
    title: '6. Popup search per keystroke and popup first paint',
    method:
      'searchAccounts {limit: 8} round trips (as the popup sends them, on the request port) for the successive prefixes (1–12 characters) of 10 real account names from the cache, timed inside an extension page like section 5. ' +
      'Popup: popup.html opened in a tab 3 times; an init script timestamps (ms since navigation start) when the search box is in the DOM, the Paint Timing API gives first contentful paint, ' +
      'then the first 4 characters of a cached name are entered and a MutationObserver timestamps the first result row (this includes the popup\'s 80 ms type-ahead debounce). Medians. ' +
      '"Reads alone": after the timed keystrokes, those of 10 other names (12 each, after the same warm-up on the first of them), so that it too meets the cache\'s records for the first time, as a rep\'s first search for a name does (Chromium\'s IndexedDB backend serves records it read recently much faster), on a port of their own whose bare listener in the worker, installed for the benchmark, does only the IndexedDB reads the search makes (utils/accounts/store.ts search with its search pages: for each name or domain part of the domain and name tiers at once, the own rows\' index range and the first two search pages of the key, one request each; the word tier\'s index ranges and BlockHits only while those cannot fill the answer, in one read-only transaction); no ranking, no answer. "Records read": search pages and BlockHits over the run.',
    body: [
      table(['Cached accounts', 'keystrokes', 'p50 ms', 'p95 ms', 'max ms', 'reads alone p50 / p95 ms', 'records read'], rows),
      '',
      popRows.length ? table(['Cached accounts', 'first contentful paint ms', 'search box ready ms', 'typing → first result row ms', 'openings'], popRows) : 'Popup opening: not measured.',
    ].join('\n'),
    targets: [
      { target: 'search ≤ 16 ms per keystroke (p95) at every size', measured: ok.length ? `worst p95 ${fmt(worst, 1)} ms` : 'not measured', met: ok.length ? worst <= 16 : null },
      {
        target: 'search ≤ 5 ms per keystroke (p95) at every size (issue #18)',
        // the same floors as section 5: one cache read on the port, and a round trip before any read
        measured: ok.length
          ? `worst p95 ${fmt(worst, 1)} ms${parenthesised([
              worstFloor !== null ? `its IndexedDB reads alone: worst p95 ${fmt(worstFloor, 1)} ms` : '',
              floors.length ? `${readFloor}bare round trip p95 ${fmt(Math.max(...floors), 1)} ms` : '',
            ])}`
          : 'not measured',
        met: ok.length ? worst <= 5 : null,
      },
    ],
    notes: [
      ...(worstFloor !== null
        ? [
            `The floor of this ranking on this machine, measured in the same run: the IndexedDB reads alone of as many keystrokes of other names (no ranking, no answer) reach p95 ${fmt(worstFloor, 1)} ms` +
              (worstFloor > 5 ? ', above the 5 ms target by themselves.' : ', under the target in this run.'),
          ]
        : []),
      "How a keystroke reads (since 2026-12-07, session 18): a name's first one or two characters match thousands of accounts, and the answer ranks the first 24 matches (by name, and by domain) by score. In a bulk-synced cache those 24 sit in up to 24 different sync pages, written in API order, and until session 18 each keystroke read their BlockHits records: p95 6.7–13 ms at 100,000 and 200,000 accounts in the runs of sessions 14 to 17. Once a full sync has written every block, the worker builds search pages (utils/accounts/db.ts SearchPage): every block entry sorted by name, and again by domain, 100 to a record, so that the first 24 matches of any prefix are in one record or two, read with one request per tier part; a delta lists the entries its rows supersede in a small record of its own, which search skips (the pages are rebuilt when a run ends with more than a tenth of the cache listed), and a bulk write sends search back to the blocks until the next build. The build is part of the sync run (raw peak heap and sync time in section 3 include it) and adds two records per 100 accounts to the cache. Tried before and dropped (docs/architecture.md, 'Type-ahead'): a smaller ranking window (ranks 8 alphabetical names instead of the best of 24) and a type-ahead record per account (halved the first sync's speed).",
    ],
  };
}
