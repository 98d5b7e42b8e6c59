/**
 * Where the content script's time goes on the heavy page: CPU-profiles visits of test/bench/heavy-page.ts
 * (load + 20 SPA navigations, as bench §8 does) and prints the extension's functions by self and
 * inclusive sampled time. Not part of `npm run bench`: a tool for "profile first, then fix".
 *
 *   RECOTAP_LENS_MINIFY=0 npx wxt build && npx tsx test/bench/profile-content.ts [visits]
 *   (PROFILE_PHASE=load or PROFILE_PHASE=navigations: the function tables for that phase only)
 *
 * (the unminified build keeps function names; figures from it are for ranking, not for the bench)
 */
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { startWorld } from '../e2e/world.ts';
import { HEAVY_URL, heavyPageHtml } from './heavy-page.ts';
import { lensWorkCounts } from './work-counts.ts';
import { addInclusive, frameKey, sampledStacks, topLines, type CpuProfileFull } from './lib/cpu-profile.ts';
import { launchBench, openExtension, syncAndWait } from './lib/session.ts';

const isExt = (url: string) => url.startsWith('chrome-extension://');
/** PROFILE_PHASE=load (or navigations): the function tables cover that phase only */
const ONLY_PHASE = process.env.PROFILE_PHASE;

function accumulate(profile: CpuProfileFull, self: Map<string, number>, incl: Map<string, number>, phase: Map<string, number>, tag: string): void {
  for (const { ms, stack } of sampledStacks(profile)) {
    // the extension's part of the stack: from the first extension frame (from the root) down
    const firstExt = stack.findLastIndex((n) => isExt(n.callFrame.url));
    if (firstExt < 0) continue;
    phase.set(tag, (phase.get(tag) ?? 0) + ms);
    if (ONLY_PHASE && ONLY_PHASE !== tag) continue;
    const leaf = stack[0]!;
    const leafKey = isExt(leaf.callFrame.url) ? frameKey(leaf) : `[native/page] ${leaf.callFrame.functionName || '(program)'} ← ${frameKey(stack.find((n) => isExt(n.callFrame.url))!)}`;
    self.set(leafKey, (self.get(leafKey) ?? 0) + ms);
    addInclusive(incl, stack.slice(0, firstExt + 1).filter((n) => isExt(n.callFrame.url)), ms);
  }
}

async function visit(context: BrowserContext, self: Map<string, number>, incl: Map<string, number>, phase: Map<string, number>): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(HEAVY_URL, { waitUntil: 'load' });
  await page.waitForTimeout(1000);
  accumulate((await cdp.send('Profiler.stop')).profile as CpuProfileFull, self, incl, phase, 'load');
  await cdp.send('Profiler.start');
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => void setTimeout(() => (window as unknown as { __benchChurn: () => number }).__benchChurn(), 0));
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  accumulate((await cdp.send('Profiler.stop')).profile as CpuProfileFull, self, incl, phase, 'navigations');
  if (process.env.PROFILE_COUNTS) console.log(JSON.stringify(await lensWorkCounts(cdp, page)));
  await cdp.detach();
  await page.close();
}

const visits = Number(process.argv[2] ?? 5);
const world = await startWorld({});
world.setPage(HEAVY_URL, await heavyPageHtml());
const b = await launchBench(world, path.resolve('.output/chrome-mv3'));
try {
  const ext = await openExtension(b.context);
  await syncAndWait(ext, true);
  const warm = { self: new Map<string, number>(), incl: new Map<string, number>(), phase: new Map<string, number>() };
  await visit(b.context, warm.self, warm.incl, warm.phase);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const phase = new Map<string, number>();
  for (let i = 0; i < visits; i++) await visit(b.context, self, incl, phase);
  const top = (m: Map<string, number>, n: number) => topLines(m, n, visits);
  console.log(`extension ms per visit by phase: ${[...phase].map(([k, v]) => `${k} ${(v / visits).toFixed(1)}`).join(', ')}`);
  console.log(`\nself time per visit (top 30):\n${top(self, 30)}`);
  console.log(`\ninclusive time per visit (top 40):\n${top(incl, 40)}`);
} finally {
  await b.close();
  await world.close();
}
