/**
 * Dynamics Web API reader (issue #16) on the production build: the world answers
 * /api/data/v9.2/… on the Dynamics host. A form without a website is matched through the API's
 * websiteurl ("Matched: Dynamics record data"); a 403 falls back to the DOM; exactly one API request
 * per record view; and nothing goes to the network except the page's own origin and Recotap.
 */
import type { BrowserContext, Request } from '@playwright/test';
import { panelLocator } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases } from './site-cases.ts';

const cases = (await loadSiteCases()).filter((c) => c.adapterId === 'dynamics');
const noWebsite = cases.find((c) => c.file.endsWith('/account-no-website.html'))!;
const forbidden = cases.find((c) => c.file.endsWith('/account.html'))!;
const DYN_HOST = new URL(noWebsite.url).hostname;

/**
 * Every request the context's pages make, content-script fetches included (a host the world does not
 * map still shows here, though it fails to resolve); the world's own log covers the service worker.
 */
function watchNetwork(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r: Request) => urls.push(r.url()));
  return urls;
}

test('a form without a website: the API’s websiteurl finds the account, with one request', async ({ context, world, configureExtension }) => {
  await configureExtension();
  const seen = watchNetwork(context);
  await world.servePage(noWebsite.url, noWebsite.file);
  const page = await context.newPage();
  await page.goto(noWebsite.url);
  const panel = await panelLocator(page);
  await expect(panel.locator('.rl-title')).toHaveText('Globex Analytics', { timeout: 15_000 });
  await expect(panel).toContainText('Matched: Dynamics record data');
  await expect(panel).toContainText('globex-analytics.io');

  const api = world.dynamicsApiRequests;
  expect(api, 'exactly one API request for the record view').toHaveLength(1);
  expect(api[0]).toMatchObject({
    host: DYN_HOST,
    path: '/api/data/v9.2/accounts(8f0c7a55-2f3b-ee11-9cbd-100000000001)',
    search: '?$select=name,websiteurl,emailaddress1',
    accept: 'application/json',
    odataVersion: '4.0',
    odataMaxVersion: '4.0',
  });
  // the page and the extension talked to the page's origin and Recotap only
  const hosts = new Set([...world.requests.map((r) => r.host), ...seen.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).hostname)]);
  expect([...hosts].sort()).toEqual([DYN_HOST, 'eapi.recotap.com'].sort());
  await page.waitForTimeout(1500); // no late retry
  expect(world.dynamicsApiRequests).toHaveLength(1);
});

test('a 403 (no read rights) falls back to the form’s fields', async ({ context, world, configureExtension }) => {
  await configureExtension();
  await world.servePage(forbidden.url, forbidden.file);
  const page = await context.newPage();
  await page.goto(forbidden.url);
  const panel = await panelLocator(page);
  await expect(panel.locator('.rl-title')).toHaveText('Contoso Pharma', { timeout: 15_000 });
  await expect(panel).toContainText('Matched: Website field');
  expect(world.dynamicsApiRequests.map((r) => r.path)).toEqual(['/api/data/v9.2/accounts(8f0c7a55-2f3b-ee11-9cbd-100000000005)']);
});
