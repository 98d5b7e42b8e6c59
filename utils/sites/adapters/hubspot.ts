/**
 * HubSpot (crm-detection.md §2.3): /contacts/{portal}/record/{0-1|0-2|0-3}/{id} and the older
 * /contacts/{portal}/{contact|company|deal}/{id}. Class names are hashed: hooks are the QA
 * attributes (data-selenium-test / data-test-id) and property names. The record id is only in the
 * URL (no rendered element carries it, real-dom-evidence.md §3); association cards show other
 * records and are never read.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, contactOf, emailIn, emailValue, fieldValue, first, linkedinSlug, textOf, websiteIn } from '../dom';
import { cleanTitle } from '../generic-reader';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. Sources: shared/docs/real-dom-evidence.md §3.
const S = {
  /** record name in the header */
  title: ['[data-selenium-test="highlightTitle"]', '[data-test-id="highlightTitle"]', '[data-test-id="record-highlight-title"]'],
  /**
   * property editors by internal name: the sidebar card's value span; in "All properties" the node
   * wraps the label too (fieldValue strips it); an <input> in create dialogs
   */
  prop: (name: string) => [`[data-selenium-test="property-input-${name}"]`, `[data-test-id="property-input-${name}"]`],
  /** the primary associated company on contact/deal pages: its name only (never its domain) */
  companyChip: [
    '[data-selenium-test="company-chicklet-title-link"]',
    '[data-test-id="company-chicklet-title-link"]',
    '[data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"] a[href*="/record/0-2/"]',
  ],
  /** areas that show OTHER records (association cards, chicklets, the activity timeline) */
  exclude: [
    '[data-selenium-test*="chicklet"]', '[data-test-id*="chicklet"]', '[data-selenium-test^="card-id-ASSOCIATION"]', '[data-test-id^="card-id-ASSOCIATION"]',
    '[data-card-type*="ASSOCIATION"]', '[data-selenium-test*="association"]', '[data-test-id*="association"]', '[data-selenium-test*="timeline"]',
    '[data-test-id*="timeline"]', '[data-selenium-test="property-input-skeleton"]',
    // dialogs (create a contact, send an e-mail) are other records; the "All properties" panel is this one's
    '[role="dialog"]:not(:has([data-test-id="all-properties-panel"], [data-selenium-test="all-properties-panel"]))',
  ].join(', '),
  /** association cards: the record's companies (deal/contact) and contacts (company), one item each */
  companiesCard: ['[data-card-type*="ASSOCIATION"][id$="/0-2"]', '[data-selenium-test="card-id-ASSOCIATION_TABLE/0-2"]', '[data-test-id$="ASSOCIATION_V3/0-2"]'],
  contactsCard: ['[data-card-type*="ASSOCIATION"][id$="/0-1"]', '[data-selenium-test="card-id-ASSOCIATION_TABLE/0-1"]', '[data-test-id$="ASSOCIATION_V3/0-1"]'],
  cardItem: '[class*="Item"], li, [data-test-id*="association-item"], [data-selenium-test*="association-item"]',
} as const;

/** The one item of an association card, or its "Primary" one; null when it names several. */
function primaryItem(card: Element | null): Element | null {
  if (!card) return null;
  const items = Array.from(card.querySelectorAll(S.cardItem)).filter((el) => el.querySelector('a[href*="/record/0-2/"]'));
  if (items.length === 1) return items[0]!;
  const primary = items.filter((el) => /\bprimary\b/i.test(el.textContent ?? ''));
  return primary.length === 1 ? primary[0]! : null;
}

/** An element whose own text is exactly an e-mail address. */
function onlyEmail(el: Element): string | undefined {
  return el.children.length === 0 ? emailValue(el.textContent) : undefined;
}

const COMMON_FREE_MAIL = /@(gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|gmx|web|proton|protonmail|mail)\./i;

/** The addresses, if their company (non-free-mail) domains are all one; else none. */
function sameDomain(emails: (string | undefined)[]): string[] {
  const work = emails.filter((e): e is string => !!e && !COMMON_FREE_MAIL.test(e));
  const domains = new Set(work.map((e) => e.split('@')[1]));
  return domains.size === 1 ? work : [];
}

const MATCHES = ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*'];
const PATH_RE = /^\/contacts\/(\d+)\/(?:record\/(0-[123])|(company|contact|deal))\/(\d+)(?:\/|$)/;
const TYPE: Record<string, string> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal', contact: 'contact', company: 'company', deal: 'deal' };
const OBJECT: Record<string, string> = { contact: '0-1', company: '0-2', deal: '0-3' };


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
  // the record's main area and its "All properties" panel (a dialog outside main)
  scope: (doc) => doc.body,
  kind: (m) => (m.recordType === 'company' ? 'company' : m.recordType === 'contact' ? 'person' : 'other'),
  exclude: S.exclude,
  titleSelectors: S.title,
  hooks(q, match, doc) {
    const prop = (name: string) => q.first(S.prop(name));
    const text = (name: string) => fieldValue(prop(name));
    const title = cleanTitle(q.first(S.title)?.textContent);
    const t = match.recordType;
    const email = emailIn(prop('email'));
    const name = [text('firstname'), text('lastname')].filter(Boolean).join(' ') || title;
    // the associated company's name, read outside the record scope on purpose (only its name)
    const chip = textOf(first(doc, S.companyChip));
    // a deal's or contact's company: the companies card's only (or "Primary") item, name and website
    const company = t === 'company' ? null : primaryItem(first(doc, S.companiesCard));
    const companyWebsite = company ? websiteIn(company.querySelector('a[href^="http"]')) : undefined;
    const companyName = company ? textOf(company.querySelector('[data-test-id="property-input-name"], [data-selenium-test="property-input-name"], a[href*="/record/0-2/"]')) : undefined;
    // a company's people: their e-mails, when they all share one company domain
    const people = t === 'company' ? sameDomain(all(first(doc, S.contactsCard), ['*']).map((el) => onlyEmail(el))) : [];
    return {
      title,
      websites: [websiteIn(prop('domain')), websiteIn(prop('website')), companyWebsite],
      emails: [email, ...people],
      companyName: t === 'company' ? (text('name') ?? title) : (text('company') ?? chip ?? companyName),
      linkedinSlug: linkedinSlug(websiteIn(prop('linkedin_company_page'))),
      contacts: t === 'contact' ? [contactOf(email, name, text('jobtitle'))] : [],
    };
  },
});
