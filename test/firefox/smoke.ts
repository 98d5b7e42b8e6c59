/**
 * Firefox smoke test (first cut): firefox-esr over WebDriver BiDi with puppeteer-core
 * (toolchain.md §4.4). Installs .output/firefox-mv2 as a temporary add-on, then checks that the
 * extension's background reaches the local API emulator at https://eapi.recotap.com through a
 * CONNECT proxy (Firefox's stand-in for Chromium's host-resolver rules), and that the in-page
 * panel shows the right account on a Salesforce fixture. Exits non-zero on any failure.
 *
 * Run: npx wxt build -b firefox && npx tsx test/firefox/smoke.ts
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEMO_API_KEY, DEMO_COMPANIES, DEMO_REP } from '../emulator/index.ts';
import { loadSiteCases } from '../e2e/site-cases.ts';
import { startWorld, type World } from '../e2e/world.ts';
import { ADDON_ID, FIREFOX_BUILD, ROOT, launchFirefox, openExtensionPage, readFirefoxPanel, writeFirefoxSettings } from './launch.ts';

const DEADLINE_MS = 90_000;

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

async function run(world: World): Promise<void> {
  check(existsSync(path.join(FIREFOX_BUILD, 'manifest.json')), `Firefox build exists at ${path.relative(ROOT, FIREFOX_BUILD)} (npx wxt build -b firefox)`);
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

    // configured as the options page would store it, a Salesforce record shows its account
    await writeFirefoxSettings(page, { apiKey: DEMO_API_KEY, repEmail: DEMO_REP.email });
    const sf = (await loadSiteCases()).find((c) => c.adapterId === 'salesforce-lightning' && c.file.endsWith('/account.html'));
    check(sf, 'the Salesforce Lightning account fixture exists');
    const acme = DEMO_COMPANIES.find((c) => c.key === 'acme')!;
    const record = await firefox.browser.newPage();
    await record.goto(sf.url, { waitUntil: 'load' });
    const shown = await readFirefoxPanel(record);
    check(shown?.name === acme.name && shown.score.startsWith(String(acme.score)), `the in-page panel on ${new URL(sf.url).host} shows ${acme.name} (${shown?.score ?? 'no panel'})`);
  } finally {
    await firefox.close();
  }
}

async function main(): Promise<number> {
  const world = await startWorld({ cases: await loadSiteCases() });
  const timer = setTimeout(() => {
    console.error(`FAILED: the smoke test took longer than ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    await run(world);
    console.log('Firefox smoke test passed.');
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 1;
  } finally {
    clearTimeout(timer);
    await world.close();
  }
}

process.exit(await main());
