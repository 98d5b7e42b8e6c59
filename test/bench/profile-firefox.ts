/**
 * Where the add-on's time goes on Firefox's page thread: Gecko-profiles visits of the heavy page
 * (the Firefox host-overhead benchmark's profiled visits) and prints, for the 20 SPA navigations of
 * each visit, the content script's and the panel frame's time by leaf (self, native calls and
 * labels included) and by their own JavaScript functions (inclusive). Not part of `npm run bench`:
 * a tool for "profile first, then fix", as profile-content.ts is for Chromium.
 *
 *   RECOTAP_LENS_MINIFY=0 npx wxt build -b firefox --mv2 && npx tsx test/bench/profile-firefox.ts [visits]
 */
import path from 'node:path';
import { profiledVisits } from './firefox.ts';
import { jsUrl, threadsOf, type GeckoProfile } from './lib/gecko-share.ts';

const visits = Number(process.argv[2] ?? 3);
type Owner = 'content script' | 'panel frame';
const tables: Record<Owner, { self: Map<string, number>; incl: Map<string, number>; total: number }> = {
  'content script': { self: new Map(), incl: new Map(), total: 0 },
  'panel frame': { self: new Map(), incl: new Map(), total: 0 },
};

function analyse(profile: GeckoProfile, windows: { loaded: number; end: number }[], origin: string): void {
  const maxGap = 4 * profile.meta.interval;
  for (const { thread: t, startTime } of threadsOf(profile)) {
    if (t.name !== 'GeckoMain') continue;
    const fs = t.frameTable.schema;
    const ss = t.stackTable.schema;
    const xs = t.samples.schema;
    const loc = (f: number) => t.stringTable[t.frameTable.data[f]![fs.location!] as number] ?? '';
    if (!t.frameTable.data.some((_, f) => jsUrl(loc(f))?.startsWith(origin))) continue; // not the page's thread
    const framesOf = (s: number | null): number[] => {
      const out: number[] = [];
      for (let x = s; x !== null && x !== undefined; x = t.stackTable.data[x]![ss.prefix!] as number | null) out.push(t.stackTable.data[x]![ss.frame!] as number);
      return out; // leaf first
    };
    const samples = t.samples.data;
    for (let i = 0; i < samples.length; i++) {
      const row = samples[i]!;
      const time = startTime + (row[xs.time!] as number);
      if (!windows.some((w) => time >= w.loaded && time < w.end)) continue;
      const next = samples[i + 1];
      const ms = next ? Math.min(maxGap, startTime + (next[xs.time!] as number) - time) : profile.meta.interval;
      const frames = framesOf(row[xs.stack!] as number | null);
      const urls = frames.map((f) => jsUrl(loc(f)) ?? '');
      const owner: Owner | null = urls.some((u) => u.includes('moz-extension://') && u.includes('/content-scripts/'))
        ? 'content script'
        : urls.some((u) => u.includes('moz-extension://'))
          ? 'panel frame'
          : null;
      if (!owner) continue;
      const table = tables[owner];
      table.total += ms;
      // the innermost named frame (native frames without symbols are bare addresses), and the
      // add-on's own functions (their window id suffix dropped: the same function in every visit)
      const named = frames.map(loc).filter((l) => !/^0x[0-9a-f]+$/i.test(l)).map((l) => l.replace(/\[\d+\]$/, ''));
      const leaf = named[0] ?? '(native)';
      table.self.set(leaf, (table.self.get(leaf) ?? 0) + ms);
      for (const name of new Set(named.filter((l) => l.includes('moz-extension://')))) table.incl.set(name, (table.incl.get(name) ?? 0) + ms);
    }
  }
}

const top = (m: Map<string, number>, k: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => `  ${(ms / visits).toFixed(2).padStart(7)} ms  ${name.replace(/moz-extension:\/\/[^/]+\//, '')}`)
    .join('\n');

await profiledVisits(path.resolve('.output/firefox-mv2'), visits, (profile, windows, origin) => analyse(profile, windows, origin));
for (const [owner, t] of Object.entries(tables)) {
  console.log(`\n${owner}: ${(t.total / visits).toFixed(1)} ms per visit over the navigations`);
  console.log(`self (innermost named frame):\n${top(t.self, 30)}\ninclusive (add-on functions):\n${top(t.incl, 40)}`);
}
