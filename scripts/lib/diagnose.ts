/**
 * The reading layers on a saved page, step by step (docs/detection.md): which adapter matches the
 * URL, the record area, what each layer found, the rendered ids, the freshness guard's verdict
 * and the final context. Shared by `npm run diagnose` and its test; pure over a Document.
 */
import { matchRecord } from '../../utils/sites/runtime';
import { siteAdapters } from '../../utils/sites/registry';
import { readPage, type PageRead } from '../../utils/sites/read-page';
import { guardRead, toPageContext } from '../../utils/sites/record-reader';
import { signalsFromContext } from '../../utils/accounts/signals';
import type { PageContext } from '../../utils/view-models';

export interface Diagnosis {
  url: string;
  adapter: string | null;
  match: { recordType: string; recordId: string } | null;
  scope: string | null;
  layers: PageRead['layers'];
  via: PageRead['via'];
  renderedIds: string[];
  guard: { ok: boolean; guard: string } | null;
  status: 'read' | 'partial' | 'unreadable' | 'not-a-record';
  context: PageContext | null;
  /** what the background would look up first */
  lookup: { domain: string | null; reason: string | null; name: string | null; linkedinSlug: string | null };
}

const describeEl = (el: Element | null) =>
  el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${Array.from(el.classList).slice(0, 3).join('.')}` : ''}` : null;

/** Diagnoses `doc` as the page at `url` (a fresh load: no previous record). */
export function diagnose(doc: Document, url: string, repEmail = ''): Diagnosis {
  const found = matchRecord(siteAdapters, url);
  if (!found) {
    return { url, adapter: null, match: null, scope: null, layers: [], via: {}, renderedIds: [], guard: null, status: 'not-a-record', context: null, lookup: { domain: null, reason: null, name: null, linkedinSlug: null } };
  }
  const { adapter, match } = found;
  const page = readPage(adapter, doc, match);
  const scopeEl = adapter.scope ? adapter.scope(doc, match) : null;
  const guard = guardRead(page, match, null);
  const status = guard.ok && page.any ? (page.strong ? 'read' : 'partial') : 'unreadable';
  const context = toPageContext(
    status === 'unreadable'
      ? { site: adapter.id, url: match.url, recordType: match.recordType, recordId: match.recordId, read: { status, via: {}, guard: guard.guard, layers: page.layers } }
      : { ...page.ctx, read: { status, via: page.via, guard: guard.guard, layers: page.layers } },
  );
  const signals = signalsFromContext(context, repEmail);
  return {
    url,
    adapter: adapter.id,
    match: { recordType: match.recordType, recordId: match.recordId },
    scope: describeEl(scopeEl) ?? (page.scoped ? 'default (main / body)' : null),
    layers: page.layers,
    via: page.via,
    renderedIds: page.ids,
    guard,
    status,
    context,
    lookup: {
      domain: signals.domains[0]?.domain ?? null,
      reason: signals.domains[0]?.reason ?? null,
      name: signals.companyName,
      linkedinSlug: signals.linkedinSlug,
    },
  };
}

/** The diagnosis as the text a support engineer reads. */
export function formatDiagnosis(d: Diagnosis): string {
  const lines = [`URL       ${d.url}`];
  if (!d.adapter) return [...lines, 'adapter   none: no site adapter recognises this URL as a record page'].join('\n');
  lines.push(`adapter   ${d.adapter} (${d.match?.recordType} ${d.match?.recordId})`);
  lines.push(`scope     ${d.scope ?? 'not found (the record area is not rendered)'}`);
  lines.push('layers    layer    websites emails name  slug  contacts title');
  for (const l of d.layers) {
    lines.push(`          ${l.layer.padEnd(8)} ${String(l.websites).padEnd(8)} ${String(l.emails).padEnd(6)} ${(l.companyName ? 'yes' : '-').padEnd(5)} ${(l.linkedinSlug ? 'yes' : '-').padEnd(5)} ${String(l.contacts).padEnd(8)} ${l.title ? 'yes' : '-'}`);
  }
  const via = Object.entries(d.via).map(([k, v]) => `${k} ← ${v}`).join(', ');
  lines.push(`taken     ${via || 'nothing'}`);
  lines.push(`ids       ${d.renderedIds.length ? d.renderedIds.join(', ') : 'none rendered (the guard uses content instead)'}`);
  lines.push(`guard     ${d.guard?.ok ? 'accept' : 'reject'} (${d.guard?.guard})`);
  lines.push(`status    ${d.status}`);
  const c = d.context;
  if (c) {
    lines.push(`context   websites ${JSON.stringify(c.websites)}`);
    lines.push(`          emails   ${JSON.stringify(c.emails.slice(0, 10))}${c.emails.length > 10 ? ` (+${c.emails.length - 10})` : ''}`);
    lines.push(`          name     ${JSON.stringify(c.companyName ?? null)}  slug ${JSON.stringify(c.linkedinSlug ?? null)}`);
    lines.push(`          contacts ${JSON.stringify(c.contacts.slice(0, 5))}`);
  }
  lines.push(`lookup    ${d.lookup.domain ? `${d.lookup.domain} (${d.lookup.reason})` : 'no domain'}${d.lookup.name ? `, name "${d.lookup.name}"` : ''}${d.lookup.linkedinSlug ? `, LinkedIn ${d.lookup.linkedinSlug}` : ''}`);
  return lines.join('\n');
}
