/**
 * Firefox figures (`npm run bench -- --firefox`): the production Firefox build (.output/firefox-mv2)
 * in firefox-esr over WebDriver BiDi (puppeteer-core, as the smoke test: test/firefox/launch.ts),
 * on the same world server reached through the CONNECT proxy.
 *
 * - Panel latency: benchmark 7's warm-cache measurement (its fixtures, its in-page and in-frame
 *   timing functions): URL change in the page → first animation frame after the panel iframe's
 *   title shows the new account.
 * - Host overhead: Firefox has no CDP Performance.getMetrics nor a per-script CPU profile over
 *   BiDi, so benchmark 8's heavy page also carries a busy meter (below) that measures how long the
 *   page's main thread was taken by anything else (the page's script, layout, the content script
 *   and, in Firefox, the panel iframe, which runs in the page's content process) with and without
 *   the add-on, in paired visits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { DEMO_API_KEY, DEMO_REP } from '../emulator/index.ts';
import { expectedCompany } from '../e2e/expectations.ts';
import type { SiteCase } from '../e2e/site-cases.ts';
import { startWorld } from '../e2e/world.ts';
import { askFirefoxBackground } from '../firefox/extension-page.ts';
import { MIN_FIREFOX } from '../../scripts/lib/browsers.ts';
import { ROOT, launchFirefox, openExtensionPage, panelScope, setFirefoxViewport, writeFirefoxSettings, type LaunchedFirefox } from '../firefox/launch.ts';
import { HEAVY_URL, heavyPageHtml } from './heavy-page.ts';
import { geckoShare, type GeckoProfile, type GeckoShare } from './lib/gecko-share.ts';
import { notMeasured, pairedVerdict, type Section } from './lib/report.ts';
import { fmt, median, p50p95, quantile, table } from './lib/stats.ts';
import { ADAPTERS, armTitleWatch, BENCH_PING_PORT, frameMarks, SPA_GO_DELAY_MS, spaBenchCases, spaGoSoon } from './panel-latency.ts';

/** issue #18: the same targets as Chrome's */
const PANEL_TARGET_MS = 33;
const NAV_TARGET = 0.02;
const VISIT_TARGET = 0.03;
const NAVIGATIONS = 20;
/**
 * Firefox coarsens performance.now() to 1 ms in pages that are not cross-origin isolated; the
 * benchmark browsers measure with full resolution (the same in the browsers with and without the add-on).
 */
const BENCH_PREFS = { 'privacy.reduceTimerPrecision': false };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** tsx (esbuild keepNames) wraps inner functions in __name(); evaluated functions need it defined */
const defineName = (f: Frame | Page) => f.evaluate('globalThis.__name ??= (f) => f;');

/** Configures the add-on from one of its pages (key, rep e-mail, sync on) and waits for a full sync of the demo accounts. */
async function configureAndSync(firefox: LaunchedFirefox): Promise<void> {
  const page = await firefox.browser.newPage();
  await openExtensionPage(page, 'popup.html');
  await writeFirefoxSettings(page, { apiKey: DEMO_API_KEY, repEmail: DEMO_REP.email });
  type Local = { get(k: string): Promise<Record<string, unknown>>; set(v: unknown): Promise<void> };
  await page.evaluate(async () => {
    const local = (globalThis as unknown as { browser: { storage: { local: Local } } }).browser.storage.local;
    await local.set({ syncSettings: { enabled: true, intervalMinutes: 60 } });
  });
  const started = await askFirefoxBackground<{ ok: boolean }>(page, 'syncNow', { full: true });
  if (!started.ok) throw new Error('syncNow refused');
  const end = Date.now() + 120_000;
  for (;;) {
    const status = await page.evaluate(async () => {
      const local = (globalThis as unknown as { browser: { storage: { local: Local } } }).browser.storage.local;
      return ((await local.get('syncStatus')).syncStatus ?? null) as { phase?: string; lastSuccessAt?: string | null } | null;
    });
    if (status?.phase === 'idle' && status.lastSuccessAt) break;
    if (status?.phase === 'backoff' || status?.phase === 'paused-auth') throw new Error(`sync failed: ${status.phase}`);
    if (Date.now() > end) throw new Error('the demo sync did not finish within 120 s');
    await sleep(200);
  }
  await page.close();
}

/** The panel iframe once its title reads `name`. */
async function framedPanelShowing(page: Page, name: string): Promise<Frame> {
  const end = Date.now() + 20_000;
  for (;;) {
    const { frame, framed } = await panelScope(page);
    if (framed) {
      const title = await frame.evaluate(() => document.querySelector('.rl-title')?.textContent?.trim() ?? '').catch(() => '');
      if (title === name) return frame;
    }
    if (Date.now() > end) throw new Error(`the panel iframe never showed ${name}`);
    await sleep(100);
  }
}

/**
 * One navigation: __spaGo in the page, the end seen in the iframe (both clocks: ms since the epoch).
 * With `floors` it measures the floors instead, and its time is not one of the timed ones (their
 * marks' animation frames delay the panel's paint, see armTitleWatch).
 */
async function navigate(page: Page, frame: Frame, to: { url: string; name: string }, floors = false): Promise<{ ms: number; floor: number; pingFloor: number }> {
  await frame.evaluate(armTitleWatch, { name: to.name, ping: BENCH_PING_PORT, floors });
  // the wait for the end is sent first and the navigation starts from the page's own timer, so no
  // command of the harness crosses the timed window (as in §7)
  const shown = frame.evaluate(() => (window as unknown as { __benchShown: Promise<number> }).__benchShown);
  await page.evaluate(spaGoSoon, { url: to.url, delayMs: SPA_GO_DELAY_MS });
  const end = await shown;
  const t0 = await page.evaluate(() => (window as unknown as { __benchT0: Promise<number> }).__benchT0);
  // the first animation frame after the record reached the frame, and after an empty round trip to
  // the extension's process sent then (armTitleWatch): the framed panel's floors
  const [, framed, pinged] = await frame.evaluate(frameMarks);
  return { ms: end - t0, floor: framed - t0, pingFloor: pinged - t0 };
}

/**
 * Firefox's echo for the empty round trip of armTitleWatch: an extension page (popup.html, kept
 * open) answers the frame's port of that name at once. The benchmark cannot add a listener to the
 * background page over BiDi; a page of the extension is in the same process as the background, so
 * the round trip crosses the same processes (the panel frame is in the CRM page's process).
 */
async function openPingEcho(firefox: LaunchedFirefox): Promise<Page> {
  const page = await firefox.browser.newPage();
  await openExtensionPage(page, 'popup.html');
  await page.evaluate((name) => {
    type Port = { name: string; onMessage: { addListener(f: (m: unknown) => void): void }; postMessage(m: unknown): void };
    const runtime = (globalThis as unknown as { browser: { runtime: { onConnect: { addListener(f: (p: Port) => void): void } } } }).browser.runtime;
    runtime.onConnect.addListener((p) => {
      if (p.name === name) p.onMessage.addListener((m) => p.postMessage(m));
    });
  }, BENCH_PING_PORT);
  return page;
}

async function measureCase(firefox: LaunchedFirefox, c: SiteCase, navigations: number): Promise<{ times: number[]; floors: number[]; pingFloors: number[] }> {
  const a = { url: c.url, name: expectedCompany(c)!.name };
  const b = { url: c.spaNext!.url, name: expectedCompany({ ...c, url: c.spaNext!.url, expect: c.spaNext!.expect })!.name };
  const page = await firefox.browser.newPage();
  try {
    await setFirefoxViewport(page, 1280, 800); // wide: the panel starts expanded
    await page.goto(a.url, { waitUntil: 'load' });
    await defineName(page);
    const frame = await framedPanelShowing(page, a.name);
    await defineName(frame);
    await navigate(page, frame, b); // warm-up: both accounts looked up once
    await navigate(page, frame, a);
    await sleep(300);
    const times: number[] = [];
    const floors: number[] = [];
    const pingFloors: number[] = [];
    for (let i = 0; i < navigations; i++) {
      times.push((await navigate(page, frame, i % 2 === 0 ? b : a)).ms);
      await sleep(50); // a rep does not navigate every frame
    }
    // the floors, in navigations of their own (half as many, not timed)
    for (let i = 0; i < Math.ceil(navigations / 2); i++) {
      const { floor, pingFloor } = await navigate(page, frame, i % 2 === 0 ? b : a, true);
      if (Number.isFinite(floor)) floors.push(floor);
      if (Number.isFinite(pingFloor)) pingFloors.push(pingFloor);
      await sleep(50);
    }
    return { times, floors, pingFloors };
  } finally {
    await page.close();
  }
}

const latencyRow = (label: string, t: number[], floor: number[], pingFloor: number[]) => [
  label, String(t.length), fmt(quantile(t, 0.5), 1), fmt(quantile(t, 0.95), 1), fmt(Math.max(...t), 1), p50p95(floor), p50p95(pingFloor),
];
const LATENCY_COLUMNS = ['navigations', 'p50 ms', 'p95 ms', 'max ms', 'floor p50 / p95 ms', 'floor + empty round trip p50 / p95 ms'];
const FLOOR_NOTE =
  'Floor: from t0 until the first animation frame in the panel frame after the record reached it, the earliest a framed panel can paint anything of the record with no lookup at all. ' +
  'Floor + empty round trip: the first animation frame after an empty message the frame sent on a port of its own as the record arrived came back from the extension\'s process (echoed by an extension page the benchmark keeps open: BiDi cannot reach the background page, which is in the same process), what a panel that asks the background anything pays before the lookup\'s own work. Both floors are measured in navigations of their own, half as many per fixture after the timed ones, whose panel times are not counted (their marks request animation frames, which would delay the panel\'s paint; as in §7).';

/**
 * The add-on's minimum Firefox (strict_min_version 140): its binary, unpacked by
 * scripts/firefox-min.sh from Debian's 140 ESR (FIREFOX_MIN_PATH overrides), and its version; or
 * why there is none.
 */
export function minimumFirefox(): { path: string; version: string } | { missing: string } {
  let bin = process.env.FIREFOX_MIN_PATH ?? '';
  if (!bin) {
    try {
      bin = execFileSync('bash', [path.join(ROOT, 'scripts/firefox-min.sh'), '--fetch-only'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').at(-1) ?? '';
    } catch (e) {
      return { missing: `no Firefox ${MIN_FIREFOX} to run (scripts/firefox-min.sh: ${String((e as { stderr?: unknown }).stderr ?? e).trim().split('\n').at(-1)})` };
    }
  }
  try {
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    return new RegExp(`\\b${MIN_FIREFOX}\\.`).test(version) ? { path: bin, version } : { missing: `${bin} is ${version}, not ${MIN_FIREFOX}` };
  } catch (e) {
    return { missing: `${bin} does not run (${String(e).split('\n')[0]})` };
  }
}

/** Panel latency in Firefox, warm cache (benchmark 7's method and fixtures). */
export async function benchFirefoxPanelLatency(extensionPath: string, navigations = NAVIGATIONS): Promise<Section> {
  const { all, floors, pingFloors, rows, failures } = await panelLatencyIn(extensionPath, navigations);
  const p95 = quantile(all, 0.95);
  return {
    id: 'firefox-panel',
    title: 'Firefox: panel latency after SPA navigation (warm cache)',
    method:
      `measured in Firefox (firefox-esr over WebDriver BiDi, puppeteer-core; the Firefox build .output/firefox-mv2 installed as a temporary add-on). The spa.html fixtures of ${ADAPTERS.join(', ')}, as in §7; the demo accounts are synced first. ` +
      `In the page, t0 = performance.timeOrigin + now() right before window.__spaGo(nextUrl), called from a timer of the page's own ${SPA_GO_DELAY_MS} ms after the harness asked for it (the wait for the end is already in the frame; no harness command crosses the timed window, as in §7); the end is the first requestAnimationFrame after the title in the panel iframe (moz-extension://…/panel-frame.html) shows the new account, seen by a MutationObserver there (same clock base). ` +
      `${navigations} alternating navigations per fixture after one warm-up round, 50 ms apart. The benchmark's Firefox runs with privacy.reduceTimerPrecision off (otherwise performance.now() is coarsened to 1 ms). Not measured here: the cold cache and the work counters (read over CDP in Chromium).`,
    body: rows.length ? `${table(['Fixture (adapter), Firefox', ...LATENCY_COLUMNS], rows)}\n\n${FLOOR_NOTE}` : '**Not measured:** no fixture produced a panel.',
    targets: [
      {
        target: 'Firefox, warm cache: p95 ≤ 33 ms (URL change → painted panel; issue #18, as Chrome)',
        measured: all.length
          ? `${fmt(p95, 1)} ms over ${all.length} navigations (Firefox; floors in this run: the record in the frame and its next frame, no lookup, p50 ${fmt(quantile(floors, 0.5), 1)} / p95 ${fmt(quantile(floors, 0.95), 1)} ms; with an empty round trip to the extension's process before that frame, p50 ${fmt(quantile(pingFloors, 0.5), 1)} / p95 ${fmt(quantile(pingFloors, 0.95), 1)} ms)`
          : 'not measured',
        met: all.length ? p95 <= PANEL_TARGET_MS : null,
      },
      {
        target: 'Firefox, warm cache: p95 ≤ 100 ms (issue #4)',
        measured: all.length ? `${fmt(p95, 1)} ms (Firefox)` : 'not measured',
        met: all.length ? p95 <= 100 : null,
      },
    ],
    notes: failures.map((f) => `Not measured for ${f}`),
  };
}

const MIN_TITLE = 'Firefox 140 ESR (the minimum version): panel latency after SPA navigation';
const MIN_TARGET = 'Firefox 140 ESR, warm cache: p95 ≤ 100 ms (issue #4, on the add-on’s strict_min_version, which has no Navigation API)';

/**
 * The same on the add-on's minimum Firefox, which has no Navigation API: without the background's
 * relay of tab URL changes (utils/background/location-nudges.ts) every record waited for the
 * location watcher's 1 s poll (p50 ~940 ms). This row keeps that from coming back.
 */
export async function benchFirefoxMinPanelLatency(extensionPath: string, navigations = NAVIGATIONS): Promise<Section> {
  const min = minimumFirefox();
  if ('missing' in min) return notMeasured('firefox-min-panel', MIN_TITLE, min.missing, [MIN_TARGET]);
  const { all, rows, failures } = await panelLatencyIn(extensionPath, navigations, min.path);
  const p95 = quantile(all, 0.95);
  return {
    id: 'firefox-min-panel',
    title: MIN_TITLE,
    method:
      `the Firefox panel benchmark above, run in ${min.version} (Debian bookworm's 140 ESR, unpacked by scripts/firefox-min.sh; the add-on's strict_min_version). ` +
      'Firefox gained the Navigation API in 147: here a content script cannot see an SPA’s pushState, and the panel follows a record because the background relays the tab’s URL change (tabs.onUpdated) to it; the 1 s poll is the fallback.',
    body: rows.length ? `${table(['Fixture (adapter), Firefox 140', ...LATENCY_COLUMNS], rows)}\n\n${FLOOR_NOTE}` : '**Not measured:** no fixture produced a panel.',
    targets: [{ target: MIN_TARGET, measured: all.length ? `${fmt(p95, 1)} ms over ${all.length} navigations (${min.version})` : 'not measured', met: all.length ? p95 <= 100 : null }],
    notes: failures.map((f) => `Not measured for ${f}`),
  };
}

async function panelLatencyIn(extensionPath: string, navigations: number, executablePath?: string): Promise<{ all: number[]; floors: number[]; pingFloors: number[]; rows: string[][]; failures: string[] }> {
  const cases = await spaBenchCases();
  const world = await startWorld({ cases });
  const firefox = await launchFirefox(world, { extensionPath, prefs: BENCH_PREFS, ...(executablePath ? { executablePath } : {}) });
  const rows: string[][] = [];
  const all: number[] = [];
  const floors: number[] = [];
  const pingFloors: number[] = [];
  const failures: string[] = [];
  try {
    await configureAndSync(firefox);
    await openPingEcho(firefox);
    for (const c of cases) {
      await world.servePage(c.url, c.file);
      await world.servePage(c.spaNext!.url, c.file);
      try {
        const r = await measureCase(firefox, c, navigations);
        all.push(...r.times);
        floors.push(...r.floors);
        pingFloors.push(...r.pingFloors);
        rows.push(latencyRow(c.adapterId, r.times, r.floors, r.pingFloors));
      } catch (err) {
        failures.push(`${c.adapterId}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    }
  } finally {
    await firefox.close();
    await world.close();
  }
  if (all.length) rows.push(latencyRow('**all**', all, floors, pingFloors));
  return { all, floors, pingFloors, rows, failures };
}

/**
 * The busy meter, first thing in the heavy page's <head>: a MessageChannel ping-pong that yields to
 * the event loop after every ping. Any gap longer than 0.1 ms between two pings was spent on other
 * work of the page's main thread (its own script, style, layout, paint, and whatever else runs in
 * this process and thread: content scripts, and in Firefox the panel iframe). It keeps one core
 * busy for as long as the page is open, in both browsers alike.
 */
const BUSY_METER = `<script>
(function () {
  var ch = new MessageChannel(), busy = 0, last = performance.now(), start = last;
  ch.port1.onmessage = function () {
    var t = performance.now(), d = t - last;
    if (d > 0.1) busy += d;
    last = t;
    ch.port2.postMessage(0);
  };
  ch.port2.postMessage(0);
  window.__busyRead = function () { return { busy: busy, elapsed: performance.now() - start }; };
})();
</script>`;

interface BusyVisit {
  /** busy ms from the head until load + 1 s */
  load: number;
  /** busy ms over the navigations */
  nav: number;
  /** the panel iframe was on the page at the end (with the add-on) */
  framed: boolean;
}

/**
 * One visit of the heavy page: load + 1 s (the panel's first lookup settles), then the navigations
 * 200 ms apart and 500 ms more. `mark` reads something in the page after each of the two phases.
 */
async function heavyVisit<T>(firefox: LaunchedFirefox, mark: (page: Page) => Promise<T>): Promise<{ loaded: T; end: T; framed: boolean }> {
  const page = await firefox.browser.newPage();
  try {
    await setFirefoxViewport(page, 1280, 800);
    await page.goto(HEAVY_URL, { waitUntil: 'load' });
    await sleep(1000);
    const loaded = await mark(page);
    for (let i = 0; i < NAVIGATIONS; i++) {
      // from a page timer, as §8 does, not from the driver's own evaluation
      await page.evaluate(() => void setTimeout(() => (window as unknown as { __benchChurn: () => number }).__benchChurn(), 0));
      await sleep(200);
    }
    await sleep(500);
    const end = await mark(page);
    return { loaded, end, framed: (await panelScope(page)).framed };
  } finally {
    await page.close();
  }
}

async function busyVisit(firefox: LaunchedFirefox): Promise<BusyVisit> {
  const busy = (page: Page) => page.evaluate(() => (window as unknown as { __busyRead: () => { busy: number } }).__busyRead().busy);
  const { loaded, end, framed } = await heavyVisit(firefox, busy);
  return { load: loaded, nav: end - loaded, framed };
}

/** The Gecko profiler's sampling interval for the profiled visits (ms). */
const PROFILE_INTERVAL_MS = 0.25;

/** One profiled visit's time windows (epoch ms, the page's performance.timeOrigin + now()). */
export interface VisitWindows {
  start: number;
  loaded: number;
  end: number;
  framed: boolean;
}

/** The heavy page's visit, with the time at which each phase ended (busyVisit's phases). */
async function timedVisit(firefox: LaunchedFirefox): Promise<VisitWindows> {
  const now = (page: Page) => page.evaluate(() => [performance.timeOrigin, performance.timeOrigin + performance.now()]) as Promise<[number, number]>;
  const { loaded, end, framed } = await heavyVisit(firefox, now);
  return { start: loaded[0], loaded: loaded[1], end: end[1], framed };
}

/** The profile Firefox writes at shutdown (MOZ_PROFILER_SHUTDOWN), once it is whole. */
async function readProfileFile(file: string, timeoutMs = 60_000): Promise<GeckoProfile> {
  const end = Date.now() + timeoutMs;
  let lastSize = -1;
  for (;;) {
    try {
      const size = statSync(file).size;
      // the same size twice, 500 ms apart, and whole JSON: written (else the next poll tries again)
      if (size > 0 && size === lastSize) return JSON.parse(readFileSync(file, 'utf8')) as GeckoProfile;
      lastSize = size;
    } catch {
      /* not written yet, or still being written */
    }
    if (Date.now() > end) throw new Error(`Firefox wrote no profile to ${file} within ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

interface ProfiledVisit {
  load: GeckoShare;
  nav: GeckoShare;
  framed: boolean;
}

/**
 * Visits of the heavy page (without the busy meter) in a Firefox with the add-on and the Gecko
 * profiler running from startup (MOZ_PROFILER_STARTUP, main threads only, JavaScript and CPU
 * time); the profile is written when Firefox quits, then split per visit and phase (lib/gecko-share.ts).
 */
export async function profiledVisits(
  extensionPath: string,
  visits: number,
  /** sees the raw profile and each visit's phase times before the profile is deleted (test/bench/profile-firefox.ts) */
  onProfile?: (profile: GeckoProfile, windows: VisitWindows[], pageOrigin: string) => void,
): Promise<ProfiledVisit[]> {
  const world = await startWorld({});
  world.setPage(HEAVY_URL, await heavyPageHtml());
  const dir = mkdtempSync(path.join(tmpdir(), 'lens-gecko-'));
  const file = path.join(dir, 'profile.json');
  const firefox = await launchFirefox(world, {
    extensionPath,
    prefs: BENCH_PREFS,
    env: {
      MOZ_PROFILER_STARTUP: '1',
      MOZ_PROFILER_STARTUP_INTERVAL: String(PROFILE_INTERVAL_MS),
      MOZ_PROFILER_STARTUP_FEATURES: 'js,cpu',
      MOZ_PROFILER_STARTUP_FILTERS: 'GeckoMain',
      MOZ_PROFILER_STARTUP_ENTRIES: String(64 * 1024 * 1024),
      MOZ_PROFILER_SHUTDOWN: file,
    },
  });
  const windows: VisitWindows[] = [];
  try {
    await configureAndSync(firefox);
    await timedVisit(firefox); // warm-up
    for (let i = 0; i < visits; i++) windows.push(await timedVisit(firefox));
  } finally {
    await firefox.close();
    await world.close();
  }
  try {
    const profile = await readProfileFile(file);
    const origin = new URL(HEAVY_URL).origin;
    onProfile?.(profile, windows, origin);
    return windows.flatMap((w) => {
      const load = geckoShare(profile, origin, w.start, w.loaded);
      const nav = geckoShare(profile, origin, w.loaded, w.end);
      return load.found && nav.found ? [{ load, nav, framed: w.framed }] : [];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Host-page overhead in Firefox: paired visits of the heavy page with and without the add-on. */
/** profiled visits with the add-on (Gecko profiler), after the paired busy-meter visits */
const PROFILED_VISITS = 5;

export async function benchFirefoxHostOverhead(extensionPath: string, reps = 5): Promise<Section> {
  const world = await startWorld({});
  const heavy = await heavyPageHtml();
  world.setPage(HEAVY_URL, heavy.replace(/<head>/i, `<head>${BUSY_METER}`));
  const withExt = await launchFirefox(world, { extensionPath, prefs: BENCH_PREFS });
  const without = await launchFirefox(world, { extensionPath: null, prefs: BENCH_PREFS });
  const a: BusyVisit[] = [];
  const b: BusyVisit[] = [];
  try {
    await configureAndSync(withExt);
    await busyVisit(withExt); // warm-up both
    await busyVisit(without);
    for (let i = 0; i < reps; i++) {
      if (i % 2 === 0) {
        a.push(await busyVisit(withExt));
        b.push(await busyVisit(without));
      } else {
        b.push(await busyVisit(without));
        a.push(await busyVisit(withExt));
      }
    }
  } finally {
    await withExt.close();
    await without.close();
    await world.close();
  }
  const profiled = await profiledVisits(extensionPath, PROFILED_VISITS);
  const total = (v: BusyVisit) => v.load + v.nav;
  const rounds = (f: (v: BusyVisit) => number) => a.map((x, i) => f(x) / f(b[i]!) - 1);
  const addedNav = median(rounds((v) => v.nav));
  const addedVisit = median(rounds(total));
  const navVerdict = pairedVerdict(rounds((v) => v.nav), addedNav, NAV_TARGET);
  const visitVerdict = pairedVerdict(rounds(total), addedVisit, VISIT_TARGET);
  const perNavMs = median(a.map((x, i) => (x.nav - b[i]!.nav) / NAVIGATIONS));
  const framed = a.every((v) => v.framed);
  const pct = (xs: number[]) => xs.map((x) => `${fmt(x * 100, 1)}%`).join(', ');
  // the Gecko profile's attribution within each visit (the figures the targets are judged on, as §8's CPU profile in Chrome)
  const sum = (a: GeckoShare, b: GeckoShare): GeckoShare => ({
    contentScript: a.contentScript + b.contentScript,
    frameScript: a.frameScript + b.frameScript,
    addonOther: a.addonOther + b.addonOther,
    pageScript: a.pageScript + b.pageScript,
    busy: a.busy + b.busy,
  });
  const own = (g: GeckoShare) => g.contentScript + g.frameScript;
  const med = (f: (v: ProfiledVisit) => number) => median(profiled.map(f));
  const whole = (v: ProfiledVisit) => sum(v.load, v.nav);
  const navShare = med((v) => own(v.nav) / v.nav.pageScript);
  const visitShare = med((v) => own(whole(v)) / whole(v).pageScript);
  const csNavShare = med((v) => v.nav.contentScript / v.nav.pageScript);
  const csVisitShare = med((v) => whole(v).contentScript / whole(v).pageScript);
  const busyNavShare = med((v) => (own(v.nav) + v.nav.addonOther) / v.nav.busy);
  const perNav = (f: (g: GeckoShare) => number) => fmt(med((v) => f(v.nav)) / NAVIGATIONS, 2);
  const profRow = (label: string, f: (g: GeckoShare) => number) => [label, fmt(med((v) => f(v.load)), 1), fmt(med((v) => f(v.nav)), 1), perNav(f)];
  const profiledText = profiled.length
    ? [
        `Attribution by the Gecko profiler (${profiled.length} more visits of the heavy page without the busy meter, in a Firefox with the add-on and the profiler on from startup: main threads, JavaScript and CPU time, sampling every ${PROFILE_INTERVAL_MS} ms; lib/gecko-share.ts). ` +
          'A sample is the content script\'s when its stack runs a moz-extension://…/content-scripts/ script (the DOM calls it makes included), the panel\'s when it runs another moz-extension:// script (the panel iframe\'s, on the page\'s thread in Firefox), the panel\'s layout when the innermost label names the panel\'s URL (its reflows), the page\'s script when it runs the page\'s own script; idle samples (under a quarter of the interval on the CPU) are left out. Medians per visit:',
        '',
        table(
          ['Firefox, with the add-on (Gecko profile)', 'ms, load + 1 s', `ms, ${NAVIGATIONS} navigations`, 'ms per navigation'],
          [
            profRow('content script', (g) => g.contentScript),
            profRow('panel iframe: script', (g) => g.frameScript),
            profRow('panel iframe: its reflows', (g) => g.addonOther),
            profRow("the page's own script", (g) => g.pageScript),
            profRow('the thread busy (all work)', (g) => g.busy),
          ],
        ),
        '',
        `The add-on's own script (content script + panel iframe) as a share of the page's script: over the ${NAVIGATIONS} navigations ${fmt(navShare * 100, 1)}%, whole visit ${fmt(visitShare * 100, 1)}% (per visit, navigations: ${pct(profiled.map((v) => own(v.nav) / v.nav.pageScript))}). ` +
          `The content script alone (what §8 counts in Chrome, where the panel iframe runs in the extension's process): ${fmt(csNavShare * 100, 1)}% over the navigations, ${fmt(csVisitShare * 100, 1)}% whole visit. ` +
          `All of the add-on's attributed work as a share of all the thread's work over the navigations: ${fmt(busyNavShare * 100, 1)}%. Panel iframe on the page in every profiled visit: ${profiled.every((v) => v.framed) ? 'yes' : 'NO'}.`,
      ].join('\n')
    : '**Not measured:** the Gecko profile of the profiled visits could not be read.';
  const row = (label: string, xs: BusyVisit[]) => [label, fmt(median(xs.map((x) => x.load)), 0), fmt(median(xs.map((x) => x.nav)), 0), fmt(median(xs.map(total)), 0)];
  return {
    id: 'firefox-overhead',
    title: 'Firefox: host-page overhead',
    method:
      `measured in Firefox (firefox-esr over WebDriver BiDi, puppeteer-core). §8's heavy page (the Salesforce Lightning SPA fixture plus a 5,000-row table; ${NAVIGATIONS} SPA navigations each rewriting 500 rows, 200 ms apart) with a busy meter added first in its <head>: ` +
      'a MessageChannel ping-pong on the page\'s main thread; every gap over 0.1 ms between two pings counts as time the thread spent on other work (the page\'s script, style, layout, paint, the content script, and the panel iframe, which Firefox runs in the page\'s own content process). ' +
      'Both Firefox instances run with privacy.reduceTimerPrecision off: with timers coarsened to 1 ms every gap would read as 0 or ≥ 1 ms. ' +
      `Two Firefox instances on the same world server, one with the add-on (configured, demo accounts synced) and one without; one warm-up visit each, then ${reps} alternating visits (order flips each round). Added = median over rounds of (with ÷ without − 1). ` +
      'The busy meter is not §8\'s instrument: it counts all main-thread work, script or not, so it includes the panel\'s rendering in the iframe. The Gecko-profile attribution after it is the Firefox counterpart of §8\'s V8 CPU profile.',
    body: [
      table(['Firefox', 'busy ms, load + 1 s', `busy ms, ${NAVIGATIONS} navigations`, 'busy ms, whole visit'], [row('without add-on', b), row('with add-on', a)]),
      '',
      `Added main-thread busy time (Firefox): over the ${NAVIGATIONS} navigations ${fmt(addedNav * 100, 1)}% (${fmt(perNavMs, 2)} ms per navigation), whole visit ${fmt(addedVisit * 100, 1)}%. Panel iframe on the heavy page: ${framed ? 'yes' : 'NO'}.`,
      `Each round (with ÷ without − 1): navigations ${pct(rounds((v) => v.nav))}; whole visit ${pct(rounds(total))}.`,
      '',
      profiledText,
    ].join('\n'),
    targets: [
      {
        target: `Firefox: the add-on's own main-thread script ≤ 2% of the page's over the ${NAVIGATIONS} SPA navigations (Gecko profile; issue #18, as §8's CPU profile in Chrome; in Firefox the panel iframe's script is on that thread)`,
        measured: profiled.length ? `${fmt(navShare * 100, 1)}% (Firefox; content script alone ${fmt(csNavShare * 100, 1)}%)` : 'not measured',
        met: profiled.length ? navShare <= NAV_TARGET : null,
      },
      {
        target: 'Firefox: the same share ≤ 3% over the whole visit (Gecko profile)',
        measured: profiled.length ? `${fmt(visitShare * 100, 1)}% (Firefox; content script alone ${fmt(csVisitShare * 100, 1)}%)` : 'not measured',
        met: profiled.length ? visitShare <= VISIT_TARGET : null,
      },
      {
        target: `Firefox: the add-on adds ≤ 2% main-thread time over the ${NAVIGATIONS} SPA navigations (busy meter, paired visits; issue #18 asks Chrome's targets)`,
        measured: `${fmt(addedNav * 100, 1)}% (Firefox; ${navVerdict.spread})`,
        met: navVerdict.met,
      },
      {
        target: 'Firefox: the same ≤ 3% over the whole visit (page load and the first panel included)',
        measured: `${fmt(addedVisit * 100, 1)}% (Firefox; ${visitVerdict.spread})`,
        met: visitVerdict.met,
      },
    ],
    notes: [
      'The targets are judged first on the Gecko profile\'s shares, as §8 judges Chrome on its CPU profile: the add-on and the page are sampled in the same visit, so the machine\'s load moves both alike (the per-visit shares above agree within a few points). The busy meter\'s paired visits count everything the add-on adds, style and paint included, but two browsers\' visits swing by several percent per round on this machine, so those rows are judged only when the rounds agree within twice the target, else reported as not judged.',
      ...(profiled.length
        ? [
            `Why 2% / 3% cannot be met in Firefox with a framed panel (measured floor, this run): the panel iframe's script alone takes ${perNav((g) => g.frameScript)} ms per navigation on the page's thread (its lookup message and React's update of the ~150-element panel, which remounts the next account's activity section), ${fmt(med((v) => v.nav.frameScript / v.nav.pageScript) * 100, 1)}% of the page's own script per navigation (${perNav((g) => g.pageScript)} ms), and its reflows ${perNav((g) => g.addonOther)} ms more. Firefox runs the moz-extension iframe in the page's process (below), so a panel that shows the next record pays its update there; in Chrome the same frame runs in the extension's process and §8 does not count it. The content script alone, the part Chrome's §8 measures, takes ${perNav((g) => g.contentScript)} ms per navigation: ${fmt(csNavShare * 100, 1)}% of this page's script, which is lighter in Firefox than in Chromium (in this document's §8 the same page's script takes about twice as long per navigation).`,
          ]
        : []),
      'In Firefox the panel iframe (moz-extension:// subframe) is loaded in the same process as the page (Firefox\'s process model does so for extension subframes), so its React rendering is on the page\'s main thread and counted here; in Chrome it runs in the extension\'s process. Checked on 2026-12-06 with firefox-esr 153: a 1.5 s busy loop in the page held an evaluate in the panel frame for ~1.3 s, with puppeteer\'s one-content-process preference (fission.webContentIsolationStrategy = 0) removed from the profile and fission.autostart on as well, so this is not an artefact of the harness.',
    ],
  };
}
