/**
 * LinkedIn (crm-detection.md §2.9): company pages (/company|showcase|school/{slug}[/about…]),
 * profiles (/in/{slug}) with their current company, Sales Navigator accounts and leads.
 * Read-only detection of the one page the rep is looking at; labels are translated and class
 * names change, so links are chosen by structure (hrefs), never by label text.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { clean, linkedinSlug, queryEach, textOf, uniq, websiteValue } from '../dom';
import { pickShown } from '../query';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins.
const S = {
  main: ['main', '#main', '.scaffold-layout__main'],
  companyName: ['.org-top-card-summary__title', '[data-test-id="org-top-card"] h1', 'main h1'],
  /** explicit website links, then the About overview list (first external link) */
  website: [
    'a[data-control-name="top_card_website"]', // top card "Visit website" button
    '.org-about-company-module__company-page-url a', // older About module
    '.org-about-module__company-page-url a', // About module (2023+)
  ],
  aboutLinks: ['section.org-about-module dl a[href]', 'main dl a[href]'],
  /** profile: current employer links (hrefs outlive class names and aria-labels) */
  currentCompany: [
    'a[data-field="experience_company_logo"]', // first experience entry
    '.pv-text-details__right-panel a[href*="/company/"]', // top card right panel
    'section.top-card a[href*="/company/"]',
  ],
  personName: ['main h1', '.pv-text-details__left-panel h1'],
  /** Sales Navigator hooks */
  salesCompany: ['[data-anonymize="company-name"]'],
  salesWebsite: ['a[data-control-name="visit_company_website"]', '[data-test-account-website] a[href]'],
} as const;

const MATCHES = ['https://www.linkedin.com/*'];
const COMPANY_RE = /^\/(company|showcase|school)\/([^/]+)(?:\/(?:about|posts|people|jobs|life|mycompany))?\/?$/;
const PROFILE_RE = /^\/in\/([^/]+)\/?$/;
const SALES_COMPANY_RE = /^\/sales\/company\/(\d+)\/?$/;
const SALES_LEAD_RE = /^\/sales\/lead\/([^,/]+)(?:,[^/]*)?\/?$/;

/** Unwraps linkedin.com/redir/redirect?url=… wrappers and drops LinkedIn's own links. */
function external(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, 'https://www.linkedin.com');
    if (/(^|\.)linkedin\.com$/i.test(u.hostname)) return u.pathname.startsWith('/redir/') ? external(u.searchParams.get('url')) : undefined;
    return websiteValue(href); // as the page shows it; the background normalises
  } catch {
    return undefined;
  }
}

const decode = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };

export default defineSiteAdapter<RecordMatch>({
  id: 'linkedin',
  label: 'LinkedIn',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://www.linkedin.com/company/acme-robotics/', expect: { recordType: 'company', recordId: 'acme-robotics' } },
      { url: 'https://www.linkedin.com/company/globex-analytics/about/', expect: { recordType: 'company', recordId: 'globex-analytics' } },
      { url: 'https://www.linkedin.com/showcase/northwind-traders-cloud/', expect: { recordType: 'company', recordId: 'northwind-traders-cloud' } },
      { url: 'https://www.linkedin.com/in/dana-whitfield-4b2a1c/', expect: { recordType: 'profile', recordId: 'dana-whitfield-4b2a1c' } },
      { url: 'https://www.linkedin.com/sales/company/1337042', expect: { recordType: 'sales-account', recordId: '1337042' } },
      { url: 'https://www.linkedin.com/sales/lead/ACwAAAB1c2VyMTIz,NAME_SEARCH,xYz9', expect: { recordType: 'sales-lead', recordId: 'ACwAAAB1c2VyMTIz' } },
    ],
    negative: [
      'https://www.linkedin.com/feed/',
      'https://www.linkedin.com/company/acme-robotics/jobs/view/123/',
      'https://www.linkedin.com/sales/search/people?query=x',
      'https://www.linkedin.com/in/',
      'https://linkedin.com.evil.example/company/acme-robotics/',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const p = url.pathname;
    const base = { url: url.href };
    let m = COMPANY_RE.exec(p);
    if (m?.[1] && m[2]) return { ...base, recordType: 'company', recordId: decode(m[2]).toLowerCase(), objectType: m[1] };
    if ((m = PROFILE_RE.exec(p)) && m[1]) return { ...base, recordType: 'profile', recordId: decode(m[1]).toLowerCase() };
    if ((m = SALES_COMPANY_RE.exec(p)) && m[1]) return { ...base, recordType: 'sales-account', recordId: m[1] };
    if ((m = SALES_LEAD_RE.exec(p)) && m[1]) return { ...base, recordType: 'sales-lead', recordId: m[1] };
    return null;
  },
  containerSelector: 'main, #main',
  kind: (m) => (m.recordType === 'company' || m.recordType === 'sales-account' ? 'company' : 'other'),
  // a profile or a company page links to many other companies: only the structural hooks are read
  sharedLayers: [],
  scope: (doc) => pickShown(queryEach(doc, S.main)) ?? doc.body,
  renderedIds(q, match) {
    // the page's own tab/nav links (or, in Sales Navigator, self links) name the record: a
    // confirmation when present, never a mismatch (LinkedIn does not always render them)
    const t = match.recordType;
    const id = match.recordId;
    const path = t === 'company' ? `/${match.objectType}/${id}` : t === 'profile' ? `/in/${id}` : t === 'sales-account' ? `/sales/company/${id}` : `/sales/lead/${id}`;
    const want = path.toLowerCase();
    const self = q.all('a[href]').some((a) => {
      try {
        const p = decode(new URL(a.getAttribute('href') ?? '', 'https://www.linkedin.com').pathname).toLowerCase();
        return p === want || p.startsWith(`${want}/`) || p.startsWith(`${want},`);
      } catch {
        return false;
      }
    });
    return self ? [id] : [];
  },
  hooks(q, match) {
    const t = match.recordType;
    if (t === 'company') {
      const explicit = q.all(S.website).map((a) => external(a.getAttribute('href')));
      const about = q.all(S.aboutLinks).map((a) => external(a.getAttribute('href')));
      const name = textOf(q.first(S.companyName));
      // the slug comes from the URL: only once the page shows the company
      return { title: name, websites: uniq([...explicit, ...about], 20).slice(0, 1), companyName: name, linkedinSlug: match.objectType === 'school' || !name ? undefined : match.recordId };
    }
    if (t === 'profile') {
      const link = q.first(S.currentCompany);
      // the experience logo link has no text: its image's alt ("Acme Robotics logo") names the company
      const name = textOf(link) ?? clean(link?.querySelector('img[alt]')?.getAttribute('alt')?.replace(/\s*logo$/i, ''));
      return { title: textOf(q.first(S.personName)), companyName: name, linkedinSlug: linkedinSlug(link?.getAttribute('href')) };
    }
    const company = textOf(q.first(S.salesCompany));
    const websites = t === 'sales-account' ? uniq(q.all(S.salesWebsite).map((a) => external(a.getAttribute('href')))).slice(0, 1) : [];
    return { title: company, websites, companyName: company };
  },
});
