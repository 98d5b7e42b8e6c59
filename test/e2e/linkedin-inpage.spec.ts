/**
 * LinkedIn's opt-in in-page panel, on the production build: the rep turns on "Show the panel on
 * LinkedIn pages" in the options page, the background registers the CRM content script for LinkedIn
 * at runtime, and a company page shows the account in the page (one panel, one lookup per record).
 * Turning it off unregisters the script: after a reload LinkedIn's DOM is again identical to a
 * browser without the extension, and the side panel is fed as before.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { optionsSection, panelLocator } from './extension.ts';
import { expectedCompany, isPlainScoredCompany } from './expectations.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases } from './site-cases.ts';

const cases = (await loadSiteCases()).filter((c) => c.adapterId === 'linkedin');
const company = cases.find((c) => !c.file.endsWith('spa.html') && isPlainScoredCompany(expectedCompany(c)));

const SCRIPT_ID = 'recotap-lens-linkedin-inpage';

/** Flips the LinkedIn switch on the real options page and waits for the background to (un)register. */
async function setLinkedInPanel(context: BrowserContext, sw: Worker, extensionId: string, on: boolean): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const sites = optionsSection(options, 'Sites');
  await expect(sites).toContainText('section 8.2');
  await expect(sites.getByRole('link', { name: 'User Agreement' })).toHaveAttribute('href', 'https://www.linkedin.com/legal/user-agreement');
  await expect(sites).toContainText('already open change after you reload them');
  const toggle = sites.getByLabel('Show the panel on LinkedIn pages');
  await expect(toggle).toBeChecked({ checked: !on }); // off by default, or as the previous step left it
  // a controlled checkbox: it follows the saved setting, so click and wait for the page to re-render
  await toggle.click();
  await expect(toggle).toBeChecked({ checked: on });
  await expect
    .poll(() => sw.evaluate(async (id) => (await chrome.scripting.getRegisteredContentScripts({ ids: [id] })).length, SCRIPT_ID))
    .toBe(on ? 1 : 0);
  const active = () =>
    sw.evaluate(async () => ((await chrome.storage.local.get('linkedinInPage')).linkedinInPage as { active?: boolean } | undefined)?.active);
  await expect.poll(active).toBe(on);
  await options.close();
}

/** Records, in the service worker, the URL of every lookupContext message a content script sends. */
async function recordLookups(sw: Worker): Promise<() => Promise<string[]>> {
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __lookups?: string[] };
    g.__lookups = [];
    chrome.runtime.onMessage.addListener((msg: { type?: string; data?: { url?: string } }) => {
      if (msg?.type === 'lookupContext') g.__lookups!.push(msg.data?.url ?? '');
    });
  });
  return () => sw.evaluate(() => [...((globalThis as unknown as { __lookups?: string[] }).__lookups ?? [])]);
}

async function pageHtml(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

test('LinkedIn fixtures include a plain scored company page', () => {
  expect(company).toBeDefined();
});

test('opting in shows the in-page panel on LinkedIn; opting out restores the untouched page', async ({
  context,
  serviceWorker,
  extensionId,
  world,
  configureExtension,
  launchBaseline,
}) => {
  const expected = expectedCompany(company!)!;
  await configureExtension();
  await world.servePage(company!.url, company!.file);
  const lookups = await recordLookups(serviceWorker);

  await setLinkedInPanel(context, serviceWorker, extensionId, true);
  const page = await context.newPage();
  await page.goto(company!.url);
  const panel = await panelLocator(page);
  await expect(panel.locator('.rl-title')).toHaveText(expected.name);
  await expect(panel.locator('[data-section="score"] .rl-badge')).toHaveText(new RegExp(`^${expected.score}\\b`));
  await expect(panel.locator('.rl-stepper-now')).toHaveText(expected.stage);
  await expect(page.locator('recotap-lens-panel')).toHaveCount(1);
  // both scripts run on the page; only the CRM script looks the record up (linkedin.content stands down)
  await page.waitForTimeout(500); // room for a second, duplicate lookup to show up (a count, not a duration)
  expect((await lookups()).filter((u) => u === company!.url)).toHaveLength(1);
  // the side panel (and badge) still follow the tab: they read the background's record of that lookup
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.bringToFront();
  await expect((await panelLocator(side)).locator('.rl-title')).toHaveText(expected.name);
  await side.close();

  await setLinkedInPanel(context, serviceWorker, extensionId, false);
  await expect(page.locator('recotap-lens-panel')).toHaveCount(0); // the open tab's panel goes at once
  const before = (await lookups()).length;
  await page.reload();
  // linkedin.content feeds the side panel again: exactly one lookup for the reloaded record
  await expect.poll(async () => (await lookups()).slice(before).filter((u) => u === company!.url).length).toBe(1);
  await expect(page.locator('recotap-lens-panel')).toHaveCount(0);
  const withExtension = await pageHtml(page);

  const baseline = await launchBaseline();
  const plain = await baseline.newPage();
  await plain.goto(company!.url);
  expect(withExtension).toBe(await pageHtml(plain));
  expect(withExtension).toContain(expected.name);
});

test('saving the site settings again keeps exactly one registration', async ({
  context,
  serviceWorker,
  extensionId,
  configureExtension,
}) => {
  await configureExtension();
  await setLinkedInPanel(context, serviceWorker, extensionId, true);
  // reconcile again (what every worker start and onStartup do): still one registration, still active
  const registered = await serviceWorker.evaluate(async (id) => {
    await chrome.storage.local.set({ sitePrefs: { linkedin: { surface: 'in-page' }, hubspot: {} } });
    await new Promise((r) => setTimeout(r, 300));
    return chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  }, SCRIPT_ID);
  expect(registered).toEqual([
    expect.objectContaining({ id: SCRIPT_ID, js: ['content-scripts/inpage.js'], matches: ['https://www.linkedin.com/*'], persistAcrossSessions: true }),
  ]);
});
