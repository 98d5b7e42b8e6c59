/**
 * Reading layer (c): a generic record reader that works on any record page, whatever the CRM's
 * markup: the record area's external website links (a link whose text is itself a web address, as
 * website fields render), `mailto:` links, `email` / `title` attributes and text shaped like an
 * address, the record title (h1), LinkedIn company links. Navigation, association cards (the
 * adapter's `exclude`), hidden copies and the extension's own UI are never read (query.ts).
 *
 * It returns candidates; the background drops free mail and the rep's own domain and refuses a
 * page-level read whose candidates name more than one company (signals.ts): a wrong domain is
 * worse than none.
 */
import { clean, emailValue, linkedinSlug, uniq, websiteValue, type Selectors } from './dom';
import type { Query } from './query';

/** Hosts that are never a record's company website (apps, social networks, CDNs). */
const NOT_COMPANY = /(^|\.)(linkedin\.com|twitter\.com|x\.com|facebook\.com|instagram\.com|youtube\.com|google\.com|gstatic\.com|googleusercontent\.com|microsoft\.com|office\.com|office365\.com|live\.com|outlook\.com|dynamics\.com|salesforce\.com|force\.com|salesforce-sites\.com|hubspot\.com|hubspotusercontent[\w-]*\.net|hsforms\.com|zoho\.[a-z.]+|zohocloud\.ca|pipedrive\.com|gravatar\.com|amazonaws\.com|cloudfront\.net|apple\.com|bing\.com|wikipedia\.org|crunchbase\.com|g2\.com|bombora\.com|recotap\.com)$/i;

const hostOf = (raw: string): string | null => {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
};

export interface GenericRead {
  websites: string[];
  emails: string[];
  title?: string;
  linkedinSlug?: string;
}

export const TITLE_SELECTORS: Selectors = ['h1', '[role="heading"][aria-level="1"]'];

const EMAIL_TEXT = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}$/i;

/** Reads the generic layer inside the query's scope. `pageHost`: the CRM's own host, never a website. */
export function readGeneric(q: Query, opts: { pageHost: string; titleSelectors?: Selectors }): GenericRead {
  const pageHost = opts.pageHost.toLowerCase().replace(/^www\./, '');
  const websites: (string | undefined)[] = [];
  for (const a of q.all('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) continue;
    const text = clean(a.textContent, 2048);
    // a website field renders the address as the link's text; other links (menus, "Open") do not
    const shown = websiteValue(text);
    if (!shown) continue;
    const h1 = hostOf(href);
    const h2 = hostOf(shown);
    if (!h1 || !h2 || NOT_COMPANY.test(h1) || h1 === pageHost || h1.endsWith(`.${pageHost}`)) continue;
    if (!(h1 === h2 || h1.endsWith(`.${h2}`) || h2.endsWith(`.${h1}`))) continue; // text and target disagree
    websites.push(websiteValue(href));
  }
  for (const input of q.all('input[type="url"], input[value]')) {
    const w = websiteValue((input as HTMLInputElement).value || input.getAttribute('value'));
    const h = w ? hostOf(w) : null;
    if (w && h && !NOT_COMPANY.test(h) && h !== pageHost && /^(https?:\/\/|www\.)/i.test(w)) websites.push(w);
  }

  const emails: (string | undefined)[] = [];
  // (text nodes are walked below, for addresses and for web addresses rendered without a link)
  for (const a of q.all('a[href^="mailto:" i]')) emails.push(emailValue(a.getAttribute('href')));
  for (const el of q.all('[email]')) emails.push(emailValue(el.getAttribute('email')));
  for (const el of q.all('[title*="@"]')) emails.push(emailValue(el.getAttribute('title')));
  for (const input of q.all('input[type="email"], input[value*="@"]')) emails.push(emailValue((input as HTMLInputElement).value || input.getAttribute('value')));
  // text that is exactly an address (a value rendered without a link)
  for (const root of q.roots()) {
    const doc = (root as Element).ownerDocument ?? (root as ShadowRoot).host.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const v = n.nodeValue?.trim() ?? '';
      if (/^(https?:\/\/|www\.)[^\s@]+$/i.test(v) && v.length <= 2048) {
        const w = websiteValue(v);
        const h = w ? hostOf(w) : null;
        const parent = n.parentElement;
        if (w && h && !NOT_COMPANY.test(h) && h !== pageHost && parent && q.readable(parent)) websites.push(w);
        continue;
      }
      if (v.length < 6 || v.length > 254 || !v.includes('@') || !EMAIL_TEXT.test(v)) continue;
      const parent = n.parentElement;
      if (parent && !parent.closest('script, style, template') && q.readable(parent)) emails.push(emailValue(v));
    }
  }

  const titleEl = q.first([...(opts.titleSelectors ?? []), ...TITLE_SELECTORS]);
  const slug = q.all('a[href*="linkedin.com/company/" i]').map((a) => linkedinSlug(a.getAttribute('href'))).find(Boolean);
  return {
    websites: uniq(websites, 20),
    emails: uniq(emails, 100),
    title: cleanTitle(titleEl?.getAttribute('title') || titleEl?.textContent),
    linkedinSlug: slug,
  };
}

/** A record title without the app's decorations ("- Saved", "[View Hierarchy]", "(Account)"). */
export function cleanTitle(raw: string | null | undefined): string | undefined {
  const s = clean(raw, 300)
    ?.replace(/\s*[-–]\s*(Saved|Unsaved changes|Gespeichert|Enregistré|Guardado|Read-only)\s*$/i, '')
    .replace(/\s*\[[^\]]{1,40}\]\s*$/, '')
    .trim();
  return s || undefined;
}
