/**
 * Pipedrive (crm-detection.md §2.5): {company}.pipedrive.com/{organization|person|deal}/{id}.
 * Organizations have no standard Website field, so the adapter takes sidebar field values that
 * look like a website (a custom field), then people's e-mail domains, then the name (background).
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, contactOf, emailValue, first, linkedinSlug, textOf, uniq, uniqContacts, websiteValue } from '../dom';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. All inferred: capture a real tenant.
const S = {
  /** the detail view; data-entity-id names the record shown */
  detail: ['[data-testid="detail-view"]', '#detailView'],
  title: ['[data-testid="header-title"]', '.detailView h1'],
  /** sidebar "Details" fields (standard and custom) */
  fieldValue: ['[data-testid="sidebar-field"] [data-testid="field-value"]', '.fieldsList .fieldValue'],
  /** linked organization on person and deal pages */
  orgLink: ['[data-testid="header-org-link"]', '[data-testid="sidebar-field"] a[href*="/organization/"]'],
  /** people shown on the page (person record, org "People" block, deal participants) */
  person: ['[data-testid="person-card"]'],
  personName: ['[data-testid="person-name"]', '[data-testid="header-title"]'],
  personTitle: ['[data-testid="person-job-title"]'],
  personEmail: ['a[href^="mailto:"]'],
} as const;

const MATCHES = ['https://*.pipedrive.com/*'];
const PATH_RE = /^\/(organization|person|deal)\/(\d+)(?:\/|$)/;
const NOT_TENANT = new Set(['www', 'developers', 'support', 'status', 'marketplace']);

export default defineSiteAdapter<RecordMatch>({
  id: 'pipedrive',
  label: 'Pipedrive',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://acmesales.pipedrive.com/organization/1042', expect: { recordType: 'organization', recordId: '1042' } },
      { url: 'https://acmesales.pipedrive.com/person/2211', expect: { recordType: 'person', recordId: '2211' } },
      { url: 'https://app.pipedrive.com/deal/377/', expect: { recordType: 'deal', recordId: '377' } },
    ],
    negative: [
      'https://acmesales.pipedrive.com/organizations/list/filter/12',
      'https://acmesales.pipedrive.com/pipeline/1/user/everyone',
      'https://www.pipedrive.com/organization/1042',
      'https://acmesales.pipedrive.com/leads/inbox/6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url) || NOT_TENANT.has(url.hostname.split('.')[0] ?? '')) return null;
    const m = PATH_RE.exec(url.pathname);
    if (!m?.[1] || !m[2]) return null;
    return { recordType: m[1], recordId: m[2], tenant: url.hostname.split('.')[0], url: url.href };
  },
  containerSelector: '#app, main',
  readySelector: '[data-testid="header-title"], .detailView h1',
  verifies(doc, match) {
    const d = first(doc, S.detail);
    return d?.getAttribute('data-entity-id') === match.recordId && d.getAttribute('data-entity-type') === match.recordType;
  },
  extract(doc, match) {
    const root = first(doc, S.detail) ?? doc.body;
    const t = match.recordType;
    const values = all(root, S.fieldValue);
    const websites = values.flatMap((v) => {
      const link = v.querySelector('a[href^="http"]')?.getAttribute('href');
      const raw = link ?? textOf(v);
      return raw && !/(^|\.|\/\/)(linkedin|pipedrive)\.com/i.test(raw) ? [websiteValue(raw)] : [];
    });
    // on a person record the detail view itself is the person
    const people = (t === 'person' ? [root] : all(root, S.person)).map((p) => {
      const a = first(p, S.personEmail);
      return contactOf(emailValue(a?.getAttribute('href')) ?? textOf(a), textOf(first(p, S.personName)), textOf(first(p, S.personTitle)));
    });
    const contacts = uniqContacts(people);
    return {
      site: 'pipedrive',
      url: match.url,
      recordType: t,
      recordId: match.recordId,
      websites: uniq(websites, 20),
      emails: uniq(contacts.map((c) => c.email)),
      companyName: t === 'organization' ? textOf(first(root, S.title)) : textOf(first(root, S.orgLink)),
      linkedinSlug: all(root, ['a[href*="linkedin.com/company/"]']).map((a) => linkedinSlug(a.getAttribute('href'))).find(Boolean),
      contacts,
    };
  },
});
