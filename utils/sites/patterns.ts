/** Manifest match-pattern helpers: lets an adapter's `matches` list also be its host test. */

type ParsedPattern = { scheme: string; host: string } | null;
/** patterns are a few constant strings per adapter (plus custom CRM hosts): parsed once each */
const parsedPatterns = new Map<string, ParsedPattern>();

function parsePattern(pattern: string): ParsedPattern {
  let p = parsedPatterns.get(pattern);
  if (p === undefined) {
    const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
    p = m ? { scheme: m[1]!, host: m[2]! } : null;
    parsedPatterns.set(pattern, p);
  }
  return p;
}

function hostMatches(p: ParsedPattern, proto: string, h: string): boolean {
  if (!p) return false;
  if (p.scheme === '*' ? proto !== 'http' && proto !== 'https' : proto !== p.scheme) return false;
  if (p.host === '*') return true;
  if (p.host.startsWith('*.')) return h === p.host.slice(2) || h.endsWith(p.host.slice(1));
  return h === p.host;
}

/** Does a URL's scheme and host satisfy one match pattern (`https://*.example.com/*`)? Path is ignored. */
export function matchesPattern(pattern: string, url: URL): boolean {
  return hostMatches(parsePattern(pattern), url.protocol.slice(0, -1), url.hostname.toLowerCase());
}

/** Does the URL satisfy any of the patterns? (checked on every URL change: the URL is read once) */
export function matchesAny(patterns: readonly string[], url: URL): boolean {
  const proto = url.protocol.slice(0, -1);
  const h = url.hostname.toLowerCase();
  return patterns.some((p) => hostMatches(parsePattern(p), proto, h));
}
