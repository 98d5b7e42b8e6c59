/**
 * Page signals → lookup keys (crm-detection.md §5.2). Runs in the service worker only.
 * Domains go through `new URL()` first (one ASCII/punycode form), then tldts with private
 * suffixes on, so `acme.myshopify.com` stays itself instead of becoming Shopify.
 */
import { parse } from 'tldts';
import { normalizeApiDomain } from '../recotap/domain';
import FREE_MAIL_DOMAINS from './free-mail-domains.json';

export interface DomainCandidate {
  domain: string;
  /** true when it is a host under a registrable domain we also try (lower priority) */
  isHost: boolean;
}

/** Hosts people paste into Website fields that are never the company's own site. */
const NOT_A_COMPANY = new Set([
  'linkedin.com', 'facebook.com', 'instagram.com', 'x.com', 'twitter.com', 'youtube.com', 'crunchbase.com',
  'bit.ly', 'linktr.ee', 'sites.google.com', 'google.com', 'github.com', 'medium.com', 'tiktok.com',
]);

let freeMail: Set<string> | null = null;

/** The vendored free-mail list (free-email-domains 1.12.6), made a Set on first use (no dynamic
 * import: service workers forbid it). */
function freeMailSet(): Set<string> {
  freeMail ??= new Set(FREE_MAIL_DOMAINS as string[]);
  return freeMail;
}

/** True when the domain (or its registrable domain) is a free/disposable mail provider. */
export function isFreeMailDomain(domain: string): boolean {
  const set = freeMailSet();
  if (set.has(domain)) return true;
  const registrable = parse(domain, { allowPrivateDomains: true }).domain;
  return registrable != null && set.has(registrable);
}

/** Turn a URL, bare host or e-mail address into an ASCII hostname, or null for junk/IPs/localhost. */
export function toHostname(raw: string): string | null {
  let s = raw.trim().replace(/^mailto:/i, '').replace(/[<>\s]/g, '');
  if (!s) return null;
  const at = s.lastIndexOf('@');
  if (at !== -1 && !s.includes('://')) s = s.slice(at + 1);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `http://${s}`;
  let host: string;
  try {
    host = new URL(s).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  const info = parse(host, { allowPrivateDomains: true });
  if (info.isIp || !info.domain || !host.includes('.')) return null;
  return host;
}

/** Lookup candidates for one website value: the host (minus www.), then its registrable domain. */
export function domainCandidates(raw: string): DomainCandidate[] {
  const host = toHostname(raw);
  if (!host) return [];
  const registrable = parse(host, { allowPrivateDomains: true }).domain;
  if (!registrable || NOT_A_COMPANY.has(registrable)) return [];
  const bare = normalizeApiDomain(host);
  const out: DomainCandidate[] = [];
  if (bare && bare !== registrable) out.push({ domain: bare, isHost: true });
  out.push({ domain: registrable, isHost: false });
  return out;
}

/** The registrable domain of an e-mail address, or null. */
export function emailDomain(email: string): string | null {
  if (!email.includes('@')) return null;
  const host = toHostname(email);
  return host ? parse(host, { allowPrivateDomains: true }).domain : null;
}

/** The rep's own company domain (from their e-mail), ignored as a signal. */
export function ownDomain(repEmail: string): string | null {
  return repEmail ? emailDomain(repEmail) : null;
}

const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas',
  'srl', 'bv', 'nv', 'plc', 'pty', 'pvt', 'oy', 'ab', 'as', 'kk', 'spa', 'lp', 'llp', 'the',
]);

/** Company-name words: lower-case, accents and punctuation stripped, legal suffixes dropped. */
export function nameWords(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // dotted abbreviations ("S.A.", "L.L.C.") become one word so the legal-suffix filter sees them
    .replace(/\b(?:[a-z]\.){2,}/g, (m) => m.replace(/\./g, ''))
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept = words.filter((w) => !LEGAL_SUFFIXES.has(w));
  return kept.length ? kept : words;
}

/** One normalised key for a company name ("Acme Robotics, Inc." → "acme robotics"). */
export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

/** A LinkedIn company slug as a name key ("acme-robotics-inc" → "acme robotics"). */
export function slugToNameKey(slug: string): string {
  return nameKey(decodeURIComponent(slug).replace(/[-_]+/g, ' '));
}

/** A LinkedIn company slug found in a value (custom fields sometimes carry the company page URL). */
export function linkedinSlugOf(value: string): string | null {
  const m = /linkedin\.com\/company\/([^/?#\s]+)/i.exec(value);
  return m?.[1] ? decodeURIComponent(m[1]).toLowerCase() : null;
}
