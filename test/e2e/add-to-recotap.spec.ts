/**
 * "Add to Recotap" from the in-page panel: a CRM account Recotap does not know (hooli.xyz) is
 * created in the emulator, with the CRM record id and a static segment, and the panel then shows it.
 */
import { readFile } from 'node:fs/promises';
import { DEMO_COMPANIES, SEGMENTS } from '../emulator/index.ts';
import { panelLocator } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { SITES_DIR } from './site-cases.ts';

const hooli = DEMO_COMPANIES.find((c) => c.key === 'hooli')!;
const RECORD_ID = '001Hs0000099HoOlIA';
const URL_ = `https://acme.lightning.force.com/lightning/r/Account/${RECORD_ID}/view`;
const segment = SEGMENTS.find((s) => s.type === 'static' && s.status === 'active')!;

/** The Salesforce "minimal" fixture, rewritten to show Hooli (a company the demo seed leaves out). */
async function hooliPage(): Promise<string> {
  const html = await readFile(`${SITES_DIR}/salesforce-lightning/minimal.html`, 'utf8');
  return html
    .replaceAll('Vandelay Imports', hooli.name)
    .replaceAll('https://vandelay.io', `https://${hooli.domain}`)
    .replaceAll('vandelay.io', hooli.domain)
    .replace(/001Hs0000009AbCdEI/g, RECORD_ID);
}

test(`"Add to Recotap" adds ${hooli.domain} to Recotap and the panel then shows it`, async ({ context, world, configureExtension }) => {
  expect(world.emulator.state.store.byDomain(hooli.domain)).toHaveLength(0);
  await configureExtension();
  world.setPage(URL_, await hooliPage());
  const page = await context.newPage();
  await page.goto(URL_);

  const panel = await panelLocator(page);
  await expect(panel).toContainText(`${hooli.domain} is not in Recotap yet.`);
  await expect(panel.getByLabel('Company name')).toHaveValue(hooli.name);
  await expect(panel.getByLabel('Domain')).toHaveValue(hooli.domain);
  await panel.getByLabel('Static segment (optional)').selectOption({ label: segment.name });
  await panel.getByRole('button', { name: 'Add to Recotap' }).click();

  await expect(panel.locator('.rl-title')).toHaveText(hooli.name, { timeout: 15_000 });
  // new accounts are not scored yet: never shown as "cold"
  await expect(panel.locator('[data-section="score"] .rl-badge')).toHaveAttribute('data-band', 'unscored');

  const added = world.emulator.state.store.byDomain(hooli.domain);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ name: hooli.name, domain: hooli.domain, externalId: RECORD_ID });
  expect(added[0]!.segmentIds).toContain(segment.segmentId);
  const creates = world.emulator.controls.requestLog.filter((r) => r.method === 'POST' && r.path === '/api/v1/accounts');
  expect(creates).toHaveLength(1);
});
