/**
 * Benchmark 7: from an SPA URL change (window.__spaGo on a fixture's spa.html) to the in-page panel
 * painted with the new account. Warm cache: demo accounts synced first. Cold cache: another profile
 * with sync off whose local cache is cleared (clearLocalData) before every timed navigation, so each
 * lookup goes to the API. Timed inside the page: t0 just before __spaGo, end = the first animation
 * frame after the panel title shows the new name.
 */
import type { CDPSession, Frame, Page } from '@playwright/test';
import { expectedCompany, isPlainScoredCompany } from '../e2e/expectations.ts';
import { loadSiteCases, type SiteCase } from '../e2e/site-cases.ts';
import { startWorld } from '../e2e/world.ts';
import type { Section } from './lib/report.ts';
import { launchBench, openExtension, stopWorkers, syncAndWait } from './lib/session.ts';
import { fmt, p50p95, quantile, table } from './lib/stats.ts';
import { countTabMessages, describeCounts, lensWorkCounts, type MessageCounts, type WorkCounts } from './work-counts.ts';

const TARGET_MS = 100;
/** a port the bench's listener in the worker echoes on (work-counts.ts), for the floor with an empty round trip */
export const BENCH_PING_PORT = 'lens-bench-ping';
/** how long after the harness asks the page starts a timed navigation (spaGoSoon) */
export const SPA_GO_DELAY_MS = 30;
/** render delays of the stopped-worker pass: the record in the URL change's task (the worst case), and a CRM's quick load */
const STOPPED_DELAYS = [0, 250];
const WORK_KEYS = ['navigations', 'checks', 'observers', 'mutationCallbacks', 'mutationRecords', 'reads', 'panelRenders'] as const;
/** four adapters with different DOM styles keep the suite inside its time budget */
export const ADAPTERS = ['salesforce-lightning', 'hubspot', 'dynamics', 'gmail'];

/**
 * In the page: navigate with __spaGo(url); resolves with ms until the title reads `name` and a frame
 * passed, and t0 as ms since the epoch (to match the background's arrival time of the lookup).
 * For a build whose panel is in the page's shadow root (Firefox's kind, older Chrome builds).
 */
function spaTo(args: { url: string; name: string }): Promise<{ ms: number; t0Epoch: number }> {
  const host = document.querySelector('recotap-lens-panel');
  const root = host?.shadowRoot;
  if (!root) return Promise.reject(new Error('no panel in the page'));
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`panel never showed ${args.name}`)), 10_000);
    let t0 = 0;
    const check = () => {
      if (root.querySelector('.rl-title')?.textContent?.trim() !== args.name) return;
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => resolve({ ms: performance.now() - t0, t0Epoch: performance.timeOrigin + t0 }));
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    (window as unknown as { __spaGo: (url: string) => void }).__spaGo(args.url);
    check();
  });
}

/**
 * In the panel iframe (the framed panel; test/bench/firefox.ts uses it too): from now on, resolve window.__benchShown with the
 * epoch time of the first animation frame after the title reads `name`.
 */
export function armTitleWatch({ name, ping, floors }: { name: string; ping?: string; floors: boolean }): void {
  const w = window as unknown as {
    __benchShown: Promise<number>; __benchContextAt: Promise<number>; __benchContextFrame: Promise<number>; __benchPingFrame: Promise<number>;
    __benchPing?: chrome.runtime.Port;
  };
  // when the host's context message reached the frame (observed, not consumed: the frame's own
  // listener runs too). With `floors`, also the first animation frame after it: the earliest the
  // frame could paint anything of this record, lookup or not (the framed panel's floor); and with
  // `ping` (a port name the worker echoes on), the first animation frame after an empty round trip
  // to the worker sent when the context arrived: the floor of a panel that has to ask the worker at
  // all. Those marks request animation frames of their own, which start a frame before the panel's
  // answer and so delay its paint to the frame after: a navigation that measures floors is not
  // timed (the caller measures them in navigations of their own).
  let framed: (at: number) => void = () => undefined;
  let pinged: (at: number) => void = () => undefined;
  w.__benchContextFrame = new Promise((resolve) => (framed = resolve));
  w.__benchPingFrame = new Promise((resolve) => (pinged = resolve));
  const port = ping && floors ? (w.__benchPing ??= chrome.runtime.connect({ name: ping })) : null;
  const onPong = () => {
    port?.onMessage.removeListener(onPong);
    requestAnimationFrame(() => pinged(performance.timeOrigin + performance.now()));
  };
  port?.onMessage.addListener(onPong);
  w.__benchContextAt = new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { m?: { type?: string } } | null)?.m?.type !== 'context') return;
      window.removeEventListener('message', onMessage);
      resolve(performance.timeOrigin + performance.now());
      if (!floors) return;
      port?.postMessage(0);
      requestAnimationFrame(() => framed(performance.timeOrigin + performance.now()));
    };
    window.addEventListener('message', onMessage);
  });
  w.__benchShown = new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`panel never showed ${name}`)), 10_000);
    const check = () => {
      if (document.querySelector('.rl-title')?.textContent?.trim() !== name) return;
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * In the panel iframe, after a navigation armed by armTitleWatch: when the record's context arrived,
 * the first animation frame after it, and the first after the empty round trip (ms since the epoch;
 * NaN for any not seen within 50 ms).
 */
export function frameMarks(): Promise<[number, number, number]> {
  const w = window as unknown as { __benchContextAt: Promise<number>; __benchContextFrame: Promise<number>; __benchPingFrame: Promise<number> };
  const late = new Promise<number>((r) => setTimeout(() => r(Number.NaN), 50));
  return Promise.all([Promise.race([w.__benchContextAt, late]), Promise.race([w.__benchContextFrame, late]), Promise.race([w.__benchPingFrame, late])]);
}

/**
 * In the page: __spaGo(url) in `delayMs`, from a timer of the page's own; window.__benchT0 resolves
 * with its start (ms since the epoch). The harness's own CDP round trip (this call's reply) is then
 * over before the timed window opens, as no rep has one.
 */
export function spaGoSoon(args: { url: string; delayMs: number }): void {
  const w = window as unknown as { __spaGo: (url: string) => void; __benchT0: Promise<number> };
  w.__benchT0 = new Promise((resolve) =>
    setTimeout(() => {
      const t0 = performance.timeOrigin + performance.now();
      w.__spaGo(args.url);
      resolve(t0);
    }, args.delayMs),
  );
}

/**
 * One timed navigation. Framed panel: the end is seen in the iframe (another process); both clocks
 * are performance.timeOrigin + now(), ms since the epoch.
 */
async function navigate(
  page: Page, frame: Frame | null, to: { url: string; name: string }, floors = false,
): Promise<{ ms: number; t0Epoch: number; toFrame?: number; floor?: number; pingFloor?: number }> {
  if (!frame) return page.evaluate(spaTo, to);
  await frame.evaluate(armTitleWatch, { name: to.name, ping: BENCH_PING_PORT, floors });
  // the wait for the end is sent first and the navigation starts from the page's own timer: no
  // command of the harness crosses the timed window (the processes' hops are what is measured)
  const shown = frame.evaluate(() => (window as unknown as { __benchShown: Promise<number> }).__benchShown);
  await page.evaluate(spaGoSoon, { url: to.url, delayMs: SPA_GO_DELAY_MS });
  const end = await shown;
  const t0Epoch = await page.evaluate(() => (window as unknown as { __benchT0: Promise<number> }).__benchT0);
  const [ctxAt, ctxFrame, pingFrame] = await frame.evaluate(frameMarks);
  return {
    ms: end - t0Epoch,
    t0Epoch,
    ...(Number.isFinite(ctxAt) ? { toFrame: ctxAt - t0Epoch } : {}),
    ...(Number.isFinite(ctxFrame) ? { floor: ctxFrame - t0Epoch } : {}),
    ...(Number.isFinite(pingFrame) ? { pingFloor: pingFrame - t0Epoch } : {}),
  };
}

/** The panel iframe when the build frames its panel, else null (the shadow-root panel). */
async function panelFrameOf(page: Page, name: string): Promise<Frame | null> {
  await page.locator('recotap-lens-panel').waitFor({ state: 'attached', timeout: 20_000 });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/panel-frame.html'));
    if (frame) {
      await frame.waitForFunction((n) => document.querySelector('.rl-title')?.textContent?.trim() === n, name, { timeout: 20_000 });
      return frame;
    }
    const inPage = await page.evaluate(
      (n) => document.querySelector('recotap-lens-panel')?.shadowRoot?.querySelector('.rl-title')?.textContent?.trim() === n,
      name,
    );
    if (inPage) return null;
    if (Date.now() > deadline) throw new Error(`panel never showed ${name}`);
    await page.waitForTimeout(50);
  }
}

interface CaseResult {
  times: number[];
  /** per navigation: URL change → lookupContext received by the service worker (ms) */
  toLookup: number[];
  /** per navigation: URL change → the record's context received by the panel frame (ms; framed panel only) */
  toFrame: number[];
  /** per navigation: URL change → the first animation frame in the panel frame after the context arrived (framed panel only) */
  floor: number[];
  /** per navigation: URL change → the first animation frame after an empty round trip frame → worker → frame, sent as the context arrived */
  pingFloor: number[];
  /** content-script counters and tab messages over the timed navigations (null: not readable) */
  work: WorkCounts | null;
  workBefore: WorkCounts | null;
  messages: MessageCounts;
}

type Messages = { take(): Promise<MessageCounts>; lookupsAt(): Promise<number[]> };

async function measureCase(
  page: Page, cdp: CDPSession, c: SiteCase, navigations: number, messages: Messages, beforeEach?: () => Promise<unknown>,
): Promise<CaseResult> {
  const a = { url: c.url, name: expectedCompany(c)!.name };
  const b = { url: c.spaNext!.url, name: expectedCompany({ ...c, url: c.spaNext!.url, expect: c.spaNext!.expect })!.name };
  await page.goto(c.url);
  const frame = await panelFrameOf(page, a.name);
  await navigate(page, frame, b); // warm-up: both accounts looked up once
  await navigate(page, frame, a);
  await page.waitForTimeout(300); // replies to the warm-up (markSeen, activity list) are not counted
  const workBefore = await lensWorkCounts(cdp, page);
  await messages.take();
  await messages.lookupsAt();
  const runs: { ms: number; t0Epoch: number; toFrame?: number; floor?: number; pingFloor?: number }[] = [];
  for (let i = 0; i < navigations; i++) {
    if (beforeEach) {
      await beforeEach(); // outside the timed part: empties the cache for the cold pass
      await page.waitForTimeout(50);
    }
    runs.push(await navigate(page, frame, i % 2 === 0 ? b : a));
    await page.waitForTimeout(50); // a rep does not navigate every frame
  }
  await page.waitForTimeout(300); // let the last navigation's follow-up messages arrive
  const arrivals = await messages.lookupsAt();
  const work = await lensWorkCounts(cdp, page);
  const counted = await messages.take();
  // the floors, in navigations of their own (their marks request animation frames, which would
  // delay the timed panel's paint): half as many, not timed, not counted as work
  const floorRuns: { floor?: number; pingFloor?: number }[] = [];
  for (let i = 0; frame && i < Math.ceil(navigations / 2); i++) {
    if (beforeEach) {
      await beforeEach();
      await page.waitForTimeout(50);
    }
    floorRuns.push(await navigate(page, frame, i % 2 === 0 ? b : a, true));
    await page.waitForTimeout(50);
  }
  // the first lookup that reached the background after each navigation started
  const toLookup = runs.flatMap((r) => {
    const at = arrivals.find((x) => x >= r.t0Epoch);
    return at === undefined ? [] : [at - r.t0Epoch];
  });
  return {
    times: runs.map((r) => r.ms),
    toLookup,
    toFrame: runs.flatMap((r) => (r.toFrame === undefined ? [] : [r.toFrame])),
    floor: floorRuns.flatMap((r) => (r.floor === undefined ? [] : [r.floor])),
    pingFloor: floorRuns.flatMap((r) => (r.pingFloor === undefined ? [] : [r.pingFloor])),
    work,
    workBefore,
    messages: counted,
  };
}

/** Sums per-case deltas of the work counters and messages, per navigation. */
function workPerNavigation(results: CaseResult[]): { work: Record<string, number> | null; messages: Record<string, number> } {
  const navs = results.reduce((n, r) => n + r.times.length, 0) || 1;
  const messages: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.messages)) messages[k] = (messages[k] ?? 0) + v / navs;
  if (results.some((r) => !r.work || !r.workBefore)) return { work: null, messages };
  const work: Record<string, number> = {};
  for (const r of results) for (const k of Object.keys(r.work!) as (keyof WorkCounts)[]) work[k] = (work[k] ?? 0) + (r.work![k] - r.workBefore![k]) / navs;
  return { work, messages };
}

/**
 * One fresh profile over every case. Warm: the demo accounts are synced first. Cold: sync stays off
 * and the local cache is cleared before each timed navigation, so every lookup goes to the API.
 */
async function runPass(extensionPath: string, cases: SiteCase[], navigations: number, cache: 'warm' | 'cold') {
  const world = await startWorld({ cases });
  const browser = await launchBench(world, extensionPath);
  const results: CaseResult[] = [];
  const rows: string[][] = [];
  const failures: string[] = [];
  try {
    const ext = await openExtension(browser.context, { syncEnabled: cache === 'warm' });
    if (cache === 'warm') await syncAndWait(ext, true);
    const beforeEach = cache === 'cold' ? () => ext.call('clearLocalData', {}) : undefined;
    const messages = await countTabMessages(ext.worker);
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    for (const c of cases) {
      await world.servePage(c.url, c.file);
      await world.servePage(c.spaNext!.url, c.file);
      try {
        const r = await measureCase(page, cdp, c, navigations, messages, beforeEach);
        results.push(r);
        rows.push(latencyRow(c.adapterId, r.times, r.toLookup, r.toFrame, r.floor, r.pingFloor));
      } catch (err) {
        failures.push(`${c.adapterId} (${cache}): ${firstLine(err)}`);
      }
    }
  } finally {
    await browser.close();
    await world.close();
  }
  const all = results.flatMap((r) => r.times);
  if (all.length > 0) rows.push(latencyRow('**all**', all, results.flatMap((r) => r.toLookup), results.flatMap((r) => r.toFrame), results.flatMap((r) => r.floor), results.flatMap((r) => r.pingFloor)));
  return { results, rows, all, failures };
}

/** An error's first line, for the section's "Not measured for …" notes. */
const firstLine = (err: unknown) => (err instanceof Error ? err.message.split('\n')[0] : String(err));

/** The fixture's URL with the delay its spa.html waits before rendering the next record (read once, at load). */
function withRenderDelay(url: string, delayMs: number): string {
  const u = new URL(url);
  u.searchParams.set('delay', String(delayMs));
  return u.href;
}

/**
 * After the worker stopped: each timed navigation starts with the extension's worker stopped (CDP
 * ServiceWorker.stopAllWorkers from the extension page, then 300 ms), as Chrome stops it 30 s after
 * its last event. The fixture renders the next record `delayMs` after the URL changes (a CRM loading
 * the record); the figure is from that render to the painted panel.
 */
async function stoppedPass(extensionPath: string, cases: SiteCase[], navigations: number, delays: number[]) {
  const world = await startWorld({ cases });
  const browser = await launchBench(world, extensionPath);
  const times = new Map<number, number[]>(delays.map((d) => [d, []]));
  const failures: string[] = [];
  try {
    const ext = await openExtension(browser.context);
    await syncAndWait(ext, true);
    const page = await browser.context.newPage();
    for (const c of cases) {
      const a = { url: c.url, name: expectedCompany(c)!.name };
      const b = { url: c.spaNext!.url, name: expectedCompany({ ...c, url: c.spaNext!.url, expect: c.spaNext!.expect })!.name };
      for (const delay of delays) {
        try {
          const url = withRenderDelay(c.url, delay);
          await world.servePage(url, c.file);
          await page.goto(url);
          const frame = await panelFrameOf(page, a.name);
          if (!frame) throw new Error('the panel is not framed');
          await navigate(page, frame, b); // warm-up: both accounts looked up once
          await navigate(page, frame, a);
          for (let i = 0; i < navigations; i++) {
            await stopWorkers(ext.page);
            const r = await navigate(page, frame, i % 2 === 0 ? b : a);
            times.get(delay)!.push(r.ms - delay);
          }
        } catch (err) {
          failures.push(`${c.adapterId} (worker stopped, record after ${delay} ms): ${firstLine(err)}`);
        }
      }
    }
  } finally {
    await browser.close();
    await world.close();
  }
  return { times, failures };
}

const latencyRow = (label: string, t: number[], toLookup: number[], toFrame: number[], floor: number[], pingFloor: number[]) => [
  label, String(t.length), fmt(quantile(t, 0.5), 1), fmt(quantile(t, 0.95), 1), fmt(Math.max(...t), 1),
  toFrame.length ? fmt(quantile(toFrame, 0.5), 1) : 'n/a', fmt(quantile(toLookup, 0.5), 1), p50p95(floor), p50p95(pingFloor),
];
const LATENCY_HEAD = ['Fixture (adapter)', 'navigations', 'p50 ms', 'p95 ms', 'max ms', 'p50 ms to frame', 'p50 ms to lookup', 'floor p50 / p95 ms', 'floor + empty round trip p50 / p95 ms'];

/** The SPA fixtures of ADAPTERS whose two records are scored demo companies (also the Firefox bench's). */
export async function spaBenchCases(): Promise<SiteCase[]> {
  return (await loadSiteCases()).filter(
    (c) =>
      c.file.endsWith('spa.html') && c.spaNext && ADAPTERS.includes(c.adapterId) &&
      isPlainScoredCompany(expectedCompany(c)) &&
      isPlainScoredCompany(expectedCompany({ ...c, url: c.spaNext.url, expect: c.spaNext.expect })),
  );
}

/** Runs the SPA fixtures of ADAPTERS whose two records are scored demo companies. */
export async function benchPanelLatency(extensionPath: string, navigations = 20): Promise<Section> {
  const cases = await spaBenchCases();
  const warm = await runPass(extensionPath, cases, navigations, 'warm');
  const cold = await runPass(extensionPath, cases, Math.max(2, Math.round(navigations / 2)), 'cold');
  const stopped = await stoppedPass(extensionPath, cases, Math.max(2, Math.round(navigations / 4)), STOPPED_DELAYS);
  const { results, rows, all } = warm;
  const failures = [...warm.failures, ...cold.failures, ...stopped.failures];
  const stoppedRows = [...stopped.times].filter(([, t]) => t.length).map(([delay, t]) => [
    delay === 0 ? 'in the same task as the URL change' : `${delay} ms after the URL change`,
    String(t.length), fmt(quantile(t, 0.5), 1), fmt(quantile(t, 0.95), 1), fmt(Math.max(...t), 1),
  ]);
  const p95 = quantile(all, 0.95);
  const floorAll = results.flatMap((r) => r.floor);
  const pingAll = results.flatMap((r) => r.pingFloor);
  const perNav = workPerNavigation(results);
  return {
    id: 'panel',
    title: '7. Panel latency after SPA navigation (warm and cold cache)',
    method:
      `the e2e world serves the spa.html fixture of ${ADAPTERS.join(', ')} at its real URL. Warm cache: the demo accounts are synced first. ` +
      'Cold cache: a second fresh profile with background sync off; before every timed navigation (outside the timing) the extension page sends clearLocalData, so each lookup misses the local cache and goes to the API (the emulator on 127.0.0.1: the resolver\'s 25 ms batching window plus one GET /accounts?domains=…). ' +
      `In the page, t0 = performance.now() right before window.__spaGo(nextUrl), which a timer of the page's own calls ${SPA_GO_DELAY_MS} ms after the harness asked for it (the harness's wait for the end is already in the frame, so none of its CDP commands crosses the timed window; until 2026-12-07 t0 was taken in the harness's own evaluate, with its reply and the frame's evaluate in flight during the navigation: alternated on one build, 2 rounds each, the two read the same, p50 36.6 / 34.1 vs 29.5 / 36.1 ms, p95 41.0 / 41.1 vs 40.6 / 44.8 ms); the end is the first requestAnimationFrame after the panel title shows the new account, seen by a MutationObserver in the panel iframe (panel-frame.html, the extension's process; both clocks are performance.timeOrigin + now(), ms since the epoch). ` +
      `${navigations} alternating navigations per fixture (cold: half as many) after one warm-up round, 50 ms apart. ` +
      `After the worker stopped: a third profile, warm cache; before each of ${Math.max(2, Math.round(navigations / 4))} navigations per fixture and render delay the worker is stopped (CDP ServiceWorker.stopAllWorkers from an extension page, then 300 ms); the fixture (?delay=N) renders the next record N ms after its URL changes, as a CRM that loads the record first, and the figure is the end minus t0 minus N. ` +
      '"To frame": from t0 until the record\'s context message reached the panel frame (detection, reading and the post). "To lookup": from t0 until the service worker received the frame\'s lookupContext message (page, frame and worker clocks are all performance.timeOrigin + now(), ms since the epoch). The rest is the lookup, its answer, React and the paint. "Floor": from t0 until the first animation frame in the panel frame after the context arrived: the earliest a framed panel can paint anything of the record, with no lookup at all. "Floor + empty round trip": the same, but the first animation frame after the frame, as the context arrived, sent an empty message on a port of its own to a listener the benchmark adds to the service worker, which echoes it: what a panel that asks the worker anything pays before the lookup\'s own work. Both floors are measured in navigations of their own, half as many per fixture after the timed ones, whose panel times are not counted: their marks request animation frames, and a frame requested as the record arrives starts before the lookup\'s answer is back, which then waits a whole frame more (until 2026-12-07 they were measured in the timed navigations themselves; alternated on one build, 2 rounds each, the timed panel read p50 32.1 / 32.3 ms and p95 41.8 / 41.7 ms with the marks in it, p50 25.5 / 34.7 ms and p95 31.5 / 42.8 ms without, the last round on a slow stretch of the host, its floor p50 18.7 ms against 14.4; see docs/architecture.md "The hold\'s clock"). ' +
      'Work per navigation: the content script\'s counters (utils/work-counts.ts, read over CDP from its isolated world) and the messages the service worker received from the tab.',
    body: rows.length > 0
      ? [
          '**Warm cache**',
          '',
          table(LATENCY_HEAD, rows),
          '',
          '**Cold cache** (every lookup goes to the API)',
          '',
          cold.rows.length ? table(LATENCY_HEAD, cold.rows) : 'Not measured.',
          '',
          '**After the worker stopped** (warm cache; Chrome stops the extension\'s worker 30 s after its last event, so this is the first record a rep opens after reading one for longer): ms from the record\'s render to the painted panel, all fixtures',
          '',
          stoppedRows.length ? table(['The CRM renders the record', 'navigations', 'p50 ms', 'p95 ms', 'max ms'], stoppedRows) : 'Not measured.',
          '',
          'Work and messages below are for the warm pass.',
          '',
          `Work per navigation (all fixtures): ${perNav.work ? describeCounts(perNav.work, WORK_KEYS) : 'content-script counters not readable (build without utils/work-counts.ts)'}.`,
          `Messages per navigation: ${describeCounts(perNav.messages)}.`,
        ].join('\n')
      : '**Not measured:** no fixture produced a panel.',
    targets: [
      { target: 'warm cache: p95 ≤ 100 ms (URL change → painted panel)', measured: all.length ? `${fmt(p95, 1)} ms over ${all.length} navigations` : 'not measured', met: all.length ? p95 <= TARGET_MS : null },
      {
        target: 'warm cache: p95 ≤ 33 ms, two frames (issue #18)',
        // the floor of the framed panel: the page → frame hop and the frame's next animation frame, before any lookup
        measured: all.length
          ? `${fmt(p95, 1)} ms (p50 ${fmt(quantile(all, 0.5), 1)} ms; floors in this run: the record in the frame and its next frame, no lookup, p50 ${fmt(quantile(floorAll, 0.5), 1)} / p95 ${fmt(quantile(floorAll, 0.95), 1)} ms; with an empty round trip to the worker before that frame, p50 ${fmt(quantile(pingAll, 0.5), 1)} / p95 ${fmt(quantile(pingAll, 0.95), 1)} ms)`
          : 'not measured',
        met: all.length ? p95 <= 33 : null,
      },
    ],
    notes: [
      cold.all.length
        ? `Cold cache (no target in the issues; one API round trip per navigation): p50 ${fmt(quantile(cold.all, 0.5), 1)} ms, p95 ${fmt(quantile(cold.all, 0.95), 1)} ms over ${cold.all.length} navigations.`
        : 'Cold cache: not measured.',
      'After the worker stopped: the URL change is itself an event for the worker (the toolbar\'s tabs.onUpdated listener), so Chrome starts it then, while the CRM loads the record; a record rendered in the same task as its URL waits for the whole start (section 5\'s "After the worker stopped" is the same start, without the page). The e2e test "a navigation to a record wakes a stopped worker while the CRM still loads the record" guards that start.',
      ...failures.map((f) => `Not measured for ${f}`),
    ],
  };
}
