/**
 * Salesforce Classic (crm-detection.md §2.2): https://{host}/{15|18-char id}, full page loads.
 * Standard fields have fixed per-field element ids ({prefix}{n}_ileinner), independent of the
 * (translated) label, so no label fallback is needed.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { contactOf, emailIn, fieldValue, linkedinSlug, textOf, websiteIn } from '../dom';
import { cleanTitle } from '../generic-reader';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins.
const S = {
  /** record title in the page header (all objects) */
  title: ['#bodyCell .pageDescription', 'h2.pageDescription'],
  account: {
    name: ['#acc2_ileinner'], // Account Name (carries a "[View Hierarchy]" suffix)
    website: ['#acc12_ileinner a', '#acc12_ileinner'], // Account Website
  },
  contact: {
    name: ['#con2_ileinner'], // Contact Name
    account: ['#con4_ileinner a', '#con4_ileinner'], // Account Name lookup (inferred id)
    email: ['#con15_ileinner a[href^="mailto:"]', '#con15_ileinner'], // Email (inferred id)
    title: ['#con5_ileinner'], // Title (inferred id)
  },
  lead: {
    name: ['#lea2_ileinner'], // Name
    company: ['#lea3_ileinner'], // Company (inferred id)
    title: ['#lea4_ileinner'], // Title (inferred id)
    email: ['#lea11_ileinner a[href^="mailto:"]', '#lea11_ileinner'], // Email (inferred id)
    website: ['#lea12_ileinner a', '#lea12_ileinner'], // Website (inferred id)
  },
  opportunity: {
    account: ['#opp4_ileinner a', '#opp4_ileinner'], // Account Name lookup (inferred id)
  },
  /** elements naming the shown record: Edit/Sharing buttons, Printable View link, hidden id input */
  selfRefs: ['#topButtonRow input[onclick]', 'a.printableViewLink[href]', 'input[type="hidden"][name="id"]', '.bPageTitle a[href]'],
  /** the detail section that holds the *_ileinner cells */
  detail: ['#ep', '.bDetailBlock', '#bodyCell'],
} as const;

const MATCHES = ['https://*.my.salesforce.com/*', 'https://*.salesforce.com/*'];
const PREFIX: Record<string, string> = { '001': 'account', '003': 'contact', '00Q': 'lead', '006': 'opportunity' };
const PATH_RE = /^\/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/?$/;


export default defineSiteAdapter<RecordMatch>({
  id: 'salesforce-classic',
  label: 'Salesforce Classic',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://acme.my.salesforce.com/001Hs00002AbCdE', expect: { recordType: 'account', recordId: '001Hs00002AbCdE' } },
      { url: 'https://acme.my.salesforce.com/003Hs00001XyZaBIAV', expect: { recordType: 'contact', recordId: '003Hs00001XyZaBIAV' } },
      { url: 'https://na44.salesforce.com/00QHs00000LmNoP?srPos=0', expect: { recordType: 'lead', recordId: '00QHs00000LmNoP' } },
      { url: 'https://acme.my.salesforce.com/006Hs00000QrStU', expect: { recordType: 'opportunity', recordId: '006Hs00000QrStU' } },
    ],
    negative: [
      'https://acme.my.salesforce.com/001/o',
      'https://acme.my.salesforce.com/home/home.jsp',
      'https://acme.my.salesforce.com/500Hs00001AbCdE',
      'https://help.salesforce.com/s/articleView?id=000385203',
      'https://acme.my.salesforce.com/001Hs00002AbCdE/e',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const id = PATH_RE.exec(url.pathname)?.[1];
    const recordType = id ? PREFIX[id.slice(0, 3)] : undefined;
    if (!id || !recordType) return null;
    return { recordType, recordId: id, url: url.href, tenant: url.hostname.split('.')[0] };
  },
  containerSelector: '#bodyCell',
  kind: (m) => (m.recordType === 'account' ? 'company' : m.recordType === 'opportunity' ? 'other' : 'person'),
  scope: (doc) => doc.getElementById('bodyCell') ?? doc.body,
  // related lists ("Contacts", "Opportunities", "Activity History") show other records
  exclude: '.bRelatedList, .relatedListSet, .listRelatedObject, #RLPanel, .hoverDetail',
  titleSelectors: S.title,
  // Classic does full page loads, so a stale DOM is rare; the page's own buttons and links (Edit,
  // Printable View, Sharing) carry the record id: a confirmation when present, never required
  renderedIds(q, match) {
    const head = match.recordId.slice(0, 15);
    const self = q.all(S.selfRefs).some((el) => ['href', 'onclick', 'value', 'data-record-id'].some((a) => (el.getAttribute(a) ?? '').includes(head)));
    return self ? [match.recordId] : [];
  },
  hooks(q, match) {
    const t = match.recordType;
    const title = cleanTitle(textOf(q.first(S.title)));
    const site = (sel: readonly string[]) => websiteIn(q.first(sel));
    const mail = (sel: readonly string[]) => emailIn(q.first(sel));
    const text = (sel: readonly string[]) => cleanTitle(fieldValue(q.first(sel)));
    let websites: (string | undefined)[] = [];
    let email: string | undefined;
    let companyName: string | undefined;
    let name: string | undefined;
    let jobTitle: string | undefined;
    if (t === 'account') {
      websites = [site(S.account.website)];
      companyName = text(S.account.name) ?? title;
    } else if (t === 'contact') {
      name = text(S.contact.name) ?? title;
      companyName = text(S.contact.account);
      email = mail(S.contact.email);
      jobTitle = text(S.contact.title);
    } else if (t === 'lead') {
      name = text(S.lead.name) ?? title;
      companyName = text(S.lead.company);
      email = mail(S.lead.email);
      jobTitle = text(S.lead.title);
      websites = [site(S.lead.website)];
    } else {
      companyName = text(S.opportunity.account);
    }
    return {
      title: name ?? title,
      websites,
      emails: [email],
      companyName,
      linkedinSlug: q.all('a[href*="linkedin.com/company/" i]').map((a) => linkedinSlug(a.getAttribute('href'))).find(Boolean),
      contacts: [contactOf(email, name, jobTitle)],
    };
  },
});
