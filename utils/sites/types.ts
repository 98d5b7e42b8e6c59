/**
 * The site-adapter contract (crm-detection.md §7, design.md rule 6). An adapter is one file that
 * says which URLs are records (pure `matchUrl`) and how to read the rendered record (pure DOM
 * functions). Navigation, observation, timeouts and aborts belong to the runtime, not to adapters.
 */
import type { PageContextInput } from '../view-models';

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
  /** present inside the container once the record is rendered enough to read */
  readySelector: string;
  /** optional finer readiness check; defaults to "readySelector exists inside the container" */
  isReady?(doc: Document, match: M): boolean;
  /** narrowest stable root to observe, as CSS alternatives (first found wins; body until it appears) */
  containerSelector: string;
  /** optional: pick the container for this record (e.g. the active console tab's panel) */
  container?(doc: Document, match: M): Element | null;
  /** read what the page shows; page strings are trimmed and capped, never parsed as HTML */
  extract(doc: Document, match: M): PageContextInput;
  /** does the rendered record belong to this URL's record? (stale DOM after navigation → false) */
  verifies(doc: Document, match: M): boolean;
}

/** Any adapter, as held by the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySiteAdapter = SiteAdapter<any>;

/** Declares a site adapter (identity function that keeps the match type). */
export function defineSiteAdapter<M extends RecordMatch>(adapter: SiteAdapter<M>): SiteAdapter<M> {
  return adapter;
}
