/**
 * Onboarding through the real Settings page against the emulator: Connect with a wrong key saves
 * nothing and says so; a Recotap outage (503) is reported as Recotap's problem; the right key
 * connects, focus moves to the e-mail step, Save e-mail confirms and "All set" ends onboarding,
 * and the first sync downloads every account. axe-core checks the page in light and dark.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_API_KEY, DEMO_COMPANIES, DEMO_REP } from '../emulator/index.ts';
import { optionsSection as section, pagePanelLocator, readStoredKey, writeSettings } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { openPopup } from './lib-popup.ts';

/**
 * The key at rest, read from an extension page (same origin as the worker, so the same IndexedDB),
 * and a check that storage.local, which content scripts can read, holds no copy of it.
 */
const storedKey = async (page: Page) => {
  const leaked = await page.evaluate(async () => (await chrome.storage.local.get('apiKey')).apiKey !== undefined);
  return leaked ? 'LEAKED into storage.local' : readStoredKey(page);
};
const accountsRequests = (statuses: { path: string; status: number }[]) => statuses.filter((r) => r.path === '/api/v1/accounts').map((r) => r.status);

test('Connect with a wrong key saves nothing and says so, in one place', async ({ context, extensionId, world }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const connect = section(page, 'Connect to Recotap');
  await expect(page.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
  await connect.getByLabel('API key').fill('rtp_not_a_real_key');
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();

  await expect(connect.getByRole('status').first()).toHaveText(
    'Recotap rejected this API key. Copy it again from Recotap → Settings (gear) → Workspace → Tech Settings → API Access Key.',
  );
  await expect(connect).not.toContainText('Connected');
  expect(accountsRequests(world.emulator.controls.requestLog)).toEqual([401]);
  expect(await storedKey(page)).toBeNull();
  // still not connected after the status poll: the key box is still there
  await page.waitForTimeout(1200);
  await expect(connect.getByLabel('API key')).toHaveValue('rtp_not_a_real_key');
  await expect(section(page, 'Sync and local data')).toContainText('Not connected to Recotap yet');
});

test('Connect during a Recotap outage (503) blames Recotap, not the network, and saves nothing', async ({ context, extensionId, world }) => {
  world.emulator.controls.setFaults({ pathPrefix: '/accounts', errorBurst: { count: 100, status: 503 } });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const connect = section(page, 'Connect to Recotap');
  await connect.getByLabel('API key').fill(DEMO_API_KEY);
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connect.getByRole('status').first()).toHaveText(/^Recotap is having a problem \(503\); (try again in a minute|retrying in .+)\.$/, { timeout: 30_000 });
  await expect(connect).not.toContainText(/internet connection|base URL/);
  expect(await storedKey(page)).toBeNull();
});

test('the popup lookup during a Recotap 503 shows the Recotap-side message', async ({ context, extensionId, world, serviceWorker }) => {
  const acme = DEMO_COMPANIES.find((c) => c.key === 'acme')!;
  world.emulator.controls.setFaults({ pathPrefix: '/accounts', errorBurst: { count: 1000, status: 503 } });
  await writeSettings(serviceWorker, { apiKey: DEMO_API_KEY, repEmail: DEMO_REP.email });
  const popup = await openPopup(context, extensionId);
  const box = popup.getByRole('combobox', { name: 'Find an account' });
  await box.fill(acme.domain);
  await box.press('Enter');
  const panel = pagePanelLocator(popup);
  await expect(panel.getByRole('alert')).toContainText('Recotap is having a problem (503); try again in a minute.', { timeout: 30_000 });
  await expect(panel).not.toContainText(/internet connection|base URL/);
  expect(accountsRequests(world.emulator.controls.requestLog)).toContain(503);
});

test('Connect with the right key → e-mail → All set; the first sync caches every account', async ({ context, extensionId, world }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('list', { name: 'Getting started' })).toBeVisible();
  const connect = section(page, 'Connect to Recotap');
  // the address is under Advanced, closed for production
  await expect(page.getByRole('radio', { name: /^Production/ })).toBeHidden();

  await connect.getByLabel('API key').fill(DEMO_API_KEY);
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connect.getByRole('status').first()).toHaveText(/^Connected: your team has \d+ accounts in Recotap\.$/);
  await expect(connect).toContainText(`Connected with the key ending in ${DEMO_API_KEY.slice(-4)}`);
  await expect(connect.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  expect(await storedKey(page)).toBe(DEMO_API_KEY);

  const rep = section(page, 'Your work e-mail');
  const email = rep.getByLabel(/E-mail/);
  await expect(email).toBeFocused();
  await page.keyboard.type(DEMO_REP.email);
  await page.keyboard.press('Enter');
  await expect(rep.getByRole('status')).toHaveText(`Saved. Calls and e-mails you log are recorded under ${DEMO_REP.email}.`);
  await expect.poll(() => page.evaluate(() => chrome.storage.local.get('repEmail').then((s) => s.repEmail))).toBe(DEMO_REP.email);

  const allSet = page.getByRole('heading', { name: 'All set' });
  await expect(allSet).toBeFocused();
  const card = section(page, 'All set');
  await expect(card.getByRole('link', { name: 'HubSpot' })).toHaveAttribute('href', 'https://app.hubspot.com/');
  await expect(card).toContainText('Alt+Shift+L');
  await expect(page.getByRole('list', { name: 'Getting started' })).toHaveCount(0);

  // sync progress reaches "Up to date" with exactly the emulator's accounts cached
  const total = world.emulator.state.store.size;
  const sync = section(page, 'Sync and local data');
  await expect(sync.getByText('Up to date', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(sync).toContainText(`${total.toLocaleString('en')} accounts cached`);

  await page.reload();
  await expect(section(page, 'Your work e-mail').getByLabel(/E-mail/)).toHaveValue(DEMO_REP.email);
  await expect(section(page, 'Connect to Recotap')).toContainText(`Connected with the key ending in ${DEMO_API_KEY.slice(-4)}`);
  await expect(page.getByRole('heading', { name: 'All set' })).toHaveCount(0);
});

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations on the page (evaluated over CDP, so the extension page's CSP does not block it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe-core: no violations on Settings in the ${theme} theme (onboarding and connected)`, async ({ context, extensionId, serviceWorker }) => {
    await serviceWorker.evaluate((t) => chrome.storage.local.set({ theme: t }), theme);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(page.getByRole('list', { name: 'Getting started' })).toBeVisible();
    await page.getByText(/^Advanced: Recotap address/).click(); // check the advanced controls too
    expect(await axeViolations(page)).toEqual([]);

    await section(page, 'Connect to Recotap').getByLabel('API key').fill(DEMO_API_KEY);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
    await section(page, 'Your work e-mail').getByLabel(/E-mail/).fill(DEMO_REP.email);
    await page.getByRole('button', { name: 'Save e-mail' }).click();
    await expect(page.getByRole('heading', { name: 'All set' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}
