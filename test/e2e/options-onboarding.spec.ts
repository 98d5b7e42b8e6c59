/**
 * Onboarding through the real options page against the emulator: a wrong key gets the 401
 * message; the right key connects, saves, and the first sync downloads every account.
 */
import { DEMO_API_KEY, DEMO_REP } from '../emulator/index.ts';
import { optionsSection as section } from './extension.ts';
import { expect, test } from './fixtures.ts';

test('a wrong API key gets the 401 message and is not reported as connected', async ({ context, extensionId, world }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const connect = section(page, 'Connect to Recotap');
  await connect.getByLabel('API key').fill('rtp_not_a_real_key');
  await connect.getByRole('button', { name: 'Test connection' }).click();

  await expect(connect.getByRole('status').first()).toContainText('The Recotap API key is invalid or missing (Invalid API key)');
  await expect(connect.getByRole('status').first()).not.toContainText('Connected');
  expect(world.emulator.controls.requestLog.filter((r) => r.path === '/api/v1/accounts').map((r) => r.status)).toEqual([401]);
});

test('the right key connects, saves, and the first sync caches every account', async ({ context, extensionId, world }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const connect = section(page, 'Connect to Recotap');
  await expect(connect).toContainText('No API key yet.');

  await connect.getByLabel('API key').fill(DEMO_API_KEY);
  await connect.getByRole('button', { name: 'Test connection' }).click();
  await expect(connect.getByRole('status').first()).toHaveText(/^Connected: your team has \d+ accounts in Recotap\.$/);

  await connect.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(connect.getByRole('status').first()).toHaveText('API key saved. Recotap Lens is connected.');
  await expect(connect).toContainText('An API key is saved.');

  const rep = section(page, 'Your work e-mail');
  await rep.getByLabel(/E-mail/).fill(DEMO_REP.email);
  await rep.getByRole('button', { name: 'Save e-mail' }).click();
  await expect.poll(() => page.evaluate(() => chrome.storage.local.get('repEmail').then((s) => s.repEmail))).toBe(DEMO_REP.email);

  // sync progress reaches "Up to date" with exactly the emulator's accounts cached
  const total = world.emulator.state.store.size;
  const sync = section(page, 'Sync and local data');
  await expect(sync.getByText('Up to date', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(sync).toContainText(`${total.toLocaleString('en')} accounts cached`);

  expect(await page.evaluate(() => chrome.storage.local.get('apiKey').then((s) => s.apiKey))).toBe(DEMO_API_KEY);
  await page.reload();
  await expect(section(page, 'Your work e-mail').getByLabel(/E-mail/)).toHaveValue(DEMO_REP.email);
  await expect(section(page, 'Connect to Recotap')).toContainText('An API key is saved.');
});
