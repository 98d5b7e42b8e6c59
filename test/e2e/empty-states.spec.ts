/**
 * Issue #21, the rest of the rep's first hour, on the production build: the popup's and the side
 * panel's empty states (On this tab, Recent accounts, Hot accounts) by keyboard, the side panel's
 * search box, the Open in Recotap address set in Settings, "Hide on this site" with Undo and its
 * way back from Settings, and axe-core on all of it in light and dark.
 */
import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import { DEMO_COMPANIES } from '../emulator/index.ts';
import { axeViolations } from './axe.ts';
import { expectedCompany } from './expectations.ts';
import { pagePanelLocator, panelFrame, panelLocator } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { openPopup, waitForSync } from './lib-popup.ts';
import { loadSiteCases, type SiteCase } from './site-cases.ts';
import type { World } from './world.ts';

const company = (key: string) => DEMO_COMPANIES.find((c) => c.key === key)!;
const acme = company('acme');
const globex = company('globex');
const northwind = company('northwind');
const hubspot = (await loadSiteCases()).filter((c) => c.adapterId === 'hubspot' && !c.file.endsWith('spa.html'));
const hubspotPage = (key: string): SiteCase => hubspot.find((c) => expectedCompany(c)?.key === key)!;

const group = (page: Page, name: string) => page.getByRole('group', { name });
const rows = (page: Page, name: string) => group(page, name).getByRole('option');

/** The Hot accounts the emulator holds (score 70+), best first, as the list should show them. */
function hotInRecotap(world: World): { name: string; score: number }[] {
  return world.emulator.state.store
    .all()
    .filter((a) => a.rtp_account_score >= 70)
    .sort((a, b) => b.rtp_account_score - a.rtp_account_score)
    .slice(0, 5)
    .map((a) => ({ name: a.name, score: a.rtp_account_score }));
}

/** Opens a demo company's HubSpot record and waits until its panel shows the account. */
async function openRecord(context: BrowserContext, world: World, key: string): Promise<Page> {
  const c = hubspotPage(key);
  await world.servePage(c.url, c.file);
  const page = await context.newPage();
  await page.goto(c.url);
  await expect((await panelLocator(page)).locator('.rl-title')).toHaveText(company(key).name, { timeout: 20_000 });
  return page;
}

/** popup.html in a tab whose "active tab" is `record` (the popup asks for the active tab on open). */
async function popupOver(context: BrowserContext, extensionId: string, record: Page): Promise<Page> {
  const popup = await openPopup(context, extensionId);
  await record.bringToFront();
  await popup.reload();
  return popup;
}

async function setTheme(sw: Worker, theme: 'light' | 'dark') {
  await sw.evaluate((t) => chrome.storage.local.set({ theme: t }), theme);
}

test.describe('empty states and the side panel search', () => {
  test.beforeEach(async ({ context, extensionId, world, configureExtension }) => {
    await configureExtension();
    await waitForSync(context, extensionId, world.emulator.state.store.size);
  });

  test('popup: On this tab, Recent accounts and Hot accounts with the right accounts; arrows and Enter open them', async ({ context, extensionId, world }) => {
    await openRecord(context, world, 'globex');
    const record = await openRecord(context, world, 'acme');
    const popup = await popupOver(context, extensionId, record);
    const box = popup.getByRole('combobox', { name: 'Find an account' });

    await expect(rows(popup, 'On this tab')).toHaveCount(1);
    await expect(rows(popup, 'On this tab')).toContainText(acme.name);
    // the tab's account is not repeated under Recent; Globex was seen just before
    await expect(rows(popup, 'Recent accounts').first()).toContainText(globex.name);
    await expect(rows(popup, 'Recent accounts')).not.toContainText([acme.name]);
    const hot = hotInRecotap(world);
    expect(hot.length).toBeGreaterThan(1);
    await expect(rows(popup, 'Hot accounts')).toHaveCount(hot.length);
    for (const [i, h] of hot.entries()) {
      await expect(rows(popup, 'Hot accounts').nth(i)).toContainText(h.name);
      await expect(rows(popup, 'Hot accounts').nth(i).locator('.rl-badge')).toHaveText(`${h.score} · Hot`);
    }

    // keyboard only: ↓ highlights "On this tab", Enter shows it; Back; ↓ past the recent rows to the first hot one
    await box.focus();
    await popup.keyboard.press('ArrowDown');
    await expect(rows(popup, 'On this tab').first()).toHaveAttribute('aria-selected', 'true');
    await popup.keyboard.press('Enter');
    await expect(pagePanelLocator(popup).locator('.rl-title')).toHaveText(acme.name);
    await popup.keyboard.press('Enter'); // focus is on Back
    await expect(box).toBeFocused();
    const recent = await rows(popup, 'Recent accounts').count();
    for (let i = 0; i < 1 + recent + 1; i++) await popup.keyboard.press('ArrowDown');
    await expect(rows(popup, 'Hot accounts').first()).toHaveAttribute('aria-selected', 'true');
    await popup.keyboard.press('Enter');
    await expect(pagePanelLocator(popup).locator('.rl-title')).toHaveText(hot[0]!.name);
    await popup.keyboard.press('Enter');
    // Escape drops the highlight first, and typing replaces the lists with the search results
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Escape');
    await expect(popup.getByRole('option', { selected: true })).toHaveCount(0);
    await popup.keyboard.type('north');
    await expect(group(popup, 'Hot accounts')).toHaveCount(0);
    await expect(popup.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option').first()).toContainText(northwind.name);
  });

  test('side panel: a search box over the record; with no record, Recent and Hot accounts open on Enter', async ({ context, extensionId, world }) => {
    const record = await openRecord(context, world, 'acme');
    const side = await context.newPage();
    await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await record.bringToFront();
    const panel = await panelLocator(side);
    await expect(panel.locator('.rl-title')).toHaveText(acme.name);
    // a record in view: the search box, no suggestion lists
    const box = side.getByRole('combobox', { name: 'Find an account' });
    await expect(group(side, 'Hot accounts')).toHaveCount(0);
    await box.fill('Northw');
    await expect(side.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option').first()).toContainText(northwind.name);
    await box.press('Enter');
    await expect(panel.locator('.rl-title')).toHaveText(northwind.name);
    await expect(box).toHaveValue('');
    await side.getByRole('button', { name: 'Back to this page' }).click();
    await expect(panel.locator('.rl-title')).toHaveText(acme.name);

    // no record in view (the side panel's own tab is active): Recent and Hot accounts
    await side.bringToFront();
    await expect(rows(side, 'Recent accounts').first()).toContainText(acme.name);
    const hot = hotInRecotap(world);
    await expect(rows(side, 'Hot accounts')).toHaveCount(hot.length);
    await expect(rows(side, 'Hot accounts').first()).toContainText(hot[0]!.name);
    await box.focus();
    await side.keyboard.press('ArrowDown');
    await side.keyboard.press('Enter');
    await expect(panel.locator('.rl-title')).toHaveText(acme.name);
    await expect(side.getByRole('button', { name: 'Back to this page' })).toBeVisible();
  });
});

test('Settings: the Open in Recotap address is checked, saved, and the panel links the account with it', async ({ context, extensionId, world, configureExtension }) => {
  await configureExtension();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const box = options.getByRole('textbox', { name: 'Account page address in Recotap' });
  const save = options.getByRole('button', { name: 'Save account link' });
  await box.fill('http://app.recotap.example/accounts/{rtpAid}');
  await save.click();
  await expect(options.getByRole('alert')).toHaveText('The address must start with https://.');
  await box.fill('https://app.recotap.example/accounts/');
  await save.click();
  await expect(options.getByRole('alert')).toContainText('Put {rtpAid}');
  // nothing saved: the panel shows no link
  const record = await openRecord(context, world, 'acme');
  const panel = await panelLocator(record);
  await expect(panel.locator('.rl-title')).toHaveText(acme.name);
  await expect(panel.getByRole('link', { name: /Open in Recotap/ })).toHaveCount(0);

  await box.fill('https://app.recotap.example/accounts/{rtpAid}/overview');
  await save.click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved. Open in Recotap' })).toBeVisible();
  const rtpAid = world.emulator.state.store.all().find((a) => a.domain === acme.domain)!.rtp_aid;
  const link = panel.getByRole('link', { name: /Open in Recotap/ });
  await expect(link).toHaveAttribute('href', `https://app.recotap.example/accounts/${rtpAid}/overview`);
  await expect(link).toHaveAttribute('target', '_blank');
});

test('Hide on this site: Undo within 10 s keeps the panel; otherwise the site is off, and Settings shows it again', async ({ context, extensionId, serviceWorker, world, configureExtension }) => {
  test.setTimeout(90_000);
  await configureExtension();
  const sitePrefs = () => serviceWorker.evaluate(async () => (await chrome.storage.local.get('sitePrefs')).sitePrefs as Record<string, { enabled?: boolean }> | undefined);
  const record = await openRecord(context, world, 'acme');
  const panel = await panelLocator(record);
  const hide = panel.getByRole('button', { name: 'Hide on this site' });

  await hide.click();
  await expect(panel.getByRole('status')).toContainText('Recotap Lens is hidden on this site.');
  const undo = panel.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await record.waitForTimeout(3_000);
  await undo.click();
  await expect(panel.locator('.rl-title')).toHaveText(acme.name);
  expect((await sitePrefs())?.hubspot?.enabled).not.toBe(false);

  await hide.click();
  await expect(undo).toBeVisible();
  // the window closes: the site is off and the panel (its frame) leaves the page
  await expect.poll(async () => (await sitePrefs())?.hubspot?.enabled, { timeout: 15_000 }).toBe(false);
  await expect(record.locator('recotap-lens-panel')).toHaveCount(0);

  // the way back: Settings lists the site with Show again
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Show again on HubSpot' }).click();
  await expect.poll(async () => (await sitePrefs())?.hubspot?.enabled).toBe(true);
  await expect(options.getByRole('button', { name: 'Show again on HubSpot' })).toHaveCount(0);
  await record.reload();
  await expect((await panelLocator(record)).locator('.rl-title')).toHaveText(acme.name, { timeout: 20_000 });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe-core: no violations on the empty states, the side panel search, the hidden note and the new Settings (${theme})`, async ({ context, extensionId, serviceWorker, world, configureExtension }) => {
    test.setTimeout(90_000);
    await configureExtension();
    await waitForSync(context, extensionId, world.emulator.state.store.size);
    await setTheme(serviceWorker, theme);
    const record = await openRecord(context, world, 'acme');

    const popup = await popupOver(context, extensionId, record);
    await expect(rows(popup, 'Hot accounts').first()).toBeVisible();
    await expect(rows(popup, 'On this tab')).toHaveCount(1);
    await popup.keyboard.press('ArrowDown');
    expect(await axeViolations(popup)).toEqual([]);

    const side = await context.newPage();
    await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await expect(rows(side, 'Hot accounts').first()).toBeVisible();
    expect(await axeViolations(side)).toEqual([]);
    await side.getByRole('combobox', { name: 'Find an account' }).fill('acme');
    await expect(side.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option').first()).toBeVisible();
    expect(await axeViolations(side)).toEqual([]);

    await serviceWorker.evaluate(() => chrome.storage.local.set({ sitePrefs: { pipedrive: { enabled: false } }, accountUrlTemplate: 'https://app.recotap.example/a/{rtpAid}' }));
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByRole('button', { name: 'Show again on Pipedrive' })).toBeVisible();
    await expect(options.getByRole('textbox', { name: 'Account page address in Recotap' })).toHaveValue('https://app.recotap.example/a/{rtpAid}');
    expect(await axeViolations(options)).toEqual([]);

    await record.bringToFront();
    const panel: Locator = await panelLocator(record);
    await panel.getByRole('button', { name: 'Hide on this site' }).click();
    await expect(panel.getByRole('button', { name: 'Undo' })).toBeVisible();
    // the frame shrinks to the note (after the host's shrink delay): no transparent box over the CRM
    const frame = await panelFrame(record);
    await expect.poll(() => frame.evaluate(() => innerHeight)).toBeLessThan(200);
    expect(await axeViolations(frame)).toEqual([]);
    await panel.getByRole('button', { name: 'Undo' }).click();
  });
}
