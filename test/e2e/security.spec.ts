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
import { panelLocator, readPanel, readStoredKey, writeSettings } from './extension.ts';
import { watchIsolatedWorlds } from './isolated-world.ts';
import { monitorWorker } from './lib-activities.ts';
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
  const isolated = await watchIsolatedWorlds(page);
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

  // 3. the page frames our panel page itself. At the fixed URL it cannot (use_dynamic_url); at the
  // per-session URL (which a page has no way to learn; the test takes it from the content script)
  // its frame connects with a secret of its own, and the background refuses its lookups
  const dynamicFrameUrl = await (await isolated.world()).evaluate<string>("chrome.runtime.getURL('/panel-frame.html')");
  expect(dynamicFrameUrl).not.toContain(extensionId);
  const ROGUE = 'ab'.repeat(16);
  await page.evaluate(async ({ url, ctxUrl, secret }) => {
    const iframe = document.createElement('iframe');
    iframe.id = 'rogue';
    iframe.src = `${url}#${secret}`;
    await new Promise((r) => {
      iframe.onload = r;
      document.body.append(iframe);
    });
    const channel = new MessageChannel();
    iframe.contentWindow!.postMessage({ lens: secret }, '*', [channel.port2]);
    const context = { site: 'salesforce-lightning', url: ctxUrl, websites: ['https://www.globex-analytics.io'], emails: [], contacts: [] };
    iframe.contentWindow!.postMessage({ lens: secret, m: { type: 'context', context } }, '*');
  }, { url: dynamicFrameUrl, ctxUrl: ACME_URL, secret: ROGUE });
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

test('no page can fetch or frame a web-accessible resource at a fixed URL; LinkedIn not even at the dynamic one', async ({ context, extensionId, configureExtension }) => {
  await configureExtension();
  const linkedinCase = (await loadSiteCases()).find((c) => c.adapterId === 'linkedin' && c.expect)!;
  // every web-accessible resource the shipped manifest declares, at the extension's fixed URL
  const manifest = JSON.parse(await readFile('.output/chrome-mv3/manifest.json', 'utf8')) as { web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[] };
  const wars = (manifest.web_accessible_resources ?? []).flatMap((w) => w.resources.map((r) => ({ r, dynamic: w.use_dynamic_url === true })));
  expect(wars).toEqual([{ r: 'panel-frame.html', dynamic: true }]);
  /** from the page's main world: a no-cors fetch, and an iframe of the URL (does our page load in it?) */
  const probe = async (page: Page, url: string) => {
    const fetched = await page.evaluate((u) => fetch(u, { mode: 'no-cors' }).then((r) => `loaded (${r.type})`, (e: unknown) => `blocked: ${String(e)}`), url);
    await page.evaluate((u) => {
      const iframe = document.createElement('iframe');
      iframe.id = 'war-probe';
      iframe.src = u;
      document.body.append(iframe);
    }, url);
    const handle = await page.waitForSelector('#war-probe', { state: 'attached' });
    await page.waitForTimeout(1000);
    const frame = await handle.contentFrame();
    // our page has scripts (its React bundle); Chromium's "blocked" error page does not load them
    const ours = frame ? await frame.evaluate(() => !!document.querySelector('script[src*="panel-frame"], script[type="module"]')).catch(() => false) : false;
    await page.evaluate(() => document.getElementById('war-probe')?.remove());
    return { fetched, framed: ours ? `loaded (${frame?.url()})` : `blocked (${frame?.url() ?? 'no frame'})` };
  };

  const crm = await context.newPage();
  const isolated = await watchIsolatedWorlds(crm);
  await crm.goto(ACME_URL);
  expect((await readPanel(crm))?.name).toBe('Acme Robotics'); // the framed panel works here
  const dynamicUrl = await (await isolated.world()).evaluate<string>("chrome.runtime.getURL('/panel-frame.html')");
  for (const { r } of wars) {
    const fixed = `chrome-extension://${extensionId}/${r}`;
    const got = await probe(crm, fixed);
    expect(got.fetched, `${r} fetched at the fixed URL from a CRM page`).toMatch(/^blocked/);
    expect(got.framed, `${r} framed at the fixed URL from a CRM page`).toMatch(/^blocked/);
  }
  // only the per-session URL, which crm.js gets from runtime.getURL, loads (a page cannot guess it)
  expect(await probe(crm, dynamicUrl)).toEqual({ fetched: expect.stringMatching(/^loaded/), framed: expect.stringMatching(/^loaded/) });

  const linkedin = await context.newPage();
  await linkedin.goto(linkedinCase.url);
  for (const url of [`chrome-extension://${extensionId}/panel-frame.html`, dynamicUrl]) {
    const got = await probe(linkedin, url);
    expect(got.fetched, `${url} fetched from LinkedIn`).toMatch(/^blocked/);
    expect(got.framed, `${url} framed from LinkedIn`).toMatch(/^blocked/);
  }
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

/** Every request of the protocol (utils/messaging.ts), with a payload that passes its schema. */
const ATTACK_PAYLOADS: Record<string, unknown> = {
  lookupContext: { site: 'salesforce-lightning', url: ACME_URL, websites: ['https://www.globex-analytics.io'] },
  lookupQuery: { query: 'globex-analytics.io' },
  searchAccounts: { query: 'acme', limit: 5 },
  pinAccount: { context: { site: 'salesforce-lightning', url: ACME_URL, recordId: '001Hs0000000AbCdEI' }, rtpAid: 'x' },
  unpinAccount: { context: { site: 'salesforce-lightning', url: ACME_URL, recordId: '001Hs0000000AbCdEI' } },
  markSeen: { rtpAid: 'x' },
  addAccount: { domain: 'evil-added.example', name: 'Evil' },
  listSegments: {},
  getStatus: {},
  syncNow: { full: true },
  testConnection: { apiKey: 'x', baseUrl: 'https://eapi.recotap.com/api/v1' },
  saveApiKey: { apiKey: 'attacker-key' },
  clearLocalData: {},
  logActivity: { type: 'call', contactEmails: ['victim@acmerobotics.com'], domain: 'acmerobotics.com', title: 'x' },
  undoActivity: { id: 'x' },
  retryActivity: { id: 'x' },
  listActivities: {},
  setRepEmail: { email: 'attacker@evil.example' },
  getTabResult: {},
  dismissTabQuery: { tabId: 1 },
  openOptions: {},
  registerPanelFrame: { secret: 'c'.repeat(32) },
  listMovers: {},
  markMoversVisited: {},
  listTopMovers: { segmentId: 'x', days: 7 },
  unwatchAccount: { rtpAid: 'x' },
  showInSidePanel: { tabId: 1, query: 'acmerobotics.com' },
  listSuggestions: { limit: 20 },
  // pushes go the other way; a content script sending them reaches no handler
  accountUpdated: { url: ACME_URL, result: { state: 'not-found', domain: 'pwned.example' } },
  togglePanel: undefined,
  statusChanged: { configured: false },
  tabResultChanged: { tabId: 1 },
};

test('code in the content script\'s isolated world gets neither the key nor an API call beyond a record lookup', async ({ context, world, serviceWorker, configureExtension }) => {
  const { requestSchemas } = await import('../../utils/messaging-schemas.ts');
  expect(Object.keys(ATTACK_PAYLOADS)).toEqual(expect.arrayContaining(Object.keys(requestSchemas)));
  await configureExtension();
  const page = await context.newPage();
  const isolated = await watchIsolatedWorlds(page);
  await page.goto(ACME_URL);
  expect((await readPanel(page))?.name).toBe('Acme Robotics');
  const cs = await isolated.world();
  const logBefore = world.emulator.controls.requestLog.length;

  // 1. every storage API a content script has
  const storage = await cs.evaluate<Record<string, string>>(`(async () => {
    const out = {};
    const tryIt = async (name, fn) => { try { out[name] = JSON.stringify(await fn()) ?? 'undefined'; } catch (e) { out[name] = 'threw: ' + String(e); } };
    await tryIt('storage.local', () => chrome.storage.local.get(null));
    await tryIt('storage.sync', () => chrome.storage.sync.get(null));
    await tryIt('storage.session', () => chrome.storage.session.get(null));
    await tryIt('storage.managed', () => chrome.storage.managed.get(null));
    await tryIt('indexedDB.databases', () => indexedDB.databases());
    await tryIt('indexedDB secrets', () => new Promise((resolve, reject) => {
      const req = indexedDB.open('recotap-lens-secrets');
      req.onsuccess = () => { const db = req.result; const names = [...db.objectStoreNames]; db.close(); indexedDB.deleteDatabase('recotap-lens-secrets'); resolve({ origin: location.origin, stores: names }); };
      req.onerror = () => reject(req.error);
    }));
    await tryIt('localStorage', () => ({ ...localStorage }));
    await tryIt('sessionStorage', () => ({ ...sessionStorage }));
    await tryIt('caches', () => caches.keys());
    await tryIt('cookie', () => document.cookie);
    return out;
  })()`);
  for (const [api, seen] of Object.entries(storage)) expect(seen, api).not.toContain(DEMO_API_KEY);
  expect(storage['storage.local']).toContain('repEmail'); // the area is readable (that is the point): the key is just not there
  expect(storage['storage.session']).toMatch(/^threw|^\{\}$/); // TRUSTED_CONTEXTS: never opened to content scripts
  expect(JSON.parse(storage['indexedDB secrets']!)).toEqual({ origin: 'https://acme.lightning.force.com', stores: [] });

  // 2. every message of the protocol, in @webext-core/messaging's wire format
  const answers = await cs.evaluate<Record<string, string>>(`(async () => {
    const payloads = ${JSON.stringify(ATTACK_PAYLOADS)};
    const out = {};
    let id = 1000;
    for (const [type, data] of Object.entries(payloads)) {
      try {
        const res = await Promise.race([
          chrome.runtime.sendMessage({ id: id++, type, data, timestamp: Date.now() }),
          new Promise((r) => setTimeout(() => r('no answer in 5 s'), 5000)),
        ]);
        out[type] = JSON.stringify(res) ?? 'undefined';
      } catch (e) {
        out[type] = 'threw: ' + String(e);
      }
    }
    return out;
  })()`);
  for (const [type, answer] of Object.entries(answers)) expect(answer, type).not.toContain(DEMO_API_KEY);
  // everything beyond a lookup is refused by the sender check (utils/background/sender.ts)
  for (const type of Object.keys(requestSchemas).filter((t) => t !== 'lookupContext' && t !== 'registerPanelFrame')) {
    expect(answers[type], type).toMatch(/Message rejected/);
  }
  expect(answers.lookupContext).toContain('"state"');

  // 3. runtime.connect: a port of any other name gets no answer; the request port
  // (utils/port-requests.ts) answers only what the sender check lets this content script send as a
  // message (a lookup), and carries no other request at all
  const ports = await cs.evaluate<{ other: Record<string, string>; requests: Record<string, string> }>(`(async () => {
    const payloads = ${JSON.stringify(ATTACK_PAYLOADS)};
    const tryPort = (name, entries) => new Promise((resolve) => {
      const p = chrome.runtime.connect({ name });
      const got = {};
      p.onMessage.addListener((m) => { got[entries[(m && m.id) - 1]?.[0] ?? 'unknown'] = JSON.stringify(m); });
      p.onDisconnect.addListener(() => resolve(got));
      entries.forEach(([type, data], i) => p.postMessage({ id: i + 1, type, data, timestamp: Date.now() }));
      setTimeout(() => { p.disconnect(); resolve(got); }, 3000);
    });
    return {
      other: await tryPort('recotap-lens', [['saveApiKey', {}], ['getStatus', {}], ['testConnection', {}]]),
      requests: await tryPort('lens-requests', Object.entries(payloads)),
    };
  })()`);
  expect(ports.other).toEqual({});
  expect(JSON.stringify(ports)).not.toContain(DEMO_API_KEY);
  expect(ports.requests.lookupContext).toContain('"state"');
  expect(ports.requests.searchAccounts).toMatch(/Message rejected/);
  for (const type of Object.keys(requestSchemas).filter((t) => t !== 'lookupContext' && t !== 'searchAccounts')) {
    expect(ports.requests[type], type).toMatch(/is not available on this port/);
  }

  // what reached Recotap on the attacker's behalf: record lookups (GET /accounts) and nothing else
  await page.waitForTimeout(1000);
  const made = world.emulator.controls.requestLog.slice(logBefore).filter((r) => r.path.startsWith('/api/v1/'));
  expect(made.filter((r) => !(r.method === 'GET' && r.path === '/api/v1/accounts')), JSON.stringify(made)).toEqual([]);
  // and nothing the attacker sent changed the rep's settings or the key
  expect(await readStoredKey(serviceWorker)).toBe(DEMO_API_KEY);
  expect((await serviceWorker.evaluate(() => chrome.storage.local.get('repEmail'))).repEmail).not.toBe('attacker@evil.example');
});

test('a page on a host that is not a supported site gets no content script at all', async ({ context, configureExtension }) => {
  await configureExtension();
  const page = await context.newPage();
  const isolated = await watchIsolatedWorlds(page);
  // the Recotap API host is mapped by the world but matched by no content script
  await page.goto('https://eapi.recotap.com/');
  await page.waitForTimeout(1500);
  expect(isolated.names()).toEqual([]);
  expect(await page.evaluate(() => document.querySelector('recotap-lens-panel'))).toBeNull();
  // the same probe sees our world on a CRM page (so the empty list above means something)
  await page.goto(ACME_URL);
  await isolated.world();
  expect(isolated.names()).toContain('Recotap Lens');
});

test('after an upgrade from the storage.local layout the key works, sits only in the secrets store, and no content script can read it', async ({ context, world, extensionId, serviceWorker }) => {
  // the previous version's layout: the key in storage.local, next to the other settings
  await writeSettings(serviceWorker, { apiKey: 'placeholder', repEmail: 'rep@example.com' });
  await serviceWorker.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('recotap-lens-secrets', 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('secrets', 'readwrite');
    tx.objectStore('secrets').delete('apiKey');
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
    await chrome.storage.local.set({ apiKey: key });
  }, DEMO_API_KEY);
  // a new worker starts on that layout (as after an update), and migrates it
  const optionsPage = await context.newPage();
  await optionsPage.goto(`chrome-extension://${extensionId}/options.html`);
  const monitor = await monitorWorker(optionsPage, extensionId);
  await monitor.stop();
  const page = await context.newPage();
  const isolated = await watchIsolatedWorlds(page);
  await page.goto(ACME_URL);
  expect((await readPanel(page))?.name).toBe('Acme Robotics'); // the key works
  expect(world.emulator.controls.requestLog.some((r) => r.path.startsWith('/api/v1/') && r.status === 200)).toBe(true);
  const sw = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))!;
  expect(await readStoredKey(sw)).toBe(DEMO_API_KEY);
  const local = await sw.evaluate(() => chrome.storage.local.get(null));
  expect(local.apiKey).toBeUndefined();
  expect(JSON.stringify(local)).not.toContain(DEMO_API_KEY);
  // what a content script can open holds no copy
  const seen = await (await isolated.world()).evaluate<string>(`(async () => JSON.stringify([
    await chrome.storage.local.get(null),
    await chrome.storage.sync.get(null),
    await chrome.storage.session.get(null).catch((e) => String(e)),
  ]))()`);
  expect(seen).not.toContain(DEMO_API_KEY);
  await monitor.detach();
});
