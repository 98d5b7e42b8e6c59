/**
 * `npm run diagnose`: the layers on a saved page in jsdom, for every fixture (issue #15): the
 * adapter is found, the page reads, and the domain it would look up is the fixture's ground truth.
 * One run goes through the real CLI (tsx), as a support engineer would.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { diagnose, formatDiagnosis } from '../../../scripts/lib/diagnose';
import { DEMO_REP } from '../../emulator/demo-companies';
import type { SiteCase } from '../../fixtures/sites/types';
import { FIXTURES } from './harness';

const sites = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('npm run diagnose', () => {
  for (const site of sites) {
    it(`reads every ${site} fixture in jsdom`, async () => {
      const { cases } = (await import(join(FIXTURES, site, 'cases.ts'))) as { cases: SiteCase[] };
      for (const c of cases) {
        const dom = new JSDOM(readFileSync(join(FIXTURES, site, c.file), 'utf8'), { url: c.url });
        const d = diagnose(dom.window.document, c.url, DEMO_REP.email);
        expect(d.adapter, c.file).toBe(site);
        expect(d.status, c.file).not.toBe('unreadable');
        if (c.domain !== undefined) expect(d.lookup.domain, c.file).toBe(c.domain);
        const text = formatDiagnosis(d);
        expect(text).toContain(`adapter   ${site}`);
        expect(text).toMatch(/layers {4}layer/);
      }
    });
  }

  it('runs as a CLI and exits 1 on a page with nothing to read', () => {
    const file = join(FIXTURES, 'hubspot', 'company.html');
    const url = 'https://app.hubspot.com/contacts/4455667/record/0-2/18233445566';
    const out = execFileSync('npx', ['tsx', 'scripts/diagnose.ts', file, url, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ adapter: 'hubspot', status: 'read' });
    let code = 0;
    try {
      execFileSync('npx', ['tsx', 'scripts/diagnose.ts', join(FIXTURES, 'README.md'), url], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(1);
  }, 60_000);
});
