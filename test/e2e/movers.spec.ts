/**
 * "What changed for my accounts" (issue #17): accounts viewed on record pages are watched; after the
 * emulator rescores some and a delta sync runs, the popup opens on Movers with exactly those accounts
 * and their old → new scores, Enter shows the account in the side panel, "Open in CRM" goes to the
 * remembered record page, and the unseen count clears after viewing. Production build.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page, Worker } from '@playwright/test';
import { DEMO_COMPANIES } from '../emulator/index.ts';
import { panelLocator } from './extension.ts';
import { launchChromiumWithGrantedPermissions } from './launch.ts';
import { expect, test } from './fixtures.ts';
import { askBackground, openPopup, readBadge, tabIdOf, waitForSync } from './lib-popup.ts';
import { loadSiteCases, type SiteCase } from './site-cases.ts';
import { expectedCompany } from './expectations.ts';

const company = (key: string) => DEMO_COMPANIES.find((c) => c.key === key)!;
const hubspot = (await loadSiteCases()).filter((c) => c.adapterId === 'hubspot' && !c.file.endsWith('spa.html'));
const hubspotPage = (key: string): SiteCase => hubspot.find((c) => expectedCompany(c)?.key === key)!;

/** How many accounts the extension watches (its own IndexedDB, read in the worker). */
function watchedCount(sw: Worker): Promise<number> {
  return sw.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('recotap-lens-accounts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('watched').objectStore('watched').count();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

const moversTab = (popup: Page) => popup.getByRole('tab', { name: /^Movers/ });
const rows = (popup: Page) => popup.getByRole('list', { name: 'Accounts that changed' }).getByRole('listitem');

test('movers: rescored watched accounts after a delta sync; popup opens on Movers; Enter → side panel; Open in CRM; unseen clears', async ({
  context,
  extensionId,
  serviceWorker,
  world,
  configureExtension,
}) => {
  await configureExtension();
  await waitForSync(context, extensionId, world.emulator.state.store.size);
  const acme = company('acme');
  const globex = company('globex');
  const acmePage = hubspotPage('acme');
  const globexPage = hubspotPage('globex');

  // the rep views two record pages: both become watched, with the page URL remembered
  const page = await context.newPage();
  for (const [c, p] of [[acme, acmePage], [globex, globexPage]] as const) {
    await world.servePage(p.url, p.file);
    await page.goto(p.url);
    await expect((await panelLocator(page)).locator('.rl-title')).toHaveText(c.name);
  }
  await expect.poll(() => watchedCount(serviceWorker)).toBe(2);

  // the emulator rescores both watched accounts and one the rep never looked at
  const store = world.emulator.state.store;
  const byDomain = (d: string) => store.all().find((a) => a.domain.replace(/^www\./, '') === d)!;
  const acmeRow = byDomain(acme.domain);
  const globexRow = byDomain(globex.domain);
  const other = store.all().find((a) => a.rtp_aid !== acmeRow.rtp_aid && a.rtp_aid !== globexRow.rtp_aid && a.rtp_account_score > 0)!;
  const acmeBefore = acmeRow.rtp_account_score;
  const globexBefore = globexRow.rtp_account_score;
  world.emulator.state.setAccount(acmeRow.rtp_aid, { rtp_account_score: 35 });
  world.emulator.state.setAccount(globexRow.rtp_aid, { rtp_account_score: 92, rtp_journey_stage: 'Opportunity' });
  world.emulator.state.setAccount(other.rtp_aid, { rtp_account_score: (other.rtp_account_score + 30) % 100 });

  const admin = await openPopup(context, extensionId);
  await askBackground(admin, 'syncNow', { full: false });
  await expect.poll(() => askBackground<{ unseen: number }>(admin, 'listMovers').then((v) => v.unseen)).toBe(2);
  // toolbar badge: the unseen count on a tab with no record; a record tab keeps its own score
  const adminTabId = await tabIdOf(serviceWorker, admin);
  await expect.poll(() => readBadge(serviceWorker, adminTabId).then((b) => b.text)).toBe('2');
  expect((await readBadge(serviceWorker, adminTabId)).title).toContain('2 watched accounts changed since you last looked');
  // notifications are opt-in: never asked for at install, so this sync could not notify
  expect(await serviceWorker.evaluate(() => typeof chrome.notifications)).toBe('undefined');
  const recordTabId = await tabIdOf(serviceWorker, page);
  expect((await readBadge(serviceWorker, recordTabId)).text).toBe(String(globex.score));
  await admin.close();

  // the popup opens on Movers, with exactly those two accounts and their old → new values
  const popup = await openPopup(context, extensionId);
  const popupTabId = await tabIdOf(serviceWorker, popup);
  await expect(moversTab(popup)).toHaveAttribute('aria-selected', 'true');
  await expect(moversTab(popup)).toHaveText('Movers (2)');
  await expect(rows(popup)).toHaveCount(2);
  const row = (name: string) => rows(popup).filter({ hasText: name });
  await expect(row(acme.name).getByTestId('mover-scores')).toHaveText(`${acmeBefore} · Hot → 35 · Cold`);
  await expect(row(globex.name).getByTestId('mover-scores')).toHaveText(new RegExp(`^${globexBefore} · \\w+ → 92 · Hot$`));
  await expect(row(globex.name).getByTestId('mover-stage')).toHaveText(`${globex.stage} → Opportunity`);
  await expect(rows(popup).filter({ hasText: other.name })).toHaveCount(0);

  // keyboard only: the first row has focus; ↓ then ↑ come back to it; Enter shows it in the side panel
  const first = rows(popup).first();
  const firstName = (await first.locator('.rl-card-name').textContent())!;
  const firstDomain = firstName === acme.name ? acme.domain : globex.domain;
  await expect(first.getByRole('button').first()).toBeFocused();
  await popup.keyboard.press('ArrowDown');
  await expect(rows(popup).nth(1).getByRole('button').first()).toBeFocused();
  await popup.keyboard.press('ArrowUp');
  await expect(first.getByRole('button').first()).toBeFocused();
  // the real popup closes itself after opening the side panel; this one is a tab we still read
  await popup.evaluate(() => void (window.close = () => undefined));
  await popup.keyboard.press('Enter');
  await expect.poll(() => askBackground<{ query: string | null }>(popup, 'getTabResult', { tabId: popupTabId }).then((r) => r.query)).toBe(firstDomain);
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await popup.bringToFront();
  await expect((await panelLocator(side)).locator('.rl-title')).toHaveText(firstName);
  await side.close();

  // "Open in CRM" opens the record page the account was last shown on
  const opened = context.waitForEvent('page');
  await row(acme.name).getByRole('link', { name: 'Open in CRM' }).click();
  expect((await opened).url()).toBe(acmePage.url.startsWith('http') ? acmePage.url : `https://${acmePage.url}`);

  // seen: the unseen count is 0 and the next popup opens on Search, Movers still listing both
  await expect.poll(() => askBackground<{ unseen: number }>(popup, 'listMovers').then((v) => v.unseen)).toBe(0);
  await expect.poll(() => readBadge(serviceWorker, popupTabId).then((b) => b.text)).toBe('');
  const again = await openPopup(context, extensionId);
  await expect(again.getByRole('tab', { name: 'Search' })).toHaveAttribute('aria-selected', 'true');
  await expect(moversTab(again)).toHaveText('Movers');
  await moversTab(again).click();
  await expect(rows(again)).toHaveCount(2);
  await again.keyboard.press('Escape');
  await expect(again.getByRole('tab', { name: 'Search' })).toHaveAttribute('aria-selected', 'true');

  // the side panel shows the same list while its tab has no record
  const side2 = await context.newPage();
  await side2.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await again.bringToFront();
  await expect(rows(side2)).toHaveCount(2);
  await expect(rows(side2).filter({ hasText: acme.name }).getByTestId('mover-scores')).toHaveText(`${acmeBefore} · Hot → 35 · Cold`);
});

test('movers settings: badge on and notifications off by default; notifications is an optional permission', async ({ context, extensionId, serviceWorker }) => {
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.permissions).not.toContain('notifications');
  expect(manifest.optional_permissions).toContain('notifications');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByRole('region', { name: 'What changed for my accounts' });
  await expect(section.getByRole('checkbox', { name: /number of changed accounts on the toolbar icon/ })).toBeChecked();
  await expect(section.getByRole('checkbox', { name: /Notify me after a sync/ })).not.toBeChecked();
});

/**
 * Notifications on: Chromium's permission prompt is a native dialog Playwright cannot accept, so this
 * test's browser starts with the optional 'notifications' permission already granted in its profile
 * (launchChromiumWithGrantedPermissions). The options checkbox still goes through the real
 * `permissions.request` (granted already: it resolves without a prompt), and the background's own
 * notifier calls the real `chrome.notifications.create`; the test only wraps that function in the
 * worker to read what was shown, and asks `chrome.notifications.getAll()` what is on screen.
 */
const notifyTest = test.extend({
  context: async ({ world, extensionPath }, provide) => {
    const browser = await launchChromiumWithGrantedPermissions({ hostResolverRules: world.hostResolverRules, extensionPath }, ['notifications']);
    await provide(browser.context);
    await browser.close();
  },
});

type Shown = { id: string; title: string; message: string };

/** Wrap the real chrome.notifications.create in the worker (it still shows the notification). */
async function observeNotifications(sw: Worker): Promise<void> {
  await sw.evaluate(() => {
    const g = globalThis as unknown as { __shown?: { id: string; title: string; message: string }[] };
    if (g.__shown) return;
    g.__shown = [];
    const api = chrome.notifications;
    const real = api.create.bind(api) as (...args: unknown[]) => unknown;
    (api as unknown as { create: (...args: unknown[]) => unknown }).create = (...args: unknown[]) => {
      const [id, opts] = args as [string, { title: string; message: string }];
      g.__shown!.push({ id, title: opts.title, message: opts.message });
      return real(...args);
    };
  });
}
const shown = (sw: Worker) => sw.evaluate(() => (globalThis as unknown as { __shown: { id: string; title: string; message: string }[] }).__shown) as Promise<Shown[]>;
const onScreen = (sw: Worker) => sw.evaluate(() => chrome.notifications.getAll().then((all) => Object.keys(all)));

/** Ask for a delta sync and wait until it completed (its onMoves, and so its notification, ran before). */
async function syncOnce(page: Page): Promise<void> {
  type Sync = { phase: string; lastSuccessAt: string | null };
  const before = (await askBackground<{ sync: Sync }>(page, 'getStatus')).sync.lastSuccessAt;
  await askBackground(page, 'syncNow', { full: false });
  await expect
    .poll(async () => {
      const { sync } = await askBackground<{ sync: Sync }>(page, 'getStatus');
      return sync.phase === 'idle' && sync.lastSuccessAt !== null && sync.lastSuccessAt !== before;
    }, { timeout: 30_000 })
    .toBe(true);
}

notifyTest('movers notifications: one per sync naming the accounts that turned Hot or moved stage; none while off', async ({
  context,
  extensionId,
  serviceWorker,
  world,
  configureExtension,
}) => {
  await configureExtension();
  await waitForSync(context, extensionId, world.emulator.state.store.size);
  expect(await serviceWorker.evaluate(() => chrome.permissions.contains({ permissions: ['notifications'] }))).toBe(true);
  await observeNotifications(serviceWorker);
  const acme = company('acme');
  const globex = company('globex');
  const page = await context.newPage();
  for (const [c, p] of [[acme, hubspotPage('acme')], [globex, hubspotPage('globex')]] as const) {
    await world.servePage(p.url, p.file);
    await page.goto(p.url);
    await expect((await panelLocator(page)).locator('.rl-title')).toHaveText(c.name);
  }
  await expect.poll(() => watchedCount(serviceWorker)).toBe(2);
  const state = world.emulator.state;
  const byDomain = (d: string) => state.store.all().find((a) => a.domain.replace(/^www\./, '') === d)!;
  const acmeRow = byDomain(acme.domain);
  const globexRow = byDomain(globex.domain);
  const other = state.store.all().find((a) => a.rtp_aid !== acmeRow.rtp_aid && a.rtp_aid !== globexRow.rtp_aid && a.rtp_account_score < 70)!;
  const admin = await openPopup(context, extensionId);

  // 1. permission granted but the setting is off (the default): a sync with movers shows nothing
  state.setAccount(globexRow.rtp_aid, { rtp_account_score: 30, rtp_journey_stage: 'Aware' });
  await syncOnce(admin);
  expect((await askBackground<{ movers: { rtpAid: string }[] }>(admin, 'listMovers')).movers.map((m) => m.rtpAid)).toContain(globexRow.rtp_aid);
  expect(await shown(serviceWorker)).toEqual([]);

  // 2. the rep turns notifications on in Settings (the real permissions.request, already granted)
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const box = options.getByRole('region', { name: 'What changed for my accounts' }).getByRole('checkbox', { name: /Notify me after a sync/ });
  await box.click();
  await expect(box).toBeChecked();

  // one sync: Globex turned Hot and moved stage, Acme moved stage (stays Hot), an unwatched account turned Hot
  state.setAccount(globexRow.rtp_aid, { rtp_account_score: 92, rtp_journey_stage: 'Opportunity' });
  state.setAccount(acmeRow.rtp_aid, { rtp_journey_stage: 'Customer' });
  state.setAccount(other.rtp_aid, { rtp_account_score: 95, rtp_journey_stage: 'Customer' });
  await syncOnce(admin);
  await expect.poll(() => shown(serviceWorker)).toEqual([
    { id: 'recotap-movers', title: '2 watched accounts moved', message: `${globex.name} → Hot (92), Opportunity, ${acme.name} → Customer` },
  ]);
  expect(await onScreen(serviceWorker)).toEqual(['recotap-movers']);

  // the next sync: one more notification (it replaces the last one), naming only what this sync moved
  state.setAccount(acmeRow.rtp_aid, { rtp_account_score: 20, rtp_journey_stage: 'Aware' });
  state.setAccount(globexRow.rtp_aid, { rtp_account_score: 93 });
  await syncOnce(admin);
  await expect.poll(() => shown(serviceWorker).then((s) => s.length)).toBe(2);
  expect((await shown(serviceWorker))[1]).toEqual({ id: 'recotap-movers', title: 'A watched account moved', message: `${acme.name} → Aware` });
  expect(await onScreen(serviceWorker)).toEqual(['recotap-movers']);

  // 3. off again: a sync that moves a watched account to Hot shows nothing more
  await box.click();
  await expect(box).not.toBeChecked();
  state.setAccount(acmeRow.rtp_aid, { rtp_account_score: 88, rtp_journey_stage: 'Opportunity' });
  await syncOnce(admin);
  expect((await askBackground<{ movers: { rtpAid: string; scoreAfter: number }[] }>(admin, 'listMovers')).movers.find((m) => m.rtpAid === acmeRow.rtp_aid)?.scoreAfter).toBe(88);
  expect(await shown(serviceWorker)).toHaveLength(2);
});

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core violations in a page (evaluated over CDP, so the extension's CSP does not block it). */
async function axeViolations(target: Page): Promise<string[]> {
  await target.evaluate(AXE);
  return target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

test('follow segments: their accounts are watched without being viewed; Top movers per segment over 7/30 days, no re-sync on follow', async ({
  context,
  extensionId,
  world,
  configureExtension,
}) => {
  await configureExtension();
  await waitForSync(context, extensionId, world.emulator.state.store.size);
  const [acme, northwind, globex] = [company('acme'), company('northwind'), company('globex')];
  const state = world.emulator.state;
  const rowOf = (c: { domain: string }) => state.store.all().find((a) => a.domain.replace(/^www\./, '') === c.domain)!;
  const before = new Map([acme, northwind, globex].map((c) => [c.key, rowOf(c).rtp_account_score]));

  // options: "Follow segments" lists GET /segments (static ones); the rep follows EMEA Fintech Targets
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const follow = options.getByRole('group', { name: 'Follow segments' });
  await expect(follow.getByRole('checkbox')).toHaveCount(2);
  await expect(follow.getByText('High Intent (auto)')).toHaveCount(0);
  // (a controlled checkbox: it shows the stored value once written, so click and wait for it)
  await follow.getByRole('checkbox', { name: 'EMEA Fintech Targets' }).click();
  await expect(follow.getByRole('checkbox', { name: 'EMEA Fintech Targets' })).toBeChecked();
  expect(await axeViolations(options)).toEqual([]);

  // EMEA holds Acme and Northwind (never viewed); Globex is in Q4 Expansion only
  state.setAccount(rowOf(acme).rtp_aid, { rtp_account_score: before.get('acme')! + 8 });
  state.setAccount(rowOf(northwind).rtp_aid, { rtp_account_score: before.get('northwind')! - 33 });
  state.setAccount(rowOf(globex).rtp_aid, { rtp_account_score: before.get('globex')! + 26 });
  const admin = await openPopup(context, extensionId);
  await askBackground(admin, 'syncNow', { full: false });
  await expect
    .poll(() => askBackground<{ movers: { name: string }[] }>(admin, 'listMovers').then((v) => v.movers.map((m) => m.name).sort()))
    .toEqual([acme.name, northwind.name].sort());
  await admin.close();

  // the popup opens on Movers; Top movers of the followed segment, largest rise first
  const popup = await openPopup(context, extensionId);
  await expect(moversTab(popup)).toHaveAttribute('aria-selected', 'true');
  const top = (days: 7 | 30, segment = 'EMEA Fintech Targets') => popup.getByRole('list', { name: `Top movers in ${segment}, last ${days} days` });
  await expect(top(7).getByRole('listitem')).toHaveCount(2);
  await expect(top(7).getByTestId('top-mover-delta')).toHaveText(['+8', '-33']);
  await expect(top(7).getByRole('listitem').first()).toContainText(acme.name);
  await popup.getByRole('button', { name: '30 days' }).click();
  await expect(top(30).getByTestId('top-mover-delta')).toHaveText(['+8', '-33']);
  expect(await axeViolations(popup)).toEqual([]);

  // following a second segment takes effect at once: its Top movers come from the cached history
  await follow.getByRole('checkbox', { name: 'Q4 Expansion' }).click();
  await expect(follow.getByRole('checkbox', { name: 'Q4 Expansion' })).toBeChecked();
  const again = await openPopup(context, extensionId);
  await moversTab(again).click();
  await again.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Q4 Expansion' });
  const q4 = again.getByRole('list', { name: 'Top movers in Q4 Expansion, last 7 days' });
  await expect(q4.getByTestId('top-mover-delta')).toHaveText(['+26', '-33']);
  await expect(q4.getByRole('listitem').first()).toContainText(globex.name);
});
