/**
 * Popup quick lookup (keyboard only) and the toolbar: badge per tab, the "Look up in Recotap"
 * context-menu handler, and the keyboard commands. Production build, emulator behind eapi.recotap.com.
 */
import type { Page } from '@playwright/test';
import { DEMO_COMPANIES } from '../emulator/index.ts';
import { BAND_COLORS } from '../../utils/toolbar/badge.ts';
import { pagePanelLocator, panelLocator, readPanel } from './extension.ts';
import { expect, test } from './fixtures.ts';
import {
  addAccountViaApi, clickLookupMenu, domainLookups, openPopup, pushToTab, readBadge, runCommand, tabIdOf, waitForSync,
} from './lib-popup.ts';
import { loadSiteCases, type SiteCase } from './site-cases.ts';
import { expectedCompany } from './expectations.ts';

const company = (key: string) => DEMO_COMPANIES.find((c) => c.key === key)!;
const acme = company('acme');
const globex = company('globex');
const northwind = company('northwind');
const vandelay = company('vandelay');

const hubspot = (await loadSiteCases()).filter((c) => c.adapterId === 'hubspot' && !c.file.endsWith('spa.html'));
/** The HubSpot record page about a demo company. */
const hubspotPage = (key: string): SiteCase => hubspot.find((c) => expectedCompany(c)?.key === key)!;
const NOT_A_RECORD = 'https://app.hubspot.com/contacts/4455667/objects/0-2/views/all/list';

const searchBox = (popup: Page) => popup.getByRole('combobox', { name: 'Find an account' });
const options = (popup: Page) => popup.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option');
const opened = (popup: Page) => pagePanelLocator(popup);

test.describe('popup search', () => {
  test.beforeEach(async ({ context, extensionId, world, configureExtension }) => {
    await configureExtension();
    await waitForSync(context, extensionId, world.emulator.state.store.size);
  });

  test('by domain: focused on open, cached domain from the cache, uncached domain through the API', async ({ context, extensionId, world }) => {
    const popup = await openPopup(context, extensionId);
    await expect(searchBox(popup)).toBeVisible();
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('rl-popup-q');

    await popup.keyboard.type(acme.domain);
    await expect(searchBox(popup)).toHaveValue(acme.domain);
    await expect(options(popup).first()).toContainText(acme.name);
    await expect(options(popup).first().locator('.rl-badge')).toHaveText(`${acme.score} · Hot`);
    await popup.keyboard.press('Enter');
    await expect(opened(popup).locator('.rl-title')).toHaveText(acme.name);
    await expect(opened(popup).locator('[data-section="score"] .rl-badge')).toHaveText(new RegExp(`^${acme.score}\\b`));
    await expect(opened(popup).locator('.rl-stepper-now')).toHaveText(acme.stage);
    expect(domainLookups(world)).not.toContain(acme.domain); // answered from the synced cache

    // an account Recotap got after the sync: only the API knows it
    const added = { name: 'Pied Piper', domain: 'piedpiper.com' };
    const rtpAid = await addAccountViaApi(world, added);
    world.emulator.state.setAccount(rtpAid, { rtp_account_score: 58, rtp_journey_stage: 'Aware' });
    const fresh = await openPopup(context, extensionId);
    await expect(searchBox(fresh)).toBeFocused(); // keys typed before React mounted the box would be lost
    await fresh.keyboard.type(added.domain);
    await expect(searchBox(fresh)).toHaveValue(added.domain);
    await expect(fresh.getByText('Not in your cached accounts. Press Enter to ask Recotap.')).toBeVisible();
    await expect(options(fresh)).toHaveCount(0);
    await fresh.keyboard.press('Enter');
    // the panel's summary says what happened if this is not the account (error, not found)
    const shown = await readPanel(fresh, 30_000);
    const log = world.emulator.controls.requestLog.map((r) => `${r.method} ${r.path}${r.search} ${r.status}`);
    expect(shown, JSON.stringify({ shown, log })).toMatchObject({ name: added.name, score: expect.stringMatching(/^58\b/) });
    expect(domainLookups(world)).toContain(added.domain);
  });

  test('by name: prefix and word, arrow keys, Enter opens, Escape clears (keyboard only)', async ({ context, extensionId, world }) => {
    const popup = await openPopup(context, extensionId);
    const box = searchBox(popup);
    await expect(box).toBeFocused();
    // the first full sync built the search pages these keystrokes read (by name and by domain)
    const pages = await popup.evaluate(
      () =>
        new Promise<{ ready: unknown; kinds: string[] }>((resolve, reject) => {
          const open = indexedDB.open('recotap-lens-accounts');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['searchPages', 'meta']);
            const keys = tx.objectStore('searchPages').getAllKeys();
            const marker = tx.objectStore('meta').get('searchPagesReady');
            tx.oncomplete = () => {
              resolve({ ready: marker.result?.value, kinds: [...new Set((keys.result as [string][]).map((k) => k[0]))].sort() });
              open.result.close();
            };
          };
        }),
    );
    expect(pages).toEqual({ ready: true, kinds: ['d', 'n'] });

    await popup.keyboard.type('Globex');
    await expect(box).toHaveValue('Globex');
    await expect(options(popup).first()).toContainText(globex.name);
    await popup.keyboard.press('Enter');
    await expect(opened(popup).locator('.rl-title')).toHaveText(globex.name);
    // "Back" takes the focus in the account view; Enter on it returns to the search box
    await expect(popup.getByRole('button', { name: 'Back' })).toBeFocused();
    await popup.keyboard.press('Enter');
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('Globex');
    await popup.keyboard.press('Escape');
    await expect(box).toHaveValue('');
    await expect(options(popup)).toHaveCount(0);

    // a word inside the name: every "… Analytics" account, higher score first (same match tier)
    const analytics = world.emulator.state.store
      .all()
      .filter((a) => a.name.split(' ').some((w) => w.toLowerCase().startsWith('analytics')))
      .sort((a, b) => b.rtp_account_score - a.rtp_account_score)
      .map((a) => a.name);
    expect(analytics.length).toBeGreaterThan(2);
    await popup.keyboard.type('Analytics');
    await expect(options(popup).locator('.rl-card-name')).toHaveText(analytics);
    const at = analytics.indexOf(globex.name);
    await expect(options(popup).nth(0)).toHaveAttribute('aria-selected', 'true');
    for (let i = 1; i <= at; i++) {
      await popup.keyboard.press('ArrowDown');
      await expect(options(popup).nth(i)).toHaveAttribute('aria-selected', 'true');
      await expect(options(popup).nth(i - 1)).toHaveAttribute('aria-selected', 'false');
    }
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    await expect(options(popup).nth(at)).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await options(popup).nth(at).getAttribute('id'))!);
    await popup.keyboard.press('Enter');
    await expect(opened(popup).locator('.rl-title')).toHaveText(globex.name);
  });
});

test('badge: a record page shows its score in the band colour; a non-record page clears it; unscored shows —', async ({
  context,
  serviceWorker,
  world,
  configureExtension,
}) => {
  await configureExtension();
  const acmePage = hubspotPage('acme');
  const vandelayPage = hubspotPage('vandelay');
  await world.servePage(acmePage.url, acmePage.file);
  world.setPage(NOT_A_RECORD, '<!doctype html><title>Companies | HubSpot</title><h1>Companies</h1><p>All companies</p>');
  const page = await context.newPage();
  const tabId = await tabIdOf(serviceWorker, page);

  await page.goto(acmePage.url);
  await expect((await panelLocator(page)).locator('.rl-title')).toHaveText(acme.name);
  await expect.poll(() => readBadge(serviceWorker, tabId)).toMatchObject({ text: String(acme.score), color: BAND_COLORS.hot });
  expect((await readBadge(serviceWorker, tabId)).title).toContain(`${acme.name} (${acme.domain}); score ${acme.score}, hot`);

  await page.goto(NOT_A_RECORD);
  await expect.poll(() => readBadge(serviceWorker, tabId).then((b) => b.text)).toBe('');

  await page.goto(vandelayPage.url);
  await expect((await panelLocator(page)).locator('.rl-title')).toHaveText(vandelay.name);
  await expect.poll(() => readBadge(serviceWorker, tabId)).toMatchObject({ text: '—', color: BAND_COLORS.unscored });
  expect((await readBadge(serviceWorker, tabId)).title).toContain('not scored yet');
});

test('context menu "Look up in Recotap": the real click handler records the query and the side panel shows it', async ({
  context,
  extensionId,
  serviceWorker,
  world,
  configureExtension,
}) => {
  await configureExtension();
  // the menu item exists (update() rejects for an unknown id, as the second call shows)
  await serviceWorker.evaluate(() => chrome.contextMenus.update('recotap-lookup', { title: 'Look up in Recotap' }));
  await expect(serviceWorker.evaluate(() => chrome.contextMenus.update('no-such-item', { title: 'x' }))).rejects.toThrow();

  const acmePage = hubspotPage('acme');
  await world.servePage(acmePage.url, acmePage.file);
  const page = await context.newPage();
  await page.goto(acmePage.url);
  await expect((await panelLocator(page)).locator('.rl-title')).toHaveText(acme.name);
  const tabId = await tabIdOf(serviceWorker, page);

  // a selected domain, before the side panel is open: the panel picks the query up when it opens
  await clickLookupMenu(serviceWorker, tabId, { selectionText: ` ${northwind.domain} ` });
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.bringToFront();
  const sidePanel = await panelLocator(side);
  await expect(sidePanel.locator('.rl-title')).toHaveText(northwind.name);
  await expect(sidePanel.locator('[data-section="score"] .rl-badge')).toHaveText(new RegExp(`^${northwind.score}\\b`));

  // "Back to this page" returns to the tab's own account
  await side.getByRole('button', { name: 'Back to this page' }).click();
  await expect(sidePanel.locator('.rl-title')).toHaveText(acme.name);

  // a right-clicked link while the side panel is open: the handler's push makes it re-read
  await clickLookupMenu(serviceWorker, tabId, { linkUrl: `https://www.${globex.domain}/pricing?utm=x` });
  await expect(sidePanel.locator('.rl-title')).toHaveText(globex.name);
  await expect(side.getByRole('button', { name: 'Back to this page' })).toBeVisible();
});

test('keyboard commands are registered; toggle-panel hides and the togglePanel push shows the in-page panel', async ({
  context,
  serviceWorker,
  world,
  configureExtension,
}) => {
  const commands = await serviceWorker.evaluate(() => chrome.commands.getAll());
  const byName = Object.fromEntries(commands.map((c) => [c.name, c.shortcut]));
  expect(byName).toEqual({ 'toggle-panel': 'Alt+Shift+O', _execute_action: 'Alt+Shift+L' });

  await configureExtension();
  const acmePage = hubspotPage('acme');
  await world.servePage(acmePage.url, acmePage.file);
  const page = await context.newPage();
  await page.goto(acmePage.url);
  const panel = await panelLocator(page);
  await expect(panel.locator('.rl-title')).toHaveText(acme.name);
  const tabId = await tabIdOf(serviceWorker, page);

  await runCommand(serviceWorker, 'toggle-panel', tabId); // the command's own listener
  await expect(panel).toHaveCount(0);
  await pushToTab(serviceWorker, tabId, 'togglePanel'); // the push it sends, straight from the worker
  await expect(panel.locator('.rl-title')).toHaveText(acme.name);
  await runCommand(serviceWorker, 'toggle-panel', tabId);
  await expect(panel).toHaveCount(0);
});
