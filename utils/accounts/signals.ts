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

/** The registrable domain of a host (blog.acme.com → acme.com): one company, however many hosts. */
function company(domain: string): string {
  return domainCandidates(domain).at(-1)?.domain ?? domain;
}

/** Signals from a page context (page-derived, already schema-validated). */
export function signalsFromContext(ctx: PageContext, repEmail: string): Signals {
  const own = ownDomain(repEmail);
  const domains: DomainSignal[] = [];
  const via = ctx.read?.via ?? {};
  let websites = ctx.websites.flatMap((w) => domainCandidates(w).map((c) => c.domain)).filter((d) => d !== own);
  let mails = emailDomains([...ctx.emails, ...ctx.contacts.map((c) => c.email)]).filter((d) => d !== own);
  // The generic page reader returns candidates, not a field's value: when they name more than one
  // company, take none (a wrong domain is worse than none), unless exactly one of them is named
  // by both a link and an e-mail address.
  const companies = (list: string[]) => new Set(list.map(company));
  if (via.websites === 'page' && companies(websites).size > 1) {
    const mailCompanies = companies(mails);
    const agreed = websites.filter((w) => mailCompanies.has(company(w)));
    websites = companies(agreed).size === 1 ? agreed : [];
  }
  if (via.emails === 'page' && companies(mails).size > 1) {
    const siteCompanies = companies(websites);
    const agreed = mails.filter((m) => siteCompanies.has(company(m)));
    mails = companies(agreed).size === 1 ? agreed : [];
  }
  const reason = (layer: string | undefined, field: MatchReason, page: MatchReason): MatchReason => (layer === 'api' ? 'record-data' : layer === 'page' ? page : field);
  addDomains(domains, websites, reason(via.websites, 'website', 'page-website'), own);
  addDomains(domains, mails, reason(via.emails, 'email', 'page-email'), own);
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
