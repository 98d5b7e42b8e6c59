/** Manifest match-pattern helpers: lets an adapter's `matches` list also be its host test. */

/** Does a URL's scheme and host satisfy one match pattern (`https://*.example.com/*`)? Path is ignored. */
export function matchesPattern(pattern: string, url: URL): boolean {
  const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
  if (!m) return false;
  const [, scheme, host] = m as unknown as [string, string, string];
  const proto = url.protocol.slice(0, -1);
  if (scheme === '*' ? !/^https?$/.test(proto) : proto !== scheme) return false;
  const h = url.hostname.toLowerCase();
  if (host === '*') return true;
  if (host.startsWith('*.')) return h === host.slice(2) || h.endsWith(host.slice(1));
  return h === host;
}

/** Does the URL satisfy any of the patterns? */
export function matchesAny(patterns: readonly string[], url: URL): boolean {
  return patterns.some((p) => matchesPattern(p, url));
}
