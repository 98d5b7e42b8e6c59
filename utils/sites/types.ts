/**
 * The site-adapter contract (crm-detection.md §7, design.md rule 6, docs/detection.md). An adapter
 * is one file that says which URLs are records (pure `matchUrl`), where the record area is, and
 * what the site's stable hooks say (layer a). Labelled fields (layer b, labels.ts) and the generic
 * record reader (layer c, generic-reader.ts) are shared; read-page.ts runs the layers and
 * record-reader.ts decides when a read may be shown. Navigation, observation, timeouts and aborts
 * belong to the runtime, not to adapters.
 */
import type { PageContact } from '../view-models';
import type { Query } from './query';
import type { LabelField } from './labels';
import type { RecordDataEnv, RecordDataResult } from './record-data/dynamics-api';

/** What an adapter's `matchUrl` returns for a record page. */
export interface RecordMatch {
  /** record type in the adapter's words: 'account', 'contact', 'company', 'thread', … */
  recordType: string;
  /** CRM-native id, canonicalised (Salesforce 15-char head kept as given, lower-case GUID, …) */
  recordId: string;
  /** the URL that was matched (href) */
  url: string;
  /** the CRM's own object name when it differs from recordType: 'Account', '0-2', 'Potentials' */
  objectType?: string;
  /** portal id, org id, workspace or subdomain */
  tenant?: string;
}

/** A URL the adapter must recognise, and what it must report for it. */
export interface PositiveExample {
  url: string;
  expect: { recordType: string; recordId: string };
}

/** What one reading layer found (page strings, already shape-checked by the dom.ts helpers). */
export interface LayerFound {
  websites?: readonly (string | undefined)[];
  emails?: readonly (string | undefined)[];
  companyName?: string;
  linkedinSlug?: string;
  contacts?: readonly (PageContact | undefined)[];
  /** the record's title (its name), used for the person on person records and for freshness */
  title?: string;
}

/** How a record type reads: its name is a company's, a person's, or neither (a deal, a thread). */
export type RecordKind = 'company' | 'person' | 'other';

/** One site adapter. Every function is pure and synchronous so fixtures can test it without a browser. */
export interface SiteAdapter<M extends RecordMatch = RecordMatch> {
  /** stable id, also the fixture folder name and PageContext.site: 'salesforce-lightning' */
  id: string;
  /** human label shown in options: 'Salesforce Lightning' */
  label: string;
  /** manifest match patterns for the hosts this adapter serves */
  matches: readonly string[];
  /** URLs checked by the cross-adapter test: positives must match, negatives (and every other adapter's URLs) must not */
  examples: { positive: PositiveExample[]; negative: string[] };
  /** is this URL a record page of this site? (host included) */
  matchUrl(url: URL): M | null;
  /** narrowest stable root to observe for changes, as CSS alternatives (body until one appears) */
  containerSelector: string;
  /** company, person or other, per record type (default 'other') */
  kind(match: M): RecordKind;
  /**
   * The area that shows this URL's record: the visible active tab or panel (console apps, cached
   * pages). Null while it is not rendered. Default: the visible `[role="main"]` / `main`, else body.
   */
  scope?(doc: Document, match: M): Element | null;
  /**
   * Which shared layers run after the hooks (default both): a site whose pages show many other
   * companies by design (LinkedIn profiles) reads its hooks only.
   */
  sharedLayers?: readonly ('labels' | 'page')[];
  /** CSS of areas inside the scope no layer may read: association cards, related records' lists */
  exclude?: string;
  /** title selectors for the generic layer, tried before h1 */
  titleSelectors?: readonly string[];
  /** extra translated labels for the label layer */
  labels?: Partial<Record<LabelField, readonly string[]>>;
  /** layer (a): the site's stable hooks (API names, QA attributes, fixed field ids) */
  hooks(q: Query, match: M, doc: Document): LayerFound;
  /**
   * Ids of the record the page renders in the scope (a console tab's href, Gmail's thread id on the
   * subject), canonicalised like matchUrl's recordId. [] when the page renders none: then the
   * freshness guards of record-reader.ts decide. A guard, never a gate.
   */
  renderedIds?(q: Query, match: M, doc: Document): string[];
  /**
   * The record's data from the CRM's own API on the page's origin (Dynamics Web API), asked once
   * per record for the tab's life by the runtime: the first reading layer ('api'). Async, unlike
   * the layers above; on failure the DOM layers read the page.
   */
  recordData?(match: M, env: RecordDataEnv): Promise<RecordDataResult>;
}

/** Any adapter, as held by the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySiteAdapter = SiteAdapter<any>;

/** Declares a site adapter (identity function that keeps the match type). */
export function defineSiteAdapter<M extends RecordMatch>(adapter: SiteAdapter<M>): SiteAdapter<M> {
  return adapter;
}
