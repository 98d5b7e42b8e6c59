/**
 * `npm run browsers`: which Chromium and Firefox the demo and the tests would use, and where they
 * came from (CHROMIUM_PATH / FIREFOX_PATH, PATH, the system's usual places, Playwright's Chromium).
 * Exit 1 with the explanation when one is missing.
 */
import { BrowserNotFoundError, findChromium, findFirefox } from './lib/browsers-system.ts';

let failed = false;
for (const [label, find] of [['Chromium', findChromium], ['Firefox', findFirefox]] as const) {
  try {
    const b = find();
    console.log(`${label}: ${b.path} (${b.version ?? 'version unknown'}; from ${b.source})`);
  } catch (e) {
    if (!(e instanceof BrowserNotFoundError)) throw e;
    console.error(`${label}: ${e.message}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
