/**
 * Zoho CRM (crm-detection.md §2.6): crm.zoho.{tld}/crm/org{orgId}/tab/{Module}/{id} across data
 * centres; Deals are "Potentials" in URLs. Fields are found by API name through data-zcqa hooks
 * first, translated labels last (a German layout labels Website "Webseite").
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, contactOf, emailValue, fieldByLabel, first, hrefOf, linkedinSlug, textOf, uniq, uniqContacts, websiteValue } from '../dom';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. View-mode hooks are inferred.
const S = {
  /** detail view root; data-record-id names the record shown */
  detail: ['[data-zcqa="detailView"]', 'lyte-detail-view', '#detailView'],
  title: ['[data-zcqa="dvRecordName"]', '#recordName', '.dv_recordName'],
  /** a field's value by API name */
  field: (api: string) => [`[data-zcqa="detailView_${api}"] .dvValue`, `[data-zcqa="detailView_${api}"]`, `#value_${api}`],
  /** label fallback (translated) */
  labelItem: '.dvField, [data-zcqa^="detailView_"]',
  labelText: '.dvLabel',
} as const;

const LABELS: Record<string, readonly string[]> = {
  Website: ['Website', 'Webseite', 'Site web', 'Sitio web'],
  Email: ['Email', 'E-Mail', 'E-mail', 'Correo electrónico'],
  Company: ['Company', 'Unternehmen', 'Firma', 'Société'],
  Account_Name: ['Account Name', 'Kontoname', 'Firmenname', 'Nom du compte'],
  Designation: ['Title', 'Designation', 'Position', 'Titel'],
  Title: ['Title', 'Position', 'Titel'],
};

const MATCHES = [
  'https://crm.zoho.com/*', 'https://crm.zoho.eu/*', 'https://crm.zoho.in/*', 'https://crm.zoho.com.au/*',
  'https://crm.zoho.jp/*', 'https://crm.zoho.com.cn/*', 'https://crm.zohocloud.ca/*',
];
const PATH_RE = /^\/crm\/(?:org(\d+)\/)?tab\/(Accounts|Contacts|Leads|Potentials)\/(\d+)(?:\/|$)/;
const TYPE: Record<string, string> = { Accounts: 'account', Contacts: 'contact', Leads: 'lead', Potentials: 'deal' };

function fieldEl(root: Element, api: string): Element | null {
  const byApi = first(root, S.field(api));
  if (byApi) return byApi;
  const item = fieldByLabel(root, S.labelItem, S.labelText, LABELS[api] ?? []);
  return item?.querySelector('.dvValue') ?? null;
}

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
  readySelector: '[data-zcqa="dvRecordName"], #recordName',
  verifies: (doc, match) => first(doc, S.detail)?.getAttribute('data-record-id') === match.recordId,
  extract(doc, match) {
    const root = first(doc, S.detail) ?? doc.body;
    const t = match.recordType;
    const title = textOf(first(root, S.title));
    const site = fieldEl(root, 'Website');
    const mail = fieldEl(root, 'Email');
    const email = emailValue(hrefOf(mail)) ?? emailValue(textOf(mail));
    const jobTitle = textOf(fieldEl(root, t === 'lead' ? 'Designation' : 'Title'));
    const companyName =
      t === 'account' ? (textOf(fieldEl(root, 'Account_Name')) ?? title)
      : t === 'lead' ? textOf(fieldEl(root, 'Company'))
      : textOf(fieldEl(root, 'Account_Name'));
    const person = t === 'contact' || t === 'lead';
    return {
      site: 'zoho',
      url: match.url,
      recordType: t,
      recordId: match.recordId,
      websites: uniq([websiteValue(hrefOf(site)) ?? websiteValue(textOf(site))]),
      emails: uniq([email]),
      companyName,
      linkedinSlug: all(root, ['a[href*="linkedin.com/company/"]']).map((a) => linkedinSlug(a.getAttribute('href'))).find(Boolean),
      contacts: uniqContacts([contactOf(email, person ? title : undefined, jobTitle)]),
    };
  },
});
