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

/** Measures the build at `buildDir`. */
export function benchBundleSizes(buildDir: string): Section {
  const entries: { name: string; files: string[] }[] = [
    { name: 'background (service worker)', files: ['background.js'] },
    { name: 'crm.content (content-scripts/crm.js)', files: ['content-scripts/crm.js'] },
    { name: 'inpage.content (content-scripts/inpage.js; the same code as the Firefox crm.js)', files: ['content-scripts/inpage.js'] },
    { name: 'linkedin.content (content-scripts/linkedin.js)', files: ['content-scripts/linkedin.js'] },
    ...['panel-frame', 'popup', 'options', 'sidepanel'].map((p) => ({ name: `${p}.html (entry + preloaded chunks)`, files: pageScripts(buildDir, `${p}.html`) })),
  ];
  const rows = entries.map((e) => {
    const sizes = e.files.map((f) => sizeOf(path.join(buildDir, f)));
    const min = sizes.reduce((a, s) => a + s.min, 0);
    const gz = sizes.reduce((a, s) => a + s.gz, 0);
    return { ...e, min, gz };
  });
  const files = walk(buildDir).filter((f) => f.endsWith('.js') || f.endsWith('.css')).sort();
  const fileRows = files.map((f) => {
    const s = sizeOf(path.join(buildDir, f));
    return [f, kb(s.min), kb(s.gz)];
  });
  const crm = rows.find((r) => r.files[0] === 'content-scripts/crm.js')!;
  const inpage = rows.find((r) => r.files[0] === 'content-scripts/inpage.js')!;
  const body = [
    table(['Entrypoint', 'files', 'minified', 'gzipped'], rows.map((r) => [r.name, String(r.files.length), kb(r.min), kb(r.gz)])),
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
      'reads the production build in .output/chrome-mv3 (`npx wxt build`); "minified" is the file as built, "gzipped" is zlib level 9 of it. ' +
      'Extension pages count their entry script plus every chunk they modulepreload (shared chunks are counted in each page). CSS is listed per file. ' +
      'In Chrome, crm.js is site detection plus the frame host; the panel itself is panel-frame.html, loaded by the extension in its own process. ' +
      'inpage.js is the panel rendered in the page (the LinkedIn opt-in); the Firefox build\'s crm.js is built from the same code (mount-panel.firefox.ts), so its size is the same to within a few bytes.',
    body,
    targets: [
      { target: 'crm.content ≤ 100 KB gzipped', measured: kb(crm.gz), met: crm.gz <= CRM_TARGET_GZ },
      { target: 'the in-page panel script (inpage.js; Firefox crm.js) ≤ 100 KB gzipped', measured: kb(inpage.gz), met: inpage.gz <= CRM_TARGET_GZ },
    ],
    notes: [
      `crm.content: ${verdict(crm.gz <= CRM_TARGET_GZ)} (${kb(crm.min)} minified).`,
      `inpage.content: ${verdict(inpage.gz <= CRM_TARGET_GZ)} (${kb(inpage.min)} minified).`,
    ],
  };
}
