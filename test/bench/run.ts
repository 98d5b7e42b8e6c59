/**
 * The benchmark suite: runs every benchmark in real Chromium against the emulator and rewrites
 * docs/benchmarks.md (environment, method, figures, targets).
 *
 *   npm run bench                       # everything (builds .output/chrome-mv3 if missing)
 *   npm run bench -- --only=lookup,search   # some (updates only their sections of the doc)
 *   npm run bench -- --all              # everything, Chromium and Firefox (rewrites the whole document)
 *   npm run bench -- --firefox          # the Firefox figures: bundle sizes with the Firefox rows, Firefox
 *                                       # panel latency and host overhead (builds .output/firefox-mv2 if missing)
 *   options: --build (always run `wxt build` first), --sizes=1000,10000 (cache sizes), --no-write,
 *   --movers-n=200000 (cache size of the movers benchmark), --max-sync-s=300 (a full sync still running after this is stopped and reported as partial;
 *   not the 100,000 size when delta runs, which needs a complete sync)
 * Names: emulator-pages, bundle, sync, delta, lookup, search, panel, overhead, requests, first-answer, movers, sync-node,
 * firefox-panel, firefox-overhead, firefox-min-panel (the last three run only when named, or with --firefox or --all;
 *   firefox-min-panel unpacks Debian's Firefox 140 ESR with scripts/firefox-min.sh, or uses FIREFOX_MIN_PATH).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROME_BUILD, ROOT, snapshotBuild } from '../e2e/launch.ts';
import { FIREFOX_BUILD } from '../firefox/launch.ts';
import { benchBundleSizes } from './bundle-sizes.ts';
import { benchCacheScale } from './cache-scale.ts';
import { deltaSection, lookupSection, searchSection, syncSection } from './cache-scale-report.ts';
import { benchEmulatorPages } from './emulator-pages.ts';
import { benchFirstAnswer } from './first-answer.ts';
import { benchFirefoxHostOverhead, benchFirefoxMinPanelLatency, benchFirefoxPanelLatency } from './firefox.ts';
import { benchHostOverhead } from './host-overhead.ts';
import { benchMovers } from './movers.ts';
import { benchPanelLatency } from './panel-latency.ts';
import { benchRequestEconomy } from './request-economy.ts';
import { renderDoc, replaceSummaryRows } from './doc.ts';
import { describeEnvironment } from './lib/environment.ts';
import { notMeasured, renderSection, type Section } from './lib/report.ts';
import { benchSyncNode } from './sync-node.ts';

const NAMES = [
  'emulator-pages', 'bundle', 'sync', 'delta', 'lookup', 'search', 'panel', 'overhead', 'requests', 'first-answer', 'movers', 'sync-node',
  'firefox-panel', 'firefox-overhead', 'firefox-min-panel',
] as const;
const FIREFOX_NAMES = ['firefox-panel', 'firefox-overhead', 'firefox-min-panel'] as const;
type Name = (typeof NAMES)[number];
const TITLES: Record<Name, string> = {
  'emulator-pages': '1. Emulator: page latency at 200,000 accounts',
  bundle: '2. Bundle sizes',
  sync: '3. Full sync: throughput and service-worker heap',
  delta: '4. Delta sync (1% changed at 100,000)',
  lookup: '5. Domain lookup latency (warm cache)',
  search: '6. Popup search per keystroke and popup first paint',
  panel: '7. Panel latency after SPA navigation (warm and cold cache)',
  overhead: '8. Host-page overhead',
  requests: '9. Request economy',
  'first-answer': '10. First answer after connecting',
  movers: '11. Movers at 200,000 accounts: Movers view, delta overhead, store size',
  'sync-node': 'Supplement: sync engine in Node (fake-indexeddb)',
  'firefox-panel': 'Firefox: panel latency after SPA navigation (warm cache)',
  'firefox-overhead': 'Firefox: host-page overhead',
  'firefox-min-panel': 'Firefox 140 ESR (the minimum version): panel latency after SPA navigation',
};
const DOC = path.join(ROOT, 'docs/benchmarks.md');

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const firefox = process.argv.includes('--firefox');
// --firefox alone: the bundle sizes (with the Firefox rows) and the Firefox benchmarks; a partial run
const only = arg('only')?.split(',').filter(Boolean) ?? (firefox ? ['bundle', ...FIREFOX_NAMES] : null);
for (const n of only ?? []) if (!NAMES.includes(n as Name)) throw new Error(`Unknown benchmark "${n}". Names: ${NAMES.join(', ')}`);
// --all: every benchmark, Chromium and Firefox, and the whole document rewritten
const everything = process.argv.includes('--all');
const selected = new Set<Name>((only as Name[] | null) ?? (everything ? NAMES : NAMES.filter((n) => !(FIREFOX_NAMES as readonly string[]).includes(n))));
const wantFirefox = firefox || FIREFOX_NAMES.some((n) => selected.has(n));
const sizes = arg('sizes')?.split(',').map(Number) ?? [1_000, 10_000, 100_000, 200_000];
const maxSyncMs = Number(arg('max-sync-s') ?? 300) * 1000;
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Runs one benchmark; a failure becomes a "not measured" section with the reason. */
async function step(name: Name, fn: () => Promise<Section | Section[]> | Section): Promise<Section[]> {
  log(`${name}…`);
  const t0 = performance.now();
  try {
    const out = [await fn()].flat();
    const wallMs = performance.now() - t0;
    if (out.length === 1) out[0]!.wallMs = wallMs;
    log(`${name} done in ${(wallMs / 1000).toFixed(0)} s`);
    return out;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    log(`${name} FAILED: ${reason}`);
    return [notMeasured(name, TITLES[name], `the benchmark failed in this run (${reason}).`)];
  }
}

const started = performance.now();
const env = describeEnvironment();
if (process.argv.includes('--build') || !existsSync(path.join(CHROME_BUILD, 'manifest.json'))) {
  log('building the extension (npx wxt build)…');
  // node + wxt's bin rather than `npx`: spawning npx needs a shell on Windows (npx.cmd)
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], { cwd: ROOT, stdio: 'inherit' });
}
if (wantFirefox && (process.argv.includes('--build') || !existsSync(path.join(FIREFOX_BUILD, 'manifest.json')))) {
  log('building the Firefox extension (npx wxt build -b firefox --mv2)…');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build', '-b', 'firefox', '--mv2'], { cwd: ROOT, stdio: 'inherit' });
}
const snapshot = snapshotBuild();
const firefoxSnapshot = wantFirefox ? snapshotBuild(FIREFOX_BUILD) : null;
const sections: Section[] = [];
try {
  if (selected.has('emulator-pages')) sections.push(...(await step('emulator-pages', () => benchEmulatorPages(200_000, 30))));
  if (selected.has('bundle')) sections.push(...(await step('bundle', () => benchBundleSizes(snapshot.path, firefoxSnapshot?.path ?? null))));
  const want = { sync: selected.has('sync'), delta: selected.has('delta'), lookup: selected.has('lookup'), search: selected.has('search') };
  if (want.sync || want.delta || want.lookup || want.search) {
    const scaleSizes = want.sync || want.lookup || want.search ? sizes : sizes.filter((n) => n === 100_000);
    const t0 = performance.now();
    const { results, control } = await benchCacheScale({ extensionPath: snapshot.path, sizes: scaleSizes, want, maxSyncMs, log });
    log(`cache sizes done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    if (want.sync) sections.push(syncSection(results, control));
    if (want.delta) sections.push(deltaSection(results));
    if (want.lookup) sections.push(lookupSection(results));
    if (want.search) sections.push(searchSection(results));
  }
  if (selected.has('panel')) sections.push(...(await step('panel', () => benchPanelLatency(snapshot.path, 20))));
  if (selected.has('overhead')) sections.push(...(await step('overhead', () => benchHostOverhead(snapshot.path, 7))));
  if (selected.has('requests')) sections.push(...(await step('requests', () => benchRequestEconomy(snapshot.path))));
  if (selected.has('first-answer')) sections.push(...(await step('first-answer', () => benchFirstAnswer(snapshot.path, 3))));
  if (selected.has('movers')) sections.push(...(await step('movers', () => benchMovers(snapshot.path, log, Number(arg('movers-n') ?? 200_000), 'movers', TITLES.movers))));
  if (selected.has('sync-node')) sections.push(...(await step('sync-node', () => benchSyncNode(10_000))));
  if (firefoxSnapshot && selected.has('firefox-panel')) sections.push(...(await step('firefox-panel', () => benchFirefoxPanelLatency(firefoxSnapshot.path, 20))));
  if (firefoxSnapshot && selected.has('firefox-overhead')) sections.push(...(await step('firefox-overhead', () => benchFirefoxHostOverhead(firefoxSnapshot.path, 5))));
  if (firefoxSnapshot && selected.has('firefox-min-panel')) sections.push(...(await step('firefox-min-panel', () => benchFirefoxMinPanelLatency(firefoxSnapshot.path, 20))));
} finally {
  snapshot.remove();
  firefoxSnapshot?.remove();
}
const wallMs = performance.now() - started;
env['Load average at end (1/5/15 min)'] = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
env['Suite wall time'] = `${(wallMs / 1000).toFixed(0)} s${only ? ` (--only=${only.join(',')})` : ''}`;

const marked = (s: Section) => `<!-- bench:${s.id} -->\n${renderSection(s)}<!-- /bench:${s.id} -->`;
for (const s of sections) console.log(`\n${renderSection(s)}`);
console.log(`\nSuite wall time: ${(wallMs / 1000).toFixed(0)} s`);
if (!process.argv.includes('--no-write')) {
  if (only && existsSync(DOC)) {
    // a partial run replaces only its own sections and leaves the rest of the document as it was
    let doc = readFileSync(DOC, 'utf8');
    for (const s of sections) {
      const re = new RegExp(`<!-- bench:${s.id} -->[\\s\\S]*?<!-- /bench:${s.id} -->`);
      const note = `${marked(s).replace(/<!-- \/bench:/, `_Re-run alone on ${env.Date} (load average ${env['Load average at start (1/5/15 min)']})._\n\n<!-- /bench:`)}`;
      doc = re.test(doc) ? doc.replace(re, () => note) : `${doc.trimEnd()}\n\n${note}\n`;
      doc = replaceSummaryRows(doc, s);
    }
    writeFileSync(DOC, doc);
  } else {
    writeFileSync(DOC, renderDoc(env, sections, marked));
  }
  log(`wrote ${path.relative(ROOT, DOC)}`);
}
