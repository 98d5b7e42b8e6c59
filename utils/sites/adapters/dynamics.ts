/**
 * Dynamics 365 model-driven apps (crm-detection.md §2.4): main.aspx?pagetype=entityrecord&etn=…&id=…
 * (GUID possibly wrapped in %7B…%7D). Unified Interface field controls carry
 * data-id="{logicalName}.fieldControl-…" and are <input>s, so values come from .value. The record
 * GUID is only in the URL: no form attribute carries it (real-dom-evidence.md §4).
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { contactOf, emailIn, fieldValue, linkedinSlug, queryEach, textOf, websiteIn } from '../dom';
import { cleanTitle } from '../generic-reader';
import { pickShown } from '../query';
import { defaultScope } from '../read-page';
import { matchesAny } from '../patterns';
import { fetchDynamicsRecord } from '../record-data/dynamics-api';

// Selector table: arrays of alternatives, first hit wins. Sources: shared/docs/real-dom-evidence.md §4.
const S = {
  /** the record area: main content, else the form root */
  scope: ['#mainContent', '[data-id="editFormRoot"]', '[id^="mainContent"]'],
  /** header title (record's primary name); its text may carry a " - Saved" suffix */
  title: ['h1[data-id="header_title"]', '[data-id="header_title"]', '#headerContainer h1'],
  /** a field control by logical name, whatever its control kind; header copies too */
  field: (logical: string) => [
    `input[data-id^="${logical}.fieldControl"]`,
    `[data-id^="${logical}.fieldControl"] input`,
    `[data-lp-id*="|${logical}.fieldControl|"] input`,
    `[data-id^="${logical}.fieldControl"]`,
    `[data-id^="header_${logical}.fieldControl"]`,
  ],
  /** lookup controls (Contact → Company, Opportunity → Account): the selected tag's text */
  lookup: (logical: string) => [
    `[data-id="${logical}.fieldControl-LookupResultsDropdown_${logical}_selected_tag_text"]`,
    `[data-id="${logical}.fieldControl-LookupResultsDropdown_${logical}_selected_tag"]`,
    `[data-lp-id*="|${logical}.fieldControl|"] [data-id*="selected_tag_text"]`,
  ],
  /** subgrids and the timeline list OTHER records */
  exclude: ['[data-lp-id^="MscrmControls.Grid"]', '[data-lp-id*="TimelineWall"]', '[data-id*="subgrid" i]', '[data-id^="dataSetRoot"]', '[role="grid"]', '[role="treegrid"]', '[id*="timeline" i]', '[role="dialog"]'].join(', '),
} as const;

const MATCHES = ['https://*.dynamics.com/*'];
const ENTITIES = new Set(['account', 'contact', 'lead', 'opportunity']);
const GUID_RE = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;


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
  kind: (m) => (m.recordType === 'account' ? 'company' : m.recordType === 'opportunity' ? 'other' : 'person'),
  scope(doc) {
    for (const sel of S.scope) {
      const shown = pickShown(Array.from(doc.querySelectorAll(sel)));
      if (shown) return shown;
    }
    return defaultScope(doc);
  },
  exclude: S.exclude,
  titleSelectors: S.title,
  // the first layer: the record's columns from the Web API on the page's own origin (record-data/)
  recordData: (match, env) => fetchDynamicsRecord(match, env),
  hooks(q, match, doc) {
    const t = match.recordType;
    const text = (logical: string) => fieldValue(q.first(S.field(logical)));
    // the header may sit outside the form: read the shown title from the document
    const titleEl = q.first(S.title) ?? pickShown(queryEach(doc, S.title));
    const title = cleanTitle(titleEl?.getAttribute('title') || titleEl?.textContent);
    const email = emailIn(q.first(S.field('emailaddress1')));
    const name = [text('firstname'), text('lastname')].filter(Boolean).join(' ') || (t === 'contact' || t === 'lead' ? title : undefined);
    const lookup = (logical: string) => textOf(q.first(S.lookup(logical)));
    const companyName =
      t === 'account' ? (title ?? text('name'))
      : t === 'lead' ? text('companyname')
      : t === 'contact' ? lookup('parentcustomerid')
      : (lookup('parentaccountid') ?? lookup('customerid'));
    return {
      title,
      websites: [websiteIn(q.first(S.field('websiteurl')))],
      emails: [email],
      companyName,
      linkedinSlug: linkedinSlug(websiteIn(q.first(S.field('msdyn_linkedincompanypage')))),
      contacts: [contactOf(email, name, text('jobtitle'))],
    };
  },
});
