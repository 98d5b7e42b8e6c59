/**
 * Perturbation suite (issue #15, item 7): every record fixture of every CRM/webmail site (and
 * LinkedIn) read after automatic DOM mutations (perturb.ts), each on a fresh copy of the page.
 * A read is RIGHT (the ground-truth domain), HONEST (nothing shown, or nothing to look up) or
 * WRONG (another company). No read may be WRONG, and at least 90% must be RIGHT. The table of
 * results is written into docs/detection.md between the perturbation-table markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteCase } from '../../fixtures/sites/types';
import { cases as dynamics } from '../../fixtures/sites/dynamics/cases';
import { cases as gmail } from '../../fixtures/sites/gmail/cases';
import { cases as hubspot } from '../../fixtures/sites/hubspot/cases';
import { cases as linkedin } from '../../fixtures/sites/linkedin/cases';
import { cases as outlook } from '../../fixtures/sites/outlook/cases';
import { cases as pipedrive } from '../../fixtures/sites/pipedrive/cases';
import { cases as salesforceClassic } from '../../fixtures/sites/salesforce-classic/cases';
import { cases as salesforceLightning } from '../../fixtures/sites/salesforce-lightning/cases';
import { cases as zoho } from '../../fixtures/sites/zoho/cases';
import { MUTATIONS, runCase, tableOf, TABLE_END, TABLE_START, withTable, type Outcome } from './perturb';

const SITES: Record<string, readonly SiteCase[]> = {
  'salesforce-lightning': salesforceLightning,
  'salesforce-classic': salesforceClassic,
  hubspot,
  dynamics,
  pipedrive,
  zoho,
  gmail,
  outlook,
  linkedin,
};

const DOC = join(import.meta.dirname, '../../../docs/detection.md');
const PLACEHOLDER = `# Detection\n\nHow Recotap Lens reads CRM record pages (to be written).\n\n## Perturbation suite\n\n${TABLE_START}\n${TABLE_END}\n`;

const describeOutcome = (o: Outcome) =>
  `${o.site}/${o.file} × ${o.mutation}: expected domain ${JSON.stringify(o.expected.domain)}` +
  `${o.expected.companyName !== undefined ? ` (name ${JSON.stringify(o.expected.companyName)})` : ''}, got ${JSON.stringify(o.got.domain)}` +
  ` name ${JSON.stringify(o.got.companyName)} websites ${JSON.stringify(o.got.websites)} emails ${JSON.stringify(o.got.emails)} via ${JSON.stringify(o.via)}`;

describe('perturbation suite', () => {
  const baseline: Outcome[] = [];
  const outcomes: Outcome[] = [];

  beforeAll(() => {
    for (const [site, list] of Object.entries(SITES)) {
      for (const c of list) {
        const base = runCase(site, c, null);
        if (base) baseline.push(base);
        for (const m of MUTATIONS) {
          const o = runCase(site, c, m);
          if (o) outcomes.push(o);
        }
      }
    }
    // ~860 reads of full pages: CPU-bound, and slow on a busy 2-core machine running the whole suite
  }, 180_000);

  it('writes the site × mutation table into docs/detection.md (only when it changed)', () => {
    const table = tableOf(outcomes, Object.keys(SITES));
    const before = existsSync(DOC) ? readFileSync(DOC, 'utf8') : PLACEHOLDER;
    const after = withTable(before, table);
    if (!existsSync(DOC) || after !== before) writeFileSync(DOC, after);
    expect(readFileSync(DOC, 'utf8')).toContain(table);
  });

  it('every unmutated fixture reads right (the verdicts are sound)', () => {
    expect(baseline.filter((o) => o.verdict !== 'right').map(describeOutcome)).toEqual([]);
  });

  it('every mutation applies to some fixture of every kind', () => {
    expect(outcomes.length).toBeGreaterThan(0);
    const kinds = new Set(outcomes.map((o) => o.kind));
    expect(kinds.size).toBe(8);
  });

  it('no mutated read is WRONG', () => {
    expect(outcomes.filter((o) => o.verdict === 'wrong').map(describeOutcome)).toEqual([]);
  });

  it('at least 90% of mutated reads are RIGHT', () => {
    const right = outcomes.filter((o) => o.verdict === 'right').length;
    const honest = outcomes.filter((o) => o.verdict === 'honest').length;
    const share = right / outcomes.length;
    const summary = `${right} right, ${honest} honest, ${outcomes.length - right - honest} wrong of ${outcomes.length}`;
    const notRight = outcomes.filter((o) => o.verdict === 'honest').map(describeOutcome);
    expect({ share: share >= 0.9 ? 'ok' : share.toFixed(3), summary, honest: share >= 0.9 ? [] : notRight }).toEqual({ share: 'ok', summary, honest: [] });
  });
});
