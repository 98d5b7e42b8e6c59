/**
 * Perturbation helpers (issue #15, item 7): automatic DOM mutations of a fixture page, and the
 * verdict of a read against the fixture's ground truth. Every mutation is deterministic (seeded)
 * and works on a fresh copy of the fixture document; none knows the reader's selectors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getSiteAdapter } from '../../../utils/sites/registry';
import { defaultScope } from '../../../utils/sites/read-page';
import type { AnySiteAdapter, RecordMatch } from '../../../utils/sites/types';
import { DEMO_COMPANIES, type DemoCompany } from '../../emulator/demo-companies';
import type { SiteCase } from '../../fixtures/sites/types';
import { FIXTURES, lookedUpDomain, read } from './harness';

// ---------------------------------------------------------------------------------------------
// deterministic randomness

/** FNV-1a: a stable 32-bit hash of a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CSS-modules-like class hash ("x1a9f3kq"), the same for the same class and seed. */
export function hashedClass(name: string, seed: number): string {
  return `x${(hash32(`${seed}:${name}`) >>> 0).toString(36)}${(hash32(`${name}:${seed}`) % 1296).toString(36)}`;
}

// ---------------------------------------------------------------------------------------------
// the page and its record area

export const SEED = 15_007;

/** The HTML of a fixture, read once per file. */
const htmlCache = new Map<string, string>();
export function fixtureHtml(site: string, file: string): string {
  const key = `${site}/${file}`;
  let html = htmlCache.get(key);
  if (html === undefined) {
    html = readFileSync(join(FIXTURES, site, file), 'utf8');
    htmlCache.set(key, html);
  }
  return html;
}

/** A fresh copy of the fixture document (happy-dom's DOMParser, as harness.loadDocument does). */
export function freshDocument(site: string, file: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(site, file), 'text/html');
}

/** The record area as the adapter finds it on the unmutated page (its scope, else the default one). */
export function recordArea(adapter: AnySiteAdapter, doc: Document, url: string): Element {
  const match = adapter.matchUrl(new URL(url)) as RecordMatch | null;
  const area = match ? (adapter.scope ? adapter.scope(doc, match) : defaultScope(doc)) : null;
  return area ?? doc.body;
}

const isPageRoot = (el: Element) => el.tagName === 'BODY' || el.tagName === 'HTML';

function elementsUnder(root: Element): Element[] {
  return Array.from(root.querySelectorAll('*'));
}

function textNodesUnder(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

// ---------------------------------------------------------------------------------------------
// mutations

export interface MutationInput {
  site: string;
  case: SiteCase;
  doc: Document;
  /** the record area of the unmutated page */
  area: Element;
  seed: number;
}

export interface Mutation {
  /** stable id, e.g. "hook:data-testid" */
  id: string;
  /** column of the report table */
  kind: MutationKind;
  /** mutates the document; returns false when it does not apply to this page (nothing to change) */
  apply(input: MutationInput): boolean;
  /** cheap pre-check on the page's HTML: false = cannot apply (saves parsing the page) */
  mayApply?(html: string): boolean;
}

export const KINDS = ['hashed-classes', 'hook-removed', 'wrappers', 'german-labels', 'shadow-root', 'related-card', 'unmarked-other-domain', 'hidden-previous'] as const;
export type MutationKind = (typeof KINDS)[number];

export const KIND_TITLES: Record<MutationKind, string> = {
  'hashed-classes': 'hashed classes',
  'hook-removed': 'hook attribute removed',
  wrappers: 'extra wrappers',
  'german-labels': 'German labels',
  'shadow-root': 'open shadow root',
  'related-card': 'related card, other domain',
  'unmarked-other-domain': 'unmarked other domain',
  'hidden-previous': 'hidden previous record',
};

/** 1. every class replaced by a random-looking hash (same class → same hash, as CSS modules do). */
const hashedClasses: Mutation = {
  id: 'hashed-classes',
  kind: 'hashed-classes',
  apply({ doc, seed }) {
    let changed = false;
    for (const el of Array.from(doc.querySelectorAll('[class]'))) {
      const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
      if (!classes.length) continue;
      el.setAttribute('class', classes.map((c) => hashedClass(c, seed)).join(' '));
      changed = true;
    }
    return changed;
  },
};

/** 2. hook attributes: each one removed from every element, one mutation per attribute name. */
export const HOOK_ATTRIBUTES = [
  'data-target-selection-name', 'field-label', 'data-selenium-test', 'data-test-id', 'data-testid', 'data-id', 'data-lp-id', 'data-zcqa',
  'data-record-id', 'data-entity-id', 'id', 'email', 'name', 'data-thread-perm-id', 'data-legacy-thread-id', 'slot', 'aria-controls', 'data-card-type',
  // Outlook: the address in a title attribute, the reading pane's app section
  'title', 'data-app-section',
] as const;

/** The elements that carry a hook attribute (ids only when they end in _ileinner/_ilecell, name only on span[email]). */
function hookCarriers(doc: Document, attr: (typeof HOOK_ATTRIBUTES)[number]): Element[] {
  if (attr === 'id') return Array.from(doc.querySelectorAll('[id]')).filter((el) => /_ile(inner|cell)$/.test(el.id));
  if (attr === 'name') return Array.from(doc.querySelectorAll('span[email][name]'));
  return Array.from(doc.querySelectorAll(`[${attr}]`));
}

const hookRemoved: Mutation[] = HOOK_ATTRIBUTES.map((attr) => ({
  id: `hook:${attr}`,
  kind: 'hook-removed' as const,
  mayApply: (html: string) => (attr === 'id' ? /_ile(inner|cell)\b/.test(html) : attr === 'name' ? html.includes(' email=') : html.includes(` ${attr}=`)),
  apply({ doc }: MutationInput) {
    const carriers = hookCarriers(doc, attr);
    for (const el of carriers) el.removeAttribute(attr);
    return carriers.length > 0;
  },
}));

const PHRASING = new Set(['A', 'ABBR', 'B', 'BUTTON', 'CODE', 'EM', 'I', 'LABEL', 'P', 'SMALL', 'SPAN', 'STRONG', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const NO_WRAP = new Set(['TR', 'TD', 'TH', 'TBODY', 'THEAD', 'TFOOT', 'COLGROUP', 'COL', 'OPTION', 'TEMPLATE', 'SCRIPT', 'STYLE', 'SLOT']);

/**
 * 3. extra wrappers: every element of the record area that carries a data-* or field attribute (or
 * another hook: email, a Classic _ileinner/_ilecell id) is wrapped in one to three extra elements (a <span> in phrasing content, else a <div>).
 */
const wrappers: Mutation = {
  id: 'wrappers',
  kind: 'wrappers',
  apply({ doc, area, seed }) {
    const random = rng(seed ^ 0x3a3a);
    const hooked = (a: Attr) => a.name.startsWith('data-') || a.name.includes('field') || a.name === 'email' || (a.name === 'id' && /_ile(inner|cell)$/.test(a.value));
    const targets = elementsUnder(area).filter((el) => !NO_WRAP.has(el.tagName) && !el.closest('template') && Array.from(el.attributes).some(hooked));
    for (const el of targets) {
      const parent = el.parentNode;
      if (!parent) continue;
      const inline = PHRASING.has(el.tagName) || (el.parentElement !== null && PHRASING.has(el.parentElement.tagName));
      const depth = 1 + Math.floor(random() * 3);
      let inner: Element = el;
      for (let i = 0; i < depth; i++) {
        const w = doc.createElement(inline ? 'span' : 'div');
        parent.insertBefore(w, inner === el ? el : inner);
        w.appendChild(inner);
        inner = w;
      }
    }
    return targets.length > 0;
  },
};

/** 4. English label texts translated to German (whole text nodes only, whitespace kept). */
export const GERMAN: Record<string, string> = {
  Website: 'Webseite',
  Email: 'E-Mail',
  'Account Name': 'Accountname',
  Company: 'Firma',
  Title: 'Titel',
  Name: 'Name',
  Phone: 'Telefon',
};
const germanLabels: Mutation = {
  id: 'german-labels',
  kind: 'german-labels',
  mayApply: (html) => />\s*(Website|Email|Account Name|Company|Title|Phone)\s*</.test(html),
  apply({ doc }) {
    let changed = false;
    for (const t of textNodesUnder(doc.body)) {
      const v = t.nodeValue ?? '';
      const trimmed = v.trim();
      const de = GERMAN[trimmed];
      if (de === undefined || de === trimmed) continue;
      t.nodeValue = v.replace(trimmed, de);
      changed = true;
    }
    return changed;
  },
};

/** 5. the record area's content moved into an open shadow root of a new host inside it. */
const shadowRoot: Mutation = {
  id: 'shadow-root',
  kind: 'shadow-root',
  apply({ doc, area }) {
    const main = isPageRoot(area) ? (doc.body ?? area) : area;
    const moving = Array.from(main.childNodes).filter((n) => !(n instanceof Element && /^(SCRIPT|TEMPLATE)$/.test(n.tagName)));
    if (!moving.some((n) => n.nodeType === 1)) return false;
    const host = doc.createElement('div');
    host.setAttribute('data-perturb', 'shadow-host');
    const root = host.attachShadow({ mode: 'open' });
    for (const n of moving) root.appendChild(n);
    main.insertBefore(host, main.firstChild);
    return true;
  },
};

/** Another company's domain for the injected cards: never a fixture's domain. */
export const otherDomain = (seed: number) => `other-company-${(hash32(`other:${seed}`) % 90) + 10}.com`;
export const PARTNER_DOMAIN = 'partner-example.org';

/** How each site marks an association / related card (what its UI renders around other records). */
const RELATED_CARD: Record<string, (doc: Document) => Element> = {
  'salesforce-lightning': (doc) => doc.createElement('lst-related-list-single-container'),
  'salesforce-classic': (doc) => Object.assign(doc.createElement('div'), { className: 'bRelatedList' }),
  hubspot: (doc) => {
    const el = doc.createElement('div');
    el.setAttribute('data-test-id', 'card-id-ASSOCIATION_V3/0-2');
    return el;
  },
  dynamics: (doc) => {
    const el = doc.createElement('div');
    el.setAttribute('data-id', 'Contacts_subgrid_container');
    return el;
  },
  pipedrive: (doc) => {
    const el = doc.createElement('div');
    el.setAttribute('data-testid', 'related-organizations');
    return el;
  },
  zoho: (doc) => {
    const el = doc.createElement('div');
    el.setAttribute('data-zcqa', 'relatedList_Contacts');
    return el;
  },
  gmail: (doc) => Object.assign(doc.createElement('div'), { className: 'gmail_quote' }),
  // Outlook: a message body (quoted mail, signatures) names other companies
  outlook: (doc) => {
    const el = doc.createElement('div');
    el.setAttribute('role', 'document');
    return el;
  },
};

/** 6a. an association card of the site, naming another company's website and e-mail. */
const relatedCard: Mutation = {
  id: 'related-card',
  kind: 'related-card',
  apply({ doc, area, site, seed }) {
    const other = otherDomain(seed);
    const outer = RELATED_CARD[site]?.(doc) ?? doc.createElement('div');
    const section = doc.createElement('section');
    section.className = 'related';
    section.innerHTML =
      `<h3>Related accounts</h3><ul><li><a href="https://www.${other}">www.${other}</a></li>` +
      `<li><a href="mailto:someone@${other}">someone@${other}</a></li></ul>`;
    outer.appendChild(section);
    (isPageRoot(area) ? doc.body : area).appendChild(outer);
    return true;
  },
};

/** 6b. another domain named in the record area with nothing marking it as another record. */
const unmarkedOtherDomain: Mutation = {
  id: 'unmarked-other-domain',
  kind: 'unmarked-other-domain',
  apply({ doc, area }) {
    const p = doc.createElement('p');
    p.textContent = `Partner: https://${PARTNER_DOMAIN}`;
    (isPageRoot(area) ? doc.body : area).appendChild(p);
    return true;
  },
};

/** The demo company a case shows (by its ground-truth domain, else its company name, else its e-mails). */
export function companyOf(c: SiteCase): DemoCompany | undefined {
  const emails = (c.expect.emails ?? []).map((e) => e.toLowerCase());
  return (
    DEMO_COMPANIES.find((d) => c.domain && d.domain === c.domain) ??
    DEMO_COMPANIES.find((d) => c.expect.linkedinSlug && d.linkedinSlug === c.expect.linkedinSlug) ??
    DEMO_COMPANIES.find((d) => c.expect.companyName && d.name === c.expect.companyName) ??
    DEMO_COMPANIES.find((d) => emails.includes(d.contact.email.toLowerCase()))
  );
}

/** Replaces every occurrence of the pairs in text nodes and attribute values under root (root included). */
function substitute(root: Element | DocumentFragment, pairs: [string, string][]): void {
  const apply = (s: string) => pairs.reduce((acc, [from, to]) => (from ? acc.split(from).join(to) : acc), s);
  const els = Array.from(root.querySelectorAll('*'));
  if (root.nodeType === 1) els.unshift(root as Element);
  for (const el of els) {
    for (const a of Array.from(el.attributes)) {
      const v = apply(a.value);
      if (v !== a.value) el.setAttribute(a.name, v);
    }
  }
  for (const t of textNodesUnder(root)) {
    const v = apply(t.nodeValue ?? '');
    if (v !== t.nodeValue) t.nodeValue = v;
  }
  for (const tpl of els.filter((el): el is HTMLTemplateElement => el.tagName === 'TEMPLATE')) substitute(tpl.content, pairs);
}

/** 7. the previous record (another demo company) left mounted and hidden before the real one. */
const hiddenPrevious: Mutation = {
  id: 'hidden-previous',
  kind: 'hidden-previous',
  apply({ doc, area, case: c, site, seed }) {
    const mine = companyOf(c);
    const candidates = DEMO_COMPANIES.filter((d) => d.key !== mine?.key && d.domain !== truthOf(c, site));
    const prev = candidates[hash32(`${seed}:${c.file}`) % candidates.length]!;
    const pairs: [string, string][] = [];
    const recordId = c.expect.recordId;
    if (recordId) pairs.push([recordId, recordId.slice(0, -3) + 'Zz9']);
    if (mine) {
      pairs.push([mine.contact.email, prev.contact.email], [mine.contact.name, prev.contact.name], [mine.name, prev.name]);
      pairs.push([mine.domain, prev.domain]);
    }
    if (c.expect.companyName && c.expect.companyName !== mine?.name) pairs.push([c.expect.companyName, prev.name]);
    const truth = truthOf(c, site);
    if (truth && truth !== mine?.domain) pairs.push([truth, prev.domain]);
    for (const e of c.expect.emails ?? []) {
      const at = e.indexOf('@');
      if (at > 0 && e.slice(at + 1) === truth) pairs.push([e, `${e.slice(0, at)}@${prev.domain}`]);
    }
    let clone: Element;
    if (isPageRoot(area)) {
      clone = doc.createElement('div');
      for (const n of Array.from(doc.body.childNodes)) if (!(n instanceof Element && /^(SCRIPT|TEMPLATE)$/.test(n.tagName))) clone.appendChild(n.cloneNode(true));
    } else {
      clone = area.cloneNode(true) as Element;
    }
    substitute(clone, pairs);
    // a mounted copy has ids of its own (getElementById must still find the real record)
    for (const el of [clone, ...elementsUnder(clone)]) if (el.id) el.id = `${el.id}-prev`;
    const hideStyle = seed % 2 === 0;
    if (hideStyle) clone.setAttribute('style', `${clone.getAttribute('style') ?? ''};display:none`.replace(/^;/, ''));
    else clone.setAttribute('hidden', '');
    if (isPageRoot(area)) doc.body.insertBefore(clone, doc.body.firstChild);
    else area.parentNode!.insertBefore(clone, area);
    return true;
  },
};

export const MUTATIONS: readonly Mutation[] = [hashedClasses, ...hookRemoved, wrappers, germanLabels, shadowRoot, relatedCard, unmarkedOtherDomain, hiddenPrevious];

// ---------------------------------------------------------------------------------------------
// verdicts

/**
 * The case's ground-truth domain. Cases without a `domain` (LinkedIn's cases.ts has none yet) take
 * the domain of the demo company they show (by expected name or LinkedIn slug) when the page names
 * that domain, else null; undefined when the case shows no demo company (it is left out).
 */
export function truthOf(c: SiteCase, site?: string): string | null | undefined {
  if (c.domain !== undefined) return c.domain;
  const slug = c.expect.linkedinSlug;
  const demo = DEMO_COMPANIES.find((d) => (c.expect.companyName && d.name === c.expect.companyName) || (slug && d.linkedinSlug === slug));
  if (!demo) return undefined;
  const html = site ? fixtureHtml(site, c.file) : '';
  return html.includes(demo.domain) ? demo.domain : null;
}

export type Verdict = 'right' | 'honest' | 'wrong';

export interface Outcome {
  site: string;
  file: string;
  caseName: string;
  mutation: string;
  kind: MutationKind | 'baseline';
  verdict: Verdict;
  expected: { domain: string | null; companyName?: string };
  got: { shown: boolean; domain: string | null; companyName?: string; websites: string[]; emails: string[] };
  via: unknown;
  layers: unknown;
}

/**
 * RIGHT: shown, and the looked-up domain is the truth (truth null: no domain, and the expected
 * company name if the case has one). HONEST: not shown, or nothing to look up (no domain, no name);
 * also a shown read with no domain whose name is the expected one (or the case names none) while
 * the truth is a domain: the name lookup cannot land on another company's domain. WRONG: another
 * domain, a domain where the truth has none, or another company name.
 */
export function judge(site: string, c: SiteCase, r: ReturnType<typeof read>): { verdict: Verdict; domain: string | null } {
  const truth = truthOf(c, site);
  if (!r.shown || !r.ctx) return { verdict: 'honest', domain: null };
  const domain = lookedUpDomain(r.ctx);
  const name = r.ctx.companyName?.trim() || undefined;
  const wantName = c.expect.companyName;
  if (domain) return { verdict: domain === truth ? 'right' : 'wrong', domain };
  if (!name) return { verdict: truth === null && wantName === undefined ? 'right' : 'honest', domain };
  if (wantName !== undefined && name !== wantName.trim()) return { verdict: 'wrong', domain };
  return { verdict: truth === null ? 'right' : 'honest', domain };
}

/** Runs one case under one mutation (or none) on a fresh copy of its page. Null: the mutation does not apply. */
export function runCase(site: string, c: SiteCase, mutation: Mutation | null, seed = SEED): Outcome | null {
  const adapter = getSiteAdapter(site);
  if (!adapter) throw new Error(`no adapter ${site}`);
  if (truthOf(c, site) === undefined) return null;
  if (mutation?.mayApply && !mutation.mayApply(fixtureHtml(site, c.file))) return null;
  const doc = freshDocument(site, c.file);
  if (mutation) {
    const area = recordArea(adapter, doc, c.url);
    const caseSeed = hash32(`${seed}:${site}:${c.file}:${mutation.id}`);
    if (!mutation.apply({ site, case: c, doc, area, seed: caseSeed })) return null;
  }
  const r = read(adapter, doc, c.url);
  const { verdict, domain } = judge(site, c, r);
  return {
    site,
    file: c.file,
    caseName: c.name,
    mutation: mutation?.id ?? 'baseline',
    kind: mutation?.kind ?? 'baseline',
    verdict,
    expected: { domain: truthOf(c, site) ?? null, companyName: c.expect.companyName },
    got: { shown: r.shown, domain, companyName: r.ctx?.companyName, websites: r.ctx?.websites ?? [], emails: r.ctx?.emails ?? [] },
    via: r.ctx?.read?.via,
    layers: r.page?.layers,
  };
}

// ---------------------------------------------------------------------------------------------
// the report table

type Counts = Record<Verdict, number>;
const zero = (): Counts => ({ right: 0, honest: 0, wrong: 0 });
const cell = (n: Counts) => (n.right + n.honest + n.wrong ? `${n.right} / ${n.honest} / ${n.wrong}` : '–');

function attrRows(outcomes: readonly Outcome[]): string[] {
  const by = new Map<string, Counts>();
  for (const o of outcomes) {
    if (o.kind !== 'hook-removed') continue;
    const c = by.get(o.mutation) ?? zero();
    c[o.verdict]++;
    by.set(o.mutation, c);
  }
  return HOOK_ATTRIBUTES.filter((a) => by.has(`hook:${a}`)).map((a) => `| \`${a}\` | ${cell(by.get(`hook:${a}`)!)} |`);
}

/** Markdown table site × mutation kind → right / honest / wrong, with totals. */
export function tableOf(outcomes: readonly Outcome[], sites: readonly string[]): string {
  const by = new Map<string, Counts>();
  const add = (key: string, v: Verdict) => {
    const c = by.get(key) ?? zero();
    c[v]++;
    by.set(key, c);
  };
  const measured = outcomes.filter((o) => o.kind !== 'baseline');
  for (const o of measured) {
    add(`${o.site}|${o.kind}`, o.verdict);
    add(`${o.site}|*`, o.verdict);
    add(`*|${o.kind}`, o.verdict);
    add('*|*', o.verdict);
  }
  const get = (k: string) => by.get(k) ?? zero();
  const head = `| site | ${KINDS.map((k) => KIND_TITLES[k]).join(' | ')} | all |`;
  const rule = `|${' --- |'.repeat(KINDS.length + 2)}`;
  const rows = [...sites, '*'].map(
    (s) => `| ${s === '*' ? '**all sites**' : s} | ${KINDS.map((k) => cell(get(`${s}|${k}`))).join(' | ')} | ${cell(get(`${s}|*`))} |`,
  );
  const total = get('*|*');
  const n = total.right + total.honest + total.wrong;
  const pct = (x: number) => (n ? `${((100 * x) / n).toFixed(1)}%` : '–');
  const cases = new Set(measured.map((o) => `${o.site}/${o.file}`)).size;
  return [
    `Each cell: right / honest / wrong reads (fixture × mutation, fresh page load, seed ${SEED}). ${cases} fixtures, ${n} mutated reads:`,
    `${total.right} right (${pct(total.right)}), ${total.honest} honest (${pct(total.honest)}), ${total.wrong} wrong (${pct(total.wrong)}).`,
    'Generated by `test/unit/sites/perturbation.test.ts`; do not edit by hand.',
    '',
    head,
    rule,
    ...rows,
    '',
    'Hook attribute removed, per attribute (all sites; only attributes some fixture carries):',
    '',
    '| attribute | right / honest / wrong |',
    '| --- | --- |',
    ...attrRows(measured),
  ].join('\n');
}

export const TABLE_START = '<!-- perturbation-table:start -->';
export const TABLE_END = '<!-- perturbation-table:end -->';

/** The document with the marked section replaced (markers appended when missing). */
export function withTable(doc: string, table: string): string {
  const block = `${TABLE_START}\n${table}\n${TABLE_END}`;
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start === -1 || end === -1 || end < start) return `${doc.replace(/\s*$/, '')}\n\n${block}\n`;
  return doc.slice(0, start) + block + doc.slice(end + TABLE_END.length);
}
