/**
 * Pipedrive (crm-detection.md §2.5): {company}.pipedrive.com/{organization|person|deal}/{id}.
 * Organizations have no standard Website field, so the adapter takes sidebar field values that
 * look like a website (a custom field), then people's e-mail domains, then the name (background).
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { contactOf, emailIn, linkedinSlug, queryEach, textOf, websiteIn } from '../dom';
import { cleanTitle } from '../generic-reader';
import { pickShown } from '../query';
import { defaultScope } from '../read-page';
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
  /** related organizations, deals' other parties, the activity flow (assumed names) */
  exclude: '[data-testid*="related" i], [data-testid*="flow" i], [data-testid*="timeline" i], [class*="related" i], [class*="timeline" i], [role="dialog"]',
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
  kind: (m) => (m.recordType === 'organization' ? 'company' : m.recordType === 'person' ? 'person' : 'other'),
  scope(doc) {
    const detail = pickShown(queryEach(doc, S.detail));
    return detail ?? defaultScope(doc);
  },
  exclude: S.exclude,
  titleSelectors: S.title,
  renderedIds(q, match) {
    // an assumed hook: a mismatch means a stale view; absence says nothing
    const d = q.root.matches(S.detail.join(', ')) ? q.root : q.first(S.detail);
    const id = d?.getAttribute('data-entity-id');
    return id && d?.getAttribute('data-entity-type') === match.recordType ? [id] : [];
  },
  hooks(q, match) {
    const t = match.recordType;
    const websites = q.all(S.fieldValue).map((v) => {
      const w = websiteIn(v);
      return w && !/(^|\.|\/\/)(linkedin|pipedrive)\.com/i.test(w) ? w : undefined;
    });
    // on a person record the detail view itself is the person
    const detail = q.root.matches(S.detail.join(', ')) ? q.root : null;
    const people = (t === 'person' ? (detail ? [detail] : []) : q.all(S.person)).map((p) =>
      contactOf(emailIn(q.first(S.personEmail, p)), textOf(q.first(S.personName, p)), textOf(q.first(S.personTitle, p))));
    const title = cleanTitle(textOf(q.first(S.title)));
    return {
      title,
      websites,
      emails: people.map((c) => c?.email),
      companyName: t === 'organization' ? title : textOf(q.first(S.orgLink)),
      linkedinSlug: q.all('a[href*="linkedin.com/company/" i]').map((a) => linkedinSlug(a.getAttribute('href'))).find(Boolean),
      contacts: people,
    };
  },
});
