/**
 * Content-script match lists, derived from the adapter registry so a new adapter's hosts reach
 * the manifest automatically. Pure data: WXT evaluates content-script `matches` in Node.
 */
import { siteAdapters } from './registry';
import { matchesAny } from './patterns';
import type { AnySiteAdapter } from './types';

/** Adapters whose pages are read-only (no in-page panel): LinkedIn. */
export const READ_ONLY_SITE_IDS: readonly string[] = ['linkedin'];

const patternsOf = (list: readonly AnySiteAdapter[]) => [...new Set(list.flatMap((a) => a.matches))];

/** Match patterns for the CRM + Gmail content script. */
export const CRM_MATCHES: string[] = patternsOf(siteAdapters.filter((a) => !READ_ONLY_SITE_IDS.includes(a.id)));

/** Match patterns for the LinkedIn content script. */
export const LINKEDIN_MATCHES: string[] = patternsOf(siteAdapters.filter((a) => READ_ONLY_SITE_IDS.includes(a.id)));

/** A custom host (on-prem Dynamics, a vanity domain) that the rep or an admin mapped to an adapter. */
export interface ExtraHost {
  host: string;
  site: string;
}

/** The first concrete host an adapter's patterns describe ('https://*.dynamics.com/*' → 'custom.dynamics.com'). */
function canonicalHost(adapter: AnySiteAdapter): string {
  const host = /^[^:]+:\/\/([^/]+)\//.exec(adapter.matches[0] ?? '')?.[1] ?? '';
  return host.replace(/^\*\./, 'custom.');
}

/**
 * The adapter, also matching URLs on `host`: the URL is matched as if it were on the adapter's own
 * host (matchUrl stays pure), and the match keeps the real URL.
 */
export function withExtraHost(adapter: AnySiteAdapter, host: string): AnySiteAdapter {
  const alias = canonicalHost(adapter);
  const extra = host.toLowerCase();
  return {
    ...adapter,
    matchUrl(url: URL) {
      if (url.hostname !== extra) return adapter.matchUrl(url);
      const moved = new URL(url.href);
      moved.hostname = alias;
      const m = adapter.matchUrl(moved);
      return m ? { ...m, url: url.href } : null;
    },
  };
}

/** Adapters whose hosts cover this URL (optionally limited to enabled site ids, plus mapped custom hosts). */
export function adaptersForUrl(url: URL, enabledSites?: readonly string[], extraHosts: readonly ExtraHost[] = []): AnySiteAdapter[] {
  const enabled = (id: string) => !enabledSites || enabledSites.includes(id);
  const own = siteAdapters.filter((a) => matchesAny(a.matches, url) && enabled(a.id));
  const mapped = extraHosts
    .filter((e) => e.host.toLowerCase() === url.hostname && enabled(e.site))
    .flatMap((e) => siteAdapters.filter((a) => a.id === e.site).map((a) => withExtraHost(a, e.host)));
  return [...own, ...mapped];
}
