/**
 * Runs the reading layers on a record page (docs/detection.md): (a) the site's hooks, (b) labelled
 * fields, (c) the generic page reader. For each fact the first layer that has it wins, and the
 * result says which layer that was. Also returns what the freshness guards need: the record ids
 * the page renders and a fingerprint of the record area's content. Pure and synchronous.
 */
import type { LayerReport, PageContact, PageContextInput, ReadLayer } from '../view-models';
import { cleanTitle, readGeneric } from './generic-reader';
import { clean, contactOf, emailsIn, emailValue, fieldValue, uniq, uniqContacts, websiteIn, websiteValue } from './dom';
import { labelledValues, type LabelField, type LabelValue } from './labels';
import { createQuery, isShown, type Query } from './query';
import type { AnySiteAdapter, LayerFound, RecordMatch } from './types';

export interface PageRead {
  /** the merged reading (read.status is set by the caller) */
  ctx: PageContextInput;
  layers: LayerReport[];
  via: NonNullable<NonNullable<PageContextInput['read']>['via']>;
  /** the record area was found */
  scoped: boolean;
  /** ids the page renders for the record shown ([] = none rendered) */
  ids: string[];
  /** true/false when the page renders ids; null when it renders none */
  idMatch: boolean | null;
  /** the record area's content (title + signals): changes when another record renders */
  fingerprint: string;
  /** the element the title was read from (node identity helps tell a re-render) */
  titleNode: Element | null;
  /** a website or e-mail from a field (layers a or b), or a rendered id that matches */
  strong: boolean;
  /** anything to look up at all */
  any: boolean;
  /** errors a layer threw (it then counts as finding nothing) */
  errors: unknown[];
}

/** Default record area: the visible main region, else the body. */
export function defaultScope(doc: Document): Element | null {
  for (const sel of ['[role="main"]', 'main']) {
    const found = Array.from(doc.querySelectorAll(sel)).find((el) => isShown(el));
    if (found) return found;
  }
  return doc.body;
}

const asText = (v: LabelValue) => (typeof v === 'string' ? clean(v) : fieldValue(v));
const asWebsite = (v: LabelValue) => (typeof v === 'string' ? websiteValue(v) : websiteIn(v));
const asEmails = (v: LabelValue) => {
  const list = typeof v === 'string' ? [emailValue(v)].filter((e): e is string => !!e) : emailsIn(v);
  return list.length ? list : undefined;
};

/** A name read from a label must look like a name, not like a value of another kind. */
const PLACEHOLDER = /^(add|select|choose|search|enter|none|no value|not set|n\/a|--+|—|-|\+|hinzufügen|auswählen|ajouter|sélectionner|añadir|seleccionar)\b/i;
const plausibleName = (s: string | undefined) => (s && s.length <= 150 && !/@|^https?:/i.test(s) && !PLACEHOLDER.test(s) ? s : undefined);

function labelLayer(q: Query, adapter: AnySiteAdapter, kind: 'company' | 'person' | 'other'): LayerFound & { jobTitle?: string } {
  const wanted: LabelField[] = ['website', 'email', 'accountName', 'company', 'jobTitle'];
  if (kind === 'company') wanted.push('name');
  const values = labelledValues(q, wanted, adapter.labels);
  const firstOf = <T,>(field: LabelField, read: (v: LabelValue) => T | undefined): T | undefined => {
    for (const v of values.get(field) ?? []) {
      const r = read(v);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  const website = firstOf('website', asWebsite);
  const emails = firstOf('email', asEmails) ?? [];
  const name = (f: LabelField) => firstOf(f, (v) => plausibleName(asText(v)));
  const companyName =
    kind === 'company' ? (name('accountName') ?? name('name') ?? name('company')) : (name('company') ?? name('accountName'));
  return { websites: [website], emails, companyName, jobTitle: kind === 'person' ? name('jobTitle') : undefined };
}

const present = <T,>(list: readonly (T | undefined)[] | undefined): T[] => (list ?? []).filter((v): v is T => v !== undefined && v !== null && v !== '');

function report(layer: ReadLayer, f: LayerFound): LayerReport {
  return {
    layer,
    websites: present(f.websites).length,
    emails: present(f.emails).length,
    companyName: !!f.companyName,
    linkedinSlug: !!f.linkedinSlug,
    contacts: present(f.contacts).length,
    title: !!f.title,
  };
}

/** Extra inputs: the CRM's record data (first layer), and whether the DOM layers may be read at all. */
export interface ReadPageOptions {
  /** the record's data from the CRM's own API, for exactly this URL's record (record-data/) */
  api?: LayerFound;
  /** false: the page still shows another record (guard failed): read the API layer only */
  dom?: boolean;
}

/** Reads the record with every layer. */
export function readPage(adapter: AnySiteAdapter, doc: Document, match: RecordMatch, opts: ReadPageOptions = {}): PageRead {
  const useDom = opts.dom !== false;
  const scopeEl = !useDom ? null : adapter.scope ? adapter.scope(doc, match) : defaultScope(doc);
  const kind = adapter.kind(match);
  const base: PageContextInput = { site: adapter.id, url: match.url, recordType: match.recordType, recordId: match.recordId, websites: [], emails: [], contacts: [] };
  if (!scopeEl && opts.api) {
    // API data alone (the record area is not rendered, or still shows the previous record)
    const api = opts.api;
    const empty = createQuery(doc.createElement('div'));
    return { ...mergeLayers({ adapter, match, base, layers: [['api', api]], hooks: {}, labels: {}, ids: [], q: empty }), scoped: false };
  }
  if (!scopeEl) {
    return { ctx: base, layers: [], via: {}, scoped: false, ids: [], idMatch: null, fingerprint: '', titleNode: null, strong: false, any: false, errors: [] };
  }
  // Light DOM first; open shadow roots only when no field (API data, hooks, labels) gave a website
  // or e-mail there. Finding shadow roots means walking every element of the record area, which a
  // busy CRM page (thousands of table cells) would pay on every check, while most CRMs render their
  // fields in the light DOM. A link found by the page layer alone does not stop the deeper read: the
  // Website field may sit in a component's shadow root beside it.
  const light = readLayers(adapter, doc, match, base, kind, createQuery(scopeEl, { exclude: adapter.exclude, shadows: false }), opts.api);
  const fromField = (layer: ReadLayer | undefined) => !!layer && layer !== 'page';
  if (fromField(light.via.websites) || fromField(light.via.emails)) return light;
  const deep = createQuery(scopeEl, { exclude: adapter.exclude });
  return deep.roots().length > 1 ? readLayers(adapter, doc, match, base, kind, deep, opts.api) : light;
}

/** The layers over one query (light DOM only, or piercing open shadow roots). */
function readLayers(
  adapter: AnySiteAdapter,
  doc: Document,
  match: RecordMatch,
  base: PageContextInput,
  kind: 'company' | 'person' | 'other',
  q: Query,
  api: LayerFound | undefined,
): PageRead {
  const errors: unknown[] = [];
  /** A layer that throws (an adapter bug, a page the selectors choke on) counts as finding nothing. */
  function safe<T extends object>(fn: () => T): Partial<T> & LayerFound {
    try {
      return fn() as Partial<T> & LayerFound;
    } catch (e) {
      errors.push(e);
      return {} as Partial<T> & LayerFound;
    }
  }
  const shared = adapter.sharedLayers ?? ['labels', 'page'];
  const hooks = safe(() => adapter.hooks(q, match, doc));
  // A later layer runs only for what the earlier ones lack: a record whose API data or hooks name
  // the company costs no text walk (a busy CRM page pays for every check).
  const has = (...found: (LayerFound | undefined)[]) => ({
    domain: found.some((f) => !!f && (present(f.websites).length > 0 || present(f.emails).length > 0)),
    name: kind !== 'company' || found.some((f) => !!f?.companyName),
  });
  const afterHooks = has(api, hooks);
  const labels: LayerFound & { jobTitle?: string } =
    shared.includes('labels') && !(afterHooks.domain && afterHooks.name) ? safe(() => labelLayer(q, adapter, kind)) : {};
  const afterLabels = has(api, hooks, labels);
  let pageHost = '';
  try {
    pageHost = new URL(match.url).hostname;
  } catch {
    /* keep '' */
  }
  const generic: ReturnType<typeof readGeneric> =
    shared.includes('page') && !(afterLabels.domain && afterLabels.name)
      ? readGeneric(q, { pageHost, titleSelectors: adapter.titleSelectors })
      : { websites: [], emails: [] };
  const ran = new Set<ReadLayer>(['api', 'hooks']);
  if (Object.keys(labels).length > 0) ran.add('labels');
  if ('title' in generic) ran.add('page');
  const page: LayerFound = {
    websites: generic.websites,
    emails: generic.emails,
    linkedinSlug: generic.linkedinSlug,
    title: generic.title,
    companyName: kind === 'company' ? generic.title : undefined,
  };
  const layers: [ReadLayer, LayerFound][] = [...(api ? ([['api', api]] as [ReadLayer, LayerFound][]) : []), ['hooks', hooks], ['labels', labels], ['page', page]];
  let ids: string[] = [];
  try {
    ids = adapter.renderedIds?.(q, match, doc) ?? [];
  } catch (e) {
    errors.push(e);
  }
  return mergeLayers({ adapter, match, base, layers: layers.filter(([l]) => ran.has(l)), hooks, labels, ids, q, genericTitle: generic.title, errors });
}

/** For each fact, the first layer that has it (see file comment). */
interface MergeInput {
  adapter: AnySiteAdapter;
  match: RecordMatch;
  base: PageContextInput;
  /** the layers that ran, in order of trust */
  layers: [ReadLayer, LayerFound][];
  hooks: LayerFound;
  labels: { jobTitle?: string };
  /** record ids the page renders */
  ids: string[];
  q: Query;
  genericTitle?: string | undefined;
  errors?: unknown[];
}

function mergeLayers({ adapter, match, base, layers, hooks, labels, ids, q, genericTitle, errors = [] }: MergeInput): PageRead {
  const kind = adapter.kind(match);
  const api = layers[0]?.[0] === 'api' ? layers[0][1] : undefined;
  const via: PageRead['via'] = {};
  const pick = <K extends 'websites' | 'emails'>(key: K): string[] => {
    for (const [layer, f] of layers) {
      const list = present(f[key]);
      if (list.length) {
        via[key] = layer;
        return uniq(list, key === 'websites' ? 20 : 100);
      }
    }
    return [];
  };
  const pickOne = (key: 'companyName' | 'linkedinSlug'): string | undefined => {
    for (const [layer, f] of layers) {
      const v = f[key];
      if (v) {
        via[key] = layer;
        return v;
      }
    }
    return undefined;
  };
  const websites = pick('websites');
  const emails = pick('emails');
  const companyName = pickOne('companyName');
  const linkedinSlug = pickOne('linkedinSlug');
  const title = api?.title ?? hooks.title ?? genericTitle;
  let contacts: PageContact[] = uniqContacts([...present(api?.contacts), ...present(hooks.contacts)]);
  if (!contacts.length && kind === 'person' && emails[0]) {
    contacts = uniqContacts([contactOf(emails[0], title, labels.jobTitle)]);
  }
  const idMatch = ids.length ? ids.includes(match.recordId) : null;
  const ctx: PageContextInput = { ...base, websites, emails, companyName: cleanTitle(companyName) ?? companyName, linkedinSlug, contacts };
  // the CRM's record data, a field (hooks or labels) named the company, or the site's own hooks gave its LinkedIn identity
  const strong =
    (!!via.websites && via.websites !== 'page') ||
    (!!via.emails && via.emails !== 'page') ||
    via.linkedinSlug === 'hooks' ||
    via.companyName === 'api' ||
    (idMatch === true && (websites.length > 0 || emails.length > 0));
  const any = websites.length > 0 || emails.length > 0 || !!companyName || !!linkedinSlug;
  return {
    ctx,
    layers: layers.map(([l, f]) => report(l, f)),
    via,
    scoped: true,
    ids,
    idMatch,
    // what the page renders only (a slug the adapter takes from the URL would differ for stale DOM too)
    fingerprint: JSON.stringify([title ?? '', websites[0] ?? '', emails[0] ?? '', companyName ?? '']),
    titleNode: q.first([...(adapter.titleSelectors ?? []), 'h1']),
    strong,
    any,
    errors,
  };
}