/**
 * Benchmark 2: bytes each entrypoint ships in .output/chrome-mv3 (minified as built, and gzipped
 * with zlib level 9). An HTML entrypoint counts its module script plus every modulepreload chunk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Section } from './lib/report.ts';
import { kb, table, verdict } from './lib/stats.ts';

const CRM_TARGET_GZ = 100 * 1024;
/** issue #18: Firefox's content script on CRM pages, with the panel in an extension frame as in Chrome */
const FIREFOX_CRM_TARGET_GZ = 30 * 1024;

const sizeOf = (file: string) => {
  const raw = readFileSync(file);
  return { min: raw.length, gz: gzipSync(raw, { level: 9 }).length };
};

/** JS files an HTML page loads (module script + modulepreload), relative to the build root. */
function pageScripts(buildDir: string, html: string): string[] {
  const text = readFileSync(path.join(buildDir, html), 'utf8');
  const refs = [...text.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  return [...new Set(refs)];
}

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, root) : [path.relative(root, full)];
  });
}

/**
 * Measures the Chrome build at `buildDir` and, when given, the Firefox build's content scripts at
 * `firefoxDir` (.output/firefox-mv2; its rows are labelled Firefox).
 */
export function benchBundleSizes(buildDir: string, firefoxDir: string | null = null): Section {
  const entries: { name: string; files: string[] }[] = [
    { name: 'background (service worker)', files: ['background.js'] },
    { name: 'crm.content (content-scripts/crm.js)', files: ['content-scripts/crm.js'] },
    { name: 'inpage.content (content-scripts/inpage.js: the LinkedIn opt-in panel, in the page)', files: ['content-scripts/inpage.js'] },
    { name: 'linkedin.content (content-scripts/linkedin.js)', files: ['content-scripts/linkedin.js'] },
    ...['panel-frame', 'popup', 'options', 'sidepanel'].map((p) => ({ name: `${p}.html (entry + preloaded chunks)`, files: pageScripts(buildDir, `${p}.html`) })),
  ];
  const measure = (dir: string, e: { name: string; files: string[] }) => {
    const sizes = e.files.map((f) => sizeOf(path.join(dir, f)));
    const min = sizes.reduce((a, s) => a + s.min, 0);
    const gz = sizes.reduce((a, s) => a + s.gz, 0);
    return { ...e, min, gz };
  };
  const rows = entries.map((e) => measure(buildDir, e));
  const firefoxRows = firefoxDir
    ? [
        { name: 'Firefox: crm.content (content-scripts/crm.js)', files: ['content-scripts/crm.js'] },
        { name: 'Firefox: inpage.content (content-scripts/inpage.js)', files: ['content-scripts/inpage.js'] },
        { name: 'Firefox: panel-frame.html (entry + preloaded chunks)', files: pageScripts(firefoxDir, 'panel-frame.html') },
      ].map((e) => measure(firefoxDir, e))
    : [];
  const firefoxCrm = firefoxRows[0] ?? null;
  const files = walk(buildDir).filter((f) => f.endsWith('.js') || f.endsWith('.css')).sort();
  const fileRows = files.map((f) => {
    const s = sizeOf(path.join(buildDir, f));
    return [f, kb(s.min), kb(s.gz)];
  });
  const crm = rows.find((r) => r.files[0] === 'content-scripts/crm.js')!;
  const inpage = rows.find((r) => r.files[0] === 'content-scripts/inpage.js')!;
  const body = [
    table(['Entrypoint', 'files', 'minified', 'gzipped'], [...rows, ...firefoxRows].map((r) => [r.name, String(r.files.length), kb(r.min), kb(r.gz)])),
    '',
    '<details><summary>Every JS/CSS file of the build</summary>',
    '',
    table(['File', 'minified', 'gzipped'], fileRows),
    '',
    '</details>',
  ].join('\n');
  return {
    id: 'bundle',
    title: '2. Bundle sizes',
    method:
      'reads the production build in .output/chrome-mv3 (`npx wxt build`) and, for the rows marked Firefox, .output/firefox-mv2 (`npm run build:firefox`); "minified" is the file as built, "gzipped" is zlib level 9 of it. ' +
      'Extension pages count their entry script plus every chunk they modulepreload (shared chunks are counted in each page). CSS is listed per file. ' +
      'In both browsers crm.js is site detection plus the frame host; the panel itself is panel-frame.html, an extension page in an iframe (in Chrome in the extension\'s process; in Firefox in the page\'s content process, see docs/architecture.md). ' +
      'inpage.js is the panel rendered in the page (the LinkedIn opt-in, both browsers). The "Every file" list is the Chrome build\'s.',
    body,
    targets: [
      { target: 'crm.content ≤ 100 KB gzipped', measured: kb(crm.gz), met: crm.gz <= CRM_TARGET_GZ },
      { target: 'the in-page panel script (inpage.js, LinkedIn opt-in) ≤ 100 KB gzipped', measured: kb(inpage.gz), met: inpage.gz <= CRM_TARGET_GZ },
      {
        target: 'Firefox: crm.content ≤ 30 KB gzipped (panel in an extension frame, as in Chrome; issue #18)',
        measured: firefoxCrm ? kb(firefoxCrm.gz) : 'not measured (no Firefox build: npm run build:firefox, or bench --firefox)',
        met: firefoxCrm ? firefoxCrm.gz <= FIREFOX_CRM_TARGET_GZ : null,
      },
    ],
    notes: [
      `crm.content: ${verdict(crm.gz <= CRM_TARGET_GZ)} (${kb(crm.min)} minified).`,
      `inpage.content: ${verdict(inpage.gz <= CRM_TARGET_GZ)} (${kb(inpage.min)} minified).`,
      ...(firefoxCrm ? [`Firefox crm.content: ${verdict(firefoxCrm.gz <= FIREFOX_CRM_TARGET_GZ)} (${kb(firefoxCrm.min)} minified; it was 110.9 KB gzipped with the panel rendered in the page, at a62beaf before #18).`] : []),
    ],
  };
}
