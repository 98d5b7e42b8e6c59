/**
 * Shared fixture harness: loads a saved-page fixture into a Document (happy-dom's DOMParser, so
 * no script runs) and checks an adapter against its cases.ts table.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSiteAdapter } from '../../../utils/sites/registry';
import { toPageContext } from '../../../utils/sites/runtime';
import type { AnySiteAdapter, RecordMatch } from '../../../utils/sites/types';
import { readPage } from '../../../utils/sites/read-page';
import { guardRead, type PreviousRecord } from '../../../utils/sites/record-reader';
import { signalsFromContext } from '../../../utils/accounts/signals';
import { DEMO_REP } from '../../emulator/demo-companies';
import type { PageContext } from '../../../utils/view-models';
import type { SiteCase } from '../../fixtures/sites/types';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/sites');

/** Parses a fixture file (or HTML string) into a standalone Document. */
export function loadDocument(adapterId: string, file: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(FIXTURES, adapterId, file), 'utf8'), 'text/html');
}

/**
 * Runs the reading layers on a document as a fresh page load would (read-page.ts + the freshness
 * guard with no previous record), and says whether the read would be shown.
 */
export function read(adapter: AnySiteAdapter, doc: Document, url: string, previous: PreviousRecord | null = null) {
  const match = adapter.matchUrl(new URL(url)) as RecordMatch | null;
  if (!match) return { match, page: null, shown: false, ctx: null };
  const page = readPage(adapter, doc, match);
  const { ok } = guardRead(page, match, previous);
  const shown = ok && page.any;
  return { match, page, shown, ctx: toPageContext({ ...page.ctx, read: { status: page.strong ? 'read' : 'partial', via: page.via, layers: page.layers } }) };
}

/** The company domain the background would look up first for a context (free mail, own domain and ambiguous page reads dropped). */
export function lookedUpDomain(ctx: PageContext | null): string | null {
  if (!ctx) return null;
  return signalsFromContext(ctx, DEMO_REP.email).domains[0]?.domain ?? null;
}

/** The ground truth domain of a case: its `domain`, else derived from the expected website. */
export function truthDomain(c: { domain?: string | null }): string | null | undefined {
  return c.domain;
}

/** What the previous record leaves for the guard (SPA navigation). */
export function previousOf(adapter: AnySiteAdapter, doc: Document, url: string): PreviousRecord {
  const match = adapter.matchUrl(new URL(url)) as RecordMatch;
  const page = readPage(adapter, doc, match);
  return { recordId: match.recordId, fingerprint: page.fingerprint, titleNode: page.titleNode ? new WeakRef(page.titleNode) : null };
}

/** Swaps #spa-root's content with a template, as the spa.html script does. */
export function spaSwap(doc: Document, key: 'a' | 'b'): void {
  const tpl = doc.getElementById(`spa-record-${key}`) as HTMLTemplateElement | null;
  const root = doc.getElementById('spa-root');
  if (!tpl || !root) throw new Error('spa fixture lacks #spa-root or its templates');
  root.replaceChildren(tpl.content.cloneNode(true));
}

/** Table test of one adapter against its fixtures. */
export function describeAdapterCases(adapterId: string, cases: readonly SiteCase[]): void {
  const adapter = getSiteAdapter(adapterId);
  describe(`${adapterId} fixtures`, () => {
    it('is registered and has cases', () => {
      expect(adapter).toBeDefined();
      expect(cases.length).toBeGreaterThanOrEqual(2);
    });
    for (const c of cases) {
      it(`${c.name} (${c.file})`, () => {
        expect(existsSync(join(FIXTURES, adapterId, c.file))).toBe(true);
        const doc = loadDocument(adapterId, c.file);
        expect(doc.querySelector('body')).not.toBeNull();
        const r = read(adapter!, doc, c.url);
        expect(r.match, 'matchUrl').not.toBeNull();
        expect(r.shown, 'the read is shown').toBe(true);
        expect(r.ctx).toMatchObject({ site: adapterId, url: c.url, ...c.expect });
        if (c.domain !== undefined) expect(lookedUpDomain(r.ctx), 'the company domain looked up').toBe(c.domain);
      });
      it(`${c.name}: an empty page at the same URL reads nothing`, () => {
        const empty = new DOMParser().parseFromString('<!doctype html><html><head></head><body></body></html>', 'text/html');
        const r = read(adapter!, empty, c.url);
        expect(r.page?.any ?? false).toBe(false);
      });
      if (c.spaNext) {
        const next = c.spaNext;
        it(`${c.name}: after the swap the next record is read, and the old DOM is not taken for it`, () => {
          const doc = loadDocument(adapterId, c.file);
          const before = previousOf(adapter!, doc, c.url);
          const stale = read(adapter!, doc, next.url, before);
          expect(stale.shown, 'old DOM must not be shown for the new URL').toBe(false);
          spaSwap(doc, 'b');
          const r = read(adapter!, doc, next.url, before);
          expect(r.shown).toBe(true);
          expect(r.ctx).toMatchObject({ site: adapterId, url: next.url, ...next.expect });
          if (next.domain !== undefined) expect(lookedUpDomain(r.ctx)).toBe(next.domain);
        });
      }
    }
  });
}
