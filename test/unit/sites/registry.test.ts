/**
 * Registry-wide checks (crm-detection.md §7.3): every adapter matches its own positive examples with
 * the expected record, rejects its negatives, and matches no other adapter's example or fixture URL;
 * plus the one-file-per-adapter conventions.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteAdapters } from '../../../utils/sites/registry';
import { CRM_MATCHES, LINKEDIN_MATCHES, adaptersForUrl } from '../../../utils/sites/hosts';
import { matchesAny } from '../../../utils/sites/patterns';
import { FIXTURES } from './harness';
import type { SiteCase } from '../../fixtures/sites/types';

const ROOT = join(import.meta.dirname, '../../..');
const adapterFiles = readdirSync(join(ROOT, 'utils/sites/adapters')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));

async function fixtureUrls(id: string): Promise<string[]> {
  const mod = (await import(join(FIXTURES, id, 'cases.ts'))) as { cases: SiteCase[] };
  return mod.cases.flatMap((c) => [c.url, ...(c.spaNext ? [c.spaNext.url] : [])]);
}

describe('site adapter URLs', () => {
  for (const adapter of siteAdapters) {
    describe(adapter.id, () => {
      it('matches every positive example with the expected record', () => {
        expect(adapter.examples.positive.length).toBeGreaterThanOrEqual(3);
        for (const ex of adapter.examples.positive) {
          const m = adapter.matchUrl(new URL(ex.url));
          expect(m, ex.url).toMatchObject(ex.expect);
          expect(m?.url).toBe(new URL(ex.url).href);
          expect(matchesAny(adapter.matches, new URL(ex.url)), `${ex.url} is outside matches`).toBe(true);
        }
      });
      it('rejects its negative examples', () => {
        expect(adapter.examples.negative.length).toBeGreaterThanOrEqual(3);
        for (const url of adapter.examples.negative) expect(adapter.matchUrl(new URL(url)), url).toBeNull();
      });
      it('matches no other adapter’s example or fixture URL', async () => {
        for (const other of siteAdapters.filter((o) => o !== adapter)) {
          const urls = [...other.examples.positive.map((e) => e.url), ...(await fixtureUrls(other.id))];
          for (const url of urls) expect(adapter.matchUrl(new URL(url)), `${adapter.id} matched ${other.id}'s ${url}`).toBeNull();
        }
      });
      it('matches every URL of its own fixtures', async () => {
        for (const url of await fixtureUrls(adapter.id)) expect(adapter.matchUrl(new URL(url)), url).not.toBeNull();
      });
    });
  }
});

describe('site adapter conventions', () => {
  it('every adapter file is registered, and every registered adapter has a file', () => {
    expect(siteAdapters.map((a) => a.id).sort()).toEqual([...adapterFiles].sort());
  });
  it('ids are unique, kebab-case and labelled', () => {
    const ids = siteAdapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of siteAdapters) {
      expect(a.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(a.label.length).toBeGreaterThan(1);
      expect(a.matches.length).toBeGreaterThan(0);
      for (const p of a.matches) expect(p).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
    }
  });
  for (const id of adapterFiles) {
    it(`${id} has fixtures with cases.ts, a spa.html, and a unit test`, async () => {
      expect(existsSync(join(FIXTURES, id, 'cases.ts')), 'cases.ts').toBe(true);
      expect(existsSync(join(FIXTURES, id, 'spa.html')), 'spa.html').toBe(true);
      expect(existsSync(join(import.meta.dirname, 'adapters', `${id}.test.ts`)), 'unit test').toBe(true);
      const urls = await fixtureUrls(id);
      expect(urls.length).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('content-script host lists', () => {
  it('CRM_MATCHES covers every CRM and Gmail adapter; LinkedIn has its own list', () => {
    for (const a of siteAdapters) {
      const list = a.id === 'linkedin' ? LINKEDIN_MATCHES : CRM_MATCHES;
      for (const p of a.matches) expect(list).toContain(p);
    }
    expect(CRM_MATCHES).not.toContain('https://www.linkedin.com/*');
    expect(CRM_MATCHES).toContain('https://mail.google.com/*');
    expect(LINKEDIN_MATCHES).toEqual(['https://www.linkedin.com/*']);
  });
  it('adaptersForUrl picks by host and honours enabledSites', () => {
    const url = new URL('https://acme.lightning.force.com/lightning/page/home');
    expect(adaptersForUrl(url).map((a) => a.id)).toEqual(['salesforce-lightning']);
    expect(adaptersForUrl(url, ['hubspot'])).toEqual([]);
    expect(adaptersForUrl(new URL('https://example.com/'))).toEqual([]);
  });
});

describe('custom hosts (extraCrmHosts)', () => {
  const extra = [{ host: 'crm.acme.internal', site: 'dynamics' }];
  const url = new URL('https://crm.acme.internal/main.aspx?pagetype=entityrecord&etn=account&id=%7B8F0C7A55-2F3B-EE11-9CBD-000D3A2B1C44%7D');
  it('maps a custom host to its adapter, keeping the real URL in the match', () => {
    const [adapter, ...rest] = adaptersForUrl(url, undefined, extra);
    expect(rest).toEqual([]);
    expect(adapter?.id).toBe('dynamics');
    expect(adapter?.matchUrl(url)).toMatchObject({ recordType: 'account', recordId: '8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44', url: url.href });
  });
  it('is off when the site is disabled, and never applies to other hosts', () => {
    expect(adaptersForUrl(url, ['hubspot'], extra)).toEqual([]);
    expect(adaptersForUrl(url)).toEqual([]);
    const other = new URL('https://evil.example/main.aspx?pagetype=entityrecord&etn=account&id=8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44');
    expect(adaptersForUrl(other, undefined, extra)).toEqual([]);
  });
});
