/**
 * LinkedIn: read-only detection. The account shows in the side panel page, never in LinkedIn's
 * DOM: the page's markup is identical with and without the extension.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { panelLocator } from './extension.ts';
import { expectedCompany, isPlainScoredCompany } from './expectations.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases } from './site-cases.ts';

const cases = (await loadSiteCases()).filter((c) => c.adapterId === 'linkedin');
const company = cases.find((c) => !c.file.endsWith('spa.html') && isPlainScoredCompany(expectedCompany(c)));
const spa = cases.find((c) => c.file.endsWith('spa.html') && c.spaNext);

/**
 * Opens the side panel page in a tab, then re-activates the LinkedIn tab: the side panel follows
 * the active tab of its window, as the real browser side panel does.
 */
async function openSidePanel(context: BrowserContext, extensionId: string, linkedin: Page): Promise<Page> {
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await linkedin.bringToFront();
  return side;
}

test('LinkedIn fixtures include a company page and an SPA page', () => {
  expect(company).toBeDefined();
  expect(spa).toBeDefined();
});

test(`a LinkedIn company page shows its account in the side panel and its DOM is untouched`, async ({
  context,
  extensionId,
  world,
  configureExtension,
  launchBaseline,
}) => {
  const expected = expectedCompany(company!)!;
  await configureExtension();
  await world.servePage(company!.url, company!.file);
  const page = await context.newPage();
  await page.goto(company!.url);
  const side = await openSidePanel(context, extensionId, page);

  const panel = await panelLocator(side);
  await expect(panel.locator('.rl-title')).toHaveText(expected.name);
  await expect(panel.locator('[data-section="score"] .rl-badge')).toHaveText(new RegExp(`^${expected.score}\\b`));
  await expect(panel.locator('.rl-stepper-now')).toHaveText(expected.stage);
  const withExtension = await page.evaluate(() => document.documentElement.outerHTML);

  const baseline = await launchBaseline();
  const plain = await baseline.newPage();
  await plain.goto(company!.url);
  const withoutExtension = await plain.evaluate(() => document.documentElement.outerHTML);

  expect(withExtension).toBe(withoutExtension);
  expect(withExtension).toContain(expected.name); // the comparison is of the real page, not an error page
});

test('the side panel follows LinkedIn SPA navigation', async ({ context, extensionId, world, configureExtension }) => {
  const first = expectedCompany(spa!)!;
  const next = expectedCompany({ ...spa!, url: spa!.spaNext!.url, expect: spa!.spaNext!.expect })!;
  await configureExtension();
  await world.servePage(spa!.url, spa!.file);
  const page = await context.newPage();
  await page.goto(spa!.url);
  const side = await openSidePanel(context, extensionId, page);
  const title = (await panelLocator(side)).locator('.rl-title');
  await expect(title).toHaveText(first.name);

  await page.locator('#spa-next').click();
  await expect(page).toHaveURL(spa!.spaNext!.url);
  await expect(title).toHaveText(next.name);
});
