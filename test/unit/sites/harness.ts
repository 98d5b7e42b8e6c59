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
import type { PageContext } from '../../../utils/view-models';
import type { SiteCase } from '../../fixtures/sites/types';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/sites');

/** Parses a fixture file (or HTML string) into a standalone Document. */
export function loadDocument(adapterId: string, file: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(FIXTURES, adapterId, file), 'utf8'), 'text/html');
}

/** Runs the adapter's pure pipeline (match → ready → verifies → extract) on a document. */
export function read(adapter: AnySiteAdapter, doc: Document, url: string): { match: RecordMatch | null; ready: boolean; verified: boolean; ctx: PageContext | null } {
  const match = adapter.matchUrl(new URL(url)) as RecordMatch | null;
  if (!match) return { match, ready: false, verified: false, ctx: null };
  const ready = adapter.isReady ? adapter.isReady(doc, match) : !!doc.querySelector(adapter.readySelector);
  const verified = adapter.verifies(doc, match);
  return { match, ready, verified, ctx: toPageContext(adapter.extract(doc, match)) };
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
        expect(r.ready, 'isReady').toBe(true);
        expect(r.verified, 'verifies').toBe(true);
        expect(r.ctx).toMatchObject({ site: adapterId, url: c.url, ...c.expect });
      });
      it(`${c.name}: an empty page at the same URL is neither ready nor verified`, () => {
        const empty = new DOMParser().parseFromString('<!doctype html><html><head></head><body></body></html>', 'text/html');
        const r = read(adapter!, empty, c.url);
        expect(r.ready && r.verified).toBe(false);
      });
      if (c.spaNext) {
        const next = c.spaNext;
        it(`${c.name}: after the swap the next record is read, and the old DOM is not taken for it`, () => {
          const doc = loadDocument(adapterId, c.file);
          const stale = read(adapter!, doc, next.url);
          expect(stale.ready && stale.verified, 'old DOM must not verify for the new URL').toBe(false);
          spaSwap(doc, 'b');
          const r = read(adapter!, doc, next.url);
          expect(r.ready && r.verified).toBe(true);
          expect(r.ctx).toMatchObject({ site: adapterId, url: next.url, ...next.expect });
        });
      }
    }
  });
}
