/**
 * Salesforce Lightning Experience (crm-detection.md §2.1): /lightning/r/{Object}/{id}/view and the
 * legacy /one/one.app#/sObject/{id}/view. Hooks: fields by API name on the field's inner div
 * (data-target-selection-name="sfdc:RecordField.{Object}.{Field}"), the highlights panel's
 * primaryField slot. Real pages render no record id on the highlights panel or the flexipage
 * (real-dom-evidence.md §1): the id is in the URL, and in console apps in the active tab's href.
 * Cached pages and console tabs stay mounted: everything is read from the shown record's container.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { contactOf, emailIn, fieldValue, inDocumentOrder, linkedinSlug, uniq, websiteIn } from '../dom';
import { cleanTitle } from '../generic-reader';
import { isShown, pickShown } from '../query';
import { defaultScope } from '../read-page';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. Sources: shared/docs/real-dom-evidence.md §1.
const S = {
  /** the shown record's container: standard app (cached pages stay mounted, the shown one is .active), console */
  activePanel: [
    'div.windowViewMode-normal.oneContent.active', // standard navigation (Salesforce Inspector Reloaded, Robot XPaths)
    'section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost', // console apps
    'div.oneContent.active',
    '.windowViewMode-normal.active',
    '.windowViewMode-maximized.active',
  ],
  /** one record page (the flexipage of a record home, or an Aura record page) */
  recordPage: 'one-record-home-flexipage2, .forceRecordLayout, records-lwc-record-layout-page',
  /** console apps: the selected workspace/sub tab; aria-controls names its panel, href holds the record URL */
  activeTabs: ['li.slds-is-active a[role="tab"][aria-controls]', 'li.active a[role="tab"][aria-controls]', '.tabBar li.active a[aria-controls]'],
  /** record name in the highlights panel (LWC: lightning-formatted-text|name[slot=primaryField], sometimes a slot element) */
  title: [
    'records-highlights2 [slot="primaryField"]',
    'records-highlights2 slot[name="primaryField"]',
    'force-highlights2 [slot="primaryField"]', // older orgs
    '.forceHighlightsPanel .slds-page-header__title', // Aura highlights panel
    'records-highlights2 h1',
  ],
  /** a field's container by API name: the inner div of records-record-layout-item / record_flexipage-record-field */
  field: (obj: string, name: string) => [`[data-target-selection-name="sfdc:RecordField.${obj}.${name}"]`],
  /** the value inside a field container */
  lookupValue: ['force-lookup a', 'records-hoverable-link a', 'a[href*="/lightning/r/"]'],
  /** areas that show OTHER records: related lists, activity timeline, feeds, modals, hover cards */
  exclude: [
    'force-related-list-container', 'lst-related-list-single-container', 'lst-related-list-view-manager', 'records-related-list-container',
    '.forceRelatedListContainer', '.forceRelatedListSingleContainer', 'force-activity-timeline', '.activityPanel', '.forceChatterFeed',
    '[role="dialog"]', '.forceHoverPanel', 'records-hover-panel', 'force-record-preview-card',
  ].join(', '),
} as const;

/** the selectors activeCandidates() answers (exported for its test) */
export const ACTIVE_SELECTORS = { tabs: S.activeTabs, panels: S.activePanel };

const PREFIX: Record<string, string> = { '001': 'Account', '003': 'Contact', '00Q': 'Lead', '006': 'Opportunity' };
const ID = '([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)';
const PATH_RE = new RegExp(`^/lightning/r/(?:(\\w+)/)?${ID}/(?:view|edit|related/\\w+/view)/?$`);
const HASH_RE = new RegExp(`^#/sObject/${ID}/view`);
const HREF_ID_RE = new RegExp(`/lightning/r/(?:\\w+/)?${ID}/`);

interface SfMatch extends RecordMatch {
  objectType: 'Account' | 'Contact' | 'Lead' | 'Opportunity';
}

const head = (id: string) => id.slice(0, 15);

/**
 * Every selector of S.activeTabs and S.activePanel needs an element with the class `active` or
 * `slds-is-active`: the selected tab's <li>, or the shown container itself. Those few elements are
 * found with one-class queries, and the selectors are matched from them. A document-wide
 * querySelectorAll of a compound selector matches every element of the page against it: on the
 * heavy bench page (a 5,000-row grid) about 0.7 ms per selector in Firefox, 3 ms per check, and a
 * selector list costs 1–4 ms in both browsers; a one-class query is answered from the browsers'
 * class fast paths, about 0.02 ms in Firefox and 0.05 ms in Chromium (measured on that page after a
 * grid re-render). The answers are the same elements in the same order (a test compares them with
 * querySelectorAll on every Lightning fixture).
 */
export function activeCandidates(doc: Document): { tabs: (sel: string) => Element[]; panels: (sel: string) => Element[] } {
  const marked = [...new Set<Element>([...Array.from(doc.querySelectorAll('.active')), ...Array.from(doc.querySelectorAll('.slds-is-active'))])];
  // inside the marked <li>s, each element is matched on its own: matches() sees the whole
  // ancestry, as a document query does (nested <li>s would list an element twice: a Set)
  const inItems = [...new Set(marked.filter((el) => el.localName === 'li').flatMap((li) => Array.from(li.querySelectorAll('*'))))];
  // only each selector's few matches are put in document order (a page can mark many elements active)
  const matching = (els: Element[], sel: string) => {
    try {
      return inDocumentOrder(els.filter((el) => el.matches(sel)));
    } catch {
      return []; // an invalid selector finds nothing, as all() has it
    }
  };
  return {
    /** as doc.querySelectorAll(sel) for a selector whose <li> is .active or .slds-is-active */
    tabs: (sel) => matching(inItems, sel),
    /** as doc.querySelectorAll(sel) for a selector whose last element is .active */
    panels: (sel) => matching(marked, sel),
  };
}

/** The console tab (if any) that shows this scope, and the record id its href names. */
function consolePanel(doc: Document, match: SfMatch, active: ReturnType<typeof activeCandidates>): { panel: Element; id: string | null } | null {
  let tabs = [...new Set(S.activeTabs.flatMap(active.tabs))]
    .map((tab) => ({ tab, panel: doc.getElementById(tab.getAttribute('aria-controls') ?? '') }))
    .filter((t): t is { tab: Element; panel: HTMLElement } => t.panel !== null);
  // several selected tabs (a workspace tab and its sub-tab, or markup we do not know): the shown ones
  if (tabs.length > 1) tabs = tabs.filter((t) => isShown(t.panel));
  if (!tabs.length) return null;
  const idOf = (tab: Element) => HREF_ID_RE.exec(tab.getAttribute('href') ?? '')?.[1] ?? null;
  const mine = tabs.find((t) => head(idOf(t.tab) ?? '') === head(match.recordId)) ?? tabs[tabs.length - 1]!;
  return { panel: mine.panel, id: idOf(mine.tab) };
}

/** The record area when no console tab shows it: the active container, else the one shown record page. */
function findScope(doc: Document, active: ReturnType<typeof activeCandidates>): Element | null {
  for (const sel of S.activePanel) {
    const shown = pickShown(active.panels(sel));
    if (shown) return shown;
  }
  // No active container known (markup changed): one shown record page is the record; several
  // (cached pages, console tabs we cannot tell apart) are not readable with confidence.
  let pages = Array.from(doc.querySelectorAll(S.recordPage));
  if (pages.length > 1) pages = pages.filter((el) => isShown(el));
  if (pages.length > 1) return null;
  return pages[0] ?? defaultScope(doc);
}

/**
 * scope() and renderedIds() both need the console lookup and run back to back in one check: the
 * console tab and the scope are remembered until the check's task ends, so a check scans the page
 * once. Cleared in a microtask, so a later check (after the page changed) always looks again.
 */
let remembered: { doc: Document; match: SfMatch; console: ReturnType<typeof consolePanel>; root: Element | null } | null = null;
function located(doc: Document, match: SfMatch) {
  if (remembered?.doc === doc && remembered.match === match) return remembered;
  const active = activeCandidates(doc);
  const console = consolePanel(doc, match, active);
  const root = console?.panel ?? findScope(doc, active);
  if (remembered === null) queueMicrotask(() => (remembered = null));
  remembered = { doc, match, console, root };
  return remembered;
}
const scope = (doc: Document, match: SfMatch): Element | null => located(doc, match).root;

const MATCHES = [
  'https://*.lightning.force.com/*', // production and sandbox My Domains
  'https://*.lightning.force.mil/*', // government cloud
  'https://*.lightning.crmforce.mil/*', // government cloud (newer)
  'https://*.lightning.force.com.mcas.ms/*', // Microsoft Defender for Cloud Apps proxy
];

export default defineSiteAdapter<SfMatch>({
  id: 'salesforce-lightning',
  label: 'Salesforce Lightning',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://acme.lightning.force.com/lightning/r/Account/001Hs00002AbCdEIAV/view', expect: { recordType: 'account', recordId: '001Hs00002AbCdEIAV' } },
      { url: 'https://acme.lightning.force.com/lightning/r/Contact/003Hs00001XyZaBIAV/view', expect: { recordType: 'contact', recordId: '003Hs00001XyZaBIAV' } },
      { url: 'https://acme--uat.sandbox.lightning.force.com/lightning/r/Lead/00QHs00000LmNoP/view', expect: { recordType: 'lead', recordId: '00QHs00000LmNoP' } },
      { url: 'https://acme.lightning.force.com/lightning/r/006Hs00000QrStUIAV/view', expect: { recordType: 'opportunity', recordId: '006Hs00000QrStUIAV' } },
      { url: 'https://acme.lightning.force.com/lightning/r/Account/001Hs00002AbCdEIAV/related/Contacts/view', expect: { recordType: 'account', recordId: '001Hs00002AbCdEIAV' } },
      { url: 'https://acme.lightning.force.com/one/one.app#/sObject/001Hs00002AbCdEIAV/view', expect: { recordType: 'account', recordId: '001Hs00002AbCdEIAV' } },
    ],
    negative: [
      'https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent',
      'https://acme.lightning.force.com/lightning/page/home',
      'https://acme.lightning.force.com/lightning/r/Case/500Hs00001AbCdEIAV/view',
      'https://acme.my.salesforce.com/001Hs00002AbCdE',
      'https://acme--c.vf.force.com/apex/Page?id=001Hs00002AbCdE',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const p = PATH_RE.exec(url.pathname);
    const h = url.pathname === '/one/one.app' ? HASH_RE.exec(url.hash) : null;
    const id = p?.[2] ?? h?.[1];
    if (!id) return null;
    const fromPrefix = PREFIX[id.slice(0, 3)];
    const named = p?.[1];
    if (!fromPrefix || (named && named !== fromPrefix)) return null;
    const objectType = fromPrefix as SfMatch['objectType'];
    return { recordType: objectType.toLowerCase(), recordId: id, objectType, url: url.href, tenant: url.hostname.split('.')[0] };
  },
  containerSelector: '.oneCenterStage, .oneConsoleTabset, div.viewport',
  kind: (m) => (m.objectType === 'Account' ? 'company' : m.objectType === 'Opportunity' ? 'other' : 'person'),
  scope,
  exclude: S.exclude,
  titleSelectors: S.title,
  renderedIds(_q, match, doc) {
    // the console tab's href names the record its panel shows; the standard app renders no id
    const id = located(doc, match).console?.id;
    if (!id) return [];
    return [head(id) === head(match.recordId) ? match.recordId : id];
  },
  hooks(q, match) {
    const obj = match.objectType;
    const field = (name: string) => q.first(S.field(obj, name));
    const title = cleanTitle(q.first(S.title)?.textContent);
    const website = websiteIn(field('Website'));
    const email = emailIn(field('Email'));
    const account = fieldValue(q.first(S.lookupValue, field('AccountId')) ?? undefined);
    const company = fieldValue(field('Company'));
    const jobTitle = fieldValue(field('Title'));
    const person = obj === 'Contact' || obj === 'Lead';
    const slug = uniq(q.all('a[href*="linkedin.com/company/" i]').map((a) => linkedinSlug(a.getAttribute('href'))))[0];
    return {
      title,
      websites: [website],
      emails: [email],
      companyName: obj === 'Account' ? (title ?? fieldValue(field('Name'))) : obj === 'Lead' ? company : account,
      linkedinSlug: slug,
      contacts: person ? [contactOf(email, title, jobTitle)] : [],
    };
  },
});
