/**
 * PageContext / popup query → ordered lookup signals. Strongest first: pinned keys, website
 * domains, e-mail domains, URL-derived, LinkedIn slug, then the company name (weakest).
 */
import type { MatchReason, PageContext } from '../view-models';
import { domainCandidates, emailDomain, isFreeMailDomain, ownDomain, toHostname } from './normalize';

export interface DomainSignal {
  domain: string;
  reason: MatchReason;
}

export interface Signals {
  pinKeys: string[];
  domains: DomainSignal[];
  linkedinSlug: string | null;
  companyName: string | null;
}

/** The key a "Not this account?" choice is remembered under for a record. */
export function recordPinKey(site: string, recordId: string): string {
  return `record:${site}:${recordId}`;
}

/** The key a choice is remembered under for a domain (records without an id). */
export function domainPinKey(domain: string): string {
  return `domain:${domain}`;
}

function addDomains(out: DomainSignal[], domains: string[], reason: MatchReason, own: string | null): void {
  for (const domain of domains) {
    if (domain === own || out.some((s) => s.domain === domain)) continue;
    out.push({ domain, reason });
  }
}

function emailDomains(emails: string[]): string[] {
  const out: string[] = [];
  for (const e of emails) {
    const d = emailDomain(e);
    if (d && !isFreeMailDomain(d)) out.push(d);
  }
  return out;
}

/** Signals from a page context (page-derived, already schema-validated). */
export function signalsFromContext(ctx: PageContext, repEmail: string): Signals {
  const own = ownDomain(repEmail);
  const domains: DomainSignal[] = [];
  addDomains(domains, ctx.websites.flatMap((w) => domainCandidates(w).map((c) => c.domain)), 'website', own);
  addDomains(domains, emailDomains([...ctx.emails, ...ctx.contacts.map((c) => c.email)]), 'email', own);
  const pinKeys = ctx.recordId ? [recordPinKey(ctx.site, ctx.recordId)] : [];
  pinKeys.push(...domains.map((d) => domainPinKey(d.domain)));
  return {
    pinKeys,
    domains,
    linkedinSlug: ctx.linkedinSlug?.trim().toLowerCase() || null,
    companyName: ctx.companyName?.trim() || null,
  };
}

/** Signals from what the rep typed in the popup: an e-mail, a URL, a domain, or a company name. */
export function signalsFromQuery(query: string, repEmail: string): Signals {
  const q = query.trim();
  const own = ownDomain(repEmail);
  const domains: DomainSignal[] = [];
  const looksLikeDomain = !/\s/.test(q) && (q.includes('.') || q.includes('@'));
  if (q.includes('@') && !q.includes('://')) {
    addDomains(domains, emailDomains([q]), 'email', own);
  } else if (looksLikeDomain && toHostname(q)) {
    const reason: MatchReason = /^[a-z]+:\/\//i.test(q) || q.includes('/') ? 'url' : 'lookup';
    addDomains(domains, domainCandidates(q).map((c) => c.domain), reason, own);
  }
  const slug = /linkedin\.com\/company\/([^/?#\s]+)/i.exec(q)?.[1];
  return {
    pinKeys: domains.map((d) => domainPinKey(d.domain)),
    domains,
    linkedinSlug: slug ? slug.toLowerCase() : null,
    companyName: looksLikeDomain || slug ? null : q || null,
  };
}
