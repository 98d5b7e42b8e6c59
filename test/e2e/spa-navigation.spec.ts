/**
 * SPA navigation (pushState) from one record to another: the panel follows without a reload and
 * never shows the previous record's account, even when the API is slow and the first lookup is
 * still in flight when the rep moves on.
 */
import type { Frame } from '@playwright/test';
import { panelFrame } from './extension.ts';
import { expectedCompany } from './expectations.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases, pageKey } from './site-cases.ts';

const cases = await loadSiteCases();
const spaCases = cases.filter((c) => c.file.endsWith('spa.html') && c.spaNext && c.adapterId !== 'linkedin');

/** Records every panel title the panel iframe shows, tagged with the test's current phase. */
function recordTitles() {
  const w = window as unknown as { __titles: { phase: number; title: string }[]; __phase: number };
  w.__titles = [];
  w.__phase = 0;
  let last = '';
  setInterval(() => {
    const title = document.querySelector('.rl-title')?.textContent ?? '';
    if (title !== last) w.__titles.push({ phase: w.__phase, title: (last = title) });
  }, 10);
}

const titles = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as { __titles: { phase: number; title: string }[] }).__titles);
const setPhase = (frame: Frame, phase: number) =>
  frame.evaluate((p) => void ((window as unknown as { __phase: number }).__phase = p), phase);

test('every in-page adapter has an SPA fixture', () => {
  expect(spaCases.length).toBeGreaterThan(0);
});

for (const c of spaCases) {
  const first = expectedCompany(c);
  const next = expectedCompany({ ...c, url: c.spaNext!.url, expect: c.spaNext!.expect });
  test(`${c.adapterId}: ${first?.name} → ${next?.name} by pushState, with a slow API`, async ({
    context,
    serviceWorker,
    world,
    configureExtension,
  }) => {
    expect(first && next && first.name !== next.name).toBe(true);
    // On-demand lookups only (no background sync filling the cache), so every lookup is a slow
    // API call and the first one is guaranteed to be in flight when the rep moves on.
    await serviceWorker.evaluate(() => chrome.storage.local.set({ syncSettings: { enabled: false, intervalMinutes: 60 } }));
    world.emulator.controls.setFaults({ pathPrefix: '/accounts', latencyMs: 2500 });
    await configureExtension();
    await world.servePage(c.url, c.file);
    await world.servePage(c.spaNext!.url, c.file); // only requested if the page were reloaded
    const page = await context.newPage();
    await page.goto(c.url);
    await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

    // 1. move on while the first lookup is still in flight
    const frame = await panelFrame(page);
    await frame.evaluate(recordTitles); // the first lookup takes 2.5 s: nothing is shown yet
    await setPhase(frame, 1);
    await page.locator('#spa-next').click();
    await expect(page).toHaveURL(c.spaNext!.url);
    const panel = frame.locator('aside[aria-label="Recotap Lens account panel"]');
    await expect(panel.locator('.rl-title')).toHaveText(next!.name, { timeout: 20_000 });
    await expect(panel.locator('[data-section="score"] .rl-badge')).toHaveText(new RegExp(`^${next!.score}\\b`));

    // 2. and back again once the API answers quickly: the first account shows
    world.emulator.controls.clearFaults();
    await setPhase(frame, 2);
    await page.locator('#spa-next').click();
    await expect(page).toHaveURL(c.url);
    await expect(panel.locator('.rl-title')).toHaveText(first!.name);
    // the recorder polls every 10 ms: let it catch up with what the panel shows now (if the panel
    // flipped away from the account again, this still fails)
    await expect
      .poll(async () => (await titles(frame)).filter((t) => t.phase === 2).at(-1)?.title, { timeout: 3_000 })
      .toBe(first!.name);

    const seen = await titles(frame);
    const shown = (phase: number) => seen.filter((t) => t.phase === phase).map((t) => t.title);
    expect(shown(0), 'the race was exercised: nothing was shown before moving on').not.toContain(first!.name);
    expect(shown(1), 'the previous account never showed after moving on').not.toContain(first!.name);
    expect(shown(2).at(-1)).toBe(first!.name);
    const lookups = world.emulator.controls.requestLog.filter((r) => r.path === '/api/v1/accounts' && r.search.includes('domains'));
    expect(lookups.some((r) => decodeURIComponent(r.search).includes(first!.domain)), 'the first account was looked up over the slow API').toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    const loadsOf = (url: string) => world.requests.filter((r) => `${r.host}${r.path}${r.search}` === pageKey(url)).length;
    expect(loadsOf(c.url), 'the record page was loaded once').toBe(1);
    if (pageKey(c.spaNext!.url) !== pageKey(c.url)) {
      // (Gmail's records differ only in the hash, which never reaches a server)
      expect(loadsOf(c.spaNext!.url), 'the next record was never requested from the server').toBe(0);
    }
  });
}

test('a navigation to a record wakes a stopped worker while the CRM still loads the record', async ({ context, world, configureExtension, extensionId }) => {
  // Chrome stops an idle extension worker after 30 s; starting it again is ~100 ms of the next
  // lookup (docs/benchmarks.md §5). The URL change is itself an event for the worker (the toolbar's
  // tabs.onUpdated listener, utils/toolbar/index.ts), so the worker starts while the CRM loads the
  // record, not after the record is read: the start overlaps the CRM's own load. A filter on that
  // listener, or moving it, would lose this (docs/architecture.md, "The worker's start").
  const c = spaCases.find((x) => x.adapterId === 'salesforce-lightning')!;
  const next = expectedCompany({ ...c, url: c.spaNext!.url, expect: c.spaNext!.expect })!;
  await configureExtension();
  const slow = `${c.url}?delay=4000`; // the fixture renders the next record 4 s after its URL
  await world.servePage(slow, c.file);
  const page = await context.newPage();
  await page.goto(slow);
  const frame = await panelFrame(page);
  await expect(frame.locator('.rl-title')).toHaveText(expectedCompany(c)!.name, { timeout: 20_000 });

  // stop the worker as Chrome does after 30 s without events, over a session of an extension tab
  // that runs no script; its running status is followed from the ServiceWorker domain's events
  const quiet = await context.newPage();
  await quiet.goto(`chrome-extension://${extensionId}/icon/128.png`);
  const cdp = await context.newCDPSession(quiet);
  let status = '';
  const statusIs = (want: string) => expect.poll(() => status, { timeout: 5_000 }).toBe(want);
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) status = v.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await statusIs('stopped');
  await page.bringToFront();
  await page.waitForTimeout(300);
  expect(status, 'nothing woke the worker while the rep stayed on the record').toBe('stopped');

  await page.evaluate((url) => (window as unknown as { __spaGo: (u: string) => void }).__spaGo(url), c.spaNext!.url);
  // without an event at the URL change, nothing would wake the worker until the record renders, 4 s later
  await statusIs('running');
  expect(await page.locator('#spa-root').textContent(), 'the worker started before the record rendered').not.toContain(next.name);
  await expect(frame.locator('.rl-title')).toHaveText(next.name, { timeout: 20_000 });
});
