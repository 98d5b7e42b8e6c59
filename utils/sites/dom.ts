/**
 * Pure DOM helpers for adapters. Page-derived strings are read with textContent / getAttribute /
 * .value only (never innerHTML), whitespace-collapsed, trimmed and length-capped, because the page
 * is untrusted and the result crosses a trust boundary to the background.
 */
import type { PageContact } from '../view-models';

/** A selector table entry: alternatives tried in order (first hit wins). */
export type Selectors = readonly string[];

/** Collapses whitespace, trims and caps a page string; '' becomes undefined. */
export function clean(value: string | null | undefined, max = 300): string | undefined {
  if (value == null) return undefined;
  const s = value.replace(/\s+/g, ' ').trim().slice(0, max).trim();
  return s === '' ? undefined : s;
}

/** First element matching any alternative, in table order. Bad selectors are skipped, not thrown. */
export function first(root: ParentNode | null | undefined, selectors: Selectors): Element | null {
  if (!root) return null;
  for (const sel of selectors) {
    try {
      const el = root.querySelector(sel);
      if (el) return el;
    } catch {
      /* an invalid alternative must not break the others */
    }
  }
  return null;
}

/** Every element matching any alternative (deduplicated, alternatives in table order). */
export function all(root: ParentNode | null | undefined, selectors: Selectors): Element[] {
  if (!root) return [];
  const seen = new Set<Element>();
  for (const sel of selectors) {
    try {
      root.querySelectorAll(sel).forEach((el) => seen.add(el));
    } catch {
      /* skip invalid alternative */
    }
  }
  return [...seen];
}

/** Elements in document order (as a querySelectorAll returns them). */
export function inDocumentOrder<T extends Node>(nodes: Iterable<T>): T[] {
  return [...nodes].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1));
}

/**
 * What root.querySelectorAll(selectors.join(', ')) finds, one selector at a time: a query of a
 * selector list gets no fast path in Chromium (every element is matched against the whole list:
 * 1–4 ms over a page with a 5,000-row grid), while each compound selector alone is answered from
 * its class, id or tag in ~0.05 ms; in Firefox the two cost about the same. An invalid
 * alternative finds nothing instead of failing the whole query, as in all().
 */
export function queryEach(root: ParentNode | null | undefined, selectors: Selectors): Element[] {
  return inDocumentOrder(all(root, selectors));
}

/** Trimmed text content of an element. */
export function textOf(el: Element | null | undefined, max = 300): string | undefined {
  return clean(el?.textContent, max);
}

/** A form control's value (Dynamics, HubSpot inputs) or, failing that, its title/text. */
export function valueOf(el: Element | null | undefined, max = 2048): string | undefined {
  if (!el) return undefined;
  const v = (el as HTMLInputElement).value;
  if (typeof v === 'string' && v.trim() !== '') return clean(v, max);
  return clean(el.getAttribute('value'), max) ?? clean(el.getAttribute('title'), max) ?? textOf(el, max);
}

/** href of the element itself or of its first link descendant. */
export function hrefOf(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  const a = el.matches('a[href]') ? el : el.querySelector('a[href]');
  return clean(a?.getAttribute('href'), 2048);
}

/**
 * A website value as the page shows it (URL or bare host). Anything with a non-http(s) scheme,
 * spaces or markup characters is dropped: a `javascript:` "website" is never a company site.
 */
export function websiteValue(raw: string | null | undefined): string | undefined {
  const s = clean(raw, 2048);
  if (!s || /[\s<>"'`]/.test(s)) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  if (scheme && !/^https?$/i.test(scheme[1] ?? '')) return undefined;
  const host = s.replace(/^https?:\/\//i, '').split(/[/?#]/)[0] ?? '';
  return looksLikeHost(host) ? s : undefined;
}

// At least two labels and a top-level label with a letter: "3.5" or "v1.2" are not hosts. The
// Unicode form (internationalised names) costs about a millisecond to compile on its first use, on
// the page's main thread: an ASCII host, nearly every one, is tested by the ASCII twin instead.
const ASCII_HOST = /^([A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*\.?(:\d+)?$/;
const UNICODE_HOST = /^([\p{L}\p{N}-]+\.)+\p{L}[\p{L}\p{N}-]*\.?(:\d+)?$/u;
export const looksLikeHost = (host: string): boolean =>
  /^[\x21-\x7e]*$/.test(host) ? ASCII_HOST.test(host) : UNICODE_HOST.test(host);

const EMAIL_RE = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

/** A plausible e-mail address (mailto: and query stripped, lower-cased), else undefined. */
export function emailValue(raw: string | null | undefined): string | undefined {
  const s = clean(raw, 320)?.replace(/^mailto:/i, '').split('?')[0]?.trim().toLowerCase();
  return s && s.length <= 254 && EMAIL_RE.test(s) ? s : undefined;
}

/** The last hrefs parsed by linkedinSlug: a record's links are read again on every navigation. */
const slugMemo = new Map<string, string | undefined>();
const SLUG_MEMO_SIZE = 32;

/** The LinkedIn company slug in a linkedin.com/company|showcase|school URL. */
export function linkedinSlug(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  // most links on a record are not LinkedIn company links: skip parsing them (a relative href is
  // read as LinkedIn's own, for LinkedIn pages)
  if (!/\/(?:company|showcase|school)\//i.test(href)) return undefined;
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href) && !/linkedin\.com/i.test(href)) return undefined;
  // the URL parser is the costly part (tens of µs in a content script's world): once per href
  if (slugMemo.has(href)) return slugMemo.get(href);
  const slug = parseLinkedinSlug(href);
  // (a page's huge hrefs are not kept)
  if (href.length > 2048) return slug;
  if (slugMemo.size >= SLUG_MEMO_SIZE) slugMemo.delete(slugMemo.keys().next().value!);
  slugMemo.set(href, slug);
  return slug;
}

function parseLinkedinSlug(href: string): string | undefined {
  try {
    const u = new URL(href, 'https://www.linkedin.com');
    if (!/(^|\.)linkedin\.com$/i.test(u.hostname)) return undefined;
    const m = /^\/(?:company|showcase|school)\/([^/?#]+)/i.exec(u.pathname);
    return m?.[1] ? clean(decodeURIComponent(m[1]).toLowerCase(), 200) : undefined;
  } catch {
    return undefined;
  }
}

/** Removes undefined and duplicate values, keeping first-seen order, and caps the length. */
export function uniq<T>(values: readonly (T | undefined | null)[], max = 100): T[] {
  const out: T[] = [];
  for (const v of values) if (v != null && !out.includes(v)) out.push(v);
  return out.slice(0, max);
}

/** Builds a contact if the e-mail is valid; name and title are capped page strings. */
export function contactOf(email: string | undefined, name?: string, title?: string): PageContact | undefined {
  const e = emailValue(email);
  if (!e) return undefined;
  const c: PageContact = { email: e };
  const n = clean(name, 200);
  const t = clean(title, 200);
  if (n) c.name = n;
  if (t) c.title = t;
  return c;
}

/** Deduplicates contacts by e-mail (first wins). */
export function uniqContacts(list: readonly (PageContact | undefined)[], max = 100): PageContact[] {
  const out: PageContact[] = [];
  for (const c of list) if (c && !out.some((o) => o.email === c.email)) out.push(c);
  return out.slice(0, max);
}

/** Finds a field by its (translated) label: the label last, after API-name anchors failed. */
export function fieldByLabel(root: ParentNode | null, itemSel: string, labelSel: string, labels: readonly string[]): Element | null {
  if (!root) return null;
  const wanted = labels.map((l) => l.toLowerCase());
  for (const item of all(root, [itemSel])) {
    const label = textOf(item.querySelector(labelSel))?.toLowerCase().replace(/[:*]$/, '').trim();
    if (label && wanted.includes(label)) return item;
  }
  return null;
}

/** Elements that are a field's label (or part of one), inside a field wrapper. */
export const LABEL_PARTS = [
  'label', 'legend', 'dt', 'th', '.labelCol', '.slds-form-element__label', '.test-id__field-label',
  '[data-selenium-test*="label" i]', '[data-test-id*="label" i]', '[data-zcqa*="label" i]', '[id$="_label" i]',
  '[class*="label" i]:not(a):not(input):not(textarea)',
  // inline-edit buttons, icons and screen-reader text ("Edit Company") are not the value either
  'button', '.slds-assistive-text', '.assistiveText', '[class*="assistive" i]', 'svg', 'lightning-icon', 'lightning-button-icon', '[role="tooltip"]',
].join(', ');

/**
 * The value a field shows, never its label: a form control's value; else the node's text with
 * label elements removed (a wrapper that holds "Name" and "Initech" reads "Initech", not
 * "NameInitech"). Page strings only: no markup is parsed.
 */
export function fieldValue(el: Element | null | undefined, max = 300): string | undefined {
  if (!el) return undefined;
  if (el.matches('input, textarea, select')) return valueOf(el, max);
  const control = el.querySelector('input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"]), textarea');
  const controlValue = control ? clean((control as HTMLInputElement).value ?? control.getAttribute('value'), max) : undefined;
  if (controlValue) return controlValue;
  let labels: Element[] = [];
  try {
    labels = Array.from(el.querySelectorAll(LABEL_PARTS));
  } catch {
    labels = [];
  }
  if (labels.length === 0) return textOf(el, max);
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll(LABEL_PARTS).forEach((l) => l.remove());
  return textOf(copy, max);
}

/**
 * Elements matching `selector` inside open shadow roots within the field (a formatted-URL component
 * may render its link in native shadow DOM). A field is a small subtree, so walking it is cheap,
 * unlike walking the whole record area.
 */
function shadowMatches(el: Element, selector: string): Element[] {
  const found: Element[] = [];
  const pending: (Element | ShadowRoot)[] = [el];
  while (pending.length) {
    const base = pending.pop()!;
    if (base !== el) found.push(...Array.from(base.querySelectorAll(selector))); // a shadow root
    const walker = el.ownerDocument.createTreeWalker(base, 1 /* NodeFilter.SHOW_ELEMENT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const sr = (n as Element).shadowRoot;
      if (sr) pending.push(sr);
    }
  }
  return found;
}

/** The field's elements matching `selector`, itself included, light DOM first, then its shadow roots'. */
function linksIn(el: Element, selector: string): Element[] {
  if (el.matches(selector)) return [el];
  return [...Array.from(el.querySelectorAll(selector)), ...shadowMatches(el, selector)];
}

const websiteOfLink = (a: Element) => websiteValue(a.getAttribute('href')) ?? websiteValue(textOf(a));

/** A website in a field: its link's href, else its text; only ever something shaped like a URL. */
export function websiteIn(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  // light DOM links first: the shadow-root walk only when none of them is a website
  const light = el.matches('a[href]') ? [el] : Array.from(el.querySelectorAll('a[href]'));
  for (const a of light) {
    const w = websiteOfLink(a);
    if (w) return w;
  }
  if (!el.matches('a[href]')) {
    for (const a of shadowMatches(el, 'a[href]')) {
      const w = websiteOfLink(a);
      if (w) return w;
    }
  }
  return websiteValue(fieldValue(el, 2048));
}

/** Every e-mail in a field (a field can list a home and a work address): its mailto: links, else an address-shaped value. */
export function emailsIn(el: Element | null | undefined): string[] {
  if (!el) return [];
  const found = linksIn(el, 'a[href^="mailto:" i]').map((a) => emailValue(a.getAttribute('href')) ?? emailValue(textOf(a)));
  if (!found.some(Boolean)) found.push(emailValue(el.getAttribute('email')) ?? emailValue(fieldValue(el, 320)));
  return uniq(found);
}

/** An e-mail in a field: its first mailto: link, else a value shaped like an address. */
export function emailIn(el: Element | null | undefined): string | undefined {
  return emailsIn(el)[0];
}
