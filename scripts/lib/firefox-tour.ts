/**
 * The demo tour in firefox-esr (puppeteer-core over WebDriver BiDi): the same pages as in
 * Chromium, read from the in-page panel; LinkedIn from the side panel page (Firefox's sidebar).
 */
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { DEMO_API_KEY, DEMO_REP } from '../../test/emulator/index.ts';
import { ADDON_UUID, openExtensionPage, pollIn, readFirefoxPanel, setFirefoxViewport, writeFirefoxSettings } from '../../test/firefox/launch.ts';
import type { ShownAccount } from '../../test/e2e/extension.ts';
import type { TourStop } from './tour.ts';

export interface FirefoxStopResult {
  site: string;
  url: string;
  shown: ShownAccount | null;
}

/** Configures the add-on with the demo key (storage write from its options page). */
export async function configureFirefox(browser: Browser): Promise<void> {
  const page = await browser.newPage();
  await openExtensionPage(page, 'options.html');
  await writeFirefoxSettings(page, { apiKey: DEMO_API_KEY, repEmail: DEMO_REP.email });
}

/** Visits every stop; with `outDir`, saves a screenshot of each. */
export async function runFirefoxTour(browser: Browser, stops: readonly TourStop[], outDir: string | null): Promise<FirefoxStopResult[]> {
  const results: FirefoxStopResult[] = [];
  for (const [i, stop] of stops.entries()) {
    const page = await browser.newPage();
    // 1280×800 as Chromium's (test/e2e/launch.ts): wide enough that the panel starts expanded;
    // at puppeteer's default 800×600 it starts as the collapsed pill, which has no score to read
    await setFirefoxViewport(page, 1280, 800);
    await page.goto(stop.case.url, { waitUntil: 'load' });
    let shot = page;
    let shown: Omit<ShownAccount, 'summary'> | null;
    if (stop.site === 'linkedin') {
      // the side panel page follows the active tab of its window: open it, then re-activate LinkedIn
      const side = await browser.newPage();
      await side.goto(`moz-extension://${ADDON_UUID}/sidepanel.html`, { timeout: 1500 }).catch(() => undefined);
      await page.bringToFront();
      await pollIn(side, () => !!document.querySelector('[data-section="score"] .rl-badge'), null, 15_000);
      shown = await side.evaluate(() =>
        ['.rl-title', '[data-section="score"] .rl-badge', '.rl-stepper-now'].map((sel) => document.querySelector(sel)?.textContent?.trim() ?? ''),
      ).then(([name = '', score = '', stage = '']) => (score ? { name, score, stage } : null));
      shot = side;
    } else {
      shown = await readFirefoxPanel(page);
    }
    results.push({ site: stop.site, url: stop.case.url, shown: shown ? { ...shown, summary: '' } : null });
    if (outDir) await shot.screenshot({ path: path.join(outDir, `${i + 1}-${stop.site}-firefox.png`) });
  }
  return results;
}
