/**
 * Benchmark 8: main-thread script time a heavy CRM page costs with the extension vs without it.
 * CDP Performance.getMetrics on the page target (ScriptDuration counts every script on the page's
 * main thread, content-script isolated worlds included; TaskDuration is all main-thread work).
 */
import type { BrowserContext, CDPSession } from '@playwright/test';
import { startWorld } from '../e2e/world.ts';
import { HEAVY_URL, heavyPageHtml } from './heavy-page.ts';
import type { Section } from './lib/report.ts';
import { launchBench, openExtension, syncAndWait } from './lib/session.ts';
import { fmt, median, table } from './lib/stats.ts';

const NAVIGATIONS = 20;
const TARGET = 0.05;

interface Visit {
  script: number;
  task: number;
  /** script ms of the load phase (page load + 1 s) */
  loadScript: number;
}

/** One visit: load, 20 SPA navigations with DOM churn 200 ms apart, then the page's metrics (ms). */
async function visit(context: BrowserContext): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(HEAVY_URL, { waitUntil: 'load' });
  await page.waitForTimeout(1000); // the panel's first lookup settles
  const loadScript = await scriptMs(cdp);
  for (let i = 0; i < NAVIGATIONS; i++) {
    // run from a page timer, not from CDP: script started by Runtime.evaluate is not in ScriptDuration
    await page.evaluate(() => void setTimeout(() => (window as unknown as { __benchChurn: () => number }).__benchChurn(), 0));
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  await cdp.detach();
  await page.close();
  return { script: get('ScriptDuration'), task: get('TaskDuration'), loadScript };
}

async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000;
}

/** Alternates visits between a browser with the extension and one without, `reps` each (medians). */
export async function benchHostOverhead(extensionPath: string, reps = 5): Promise<Section> {
  const world = await startWorld({});
  world.setPage(HEAVY_URL, await heavyPageHtml());
  const withExt = await launchBench(world, extensionPath);
  const without = await launchBench(world, null);
  const a: Visit[] = [];
  const b: Visit[] = [];
  let panelSeen = false;
  try {
    const ext = await openExtension(withExt.context);
    await syncAndWait(ext, true);
    await visit(withExt.context); // warm-up both (compile caches, first lookup)
    await visit(without.context);
    for (let i = 0; i < reps; i++) {
      a.push(await visit(withExt.context));
      b.push(await visit(without.context));
    }
    const probe = await withExt.context.newPage();
    await probe.goto(HEAVY_URL);
    panelSeen = await probe.locator('recotap-lens-panel').waitFor({ state: 'attached', timeout: 10_000 }).then(() => true, () => false);
    await probe.close();
  } finally {
    await withExt.close();
    await without.close();
    await world.close();
  }
  const m = (xs: Visit[], k: 'script' | 'task' | 'loadScript' | 'navScript') =>
    median(xs.map((x) => (k === 'navScript' ? x.script - x.loadScript : x[k])));
  const added = (m(a, 'script') - m(b, 'script')) / m(b, 'script');
  const addedTask = (m(a, 'task') - m(b, 'task')) / m(b, 'task');
  const row = (label: string, xs: Visit[]) =>
    [label, fmt(m(xs, 'loadScript'), 1), fmt(m(xs, 'navScript'), 1), fmt(m(xs, 'script'), 1), fmt(m(xs, 'task'), 1)];
  return {
    id: 'overhead',
    title: '8. Host-page overhead',
    method:
      `a heavy page (test/bench/heavy-page.ts: the Salesforce Lightning SPA fixture plus a 5,000-row × 6-column table) is loaded at its real URL, then ${NAVIGATIONS} SPA navigations ` +
      `each rewriting 500 rows, 200 ms apart. CDP Performance.getMetrics on the page after the visit: ScriptDuration (all JavaScript on the page's main thread, the content script's isolated world included) and TaskDuration. ` +
      `Same world server, two browsers: one with the extension (configured, demo accounts synced), one without --load-extension. One warm-up visit each, then ${reps} alternating visits; medians (each column is its own median).`,
    body: [
      table(['Browser', 'script ms, load + 1 s', 'script ms, 20 navigations', 'script ms, whole visit', 'main-thread task ms, whole visit'], [row('without extension', b), row('with extension', a)]),
      '',
      `Added script time: ${fmt(added * 100, 1)}% (main-thread tasks: ${fmt(addedTask * 100, 1)}%). Panel present on the heavy page: ${panelSeen ? 'yes' : 'NO'}.`,
    ].join('\n'),
    targets: [{ target: 'extension adds ≤ 5% main-thread script time', measured: `${fmt(added * 100, 1)}%`, met: added <= TARGET }],
    notes: ['Both browsers run on the same 2 shared cores; differences of a few ms are within noise, compare the medians only.'],
  };
}
