/**
 * `npm run demo`: builds the extension, starts the local world (API emulator with the demo data +
 * saved CRM pages, on loopback), launches Chromium with the production build on the real host
 * names, configures it with the demo key, and tours Salesforce, HubSpot, Dynamics, LinkedIn and
 * Gmail. With a display it leaves a browser window open until Ctrl-C; without one it saves
 * screenshots to demo-output/ and prints what the panel showed.
 *
 * Options: --firefox (firefox-esr instead of Chromium), --no-build, --port <n> (default 8443).
 * The browser is found first (scripts/lib/browsers.ts): without one, the demo stops before building
 * and prints what it tried and what to install.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_API_KEY, DEMO_REP } from '../test/emulator/index.ts';
import { configureExtension } from '../test/e2e/extension.ts';
import { ROOT, extensionIdOf, extensionWorker, launchChromium, type LaunchedBrowser } from '../test/e2e/launch.ts';
import { loadSiteCases } from '../test/e2e/site-cases.ts';
import { startWorld, type World } from '../test/e2e/world.ts';
import { launchFirefox, type LaunchedFirefox } from '../test/firefox/launch.ts';
import { BrowserNotFoundError, findChromium, findFirefox } from './lib/browsers-system.ts';
import { configureFirefox, runFirefoxTour } from './lib/firefox-tour.ts';
import { formatSummary, pickTour, visitStop, type StopResult } from './lib/tour.ts';

const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const build = !args.includes('--no-build');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 8443;
const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
const outDir = path.join(ROOT, 'demo-output');

let world: World | null = null;
let browser: LaunchedBrowser | null = null;
let firefoxBrowser: LaunchedFirefox | null = null;
let stopping: Promise<never> | null = null;

/** Stops the browser and the servers, then exits; later calls wait for the first one. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    await browser?.close().catch(() => undefined);
    await firefoxBrowser?.close().catch(() => undefined);
    await world?.close().catch(() => undefined);
    process.exit(code);
  })();
  return stopping;
}
const onSignal = (code: number) => () => {
  if (!stopping) console.log('\nStopping the browser and the servers…');
  void shutdown(code);
};
process.on('SIGINT', onSignal(130));
process.on('SIGTERM', onSignal(143));

function runBuild(target: 'chrome' | 'firefox') {
  console.log(`Building the extension (${target})…`);
  // node + wxt's bin rather than `npx`: spawning npx needs a shell on Windows (npx.cmd)
  const wxt = path.join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs');
  const r = spawnSync(process.execPath, [wxt, 'build', ...(target === 'firefox' ? ['-b', 'firefox', '--mv2'] : [])], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`wxt build failed (exit ${r.status})`);
}

async function startOn(preferred: number): Promise<World> {
  const cases = await loadSiteCases();
  try {
    return await startWorld({ port: preferred, cases });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    console.warn(`Port ${preferred} is busy; using a random port.`);
    return startWorld({ port: 0, cases });
  }
}

/** Headless: screenshots + summary, exit code 0 only if every stop showed an account. Headed: wait for Ctrl-C. */
async function finish(results: readonly { site: string; shown: unknown }[]): Promise<void> {
  if (!headed) {
    console.log(`Screenshots in ${path.relative(process.cwd(), outDir) || outDir}/`);
    await shutdown(results.every((r) => r.shown) ? 0 : 1);
  }
  console.log('The browser window stays open: browse the tabs. Press Ctrl-C to stop.');
  await new Promise(() => undefined);
}

async function runFirefox(w: World) {
  firefoxBrowser = await launchFirefox(w, { headless: !headed, handleSignals: false });
  await configureFirefox(firefoxBrowser.browser);
  console.log(`Firefox add-on ${firefoxBrowser.addonId} configured with the demo key for ${DEMO_REP.email}.`);
  const results = await runFirefoxTour(firefoxBrowser.browser, pickTour(await loadSiteCases()), headed ? null : outDir);
  console.log(`\n${formatSummary(results)}\n`);
  await finish(results);
}

async function main() {
  const found = firefox ? findFirefox() : findChromium();
  console.log(`Browser: ${found.path} (${found.version ?? 'version unknown'}; from ${found.source})`);
  if (build) runBuild(firefox ? 'firefox' : 'chrome');
  world = await startOn(port);
  console.log(`World server on https://127.0.0.1:${world.port} (eapi.recotap.com + CRM hosts mapped there)`);
  if (!headed) mkdirSync(outDir, { recursive: true });
  if (firefox) return runFirefox(world);

  browser = await launchChromium({ hostResolverRules: world.hostResolverRules, headless: !headed, handleSignals: false });
  const { context } = browser;
  const sw = await extensionWorker(context);
  const extensionId = extensionIdOf(sw);
  await configureExtension({ context, serviceWorker: sw, extensionId }, { apiKey: DEMO_API_KEY, repEmail: DEMO_REP.email });
  console.log(`Extension ${extensionId} configured with the demo key for ${DEMO_REP.email}.`);

  const results: StopResult[] = [];
  for (const [i, stop] of pickTour(await loadSiteCases()).entries()) {
    const result = await visitStop(context, extensionId, stop);
    results.push(result);
    if (!headed) await result.shot.screenshot({ path: path.join(outDir, `${i + 1}-${stop.site}.png`) });
  }
  console.log(`\n${formatSummary(results)}\n`);
  await finish(results);
}

main().catch((e: unknown) => {
  // after Ctrl-C the browser is already gone: that is not an error worth a stack trace
  if (e instanceof BrowserNotFoundError) console.error(`\n${e.message}\n`);
  else if (!stopping) console.error(e);
  void shutdown(1);
});
