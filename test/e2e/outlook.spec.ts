/**
 * Outlook on the web (issue #16) beyond the table-driven record and SPA specs: a conversation with
 * only free-mail participants besides the rep looks up nothing and says so, and the "Log for"
 * picker offers the conversation's participants.
 */
import { panelLocator } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases } from './site-cases.ts';

const cases = (await loadSiteCases()).filter((c) => c.adapterId === 'outlook');
const freeMail = cases.find((c) => c.file.endsWith('/thread-freemail-only.html'))!;
const conversation = cases.find((c) => c.file.endsWith('/conversation.html'))!;

test('a conversation with only free mail: no account, "No company e-mail in this thread", no lookup', async ({ context, world, configureExtension }) => {
  await configureExtension();
  world.emulator.controls.requestLog.length = 0;
  const page = await context.newPage();
  await page.goto(freeMail.url);
  const panel = await panelLocator(page);
  await expect(panel).toContainText('No company e-mail in this thread', { timeout: 15_000 });
  await expect(panel).not.toContainText('not in Recotap');
  const lookups = world.emulator.controls.requestLog.filter((r) => r.method === 'GET' && /\/accounts$/.test(r.path) && /domains/.test(r.search ?? ''));
  expect(lookups).toHaveLength(0);
});

test('a conversation shows its company, and never one from the message list', async ({ context, world, configureExtension }) => {
  await configureExtension();
  const page = await context.newPage();
  await page.goto(conversation.url);
  const panel = await panelLocator(page);
  await expect(panel.locator('.rl-title')).toHaveText('Acme Robotics', { timeout: 15_000 });
  await expect(panel).toContainText('Matched: email domain');
  const lookups = world.emulator.controls.requestLog.filter((r) => /domains/.test(r.search ?? '')).map((r) => decodeURIComponent(r.search ?? ''));
  expect(lookups.join(' ')).not.toMatch(/wayneaero|globex|hooli/);
});
