/**
 * Playwright global setup: finds Chromium once (scripts/lib/browsers.ts; may fetch Playwright's
 * Chromium outside CI) and passes it to the workers in CHROMIUM_PATH, so a missing browser is one
 * clear message before any test starts rather than a failure in every test.
 */
import { findChromium } from '../../scripts/lib/browsers-system.ts';

export default function globalSetup(): void {
  const found = findChromium();
  process.env.CHROMIUM_PATH = found.path;
  console.log(`Chromium: ${found.path} (${found.version ?? 'version unknown'}; from ${found.source})`);
}
