/**
 * Scaffolds a site adapter: `npm run new:adapter <id>` writes
 *   utils/sites/adapters/<id>.ts, test/fixtures/sites/<id>/{record.html,spa.html,cases.ts},
 *   test/unit/sites/adapters/<id>.test.ts
 * and prints the two lines to add to utils/sites/registry.ts. It registers nothing itself, so the
 * convention test fails until the adapter is registered on purpose.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** camelCase identifier for an adapter id ('zoho-bigin' → 'zohoBigin'). */
export function identifierFor(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The files a new adapter starts with, keyed by path relative to the repo root. */
export function scaffold(id: string): Record<string, string> {
  const label = id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const host = `app.${id}.example`;
  const url = (type: string, n: number) => `https://${host}/${type}/${n}`;
  const record = (name: string, n: number, website: string) => `<div data-record-id="${n}" class="record">
    <h1 data-field="name">${name}</h1>
    <dl><dt>Website</dt><dd data-field="website"><a href="${website}">${website}</a></dd></dl>
  </div>`;
  const page = (title: string, body: string) => `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
  const a = record('Acme Robotics', 1001, 'https://www.acmerobotics.com');
  const b = record('Wayne Aerospace', 1007, 'https://www.wayneaero.com');
  const spa = `<nav><a id="spa-next" href="/companies/1007">Next</a></nav>
<main id="spa-root">
  ${a}
</main>
<template id="spa-record-a" data-title="Acme Robotics">${a}</template>
<template id="spa-record-b" data-title="Wayne Aerospace">${b}</template>
<script>
(function () {
  var urls = { a: '${url('companies', 1001)}', b: '${url('companies', 1007)}' };
  var delay = Number(new URLSearchParams(location.search).get('delay')) || 0;
  var shown = 'a';
  function swap(key) { document.getElementById('spa-root').replaceChildren(document.getElementById('spa-record-' + key).content.cloneNode(true)); shown = key; }
  window.__spaGo = function (url) {
    var key = url === urls.a ? 'a' : url === urls.b ? 'b' : (shown === 'a' ? 'b' : 'a');
    history.pushState({}, '', url || urls[key]);
    if (delay > 0) setTimeout(function () { swap(key); }, delay); else swap(key);
  };
  document.addEventListener('click', function (e) { if (e.target.closest && e.target.closest('#spa-next')) { e.preventDefault(); window.__spaGo(urls[shown === 'a' ? 'b' : 'a']); } });
  window.addEventListener('popstate', function () { swap(location.href === urls.b ? 'b' : 'a'); });
})();
</script>`;
  const expectFor = (n: number, name: string, website: string) => `{ site: '${id}', recordType: 'company', recordId: '${n}', companyName: '${name}', websites: ['${website}'] }`;
  return {
    [`utils/sites/adapters/${id}.ts`]: `/**
 * ${label} (scaffolded by \`npm run new:adapter ${id}\`). TODO: replace the example host, URL
 * pattern and selectors with ones taken from a captured real page (crm-detection.md §7.4).
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { fieldValue, websiteIn } from '../dom';
import { matchesAny } from '../patterns';

// Selector table (layer a: the site's stable hooks): arrays of alternatives, first hit wins.
// Name the UI variant and the public evidence of each. Labels and the generic page reader are
// shared layers (docs/detection.md): do not add label fallbacks here.
const S = {
  title: ['[data-field="name"]'], // TODO: record header
  website: ['[data-field="website"]'], // TODO: website field by API name
  /** areas that show OTHER records (related lists, association cards): never read */
  exclude: '[data-related]', // TODO
} as const;

const MATCHES = ['https://${host}/*'];
const PATH_RE = /^\\/(companies|contacts)\\/(\\d+)\\/?$/;
const TYPE: Record<string, string> = { companies: 'company', contacts: 'contact' };

export default defineSiteAdapter<RecordMatch>({
  id: '${id}',
  label: '${label}',
  matches: MATCHES,
  examples: {
    positive: [
      { url: '${url('companies', 1001)}', expect: { recordType: 'company', recordId: '1001' } },
      { url: '${url('companies', 1007)}/', expect: { recordType: 'company', recordId: '1007' } },
      { url: '${url('contacts', 2001)}', expect: { recordType: 'contact', recordId: '2001' } },
    ],
    negative: ['https://${host}/companies', 'https://${host}/companies/1001/edit', 'https://www.${id}.example/companies/1001'],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const m = PATH_RE.exec(url.pathname);
    const recordType = m ? TYPE[m[1] ?? ''] : undefined;
    return m?.[2] && recordType ? { recordType, recordId: m[2], url: url.href } : null;
  },
  containerSelector: 'main',
  kind: (m) => (m.recordType === 'company' ? 'company' : 'person'),
  exclude: S.exclude,
  titleSelectors: S.title,
  hooks(q) {
    const title = fieldValue(q.first(S.title));
    return { title, websites: [websiteIn(q.first(S.website))], companyName: title };
  },
});
`,
    [`test/fixtures/sites/${id}/record.html`]: page('Acme Robotics', `<main>\n  ${a}\n</main>`),
    [`test/fixtures/sites/${id}/spa.html`]: page('Acme Robotics', spa),
    [`test/fixtures/sites/${id}/cases.ts`]: `/** ${label} fixtures (scaffolded): add one per record type, one without the website field, one non-English. */
import type { SiteCase } from '../types';

export const cases: SiteCase[] = [
  { name: 'company with website', file: 'record.html', url: '${url('companies', 1001)}', expect: ${expectFor(1001, 'Acme Robotics', 'https://www.acmerobotics.com')} },
  {
    name: 'SPA navigation between two companies',
    file: 'spa.html',
    url: '${url('companies', 1001)}',
    expect: ${expectFor(1001, 'Acme Robotics', 'https://www.acmerobotics.com')},
    spaNext: { url: '${url('companies', 1007)}', expect: ${expectFor(1007, 'Wayne Aerospace', 'https://www.wayneaero.com')} },
  },
];
`,
    [`test/unit/sites/adapters/${id}.test.ts`]: `import { cases } from '../../../fixtures/sites/${id}/cases';
import { describeAdapterCases } from '../harness';

describeAdapterCases('${id}', cases);
`,
  };
}

function main(): void {
  const id = process.argv[2] ?? '';
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    console.error('usage: npm run new:adapter <id>   (kebab-case, e.g. "close" or "zoho-bigin")');
    process.exit(2);
  }
  const files = scaffold(id);
  const clash = Object.keys(files).filter((f) => existsSync(join(ROOT, f)));
  if (clash.length > 0) {
    console.error(`refusing to overwrite: ${clash.join(', ')}`);
    process.exit(1);
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ROOT, file)), { recursive: true });
    writeFileSync(join(ROOT, file), text);
    console.log(`created ${relative(ROOT, join(ROOT, file))}`);
  }
  const ident = identifierFor(id);
  console.log(`\nNow register it in utils/sites/registry.ts (the convention test fails until you do):\n`);
  console.log(`  import ${ident} from './adapters/${id}';`);
  console.log(`  // and add ${ident} to the siteAdapters array\n`);
  console.log('Then replace the TODO host, URL pattern and selectors, add fixtures captured from a real page, and run');
  console.log(`  npx vitest run test/unit/sites`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
