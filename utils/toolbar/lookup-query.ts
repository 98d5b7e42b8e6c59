/**
 * What the rep selected or right-clicked, as a lookup query: a domain, a URL (→ its host), an
 * e-mail address (→ its domain), a LinkedIn company page, or a company name. Pure.
 */
import { parse } from 'tldts';
import { isFreeMailDomain } from '../accounts/normalize';

/** A selection longer than this is cut before parsing (a whole page selected is not a query). */
export const MAX_INPUT_CHARS = 2000;
/** Company-name queries are cut at a word boundary to this length. */
export const MAX_NAME_CHARS = 100;

export type ParsedQuery =
  | { ok: true; kind: 'domain' | 'url' | 'email' | 'linkedin' | 'name'; query: string }
  | { ok: false; reason: 'empty' | 'free-mail' | 'unsupported-link' };

const EMAIL_RE = /[a-z0-9._%+-]+@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63})\b/i;
const LINKEDIN_COMPANY_RE = /linkedin\.com\/company\/([^/?#\s]+)/i;
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/i;
/** 'javascript:…', 'chrome://…', 'https://…' (not 'acme.com:8080': a scheme has no dot) */
const LINK_RE = /^([a-z][a-z0-9+-]*):(?!\d)\S/i;

/** Selected text or HTML as one line of plain text: tags and script bodies dropped, controls removed. */
export function toPlainText(text: string): string {
  return text
    .slice(0, MAX_INPUT_CHARS * 4)
    // 'Jane <jane@acme.com>' is an address in angle brackets, not a tag
    .replace(/<([^<>\s@]+@[^<>\s]+)>/g, ' $1 ')
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_INPUT_CHARS);
}

/** A hostname with a real public suffix (so 'node.js' or 'Inc.' is not a domain), minus 'www.'. */
function hostOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(SCHEME_RE.test(raw) && !/^[^:]+:\d/.test(raw) ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const info = parse(host, { allowPrivateDomains: true });
  if (info.isIp || !info.domain || !(info.isIcann || info.isPrivate)) return null;
  return host.replace(/^www\./, '');
}

/** Parse what the rep selected or right-clicked into a lookup query: a domain, URL, e-mail or company name. */
export function parseLookupQuery(text: string): ParsedQuery {
  const plain = toPlainText(text);
  if (!/[\p{L}\p{N}]/u.test(plain)) return { ok: false, reason: 'empty' };

  // the background resolves LinkedIn company pages by slug: pass the page URL through
  const slug = LINKEDIN_COMPANY_RE.exec(plain)?.[1]?.slice(0, 200);
  if (slug) return { ok: true, kind: 'linkedin', query: `https://www.linkedin.com/company/${slug}` };

  const email = EMAIL_RE.exec(plain.replace(/^mailto:/i, ''));
  if (email?.[1]) {
    const host = hostOf(email[1]);
    if (host && isFreeMailDomain(host)) return { ok: false, reason: 'free-mail' };
    if (host) return { ok: true, kind: 'email', query: host };
  }

  const single = !/\s/.test(plain);
  const scheme = single ? LINK_RE.exec(plain)?.[1]?.toLowerCase() : undefined;
  if (scheme) {
    if (scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'unsupported-link' };
    const host = hostOf(plain);
    return host ? { ok: true, kind: 'url', query: host } : { ok: false, reason: 'unsupported-link' };
  }
  if (single) {
    const host = hostOf(plain);
    if (host) return { ok: true, kind: /[/?#]/.test(plain) ? 'url' : 'domain', query: host };
  }
  return { ok: true, kind: 'name', query: capWords(plain, MAX_NAME_CHARS) };
}

function capWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).trim();
}
