/**
 * "Copy diagnostics" for a record the panel could not read: the site, the URL's shape with every
 * id and tenant masked, which reading layers ran and what each found (counts only), the guard's
 * decision and the extension's version. No page text, no names, no addresses.
 */
import type { PageContext } from '@/utils/view-models';

const KEEP_QUERY = new Set(['pagetype', 'etn', 'appid_kind', 'forceredirect']);

/** A URL with ids, tokens and the tenant sub-domain masked: `https://*.lightning.force.com/lightning/r/Account/:id/view`. */
export function maskUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  const maskSeg = (seg: string) => (seg === '' ? seg : /\d/.test(seg) || seg.length >= 16 || /%/.test(seg) ? ':id' : seg);
  const labels = u.hostname.split('.');
  const host = labels.length > 2 ? ['*', ...labels.slice(-Math.min(labels.length - 1, 3))].join('.') : u.hostname;
  const path = u.pathname.split('/').map(maskSeg).join('/');
  // parsed by hand: URLSearchParams iterators are not iterable in Firefox content scripts (Xray)
  const query = u.search
    .slice(1)
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=');
      return `${k}=${KEEP_QUERY.has(k.toLowerCase()) ? v : ':v'}`;
    })
    .join('&');
  const hash = u.hash ? `#${u.hash.slice(1).split('/').map(maskSeg).join('/')}` : '';
  return `${u.protocol}//${host}${path}${query ? `?${query}` : ''}${hash}`;
}

function version(): string {
  try {
    const g = globalThis as { browser?: { runtime?: { getManifest?: () => { version?: string } } }; chrome?: { runtime?: { getManifest?: () => { version?: string } } } };
    return (g.browser ?? g.chrome)?.runtime?.getManifest?.().version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The diagnostics text (JSON, stable key order). */
export function diagnosticsText(ctx: PageContext): string {
  const read = ctx.read;
  return JSON.stringify(
    {
      product: 'Recotap Lens',
      version: version(),
      site: ctx.site,
      url: maskUrl(ctx.url),
      recordType: ctx.recordType ?? null,
      status: read?.status ?? 'unknown',
      guard: read?.guard ?? null,
      ms: read?.ms ?? null,
      layers: (read?.layers ?? []).map((l) => ({ ...l })),
      taken: read?.via ?? {},
      found: { websites: ctx.websites.length, emails: ctx.emails.length, companyName: !!ctx.companyName, linkedinSlug: !!ctx.linkedinSlug },
    },
    null,
    2,
  );
}
