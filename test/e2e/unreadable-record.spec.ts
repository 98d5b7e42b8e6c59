/**
 * A record page the extension cannot read (issue #15): the panel shows a skeleton while reading,
 * then "Couldn't read this record" (never "not in Recotap"), an inline search whose pick pins the
 * record to an account, and "Copy diagnostics" with no page text. No account lookup is sent for a
 * page with nothing read.
 */
import { expect, test } from './fixtures.ts';
import { panelLocator } from './extension.ts';

const RECORD_ID = '001Hs0000077UnReAD';
const URL_ = `https://acme.lightning.force.com/lightning/r/Account/${RECORD_ID}/view`;

/** A Lightning record page whose record area renders nothing the layers can read (a custom LWC page). */
const BLANK_RECORD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Salesforce</title></head>
<body><div class="desktop container oneOne"><div class="viewport">
<nav aria-label="Global"><a href="/lightning/o/Account/home">Accounts</a></nav>
<div class="oneCenterStage"><div class="windowViewMode-normal oneContent active lafPageHost">
<one-record-home-flexipage2><c-custom-record-view><p>Loading custom component…</p></c-custom-record-view></one-record-home-flexipage2>
</div></div></div></div></body></html>`;

test('an unreadable record says so, offers search + pin, and copies diagnostics without page text', async ({ context, world, configureExtension }) => {
  await configureExtension();
  world.setPage(URL_, BLANK_RECORD);
  const page = await context.newPage();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://acme.lightning.force.com' });
  world.emulator.controls.requestLog.length = 0;
  await page.goto(URL_);

  const panel = await panelLocator(page);
  // within the read budget the panel shows a skeleton, not a blank
  await expect(panel.locator('.rl-skeleton')).toBeVisible({ timeout: 5_000 });
  await expect(panel).toContainText('Couldn’t read this record', { timeout: 15_000 });
  await expect(panel).not.toContainText('not in Recotap');
  // a lookup by domain asks GET /accounts?domains=…; the sync's pages carry no domains
  const lookups = world.emulator.controls.requestLog.filter((r) => r.method === 'GET' && /\/accounts$/.test(r.path) && /domains/.test(r.search ?? ''));
  expect(lookups).toHaveLength(0);

  // pick the account in the inline search: the record is pinned to it
  await panel.getByLabel('Search your Recotap accounts').fill('Acme');
  await panel.getByRole('button', { name: /Acme Robotics/ }).first().click();
  await expect(panel.locator('.rl-title')).toHaveText('Acme Robotics', { timeout: 10_000 });
  await expect(panel).toContainText('Matched: your choice');

  // reload: the pin holds for this record
  await page.reload();
  const again = await panelLocator(page);
  await expect(again.locator('.rl-title')).toHaveText('Acme Robotics', { timeout: 15_000 });
});

test('"Copy diagnostics" gives the site, a masked URL and the layers, and no page text', async ({ context, world, configureExtension }) => {
  await configureExtension();
  world.setPage(URL_, BLANK_RECORD.replace('Loading custom component…', 'Confidential Customer Plc'));
  const page = await context.newPage();
  await page.goto(URL_);
  const panel = await panelLocator(page);
  await expect(panel).toContainText('Couldn’t read this record', { timeout: 15_000 });
  await panel.getByRole('button', { name: 'Copy diagnostics' }).click();
  // the frame may have no clipboard access: then the text is shown to copy by hand
  const shown = panel.getByLabel('Diagnostics to copy');
  const status = panel.getByRole('status');
  await expect(shown.or(status)).toBeVisible();
  if (await shown.isVisible()) {
    const text = await shown.inputValue();
    const d = JSON.parse(text) as Record<string, unknown>;
    expect(d).toMatchObject({ site: 'salesforce-lightning', status: 'unreadable', url: 'https://*.lightning.force.com/lightning/r/Account/:id/view' });
    expect(text).not.toContain('Confidential');
    expect(text).not.toContain(RECORD_ID);
  }
});
