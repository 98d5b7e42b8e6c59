/**
 * Which adapters read a URL, from a given list (no registry import: a content script passes only
 * the adapters it ships, so the LinkedIn bundles carry the LinkedIn adapter alone).
 */
import { matchesAny } from './patterns';
import type { AnySiteAdapter } from './types';

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

/** Adapters of `from` whose hosts cover this URL (optionally limited to enabled site ids, plus mapped custom hosts). */
export function selectAdapters(
  from: readonly AnySiteAdapter[],
  url: URL,
  enabledSites?: readonly string[],
  extraHosts: readonly ExtraHost[] = [],
): AnySiteAdapter[] {
  const enabled = (id: string) => !enabledSites || enabledSites.includes(id);
  const own = from.filter((a) => matchesAny(a.matches, url) && enabled(a.id));
  const mapped = extraHosts
    .filter((e) => e.host.toLowerCase() === url.hostname && enabled(e.site))
    .flatMap((e) => from.filter((a) => a.id === e.site).map((a) => withExtraHost(a, e.host)));
  return [...own, ...mapped];
}
