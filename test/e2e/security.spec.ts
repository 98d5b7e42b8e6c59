/**
 * A web page cannot drive the extension or read the key: from a CRM page's main world,
 * chrome.runtime.sendMessage to our id fails (no externally_connectable), and window.postMessage /
 * CustomEvent spoofs of the @webext-core/messaging shape ({ id, type, data, timestamp }) change
 * nothing: no API request, same panel, same key. The key is in neither the page nor the panel.
 * Hostile markup in the page and in API data renders as literal text and never runs.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEMO_API_KEY } from '../emulator/index.ts';
import { panelLocator, readPanel, readStoredKey } from './extension.ts';
import { expect, test } from './fixtures.ts';
import { loadSiteCases } from './site-cases.ts';

const ACME_URL = 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000000AbCdEI/view';
const HOSTILE_URL = 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000012AbCdEI/view';
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">Evil "Corp"</title><script>window.__pwned=2</script>';

/** Everything a page script could read: its DOM, and the panel's open shadow root. */
async function visibleToPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const shadows = [...document.querySelectorAll('*')].map((e) => e.shadowRoot?.innerHTML ?? '').join('\n');
    return `${document.documentElement.outerHTML}\n${shadows}\n${JSON.stringify({ ...localStorage })}\n${JSON.stringify({ ...sessionStorage })}`;
  });
}

const apiRequests = (world: { emulator: { controls: { requestLog: { path: string }[] } } }) =>
  world.emulator.controls.requestLog.filter((r) => r.path.startsWith('/api/v1/')).length;

test('a CRM page cannot message the extension, spoof its messages or read the key', async ({ context, world, extensionId, serviceWorker, configureExtension }) => {
  await configureExtension();
  const page = await context.newPage();
  await page.goto(ACME_URL);
  expect((await readPanel(page))?.name).toBe('Acme Robotics');
  const panelBefore = await (await panelLocator(page)).innerHTML();
  const before = apiRequests(world);

  // 1. direct messaging from the main world: chrome.runtime is not exposed to web pages
  const direct = await page.evaluate(async (id) => {
    const rt = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome?.runtime;
    if (!rt?.sendMessage) return 'no chrome.runtime.sendMessage';
    try {
      await rt.sendMessage(id, { id: 1, type: 'syncNow', data: { full: true }, timestamp: Date.now() });
      return 'sent';
    } catch (e) {
      return `threw: ${String(e)}`;
    }
  }, extensionId);
  expect(direct).not.toBe('sent');

  // 2. spoofed messages in the library's shape, over every page-reachable channel
  const spoofed = await page.evaluate((ctxUrl) => {
    const now = Date.now();
    const ctx = { site: 'salesforce-lightning', url: ctxUrl, websites: ['https://www.globex-analytics.io'] };
    const msgs = [
      { id: 90, type: 'lookupContext', data: ctx, timestamp: now },
      { id: 91, type: 'syncNow', data: { full: true }, timestamp: now },
      { id: 92, type: 'saveApiKey', data: { apiKey: 'attacker' }, timestamp: now },
      { id: 93, type: 'clearLocalData', data: {}, timestamp: now },
      { id: 94, type: 'testConnection', data: { apiKey: 'x', baseUrl: 'https://eapi.recotap.com/api/v1' }, timestamp: now },
      { id: 95, type: 'accountUpdated', data: { url: ctxUrl, result: { state: 'not-found', domain: 'pwned.example', companyName: 'PWNED' } }, timestamp: now },
      { id: 96, type: 'togglePanel', data: undefined, timestamp: now },
      { id: 97, type: 'statusChanged', data: { configured: false, needsNewKey: true }, timestamp: now },
    ];
    for (const m of msgs) {
      window.postMessage(m, '*');
      window.postMessage(JSON.stringify(m), '*');
      window.dispatchEvent(new CustomEvent(m.type, { detail: m }));
      document.dispatchEvent(new CustomEvent('@webext-core/messaging', { detail: m }));
    }
    // our panel iframe lives in a closed shadow root: not even window.frames lists it
    return { messages: msgs.length, frames: window.frames.length };
  }, ACME_URL);
  expect(spoofed).toEqual({ messages: 8, frames: 0 });

  // 3. the page frames our web-accessible panel page itself, with a secret of its own, and drives
  // it: the frame connects (the secret is its own URL's), but the background refuses its lookups
  const ROGUE = 'ab'.repeat(16);
  await page.evaluate(async ({ id, ctxUrl, secret }) => {
    const iframe = document.createElement('iframe');
    iframe.id = 'rogue';
    iframe.src = `chrome-extension://${id}/panel-frame.html#${secret}`;
    await new Promise((r) => {
      iframe.onload = r;
      document.body.append(iframe);
    });
    const channel = new MessageChannel();
    iframe.contentWindow!.postMessage({ lens: secret }, '*', [channel.port2]);
    const context = { site: 'salesforce-lightning', url: ctxUrl, websites: ['https://www.globex-analytics.io'], emails: [], contacts: [] };
    channel.port1.postMessage({ type: 'context', context });
  }, { id: extensionId, ctxUrl: ACME_URL, secret: ROGUE });
  const rogue = page.frames().find((f) => f.url().endsWith(ROGUE))!;
  await expect(rogue.locator('[role="alert"]').first()).toContainText('rejected', { timeout: 10_000 });
  expect(await rogue.locator('body').textContent()).not.toContain('Globex');
  await page.evaluate(() => document.getElementById('rogue')?.remove());
  // let any listener react (frames and a short idle), then nothing may have changed
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
  expect(apiRequests(world)).toBe(before);
  expect(await (await panelLocator(page)).innerHTML()).toBe(panelBefore);
  await expect((await panelLocator(page)).locator('.rl-title')).toHaveText('Acme Robotics');
  expect(await readStoredKey(serviceWorker)).toBe(DEMO_API_KEY);
  const stored = await serviceWorker.evaluate(() => chrome.storage.local.get(['apiKey', 'needsNewKey']));
  expect(stored.apiKey).toBeUndefined();
  expect(stored.needsNewKey ?? false).toBe(false);

  // 4. the key is nowhere a page script can look
  const seen = await visibleToPage(page);
  expect(seen.length).toBeGreaterThan(1000);
  expect(seen).not.toContain(DEMO_API_KEY);
  expect(seen).toContain('Acme Robotics');
});

test('hostile markup in the CRM page and in API data stays text and never runs', async ({ context, world, configureExtension }) => {
  const acme = world.emulator.state.store.byDomain('acmerobotics.com')[0]!;
  world.emulator.controls.setAccount(acme.rtp_aid, { name: HOSTILE_NAME }); // before the first sync caches it
  await configureExtension();
  const page = await context.newPage();

  // from the API: the account's name
  await page.goto(ACME_URL);
  const panel = await panelLocator(page);
  await expect(panel.locator('.rl-title')).toHaveText(HOSTILE_NAME, { timeout: 15_000 });
  expect(await panel.locator('img, script, iframe, svg[onload]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

  // from the page: the hostile Salesforce record (name with markup, javascript: website)
  await page.goto(HOSTILE_URL);
  const shown = await readPanel(page);
  expect(shown).not.toBeNull();
  const hostile = await panelLocator(page); // a new page load: a new panel iframe
  const html = await hostile.innerHTML();
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('<script>window.__pwned');
  expect(await hostile.locator('img, script, iframe, a[href^="javascript"]').count()).toBe(0);
  const text = (await hostile.textContent()) ?? '';
  const inputs = await hostile.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  // the company name is shown (or prefilled) literally
  expect([text, ...inputs].some((t) => t.includes('Evil "Corp"'))).toBe(true);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('the panel page is web-accessible to CRM pages only: LinkedIn can neither frame nor fetch it', async ({ context, extensionId, configureExtension }) => {
  await configureExtension();
  const linkedinCase = (await loadSiteCases()).find((c) => c.adapterId === 'linkedin' && c.expect)!;
  const frameUrl = `chrome-extension://${extensionId}/panel-frame.html`;
  /** from the page's main world: a no-cors fetch of the panel page (blocked = not web-accessible) */
  const probe = (page: Page) =>
    page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then((r) => `loaded (${r.type})`, (e: unknown) => `blocked: ${String(e)}`), frameUrl);

  const crm = await context.newPage();
  await crm.goto(ACME_URL);
  expect((await readPanel(crm))?.name).toBe('Acme Robotics'); // the framed panel works here
  expect(await probe(crm)).toMatch(/^loaded/);

  const linkedin = await context.newPage();
  await linkedin.goto(linkedinCase.url);
  expect(await probe(linkedin)).toMatch(/^blocked/);
  // and the read-only LinkedIn script added no frame of ours
  expect(linkedin.frames().map((f) => f.url()).filter((u) => u.startsWith('chrome-extension://'))).toEqual([]);
});

test("a CRM page whose Content-Security-Policy forbids frames still shows the framed panel", async ({ context, world, configureExtension }) => {
  await configureExtension();
  const acmeCase = (await loadSiteCases()).find((c) => c.url === ACME_URL)!;
  // a strict policy of the kind Salesforce sends: no frames, no foreign scripts or connections
  const csp = "default-src 'self'; frame-src 'none'; child-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
  const html = (await readFile(acmeCase.file, 'utf8')).replace(/<head>/i, `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`);
  expect(html).toContain('frame-src');
  world.setPage(ACME_URL, html);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(ACME_URL);
  // the page's own frames are blocked by that policy...
  const blocked = await page.evaluate(async () => {
    const probe = document.createElement('iframe');
    probe.src = 'https://acme.lightning.force.com/lightning/page/home';
    document.body.append(probe);
    await new Promise((r) => setTimeout(r, 500));
    probe.remove();
    return true;
  });
  expect(blocked).toBe(true);
  // ...but the extension's panel page is exempt: the browser loads it for the content script
  expect((await readPanel(page))?.name).toBe('Acme Robotics');
  expect(violations.some((v) => v.includes('frame-src') || v.includes('child-src'))).toBe(true);
  expect(violations.some((v) => v.includes('panel-frame.html'))).toBe(false);
});
