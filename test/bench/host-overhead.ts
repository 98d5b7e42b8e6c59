/**
 * Benchmark 8: main-thread script time a heavy CRM page costs with the extension vs without it.
 * CDP Performance.getMetrics on the page target (ScriptDuration counts every script on the page's
 * main thread, content-script isolated worlds included; TaskDuration is all main-thread work).
 */
import type { BrowserContext, CDPSession } from '@playwright/test';
import { startWorld } from '../e2e/world.ts';
import { HEAVY_URL, heavyPageHtml } from './heavy-page.ts';
import { pairedVerdict, type Section } from './lib/report.ts';
import { launchBench, openExtension, syncAndWait } from './lib/session.ts';
import { scriptShare, type ScriptShare } from './lib/script-share.ts';
import { fmt, median, table } from './lib/stats.ts';
import { countTabMessages, describeCounts, lensWorkCounts, type MessageCounts, type WorkCounts } from './work-counts.ts';

const NAVIGATIONS = 20;
/** visits with the extension recorded with the CPU profiler (whose script: extension or page) */
const PROFILED = 7;
const SAMPLING_US = 250;
const TARGET = 0.05;
/** issue #18: the extension's own share of the page's script (CPU profile), navigations and whole visit */
const NAV_TARGET_18 = 0.02;
const VISIT_TARGET_18 = 0.03;
const WORK_KEYS = ['navigations', 'checks', 'observers', 'mutationCallbacks', 'mutationRecords', 'reads', 'panelRenders'] as const;

interface Visit {
  script: number;
  task: number;
  /** main-thread CPU time (ThreadTime): unlike the durations, not stretched while the OS runs another process */
  thread: number;
  /** script ms of the load phase (page load + 1 s) */
  loadScript: number;
  /** content-script counters at the end of the visit (with the extension only) */
  work: WorkCounts | null;
  /** messages from the tab during the load phase and during the navigations */
  loadMessages: MessageCounts;
  navMessages: MessageCounts;
  /** with `profile`: the visit's sampled script time split between extension and page, per phase */
  share: { load: ScriptShare; nav: ScriptShare } | null;
  /** Chrome's panel iframe (another process): its own script and task ms over the navigations */
  frameNav: { script: number; task: number } | null;
}

type Take = () => Promise<MessageCounts>;

/** What the panel iframe itself ran over the navigations, in the extension's process (Chrome's framed panel). */
function frameNote(a: Visit[]): string {
  const f = a.flatMap((v) => (v.frameNav ? [v.frameNav] : []));
  if (f.length === 0) return 'Panel iframe: none (this build renders the panel in the page).';
  return (
    `Panel iframe (panel-frame.html, the extension's renderer process, not the page's main thread), over the ${NAVIGATIONS} navigations, median of ${f.length} visits: ` +
    `script ${fmt(median(f.map((x) => x.script)), 0)} ms, main-thread tasks ${fmt(median(f.map((x) => x.task)), 0)} ms (its React renders, layout and paint). Not counted above: it runs beside the page, not on its thread.`
  );
}

/** One visit: load, 20 SPA navigations with DOM churn 200 ms apart, then the page's metrics (ms). */
async function visit(context: BrowserContext, takeMessages: Take | null, profile = false): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
  }
  await takeMessages?.();
  await page.goto(HEAVY_URL, { waitUntil: 'load' });
  await page.waitForTimeout(1000); // the panel's first lookup settles
  const loadScript = (await metricsMs(cdp)).ScriptDuration ?? Number.NaN;
  const loadMessages = (await takeMessages?.()) ?? {};
  // profiled visits: one profile for the load phase, another for the navigations
  let loadShare: ScriptShare | null = null;
  if (profile) {
    loadShare = scriptShare((await cdp.send('Profiler.stop')).profile);
    await cdp.send('Profiler.start');
  }
  // the panel iframe's own metrics over the navigations (not on the page's main thread)
  const frame = takeMessages && !profile ? page.frames().find((f) => f.url().includes('/panel-frame.html')) : undefined;
  const frameCdp = frame ? await context.newCDPSession(frame).catch(() => null) : null;
  await frameCdp?.send('Performance.enable');
  for (let i = 0; i < NAVIGATIONS; i++) {
    // run from a page timer, not from CDP: script started by Runtime.evaluate is not in ScriptDuration
    await page.evaluate(() => void setTimeout(() => (window as unknown as { __benchChurn: () => number }).__benchChurn(), 0));
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  const m = await metricsMs(cdp);
  const fm = frameCdp ? await metricsMs(frameCdp).catch(() => null) : null;
  await frameCdp?.detach().catch(() => undefined);
  const frameNav = fm ? { script: fm.ScriptDuration ?? Number.NaN, task: fm.TaskDuration ?? Number.NaN } : null;
  const share = profile && loadShare ? { load: loadShare, nav: scriptShare((await cdp.send('Profiler.stop')).profile) } : null;
  const navMessages = (await takeMessages?.()) ?? {};
  const work = takeMessages ? await lensWorkCounts(cdp, page) : null; // after the metrics: CDP's own evaluation is not the page's cost
  await cdp.detach();
  await page.close();
  const get = (k: string) => m[k] ?? Number.NaN;
  return { script: get('ScriptDuration'), task: get('TaskDuration'), thread: get('ThreadTime'), loadScript, work, loadMessages, navMessages, share, frameNav };
}

async function metricsMs(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((x) => [x.name, x.value * 1000]));
}

/** Mean of each key over the visits (counts are deterministic enough that the mean reads well). */
function meanCounts(xs: readonly (Record<string, number> | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  const present = xs.filter((x): x is Record<string, number> => x !== null);
  for (const x of present) for (const [k, v] of Object.entries(x)) out[k] = (out[k] ?? 0) + v / present.length;
  return out;
}

/** Alternates visits between a browser with the extension and one without, `reps` each (medians). */
export async function benchHostOverhead(extensionPath: string, reps = 5): Promise<Section> {
  const world = await startWorld({});
  world.setPage(HEAVY_URL, await heavyPageHtml());
  const withExt = await launchBench(world, extensionPath);
  const without = await launchBench(world, null);
  const a: Visit[] = [];
  const b: Visit[] = [];
  const shares: { load: ScriptShare; nav: ScriptShare }[] = [];
  let panelSeen = false;
  try {
    const ext = await openExtension(withExt.context);
    await syncAndWait(ext, true);
    const messages = await countTabMessages(ext.worker);
    await visit(withExt.context, messages.take); // warm-up both (compile caches, first lookup)
    await visit(without.context, null);
    for (let i = 0; i < reps; i++) {
      // alternate which browser goes first, so a burst of load from other processes hits both alike
      if (i % 2 === 0) {
        a.push(await visit(withExt.context, messages.take));
        b.push(await visit(without.context, null));
      } else {
        b.push(await visit(without.context, null));
        a.push(await visit(withExt.context, messages.take));
      }
    }
    for (let i = 0; i < PROFILED; i++) shares.push((await visit(withExt.context, messages.take, true)).share!);
    const probe = await withExt.context.newPage();
    await probe.goto(HEAVY_URL);
    panelSeen = await probe.locator('recotap-lens-panel').waitFor({ state: 'attached', timeout: 10_000 }).then(() => true, () => false);
    await probe.close();
  } finally {
    await withExt.close();
    await without.close();
    await world.close();
  }
  const m = (xs: Visit[], k: 'script' | 'task' | 'thread' | 'loadScript' | 'navScript') =>
    median(xs.map((x) => (k === 'navScript' ? x.script - x.loadScript : x[k])));
  // each with-extension visit against the baseline visit next to it (same minute, same machine
  // load), then the median of those ratios: steadier than a ratio of two separate medians
  const value = (x: Visit, k: 'script' | 'task' | 'thread' | 'navScript') => (k === 'navScript' ? x.script - x.loadScript : x[k]);
  const rounds = (k: 'script' | 'task' | 'thread' | 'navScript') => a.map((x, i) => value(x, k) / (b[i] ? value(b[i], k) : Number.NaN) - 1);
  const paired = (k: 'script' | 'task' | 'thread' | 'navScript') => median(rounds(k));
  const pct = (xs: number[]) => xs.map((x) => `${fmt(x * 100, 1)}%`).join(', ');
  const added = paired('script');
  const sum = (x: { load: ScriptShare; nav: ScriptShare }): ScriptShare => ({
    extension: x.load.extension + x.nav.extension, page: x.load.page + x.nav.page, gc: x.load.gc + x.nav.gc,
  });
  const ratio = (x: ScriptShare) => x.extension / x.page;
  const ownShare = median(shares.map((x) => ratio(sum(x))));
  const navShare = median(shares.map((x) => ratio(x.nav)));
  const loadShare = median(shares.map((x) => ratio(x.load)));
  const addedNav = paired('navScript');
  const addedTask = paired('task');
  const addedThread = paired('thread');
  const navVerdict = pairedVerdict(rounds('navScript'), addedNav, TARGET);
  const visitVerdict = pairedVerdict(rounds('script'), added, TARGET);
  const row = (label: string, xs: Visit[]) =>
    [label, fmt(m(xs, 'loadScript'), 1), fmt(m(xs, 'navScript'), 1), fmt(m(xs, 'script'), 1), fmt(m(xs, 'task'), 1), fmt(m(xs, 'thread'), 1)];
  const work = meanCounts(a.map((v) => v.work as Record<string, number> | null));
  const perNav = (x: Record<string, number>) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v / NAVIGATIONS]));
  return {
    id: 'overhead',
    title: '8. Host-page overhead',
    method:
      `a heavy page (test/bench/heavy-page.ts: the Salesforce Lightning SPA fixture plus a 5,000-row × 6-column table) is loaded at its real URL, then ${NAVIGATIONS} SPA navigations ` +
      `each rewriting 500 rows, 200 ms apart. CDP Performance.getMetrics on the page after the visit: ScriptDuration (all JavaScript on the page's main thread, the content script's isolated world included) and TaskDuration. ` +
      `Same world server, two browsers: one with the extension (configured, demo accounts synced), one without --load-extension. One warm-up visit each, then ${reps} alternating visits (the order flips each round). The table shows medians (each column its own); the added percentages are the median over rounds of (with ÷ without − 1) for the two visits of a round. ` +
      'ThreadTime (main-thread CPU) is shown beside the durations because it does not grow when other processes take the CPU mid-task. ' +
      'Work counts: the content script\'s counters (utils/work-counts.ts, read over CDP after the metrics) and the messages the service worker received from the tab.',
    body: [
      table(
        ['Browser', 'script ms, load + 1 s', 'script ms, 20 navigations', 'script ms, whole visit', 'main-thread task ms, whole visit', 'main-thread CPU ms, whole visit'],
        [row('without extension', b), row('with extension', a)],
      ),
      '',
      `Added script time, whole visit: ${fmt(added * 100, 1)}% (main-thread tasks: ${fmt(addedTask * 100, 1)}%; main-thread CPU time: ${fmt(addedThread * 100, 1)}%). Panel present on the heavy page: ${panelSeen ? 'yes' : 'NO'}.`,
      `Added script time during the ${NAVIGATIONS} navigations alone (whole visit minus load + 1 s): ${fmt(addedNav * 100, 1)}%.`,
      `Each round (with ÷ without − 1), whole visit: ${pct(rounds('script'))}; navigations: ${pct(rounds('navScript'))}.`,
      `Extension's own script, by CPU profile (${PROFILED} more visits with the extension, V8 sampling every ${SAMPLING_US} µs, one profile for the load phase and one for the navigations; a sample is the extension's when any frame on its stack is a chrome-extension:// script, the DOM calls it makes included), per visit: ` +
        `${shares.map((x) => `${fmt(sum(x).extension, 0)} ms vs the page's ${fmt(sum(x).page, 0)} ms (${fmt(ratio(sum(x)) * 100, 1)}%: load ${fmt(x.load.extension, 0)}/${fmt(x.load.page, 0)} ms, navigations ${fmt(x.nav.extension, 0)}/${fmt(x.nav.page, 0)} ms; GC ${fmt(sum(x).gc, 0)} ms, not attributed)`).join('; ')}. ` +
        `Medians: over the ${NAVIGATIONS} navigations ${fmt(navShare * 100, 1)}%, page load + 1 s ${fmt(loadShare * 100, 1)}%, whole visit ${fmt(ownShare * 100, 1)}% of the page's own script time.`,
      frameNote(a),
      `Script ms per visit, in order: without ${b.map((x) => fmt(x.script, 0)).join(', ')}; with ${a.map((x) => fmt(x.script, 0)).join(', ')}.`,
      '',
      `Work per visit with the extension (mean of ${a.length}): ${Object.keys(work).length ? describeCounts(work, WORK_KEYS) : 'content-script counters not readable'}.`,
      `Messages from the tab: load phase ${describeCounts(meanCounts(a.map((v) => v.loadMessages)))}; per navigation ${describeCounts(perNav(meanCounts(a.map((v) => v.navMessages))))}.`,
    ].join('\n'),
    targets: [
      {
        target: `extension's own main-thread script ≤ 5% of the page's over the ${NAVIGATIONS} SPA navigations (issue #4's window; CPU-profile attribution within each visit: the figure this machine's noise cannot swing)`,
        measured: `${fmt(navShare * 100, 1)}%`,
        met: navShare <= TARGET,
      },
      {
        target: "the same ≤ 5% over the whole visit: page load, the panel's first mount and the navigations (CPU profile)",
        measured: `${fmt(ownShare * 100, 1)}%`,
        met: ownShare <= TARGET,
      },
      {
        target: `the same share ≤ 2% over the ${NAVIGATIONS} SPA navigations (CPU profile; issue #18)`,
        // two decimals: near the target, 2.04% must not read as a missed 2.0%
        measured: `${fmt(navShare * 100, 2)}%`,
        met: navShare <= NAV_TARGET_18,
      },
      {
        target: 'the same share ≤ 3% over the whole visit (CPU profile; issue #18)',
        measured: `${fmt(ownShare * 100, 2)}%`,
        met: ownShare <= VISIT_TARGET_18,
      },
      {
        target: `extension adds ≤ 5% main-thread script time over the ${NAVIGATIONS} SPA navigations (paired visits)`,
        measured: `${fmt(addedNav * 100, 1)}% (${navVerdict.spread})`,
        met: navVerdict.met,
      },
      {
        target: 'the same ≤ 5% over the whole visit (paired visits; page load and first panel render included)',
        measured: `${fmt(added * 100, 1)}% (${visitVerdict.spread})`,
        met: visitVerdict.met,
      },
    ],
    notes: [
      'Both browsers run on the same 2 shared cores. The paired figures compare two visits\' wall-clock ScriptDuration, and on this machine the page alone swings by ±25% from one visit to the next (see "Script ms per visit"): single rounds range from well below 0% to over 30%, so a median of a few rounds cannot resolve 5%: the paired rows are judged only when the rounds agree within 10 points (twice the target), else reported as not judged. The CPU-profile share compares the extension with the page inside the same visit, which that noise moves alike; the profiler slows both by its sampling, and the shares are the figures the target is judged on first: the navigations alone (the window of issue #4, \'over 20 SPA navigations\'), and the whole visit with the page load and the first mount of the panel.',
      "Issue #18's 2% / 3%: where the extension's time goes (test/bench/profile-content.ts on a quiet machine, 2026-12-06, per visit): page load ~12 ms, of which ~3.3 ms is inserting the panel iframe (creating the frame: a fixed cost of the framed panel; setting its address after insertion instead of before did not lower it) and the rest starting detection and the first read; the 20 navigations ~12.5 ms, about 0.6 ms per navigation: the record's read (native closest/querySelector over the record area ~0.15 ms, the field layers), URL matching, and the post to the frame (~0.06 ms). No single item is left that is worth the 5–20% these targets still ask; see docs/architecture.md \"Where the time goes\".",
    ],
  };
}
