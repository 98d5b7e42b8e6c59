/**
 * Salesforce Lightning Experience (crm-detection.md §2.1): /lightning/r/{Object}/{id}/view and the
 * legacy /one/one.app#/sObject/{id}/view. Fields are found by API name
 * (data-target-selection-name="sfdc:RecordField.{Object}.{Field}"), translated labels last.
 * Console apps keep several record tabs mounted: everything is read from the active tab's panel.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, contactOf, emailValue, fieldByLabel, first, hrefOf, linkedinSlug, textOf, uniq, uniqContacts, websiteValue } from '../dom';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins.
const S = {
  /** active record container */
  activePanel: [
    'div.oneContent.active', // standard navigation: cached pages stay mounted, the shown one is .active
    '.windowViewMode-normal.active', // older Lightning page wrapper
    'div.oneContent', // single page, no cache
  ],
  /** console apps: the selected workspace/sub tab; its aria-controls names the panel */
  activeTabs: ['li.slds-is-active [role="tab"][aria-controls]', '.tabBar li.active a[aria-controls]'],
  /** elements that carry the shown record's own id (lookup links are excluded on purpose) */
  recordIdHolders: [
    'records-highlights2[data-recordid]', // LWC highlights panel
    'one-record-home-flexipage2[data-recordid]', // record home flexipage
    '.forceHighlightsPanel[data-recordid]', // Aura highlights panel (older orgs)
  ],
  /** record name in the highlights panel */
  title: [
    'records-highlights2 [slot="primaryField"]', // LWC highlights panel
    'records-highlights2 .slds-page-header__title', // LWC, no slot markup
    '.forceHighlightsPanel .slds-page-header__title', // Aura highlights panel
  ],
  /** the value inside a field container */
  urlValue: ['lightning-formatted-url a[href]', 'a[href]'],
  emailValue: ['lightning-formatted-email a[href^="mailto:"]', 'a[href^="mailto:"]'],
  lookupValue: ['force-lookup a', 'records-hoverable-link a', 'a[href*="/lightning/r/"]'],
  textValue: ['lightning-formatted-text', 'lightning-formatted-name', '.slds-form-element__static'],
  /** label fallback (translated labels; last resort) */
  labelItem: 'records-record-layout-item',
  labelText: '.slds-form-element__label, .test-id__field-label',
} as const;

/** Translated labels for the label-only fallback. */
const LABELS = {
  Website: ['Website', 'Webseite', 'Site Web', 'Sitio web', 'Sito web'],
  Email: ['Email', 'E-Mail', 'E-mail', 'Correo electrónico'],
  Company: ['Company', 'Firma', 'Unternehmen', 'Société', 'Empresa'],
  AccountId: ['Account Name', 'Accountname', 'Account', 'Nom du compte', 'Nombre de la cuenta'],
  Title: ['Title', 'Titel', 'Titre', 'Cargo'],
} as const;

const PREFIX: Record<string, string> = { '001': 'Account', '003': 'Contact', '00Q': 'Lead', '006': 'Opportunity' };
const ID = '([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)';
const PATH_RE = new RegExp(`^/lightning/r/(?:(\\w+)/)?${ID}/(?:view|edit|related/\\w+/view)/?$`);
const HASH_RE = new RegExp(`^#/sObject/${ID}/view`);

interface SfMatch extends RecordMatch {
  objectType: 'Account' | 'Contact' | 'Lead' | 'Opportunity';
}

const head = (id: string) => id.slice(0, 15);

function field(root: Element, obj: string, name: keyof typeof LABELS | 'Name'): Element | null {
  return (
    root.querySelector(`[data-target-selection-name="sfdc:RecordField.${obj}.${name}"]`) ??
    (name === 'Name' ? null : fieldByLabel(root, S.labelItem, S.labelText, LABELS[name]))
  );
}

/**
 * isReady, verifies and extract each need the panel and run back to back in one check: the lookup
 * (two selector scans of the whole document) is remembered until the check's task ends, so a
 * check scans the page once, not three times. Cleared in a microtask, so a later check (after
 * the page changed) always looks again.
 */
let remembered: { doc: Document; match: SfMatch; root: Element | null } | null = null;
function panel(doc: Document, match: SfMatch): Element | null {
  if (remembered?.doc === doc && remembered.match === match) return remembered.root;
  const root = findPanel(doc, match);
  if (remembered === null) queueMicrotask(() => (remembered = null));
  remembered = { doc, match, root };
  return root;
}

function findPanel(doc: Document, match: SfMatch): Element | null {
  const panels = all(doc, S.activeTabs)
    .map((tab) => doc.getElementById(tab.getAttribute('aria-controls') ?? ''))
    .filter((p): p is HTMLElement => p !== null);
  return panels.find((p) => idsIn(p).includes(head(match.recordId))) ?? panels[0] ?? first(doc, S.activePanel);
}

function idsIn(root: Element): string[] {
  return all(root, S.recordIdHolders).map((el) => head(el.getAttribute('data-recordid') ?? ''));
}

const MATCHES = [
  'https://*.lightning.force.com/*', // production and sandbox My Domains
  'https://*.lightning.force.mil/*', // government cloud
  'https://*.lightning.crmforce.mil/*', // government cloud (newer)
  'https://*.lightning.force.com.mcas.ms/*', // Microsoft Defender for Cloud Apps proxy
];
const READY = '[data-target-selection-name^="sfdc:RecordField."], records-record-layout-item';

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
  readySelector: READY,
  container: panel,
  isReady(doc, match) {
    const root = panel(doc, match);
    return !!root && !!first(root, S.title) && !!root.querySelector(READY);
  },
  verifies(doc, match) {
    const root = panel(doc, match);
    return !!root && idsIn(root).includes(head(match.recordId));
  },
  extract(doc, match) {
    const root = panel(doc, match) ?? doc.body;
    const obj = match.objectType;
    const title = textOf(first(root, S.title));
    const site = field(root, obj, 'Website');
    const website = websiteValue(hrefOf(first(site, S.urlValue))) ?? websiteValue(textOf(first(site, S.urlValue)));
    const emailEl = first(field(root, obj, 'Email'), S.emailValue);
    const email = emailValue(emailEl?.getAttribute('href')) ?? emailValue(textOf(emailEl));
    const account = textOf(first(field(root, obj, 'AccountId'), S.lookupValue));
    const company = textOf(first(field(root, obj, 'Company'), S.textValue)) ?? textOf(field(root, obj, 'Company')?.querySelector('dd, .slds-form-element__control'));
    const jobTitle = textOf(first(field(root, obj, 'Title'), S.textValue));
    const person = obj === 'Contact' || obj === 'Lead';
    const slug = uniq(all(root, ['a[href*="linkedin.com/company/"]']).map((a) => linkedinSlug(a.getAttribute('href'))))[0];
    return {
      site: 'salesforce-lightning',
      url: match.url,
      recordType: match.recordType,
      recordId: match.recordId,
      websites: uniq([website]),
      emails: uniq([email]),
      companyName: obj === 'Account' ? title : obj === 'Lead' ? company : account,
      linkedinSlug: slug,
      contacts: person ? uniqContacts([contactOf(email, title, jobTitle)]) : [],
    };
  },
});
