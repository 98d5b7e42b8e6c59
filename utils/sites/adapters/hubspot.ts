/**
 * HubSpot (crm-detection.md §2.3): /contacts/{portal}/record/{0-1|0-2|0-3}/{id} and the older
 * /contacts/{portal}/{contact|company|deal}/{id}. Class names are hashed, so only QA hooks
 * (data-selenium-test / data-test-id) and property names are used: labels are never read.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, contactOf, first, hrefOf, linkedinSlug, textOf, uniq, uniqContacts, valueOf, websiteValue, emailValue } from '../dom';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins.
const S = {
  /** record header card */
  highlight: ['[data-card-type="OBJECT_HIGHLIGHT"]', '[data-test-id="record-highlight-main-content"]'],
  /** record name in the header */
  title: ['[data-selenium-test="highlightTitle"]', '[data-test-id="record-highlight-title"]'],
  /** property editors: inputs in edit-in-place mode, read-only text otherwise */
  prop: (name: string) => [`[data-selenium-test="property-input-${name}"]`, `[data-test-id="property-input-${name}"]`],
  /** associated company on contact/deal pages */
  companyChip: [
    '[data-selenium-test="company-chicklet-title-link"]', // "Company" chip in the left sidebar
    '[data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"] a[href*="/record/0-2/"]', // association card (newer layout)
  ],
  /** associated contacts' e-mails on company/deal pages */
  assocContacts: ['[data-selenium-test="card-id-ASSOCIATION_TABLE/0-1"] [data-selenium-test="association-email"]'],
  /** the record's own tab links (Overview/Activities) carry its id (inferred) */
  selfLinks: ['a[data-selenium-test^="record-tab-"][href]', '[data-test-id^="record-tab-"] a[href]', '[data-record-id]'],
  /** areas that link to *other* records: never used to verify this record */
  associations: '[data-selenium-test*="chicklet"], [data-selenium-test^="card-id-ASSOCIATION"]',
} as const;

const MATCHES = ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*'];
const PATH_RE = /^\/contacts\/(\d+)\/(?:record\/(0-[123])|(company|contact|deal))\/(\d+)(?:\/|$)/;
const TYPE: Record<string, string> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal', contact: 'contact', company: 'company', deal: 'deal' };
const OBJECT: Record<string, string> = { contact: '0-1', company: '0-2', deal: '0-3' };

const prop = (root: ParentNode, name: string) => valueOf(first(root, S.prop(name)));

export default defineSiteAdapter<RecordMatch>({
  id: 'hubspot',
  label: 'HubSpot',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://app.hubspot.com/contacts/4455667/record/0-2/18233445566', expect: { recordType: 'company', recordId: '18233445566' } },
      { url: 'https://app-eu1.hubspot.com/contacts/25123456/company/9876543210', expect: { recordType: 'company', recordId: '9876543210' } },
      { url: 'https://app.hubspot.com/contacts/4455667/record/0-1/551', expect: { recordType: 'contact', recordId: '551' } },
      { url: 'https://app-na2.hubspot.com/contacts/4455667/record/0-3/30111222333/view/1', expect: { recordType: 'deal', recordId: '30111222333' } },
      { url: 'https://app.hubspot.com/contacts/4455667/contact/551', expect: { recordType: 'contact', recordId: '551' } },
    ],
    negative: [
      'https://app.hubspot.com/contacts/4455667/objects/0-2/views/all/list',
      'https://app.hubspot.com/contacts/4455667/record/0-5/7001',
      'https://app.hubspot.com/reports-dashboard/4455667/view/123',
      'https://www.hubspot.com/contacts/4455667/company/9876543210',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const m = PATH_RE.exec(url.pathname);
    const recordType = m ? TYPE[m[2] ?? m[3] ?? ''] : undefined;
    if (!m || !recordType || !m[4]) return null;
    return { recordType, recordId: m[4], objectType: OBJECT[recordType], tenant: m[1], url: url.href };
  },
  containerSelector: 'main, #hs-app-root',
  readySelector: '[data-selenium-test="highlightTitle"], [data-test-id="record-highlight-title"]',
  verifies(doc, match) {
    // the record's own tab links, outside association cards, carry this record's id
    const shapes = [`/record/${match.objectType}/${match.recordId}`, `/${match.recordType}/${match.recordId}`];
    const own = all(doc, S.selfLinks).filter((el) => !el.closest(S.associations));
    return own.some((el) => {
      if (el.getAttribute('data-record-id') === match.recordId) return true;
      const href = el.getAttribute('href') ?? '';
      return shapes.some((s) => href.endsWith(s) || href.includes(`${s}/`));
    });
  },
  extract(doc, match) {
    const title = textOf(first(doc, S.title));
    const t = match.recordType;
    const email = emailValue(prop(doc, 'email'));
    const first_ = prop(doc, 'firstname');
    const last = prop(doc, 'lastname');
    const name = [first_, last].filter(Boolean).join(' ') || title;
    const chip = textOf(first(doc, S.companyChip));
    const assoc = all(doc, S.assocContacts).map((el) => emailValue(textOf(el)));
    return {
      site: 'hubspot',
      url: match.url,
      recordType: t,
      recordId: match.recordId,
      websites: uniq([websiteValue(prop(doc, 'domain')), websiteValue(prop(doc, 'website'))]),
      emails: uniq([email, ...assoc]),
      companyName: t === 'company' ? (prop(doc, 'name') ?? title) : (prop(doc, 'company') ?? chip),
      linkedinSlug: linkedinSlug(prop(doc, 'linkedin_company_page')) ?? linkedinSlug(hrefOf(first(doc, S.prop('linkedin_company_page')))),
      contacts: t === 'contact' ? uniqContacts([contactOf(email, name, prop(doc, 'jobtitle'))]) : uniqContacts(assoc.map((e) => contactOf(e))),
    };
  },
});
