/**
 * Table-driven over test/fixtures/sites/*\/cases.ts: for every adapter with an in-page panel, a
 * saved record page served at its real URL shows the right account, with the emulator's values.
 */
import { panelLocator } from './extension.ts';
import { expectedCompany, pickRecordPages, scorePattern } from './expectations.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases } from './site-cases.ts';

const SIDE_PANEL_SITES = ['linkedin'];
const cases = await loadSiteCases();
const adapters = [...new Set(cases.map((c) => c.adapterId))].filter((id) => !SIDE_PANEL_SITES.includes(id));
const picked = pickRecordPages(cases, adapters);

test('every adapter with fixtures has a record page about a scored demo company', () => {
  expect(adapters.length).toBeGreaterThan(0);
  expect(picked.map((c) => c.adapterId)).toEqual(adapters);
});

for (const c of picked) {
  const company = expectedCompany(c)!;
  test(`${c.adapterId}: "${c.name}" shows ${company.name}`, async ({ context, world, configureExtension }) => {
    await configureExtension();
    await world.servePage(c.url, c.file); // several cases can share a URL (SPA, Gmail hashes)
    const page = await context.newPage();
    await page.goto(c.url);

    const panel = await panelLocator(page);
    await expect(panel.locator('.rl-title')).toHaveText(company.name);
    await expect(panel.locator('[data-section="score"] .rl-badge')).toHaveText(scorePattern(company));
    await expect(panel.locator('.rl-stepper-now')).toHaveText(company.stage);
    // the panel lives in the extension's shadow root, not in the page's own DOM
    expect(await page.evaluate(() => document.body.innerText.includes('Account score'))).toBe(false);
  });
}
