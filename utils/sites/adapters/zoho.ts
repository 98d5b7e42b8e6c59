/**
 * Zoho CRM (crm-detection.md §2.6): crm.zoho.{tld}/crm/org{orgId}/tab/{Module}/{id} across data
 * centres; Deals are "Potentials" in URLs. Hooks: fields by API name through data-zcqa (inferred);
 * translated labels (a German layout labels Website "Webseite") are the shared label layer's.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { contactOf, emailIn, fieldValue, linkedinSlug, queryEach, websiteIn } from '../dom';
import { cleanTitle } from '../generic-reader';
import { pickShown } from '../query';
import { defaultScope } from '../read-page';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. View-mode hooks are inferred
// (real-dom-evidence.md §5: data-zcqa QA hooks and lyte-* elements exist; field hooks unknown).
const S = {
  /** detail view root; data-record-id names the record shown (assumed) */
  detail: ['[data-zcqa="detailView"]', 'lyte-detail-view', '#detailView', '#crmBodyContainer'],
  title: ['[data-zcqa="dvRecordName"]', '#recordName', '.dv_recordName', '[data-zcqa="dv_recordName"]'],
  /** a field's value by API name */
  field: (api: string) => [
    `[data-zcqa="detailView_${api}"] .dvValue`, `[data-zcqa="detailView_${api}"]`, `#value_${api}`,
    `[data-zcqa="cxPb_${api}_value"]`, `[data-zcqa="cxPb_${api}"]`,
  ],
  /** related lists, notes, timeline, emails: other records */
  exclude: '[data-zcqa*="relatedList" i], [data-zcqa*="related_list" i], [data-zcqa*="timeline" i], [id*="relatedList" i], [class*="relatedList" i], [class*="timeline" i], [role="dialog"]',
} as const;

const MATCHES = [
  'https://crm.zoho.com/*', 'https://crm.zoho.eu/*', 'https://crm.zoho.in/*', 'https://crm.zoho.com.au/*',
  'https://crm.zoho.jp/*', 'https://crm.zoho.com.cn/*', 'https://crm.zohocloud.ca/*',
];
const PATH_RE = /^\/crm\/(?:org(\d+)\/)?tab\/(Accounts|Contacts|Leads|Potentials)\/(\d+)(?:\/|$)/;
const TYPE: Record<string, string> = { Accounts: 'account', Contacts: 'contact', Leads: 'lead', Potentials: 'deal' };

export default defineSiteAdapter<RecordMatch>({
  id: 'zoho',
  label: 'Zoho CRM',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://crm.zoho.com/crm/org712345678/tab/Accounts/5123400000012345001', expect: { recordType: 'account', recordId: '5123400000012345001' } },
      { url: 'https://crm.zoho.eu/crm/org20071234/tab/Contacts/6123400000000456002', expect: { recordType: 'contact', recordId: '6123400000000456002' } },
      { url: 'https://crm.zoho.in/crm/tab/Leads/4123400000000789003', expect: { recordType: 'lead', recordId: '4123400000000789003' } },
      { url: 'https://crm.zoho.com.au/crm/org7001/tab/Potentials/3123400000000111004', expect: { recordType: 'deal', recordId: '3123400000000111004' } },
      { url: 'https://crm.zohocloud.ca/crm/org7002/tab/Accounts/2123400000000222005', expect: { recordType: 'account', recordId: '2123400000000222005' } },
    ],
    negative: [
      'https://crm.zoho.com/crm/org712345678/tab/Accounts/custom-view/5123400000000001/list',
      'https://crm.zoho.com/crm/org712345678/tab/Home/begin',
      'https://crm.zoho.com/crm/org712345678/tab/CustomModule3/5123400000012345001',
      'https://www.zoho.com/crm/org712345678/tab/Accounts/5123400000012345001',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const m = PATH_RE.exec(url.pathname);
    if (!m?.[2] || !m[3]) return null;
    return { recordType: TYPE[m[2]] ?? m[2], recordId: m[3], objectType: m[2], tenant: m[1], url: url.href };
  },
  containerSelector: '#crmBodyContainer, [data-zcqa="detailView"]',
  kind: (m) => (m.recordType === 'account' ? 'company' : m.recordType === 'deal' ? 'other' : 'person'),
  scope(doc) {
    const detail = pickShown(queryEach(doc, S.detail));
    return detail ?? defaultScope(doc);
  },
  exclude: S.exclude,
  titleSelectors: S.title,
  labels: { accountName: ['Kontoname', 'Firmenname'], jobTitle: ['Designation'] },
  renderedIds(q) {
    // an assumed hook: a mismatch means a stale view; absence says nothing
    const d = q.root.matches('[data-record-id]') ? q.root : q.first('[data-zcqa="detailView"][data-record-id]');
    const id = d?.getAttribute('data-record-id');
    return id ? [id] : [];
  },
  hooks(q, match) {
    const t = match.recordType;
    const field = (api: string) => q.first(S.field(api));
    const title = cleanTitle(fieldValue(q.first(S.title)));
    const email = emailIn(field('Email'));
    const jobTitle = fieldValue(field(t === 'lead' ? 'Designation' : 'Title'));
    const companyName =
      t === 'account' ? (fieldValue(field('Account_Name')) ?? title)
      : t === 'lead' ? fieldValue(field('Company'))
      : fieldValue(field('Account_Name'));
    const person = t === 'contact' || t === 'lead';
    return {
      title,
      websites: [websiteIn(field('Website'))],
      emails: [email],
      companyName,
      linkedinSlug: q.all('a[href*="linkedin.com/company/" i]').map((a) => linkedinSlug(a.getAttribute('href'))).find(Boolean),
      contacts: [contactOf(email, person ? title : undefined, jobTitle)],
    };
  },
});
