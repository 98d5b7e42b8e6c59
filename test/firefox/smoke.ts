/**
 * Firefox smoke test: firefox-esr over WebDriver BiDi with puppeteer-core (toolchain.md §4.4).
 * Installs .output/firefox-mv2 as a temporary add-on, then checks that the background reaches the
 * local API emulator at https://eapi.recotap.com through a CONNECT proxy (Firefox's stand-in for
 * Chromium's host-resolver rules), that the in-page panel shows the right account on a Salesforce
 * fixture, that Settings → Connect refuses a wrong key and saves the right one, that the popup's lookup finds an account, and that an activity logged from an extension
 * page reaches the emulator exactly once. Prints a summary line; exits non-zero on any failure.
 *
 * Run: npm run test:firefox (or: npx wxt build -b firefox --mv2 && npx tsx test/firefox/smoke.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_API_KEY, DEMO_COMPANIES, DEMO_REP } from '../emulator/index.ts';
import { expectedCompany, isPlainScoredCompany } from '../e2e/expectations.ts';
import { loadSiteCases } from '../e2e/site-cases.ts';
import { startWorld, type World } from '../e2e/world.ts';
import type { Browser, Page } from 'puppeteer-core';
import { runFirefoxTour } from '../../scripts/lib/firefox-tour.ts';
import { pickTour } from '../../scripts/lib/tour.ts';
import { askFirefoxBackground, lookUpInPopup, quickLogInPanel } from './extension-page.ts';
import {
  ADDON_ID, FIREFOX_BUILD, clickInWindow, PANEL_FRAME_URL, ROOT, launchFirefox, openExtensionPage, pollIn, readFirefoxPanel, readFirefoxStoredKey, setFirefoxViewport, settledBoxInWindow, waitInPanel, writeFirefoxSettings,
} from './launch.ts';

// a watchdog, not an assertion: a run takes ~45 s here; a hung browser must not hang `npm test`
const DEADLINE_MS = 120_000;
let passed = 0;

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`FAILED: ${what}`);
  passed++;
  console.log(`ok - ${what}`);
}

/** Polls `fn` until it returns true or `timeoutMs` passes. */
async function pollUntil(fn: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

type Activity = Record<string, unknown>;
const contactsOf = (a: Activity) => JSON.stringify(a.contacts ?? []);

/**
 * The compact panel in Firefox's panel iframe: at 1024×700 it starts as a pill flush with the right
 * edge; expanded, its header and quick-log row show without scrolling, inside the window.
 */
async function checkCompactPanel(page: Page): Promise<void> {
  await setFirefoxViewport(page, 1024, 700);
  await page.reload({ waitUntil: 'load' });
  await pollIn(page, () => innerWidth === 1024, null, 5_000);
  // no helper functions inside evaluated code: tsx's __name() wrappers do not exist in the page
  const collapsed = await waitInPanel(page, (framed: boolean) => framed && !!document.querySelector('.rl-collapsed-btn'), null, 20_000);
  const pillBox = collapsed ? await settledBoxInWindow(page, collapsed.scope.frame, '.rl-collapsed-btn') : null;
  check(pillBox && Math.round(pillBox.x + pillBox.width) === 1024, `at 1024×700 the panel starts as a pill at the window's right edge (${JSON.stringify(pillBox ?? null)})`);
  await clickInWindow(page, collapsed!.scope.frame, '.rl-collapsed-btn');
  const expanded = await waitInPanel(page, (framed: boolean) => framed && !!document.querySelector('[role="group"][aria-label="Quick log"]'), null, 15_000);
  const frame = expanded?.scope.frame;
  const fit = await frame?.evaluate(() => {
    const row = document.querySelector('[role="group"][aria-label="Quick log"]')?.getBoundingClientRect();
    const box = document.querySelector('.rl-panel-box')?.getBoundingClientRect();
    const scroll = document.querySelector('.rl-body')?.scrollTop ?? -1;
    if (!row || !box) return null;
    return { inside: row.top >= box.top && row.bottom <= box.bottom, scroll };
  });
  const row = frame ? await settledBoxInWindow(page, frame, '[role="group"][aria-label="Quick log"]') : null;
  const win = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  const inWindow = !!row && row.y + row.height <= win.height && row.x + row.width <= win.width;
  check(
    fit?.inside === true && fit.scroll === 0 && inWindow,
    `the expanded compact panel shows the quick-log row without scrolling at 1024×700 (${JSON.stringify({ ...fit, bottom: row && Math.round(row.y + row.height), inWindow })})`,
  );
  await setFirefoxViewport(page, 1280, 800);
}

/**
 * What the CRM page itself can do about the panel: nothing. crm.js's iframe is in a closed shadow
 * root (not in window.frames either), and panel-frame.html is not web-accessible in Firefox: the
 * page can neither fetch it nor frame it (only crm.js's own iframe loads it).
 */
async function checkPageCannotReachPanel(page: Page): Promise<void> {
  const seen = await page.evaluate(
    async (url: string) => ({
      shadowRoot: document.querySelector('recotap-lens-panel')?.shadowRoot === null,
      frames: window.frames.length,
      fetched: await fetch(`${url}${'f'.repeat(32)}`).then((r) => `status ${r.status}`, () => 'refused'),
    }),
    PANEL_FRAME_URL,
  );
  check(seen.shadowRoot && seen.frames === 0 && seen.fetched === 'refused', `the CRM page cannot see the panel's iframe nor fetch panel-frame.html (${JSON.stringify(seen)})`);
  await page.evaluate((url: string) => {
    const probe = document.createElement('iframe');
    probe.id = 'smoke-probe';
    probe.src = `${url}${'f'.repeat(32)}`;
    document.body.append(probe);
  }, PANEL_FRAME_URL);
  await new Promise((r) => setTimeout(r, 1500));
  const hrefs = await Promise.all(page.frames().map((f) => f.evaluate(() => location.href).catch(() => 'unreadable')));
  const loaded = hrefs.filter((h) => h.startsWith(PANEL_FRAME_URL));
  check(loaded.length === 1 && !loaded[0]!.endsWith('f'.repeat(32)), `a panel-frame.html the page frames itself does not load (${loaded.length} panel documents; the page's frame: ${hrefs.at(-1)})`);
  await page.evaluate(() => document.getElementById('smoke-probe')?.remove());
}

/** The in-page panel (account and contact pages), its quick log, the popup lookup and a view-logged activity. */
async function checkPanelsPopupAndActivities(world: World, browser: Browser): Promise<void> {
  const cases = (await loadSiteCases()).filter((c) => c.adapterId === 'salesforce-lightning');
  const sf = cases.find((c) => c.file.endsWith('/account.html'));
  const sfContact = cases.find((c) => c.file.endsWith('/contact.html'));
  check(sf && sfContact, 'the Salesforce Lightning account and contact fixtures exist');
  const acme = DEMO_COMPANIES.find((c) => c.key === 'acme')!;
  const record = await browser.newPage();
  // a wide window: below 1100 CSS px the panel starts as a pill (checked below)
  await setFirefoxViewport(record, 1280, 800);
  await record.goto(sf.url, { waitUntil: 'load' });
  const shown = await readFirefoxPanel(record);
  check(
    shown?.framed && shown.name === acme.name && shown.score.startsWith(String(acme.score)),
    `the in-page panel on ${new URL(sf.url).host} shows ${acme.name}, in the extension's panel iframe (${shown ? `${shown.score}, framed: ${shown.framed}` : 'no panel'})`,
  );
  await checkPageCannotReachPanel(record);

  // a contact record: its panel's one-click "E-mail sent" logs for the contact on the page
  const dana = 'dana.whitfield@acmerobotics.com';
  await record.goto(sfContact.url, { waitUntil: 'load' });
  const onContact = await readFirefoxPanel(record);
  check(onContact?.framed && onContact.name === acme.name, `the panel on the Salesforce contact page shows ${acme.name} (${onContact?.name ?? 'no panel'})`);
  const toast = await quickLogInPanel(record, 'E-mail sent');
  check(toast?.includes('Logged E-mail — '), `the panel's quick log "E-mail sent" confirms (${toast ?? 'no confirmation'})`);
  await checkCompactPanel(record);

  // the popup (popup.html in a tab): type a domain, Enter, the account opens with its score
  const popup = await browser.newPage();
  await openExtensionPage(popup, 'popup.html');
  // issue #17: the Movers tab beside Search
  const moversTab = await pollIn(popup, (sel: string) => document.querySelector(sel)?.textContent ?? '', '#rl-tab-movers', 15_000);
  check(!!moversTab?.startsWith('Movers'), `the popup shows the Movers tab beside Search (${moversTab ?? 'none'})`);
  const found = await lookUpInPopup(popup, acme.domain);
  check(
    found?.name === acme.name && new RegExp(`^${acme.score}\\b`).test(found.score),
    `the popup lookup of ${acme.domain} shows ${acme.name} with score ${acme.score} (${found ? `${found.name}, ${found.score}` : 'nothing'})`,
  );

  // an activity logged from an extension page in the views' wire format
  const subject = `firefox-smoke-${Date.now()}`;
  const buyer = `buyer@${acme.domain}`;
  const draft = { activityType: 'email', domain: acme.domain, occurredAt: new Date().toISOString(), subject, openCount: 1, contacts: [{ email: buyer }] };
  const logged = await askFirefoxBackground<{ ok: boolean; activity?: { id: string } }>(popup, 'logActivity', draft);
  check(logged.ok && logged.activity, `logActivity from the popup page is accepted (${logged.ok ? logged.activity?.id : JSON.stringify(logged).slice(0, 160)})`);

  // both reach the emulator after the outbox's undo window (5 s), each exactly once
  const fromPanel = () => world.emulator.controls.activities().filter((a) => contactsOf(a).includes(dana));
  const fromPage = () => world.emulator.controls.activities().filter((a) => a.subject === subject);
  await pollUntil(() => fromPanel().length > 0 && fromPage().length > 0, 30_000);
  await new Promise((r) => setTimeout(r, 1000)); // a duplicate would arrive right behind
  const [p] = fromPanel();
  check(
    fromPanel().length === 1 && p?.activityType === 'email',
    `the emulator received the panel's activity exactly once (${fromPanel().length} for ${dana}${p ? `, ${String(p.activityType)}` : ''})`,
  );
  const [m] = fromPage();
  check(
    fromPage().length === 1 && m?.externalActivityId === logged.activity.id && m.activityType === 'email' && contactsOf(m).includes(buyer),
    `the emulator received the popup's activity exactly once, as logged (${fromPage().length} with subject ${subject})`,
  );
  check(world.emulator.controls.activities().length === 2, `and nothing else (${world.emulator.controls.activities().length} activities in all)`);
}

/** Settings → Connect: the wrong key gets Recotap's rejection and is not saved; the demo key connects and is saved. */
async function connectInSettings(world: World, browser: Browser): Promise<void> {
  const settings = await browser.newPage();
  await openExtensionPage(settings, 'options.html');
  // no helper functions inside evaluated code: tsx's __name() wrappers do not exist in the page
  const connectWith = (key: string) =>
    settings.evaluate(async (value: string) => {
      const input = document.querySelector<HTMLInputElement>('input[type="password"]');
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Connect');
      if (!input || !button) return 'no key box or Connect button';
      // React tracks the value through the native setter
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
      button.click();
      return 'clicked';
    }, key);
  const readResult = () =>
    settings.evaluate(() => {
      const s = [...document.querySelectorAll('section')].find((x) => x.querySelector('h2')?.textContent === 'Connect to Recotap');
      return s?.querySelector('[role="status"]')?.textContent ?? '';
    });
  /** the result line once it is there (and, when given, passes `done`) */
  const result = async (done: (text: string) => boolean = () => true): Promise<string> => {
    for (let i = 0; i < 60; i++) {
      const text = await readResult();
      if (text !== '' && done(text)) return text;
      await new Promise((r) => setTimeout(r, 250));
    }
    return (await readResult()) || 'no result';
  };
  // the secrets database (extension origin's IndexedDB); 'LEAKED…' if storage.local has a copy
  const storedKey = () => readFirefoxStoredKey(settings);
  check((await connectWith('rtp_not_a_real_key')) === 'clicked', 'Settings has the key box and the Connect button');
  const refused = await result();
  check(refused.startsWith('Recotap rejected this API key.'), `Connect with a wrong key is refused (${refused})`);
  check((await storedKey()) === null, 'and the wrong key is not saved');
  await connectWith(DEMO_API_KEY);
  const connected = await result((text) => !text.startsWith('Recotap rejected'));
  check(/^Connected: your team has \d+ accounts in Recotap\.$/.test(connected), `Connect with the demo key connects (${connected})`);
  check((await storedKey()) === DEMO_API_KEY, 'and saves the key in the extension origin IndexedDB only (not storage.local)');
  check(world.emulator.controls.requestLog.some((r) => r.path === '/api/v1/accounts' && r.status === 401), 'the emulator saw the wrong key (401)');
  await settings.close();
}

/** LinkedIn's opt-in in-page panel: off by default, on → the CRM script registered at runtime shows the account, off → gone. */
async function checkLinkedInOptIn(browser: Browser, settingsPage: Page): Promise<void> {
  const li = (await loadSiteCases()).find((c) => c.adapterId === 'linkedin' && isPlainScoredCompany(expectedCompany(c)));
  check(li, 'a LinkedIn fixture of a scored demo company exists');
  const acme = expectedCompany(li)!;
  const page = await browser.newPage();
  await setFirefoxViewport(page, 1280, 800); // wide: the panel starts expanded
  await page.goto(li.url, { waitUntil: 'load' });
  check((await readFirefoxPanel(page, 3000)) === null, 'by default LinkedIn gets no in-page panel (side panel only)');
  const state = () =>
    settingsPage.evaluate(async () => {
      type Local = { get(k: string): Promise<Record<string, { active?: boolean; error?: string | null } | undefined>> };
      const ext = (globalThis as unknown as { browser: { storage: { local: Local } } }).browser;
      return (await ext.storage.local.get('linkedinInPage')).linkedinInPage ?? null;
    });
  const setSurface = (surface: 'in-page' | 'side-panel') =>
    settingsPage.evaluate(async (value: string) => {
      const ext = (globalThis as unknown as { browser: { storage: { local: { set(v: unknown): Promise<void> } } } }).browser;
      await ext.storage.local.set({ sitePrefs: { linkedin: { surface: value } } });
    }, surface);
  await setSurface('in-page');
  let st: Awaited<ReturnType<typeof state>> = null;
  for (let i = 0; i < 50 && !st?.active; i++) {
    st = await state();
    if (!st?.active) await new Promise((r) => setTimeout(r, 200));
  }
  check(st?.active === true, `opting in registers the in-page panel script for LinkedIn with browser.scripting (${JSON.stringify(st)})`);
  await page.reload({ waitUntil: 'load' });
  const shown = await readFirefoxPanel(page);
  check(
    shown?.framed === false && shown.name === acme.name,
    `after a reload the LinkedIn company page shows ${acme.name} in the page, in its shadow root (${shown ? `${shown.name}, framed: ${shown.framed}` : 'no panel'})`,
  );
  await setSurface('side-panel');
  for (let i = 0; i < 50 && st?.active; i++) {
    st = await state();
    if (st?.active) await new Promise((r) => setTimeout(r, 200));
  }
  await page.reload({ waitUntil: 'load' });
  check(st?.active === false && (await readFirefoxPanel(page, 3000)) === null, 'opting out unregisters it: no panel after a reload');
  await page.close();
}

/** A Salesforce record page with nothing readable: "Couldn't read this record", search, pin (issue #15). */
async function checkUnreadableRecord(world: World, browser: Browser): Promise<void> {
  const url = 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000077UnReAD/view';
  world.setPage(
    url,
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Salesforce</title></head><body><div class="oneCenterStage">' +
      '<div class="windowViewMode-normal oneContent active lafPageHost"><one-record-home-flexipage2><c-custom-view><p>Loading…</p></c-custom-view>' +
      '</one-record-home-flexipage2></div></div></body></html>',
  );
  const page = await browser.newPage();
  await setFirefoxViewport(page, 1280, 800); // wide: the panel starts expanded
  await page.goto(url, { waitUntil: 'load' });
  // no helper functions inside evaluated code: tsx's __name() wrappers do not exist in the page
  const unreadable = await waitInPanel(page, (framed: boolean) => framed && (document.querySelector('.rl-unreadable')?.textContent ?? ''), null, 20_000);
  const text = unreadable?.value || '';
  check(text.includes('Couldn’t read this record') && !text.includes('not in Recotap'), `an unreadable record says "Couldn’t read this record", not "not in Recotap" (${text.slice(0, 60) || 'no panel'})`);
  const frame = unreadable?.scope.frame ?? page.mainFrame();
  await (await frame.$('input[type="search"]'))?.type('Acme');
  const pick = await pollIn(frame, (sel: string) => !!document.querySelector(sel), '.rl-pick', 10_000);
  check(pick, 'its inline search finds the account');
  await clickInWindow(page, frame, '.rl-pick');
  const pinned = await readFirefoxPanel(page, 10_000);
  check(pinned?.framed && pinned.name === 'Acme Robotics', `picking it pins the record to the account (${pinned?.name ?? 'no account shown'})`);
  await page.close();
}

/**
 * A CRM page whose Content-Security-Policy forbids frames (as Salesforce's may) blocks its own
 * frames, yet crm.js's panel iframe loads: Firefox exempts loads a content script triggers.
 */
async function checkStrictCsp(world: World, browser: Browser): Promise<void> {
  const sf = (await loadSiteCases()).find((c) => c.adapterId === 'salesforce-lightning' && c.file.endsWith('/account.html'));
  check(sf, 'the Salesforce Lightning account fixture exists');
  const csp = "default-src 'self'; frame-src 'none'; child-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
  const html = readFileSync(sf.file, 'utf8').replace(/<head>/i, `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`);
  const url = `${sf.url}?csp=strict`;
  world.setPage(url, html);
  const page = await browser.newPage();
  await setFirefoxViewport(page, 1280, 800); // wide: the panel starts expanded
  await page.goto(url, { waitUntil: 'load' });
  const shown = await readFirefoxPanel(page);
  // the policy is in force: a same-origin frame the page adds itself stays empty
  await page.evaluate(() => {
    const probe = document.createElement('iframe');
    probe.src = '/lightning/page/home';
    document.body.append(probe);
  });
  await new Promise((r) => setTimeout(r, 1000));
  const hrefs = await Promise.all(page.frames().map((f) => f.evaluate(() => location.href).catch(() => 'unreadable')));
  const ownFrameLoaded = hrefs.some((h) => h.includes('/lightning/page/home'));
  check(
    !ownFrameLoaded && shown?.framed && shown.name === 'Acme Robotics',
    `a CRM page whose CSP forbids frames blocks its own frame (${ownFrameLoaded ? 'loaded' : 'blocked'}) yet shows the framed panel (${shown ? `${shown.name}, framed: ${shown.framed}` : 'no panel'})`,
  );
  await page.close();
}

/** Outlook on the web: an opened conversation's participants name the account (issue #16). */
async function checkOutlookMessage(browser: Browser): Promise<void> {
  const c = (await loadSiteCases()).find((x) => x.adapterId === 'outlook' && x.file.endsWith('/conversation.html'));
  check(c, 'the Outlook conversation fixture exists');
  const page = await browser.newPage();
  await setFirefoxViewport(page, 1280, 800); // wide: the panel starts expanded
  await page.goto(c.url, { waitUntil: 'load' });
  const shown = await readFirefoxPanel(page, 20_000);
  check(shown?.framed && shown.name === 'Acme Robotics', `the panel on an Outlook conversation (${new URL(c.url).host}) shows Acme Robotics, framed (${shown?.name ?? 'no panel'})`);
  await page.close();
}

/** Dynamics: the record's website comes from the page origin's Web API (content.fetch), once (issue #16). */
async function checkDynamicsApi(world: World, browser: Browser): Promise<void> {
  const c = (await loadSiteCases()).find((x) => x.adapterId === 'dynamics' && x.file.endsWith('/account-no-website.html'));
  check(c, 'the Dynamics form without a website exists');
  const before = world.dynamicsApiRequests.length;
  const page = await browser.newPage();
  await setFirefoxViewport(page, 1280, 800); // wide: the panel starts expanded
  await page.goto(c.url, { waitUntil: 'load' });
  const shown = await readFirefoxPanel(page, 20_000);
  const text = (await waitInPanel(page, (framed: boolean) => framed && (document.querySelector('aside')?.textContent ?? ''), null, 5_000))?.value || '';
  check(shown?.name === 'Globex Analytics' && text.includes('Matched: Dynamics record data'), `a Dynamics form without a website is matched by the Web API's record data (${shown?.name ?? 'no panel'})`);
  const asked = world.dynamicsApiRequests.slice(before);
  check(asked.length === 1 && asked[0]!.odataVersion === '4.0', `with exactly one Web API request (${asked.length})`);
  await page.close();
}

/** `npm run demo -- --firefox`'s tour (scripts/lib/firefox-tour.ts): each stop shows its own demo company. */
async function checkDemoTour(browser: Browser): Promise<void> {
  const stops = pickTour(await loadSiteCases());
  const results = await runFirefoxTour(browser, stops, null);
  const seen = results.map((r, i) => `${r.site}: ${r.shown?.name ?? 'no panel'} (want ${expectedCompany(stops[i]!.case)?.name ?? '?'})`);
  check(
    results.length === 5 && results.every((r, i) => !!r.shown && r.shown.name === expectedCompany(stops[i]!.case)?.name),
    `the Firefox demo tour shows every stop's account (${seen.join('; ')})`,
  );
}

async function run(world: World): Promise<void> {
  check(existsSync(path.join(FIREFOX_BUILD, 'manifest.json')), `Firefox build exists at ${path.relative(ROOT, FIREFOX_BUILD)} (npm run build:firefox)`);
  // MV2 cannot limit a web-accessible resource to some sites (LinkedIn must get none), and the panel
  // iframe needs none: crm.js sets its src, so it loads with the content script's principal
  const manifest = JSON.parse(readFileSync(path.join(FIREFOX_BUILD, 'manifest.json'), 'utf8')) as { web_accessible_resources?: unknown };
  check(
    manifest.web_accessible_resources === undefined && existsSync(path.join(FIREFOX_BUILD, 'panel-frame.html')),
    'the Firefox build exposes no web-accessible resource and ships the panel iframe page',
  );
  // the panel (React) renders in the iframe: crm.js has none of it; the LinkedIn opt-in script
  // renders the same panel with preact/compat (preact-compat.ts), so it carries no React either
  const script = (file: string) => readFileSync(path.join(FIREFOX_BUILD, 'content-scripts', file), 'utf8');
  const hasReact = (file: string) => /react\.transitional\.element|__reactFiber/.test(script(file));
  check(!hasReact('crm.js'), 'crm.js carries no React (the panel renders in its iframe)');
  check(!hasReact('inpage.js') && script('inpage.js').includes('.rl-root'), 'inpage.js (LinkedIn opt-in) carries the panel, rendered with Preact: no React or React DOM');
  const firefox = await launchFirefox(world);
  try {
    check(firefox.addonId === ADDON_ID, `the add-on installs with id ${ADDON_ID} (got ${firefox.addonId})`);

    const page = await firefox.browser.newPage();
    await openExtensionPage(page, 'popup.html');
    const reply = await page.evaluate(async (key: string) => {
      type Ext = { runtime: { getBackgroundPage(): Promise<Window & typeof globalThis> } };
      const bg = await (globalThis as unknown as { browser: Ext }).browser.runtime.getBackgroundPage();
      const res = await bg.fetch('https://eapi.recotap.com/api/v1/accounts?limit=2', { headers: { 'X-Api-Key': key } });
      const body = (await res.json()) as { data?: { data?: unknown[] } };
      return { status: res.status, rows: body.data?.data?.length ?? -1 };
    }, DEMO_API_KEY);
    check(reply.status === 200 && reply.rows === 2, `the background fetches https://eapi.recotap.com/api/v1/accounts (status ${reply.status}, ${reply.rows} rows)`);
    check(
      world.emulator.controls.requestLog.some((r) => r.path === '/api/v1/accounts' && r.search === '?limit=2' && r.status === 200),
      'the emulator logged that request',
    );
    check(firefox.proxy.tunnelled.includes('eapi.recotap.com'), 'it went through the host-mapping proxy');
    // MV2 on Firefox still has storage.session (115+): the toolbar keeps per-tab results there
    const session = await page.evaluate(async () => {
      type Area = { set(v: unknown): Promise<void>; get(k: string): Promise<Record<string, unknown>>; remove(k: string): Promise<void> };
      const area = (globalThis as unknown as { browser: { storage: { session?: Area } } }).browser.storage.session;
      if (!area) return 'missing';
      await area.set({ 'smoke.probe': 1 });
      const got = (await area.get('smoke.probe'))['smoke.probe'];
      await area.remove('smoke.probe');
      return got === 1 ? 'works' : 'broken';
    });
    check(session === 'works', `browser.storage.session works in the MV2 build (${session})`);

    // Connect through the real Settings page: a wrong key is refused and saves nothing, the right one connects
    await connectInSettings(world, firefox.browser);
    // the rep e-mail as Settings stores it; Salesforce records show their account
    await writeFirefoxSettings(page, { apiKey: DEMO_API_KEY, repEmail: DEMO_REP.email });
    await checkPanelsPopupAndActivities(world, firefox.browser);
    await checkStrictCsp(world, firefox.browser);
    await checkOutlookMessage(firefox.browser);
    await checkDynamicsApi(world, firefox.browser);
    await checkUnreadableRecord(world, firefox.browser);
    await checkDemoTour(firefox.browser);
    await checkLinkedInOptIn(firefox.browser, page);
  } finally {
    await firefox.close();
  }
}

async function main(): Promise<number> {
  const world = await startWorld({ cases: await loadSiteCases() });
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const timer = setTimeout(() => {
    console.error(`FAILED: the smoke test took longer than ${DEADLINE_MS / 1000} s`);
    console.error(`Firefox smoke test: FAILED after ${passed} checks passed (${seconds()} s)`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    await run(world);
    console.log(`Firefox smoke test: all ${passed} checks passed (${seconds()} s)`);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    console.error(`Firefox smoke test: FAILED after ${passed} checks passed (${seconds()} s)`);
    return 1;
  } finally {
    clearTimeout(timer);
    await world.close();
  }
}

process.exit(await main());
