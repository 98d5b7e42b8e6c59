/**
 * Content-script match lists, derived from the adapter registry so a new adapter's hosts reach
 * the manifest automatically. Pure data: WXT evaluates content-script `matches` in Node.
 */
import { siteAdapters } from './registry';
import { selectAdapters, type ExtraHost } from './select';
import type { AnySiteAdapter } from './types';

/** Adapters whose pages are read-only (no in-page panel): LinkedIn. */
export const READ_ONLY_SITE_IDS: readonly string[] = ['linkedin'];

const patternsOf = (list: readonly AnySiteAdapter[]) => [...new Set(list.flatMap((a) => a.matches))];

/** Match patterns for the CRM + Gmail content script. */
export const CRM_MATCHES: string[] = patternsOf(siteAdapters.filter((a) => !READ_ONLY_SITE_IDS.includes(a.id)));

/** Match patterns for the LinkedIn content script. */
export const LINKEDIN_MATCHES: string[] = patternsOf(siteAdapters.filter((a) => READ_ONLY_SITE_IDS.includes(a.id)));

export { withExtraHost, type ExtraHost } from './select';

/** Adapters whose hosts cover this URL (optionally limited to enabled site ids, plus mapped custom hosts). */
export function adaptersForUrl(url: URL, enabledSites?: readonly string[], extraHosts: readonly ExtraHost[] = []): AnySiteAdapter[] {
  return selectAdapters(siteAdapters, url, enabledSites, extraHosts);
}
