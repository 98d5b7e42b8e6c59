/**
 * Dynamics 365 model-driven apps (crm-detection.md §2.4): main.aspx?pagetype=entityrecord&etn=…&id=…
 * (GUID possibly wrapped in %7B…%7D). Unified Interface field controls carry
 * data-id="{logicalName}.fieldControl-…" and are <input>s, so values come from .value.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { first, textOf, uniq, uniqContacts, contactOf, emailValue, valueOf, websiteValue, linkedinSlug } from '../dom';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins.
const S = {
  /** the form root; its data-lp-id carries the entity name and record GUID (inferred) */
  form: ['[data-id="editFormRoot"]', '#mainContent [role="main"]'],
  /** header title (record's primary name) */
  title: ['[data-id="header_title"]', '#headerContainer h1'],
  field: (logical: string, kind: string) => [`[data-id="${logical}.fieldControl-${kind}"]`, `[data-id="header_${logical}.fieldControl-${kind}"]`],
  /** lookup controls (Contact → Company, Opportunity → Account): the selected tag's text */
  lookup: (logical: string) => [
    `[data-id="${logical}.fieldControl-LookupResultsDropdown_${logical}_selected_tag_text"]`, // UCI lookup tag
    `[data-id="${logical}.fieldControl-LookupResultsDropdown_${logical}_selected_tag"]`, // tag without text child
  ],
} as const;

const MATCHES = ['https://*.dynamics.com/*'];
const ENTITIES = new Set(['account', 'contact', 'lead', 'opportunity']);
const GUID_RE = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

const text = (doc: Document, logical: string, kind = 'text-box-text') => valueOf(first(doc, S.field(logical, kind)), 300);

export default defineSiteAdapter<RecordMatch>({
  id: 'dynamics',
  label: 'Dynamics 365',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://contoso.crm4.dynamics.com/main.aspx?appid=4d3e5f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f&pagetype=entityrecord&etn=account&id=8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44', expect: { recordType: 'account', recordId: '8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44' } },
      { url: 'https://contoso.crm.dynamics.com/main.aspx?etn=contact&pagetype=entityrecord&id=%7B1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D%7D', expect: { recordType: 'contact', recordId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
      { url: 'https://contoso.crm11.dynamics.com/main.aspx?appid=4d3e5f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f&pagetype=entityrecord&etn=lead&id=%7B22222222-3333-4444-8555-666666666666%7D', expect: { recordType: 'lead', recordId: '22222222-3333-4444-8555-666666666666' } },
      { url: 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=abcdef01-2345-4678-9abc-def012345678&forceUCI=1', expect: { recordType: 'opportunity', recordId: 'abcdef01-2345-4678-9abc-def012345678' } },
    ],
    negative: [
      'https://contoso.crm4.dynamics.com/main.aspx?appid=4d3e5f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f&pagetype=entitylist&etn=account',
      'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=incident&id=8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44',
      'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account',
      'https://contoso.crm4.dynamics.com/main.aspx?pagetype=dashboard&id=8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url) || url.pathname.toLowerCase() !== '/main.aspx') return null;
    const q = url.searchParams;
    const etn = q.get('etn')?.toLowerCase() ?? '';
    const id = GUID_RE.exec(q.get('id') ?? '')?.[1]?.toLowerCase();
    if (q.get('pagetype')?.toLowerCase() !== 'entityrecord' || !ENTITIES.has(etn) || !id) return null;
    return { recordType: etn, recordId: id, objectType: etn, tenant: url.hostname.split('.')[0], url: url.href };
  },
  containerSelector: '#mainContent, [data-id="editFormRoot"]',
  readySelector: '[data-id="header_title"], #headerContainer h1',
  verifies(doc, match) {
    const lp = first(doc, S.form)?.getAttribute('data-lp-id')?.toLowerCase() ?? '';
    return lp.includes(match.recordId) && lp.includes(match.recordType);
  },
  extract(doc, match) {
    const t = match.recordType;
    // the h1's title attribute holds the bare name; its text may carry a " - Saved" suffix
    const title = valueOf(first(doc, S.title), 300);
    const email = emailValue(text(doc, 'emailaddress1', 'mail-text-input'));
    const name = [text(doc, 'firstname'), text(doc, 'lastname')].filter(Boolean).join(' ') || (t === 'contact' || t === 'lead' ? title : undefined);
    const lookup = (logical: string) => textOf(first(doc, S.lookup(logical)));
    const companyName =
      t === 'account' ? (text(doc, 'name') ?? title)
      : t === 'lead' ? text(doc, 'companyname')
      : t === 'contact' ? lookup('parentcustomerid')
      : (lookup('parentaccountid') ?? lookup('customerid'));
    return {
      site: 'dynamics',
      url: match.url,
      recordType: t,
      recordId: match.recordId,
      websites: uniq([websiteValue(text(doc, 'websiteurl', 'url-text-input'))]),
      emails: uniq([email]),
      companyName,
      linkedinSlug: linkedinSlug(text(doc, 'msdyn_linkedincompanypage', 'url-text-input')),
      contacts: uniqContacts([contactOf(email, name, text(doc, 'jobtitle'))]),
    };
  },
});
