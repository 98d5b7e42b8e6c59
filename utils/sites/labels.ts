/**
 * Reading layer (b): labelled fields. Finds a field by the text of its label, in any of the
 * translations below, wherever the layout puts it (a <label for>, dt/dd, th/td, a label span
 * beside or above the value, or "Label: value" in one node), then takes the value without the label.
 * Shared by every adapter; a site may add labels of its own.
 */
import { clean } from './dom';
import type { Query } from './query';

export type LabelField = 'website' | 'email' | 'accountName' | 'company' | 'name' | 'jobTitle';

/** Translated field labels (Salesforce, HubSpot, Dynamics, Pipedrive, Zoho: en, de, fr, es, it, nl, pt). */
export const FIELD_LABELS: Record<LabelField, readonly string[]> = {
  website: [
    'Website', 'Web site', 'Web', 'Homepage', 'Company website', 'Website URL', 'Company domain name', 'Domain', 'Domain name',
    'Webseite', 'Website-URL', 'Firmendomainname', 'Domainname', 'Site web', 'Site Web', 'Sitio web', 'Página web', 'Sito web', 'Sito Web', 'Site', 'Webadres',
  ],
  email: [
    'Email', 'E-mail', 'E-Mail', 'Email address', 'E-mail address', 'Primary email', 'Work email', 'Email 1',
    'E-Mail-Adresse', 'E-Mail 1', 'Adresse e-mail', 'Adresse électronique', 'Courriel', 'Correo electrónico', 'Correo', 'Indirizzo email', 'E-mailadres',
  ],
  accountName: [
    'Account Name', 'Account', 'Company Name', 'Organization', 'Organisation', 'Organization name', 'Parent Customer', 'Company Name (Account)',
    'Accountname', 'Account-Name', 'Kontoname', 'Firmenname', 'Organisation name', 'Nom du compte', 'Compte', 'Nombre de la cuenta', 'Cuenta', 'Nome account', 'Accountnaam',
  ],
  company: ['Company', 'Company name', 'Firma', 'Unternehmen', 'Unternehmensname', 'Société', 'Entreprise', 'Empresa', 'Azienda', 'Bedrijf'],
  name: ['Name', 'Organization name', 'Company name', 'Account Name', 'Name der Organisation', 'Nom', 'Nombre', 'Nome', 'Naam'],
  jobTitle: ['Title', 'Job Title', 'Job title', 'Position', 'Designation', 'Titel', 'Berufsbezeichnung', 'Titre', 'Poste', 'Cargo', 'Puesto', 'Titolo', 'Functie'],
};

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').replace(/[\s:：*]+$/, '').trim();

/** label text → fields it can name (a label like "Company name" names more than one) */
function index(extra?: Partial<Record<LabelField, readonly string[]>>): Map<string, LabelField[]> {
  const map = new Map<string, LabelField[]>();
  for (const [field, labels] of Object.entries(FIELD_LABELS) as [LabelField, readonly string[]][]) {
    for (const l of [...labels, ...(extra?.[field] ?? [])]) {
      const k = norm(l);
      map.set(k, [...(map.get(k) ?? []), field]);
    }
  }
  return map;
}
const DEFAULT_INDEX = index();

/** A label run into its value ("EmailDana@acme.com"), or null. */
function splitJoined(text: string, idx: Map<string, LabelField[]>): { fields: LabelField[]; value: string } | null {
  let best: { fields: LabelField[]; value: string; len: number } | null = null;
  for (const [label, fields] of idx) {
    if (label.length < 4 || text.length <= label.length || text.slice(0, label.length).toLowerCase() !== label) continue;
    const rest = text.slice(label.length);
    const joinOk = /[a-zäöüéèàç]$/i.test(label) && /^[\p{Lu}\p{N}]/u.test(rest);
    const shaped = /^(https?:\/\/|www\.)/i.test(rest) || /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(rest);
    if ((joinOk || shaped) && (!best || label.length > best.len)) best = { fields, value: rest.trim(), len: label.length };
  }
  return best && { fields: best.fields, value: best.value };
}

/** Something a value can be read from: an element (label excluded), or a string. */
export type LabelValue = Element | string;

const MAX_WRAPPER_TEXT = 400;

/** The value beside, below or around a label element. */
function valueFor(label: Element, q: Query): LabelValue | null {
  const doc = label.ownerDocument;
  const forId = label.getAttribute('for');
  if (forId) {
    const target = doc.getElementById(forId);
    if (target && q.readable(target)) return target;
  }
  // climb while the element holds nothing but the label's text, then look at what follows it
  let el: Element = label;
  const labelText = label.textContent ?? '';
  for (let depth = 0; depth < 4; depth++) {
    for (let sib = el.nextElementSibling; sib; sib = sib.nextElementSibling) {
      if (!q.readable(sib)) continue;
      if (clean(sib.textContent) || sib.querySelector('input, textarea, a[href]') || sib.matches('input, textarea')) return sib;
    }
    const parent = el.parentElement;
    if (!parent || parent === q.root.parentElement) break;
    const parentText = parent.textContent ?? '';
    if (parentText.length > MAX_WRAPPER_TEXT) break;
    if (clean(parentText) !== clean(labelText)) {
      // the parent holds the label and the value side by side (text, or a control): the value is
      // the parent without the label
      const copy = parent.cloneNode(true) as Element;
      const path: number[] = [];
      for (let e: Element = el; e !== parent; e = e.parentElement!) path.unshift(Array.prototype.indexOf.call(e.parentElement!.children, e));
      let target: Element | undefined = copy;
      for (const i of path) target = target?.children[i];
      target?.remove();
      // a control's live value is not cloned: keep the original control when there is one
      const control = parent.querySelector('input:not([type="hidden"]), textarea');
      return control && control !== label ? control : copy;
    }
    el = parent;
  }
  return null;
}

/**
 * Every labelled value for the wanted fields, in document order. A value that fails the caller's
 * shape check (a URL for a website) is skipped by the caller, which then tries the next one.
 */
export function labelledValues(
  q: Query,
  wanted: readonly LabelField[],
  extra?: Partial<Record<LabelField, readonly string[]>>,
): Map<LabelField, LabelValue[]> {
  const idx = extra ? index(extra) : DEFAULT_INDEX;
  const want = new Set(wanted);
  const out = new Map<LabelField, LabelValue[]>();
  const add = (f: LabelField, v: LabelValue) => out.set(f, [...(out.get(f) ?? []), v]);
  for (const root of q.roots()) {
    const doc = (root as Element).ownerDocument ?? (root as ShadowRoot).host.ownerDocument;
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const raw = n.nodeValue ?? '';
      if (raw.length > 120 || raw.trim() === '') continue;
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, template, option')) continue;
      const text = norm(raw);
      const fields = idx.get(text);
      if (fields) {
        const relevant = fields.filter((f) => want.has(f));
        if (!relevant.length || !q.readable(parent)) continue;
        // the label's element: the text's parent, unless the parent also holds the value
        const labelEl = clean(parent.textContent) === clean(raw) ? parent : null;
        const v = labelEl ? valueFor(labelEl, q) : null;
        if (v) for (const f of relevant) add(f, v);
        continue;
      }
      // "Website: www.acme.com" in one text node
      const m = /^([^:：]{2,40})[:：]\s*(\S.*)$/.exec(raw.trim());
      const inline = m ? idx.get(norm(m[1] ?? '')) : undefined;
      if (inline && m?.[2] && q.readable(parent)) {
        for (const f of inline) if (want.has(f)) add(f, m[2]);
        continue;
      }
      // "Account NameNorthwind Traders": a label run into its value, in one node (a compact layout
      // read as text). Only where the join is visible: a lower-case label end, then an upper-case
      // letter or digit ("Namespace" is not "Name" + "space"); websites and e-mails are shape-checked.
      const joined = splitJoined(raw.trim(), idx);
      if (joined && q.readable(parent)) for (const f of joined.fields) if (want.has(f)) add(f, joined.value);
    }
  }
  return out;
}
