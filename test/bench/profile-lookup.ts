/**
 * Where a lookup's time goes in the service worker: CPU-profiles the worker (over the DevTools port,
 * as lib/heap.ts attaches) during 300 lookupContext calls on a warm cache, prints the extension's
 * functions by self and inclusive time, and the floor: the round trip of a message the worker
 * answers at once from a bare runtime.onMessage listener. Not part of `npm run bench`.
 *
 *   RECOTAP_LENS_MINIFY=0 npx wxt build && npx tsx test/bench/profile-lookup.ts [accounts]
 *   (PROFILE_SEARCH=1: searchAccounts instead, the successive prefixes of 10 names as §6 types them)
 */
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startWorld } from '../e2e/world.ts';
import { launchBench, openExtension, syncAndWait } from './lib/session.ts';
import { addInclusive, frameKey, sampledStacks, topLines, type CpuProfileFull } from './lib/cpu-profile.ts';
import { quantile } from './lib/stats.ts';

const n = Number(process.argv[2] ?? 10_000);
const world = await startWorld({ emulator: { seed: { synthetic: n } } });
const b = await launchBench(world, path.resolve('.output/chrome-mv3'), true);
try {
  const ext = await openExtension(b.context);
  await syncAndWait(ext, true);
  const all = world.emulator.state.store.all();
  const place = { site: 'salesforce-lightning', url: 'https://bench.lightning.force.com/lightning/r/Account/001Hs0000000BeNcH/view' };
  const ctx = (i: number) => ({ ...place, websites: [`https://www.${all[i]!.domain}/`], companyName: all[i]!.name });
  const idx = Array.from({ length: 300 }, (_, i) => (i * 7919) % all.length);
  await ext.timedCalls('lookupContext', idx.slice(0, 30).map(ctx));
  // the floor: a bare listener in the worker that answers at once
  await ext.worker.evaluate(() => {
    chrome.runtime.onMessage.addListener((m: { type?: string }, _s, reply) => {
      if (m?.type !== '__benchFloor') return undefined;
      reply({ res: null });
      return undefined;
    });
  });
  const floor = await ext.page.evaluate(async () => {
    const ms: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await new Promise((r) => chrome.runtime.sendMessage({ type: '__benchFloor' }, r));
      ms.push(performance.now() - t0);
    }
    return ms;
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${b.devtoolsPort}`, defaultViewport: null });
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${ext.extensionId}/`));
  const cdp = await target.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const search = process.env.PROFILE_SEARCH === '1';
  const prefixes = Array.from({ length: 10 }, (_, k) => all[(k * 7919 + 3) % all.length]!.name.toLowerCase()).flatMap((name) =>
    Array.from({ length: Math.min(12, name.length) }, (_, k) => ({ query: name.slice(0, k + 1), limit: 8 })),
  );
  const { ms } = search ? await ext.timedCalls('searchAccounts', prefixes) : await ext.timedCalls('lookupContext', idx.map(ctx));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfileFull };
  await browser.disconnect();
  const q = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms`;
  console.log(`${search ? 'searchAccounts' : 'lookupContext'} round trip (profiled): ${q(ms)}; floor (bare listener): ${q(floor)}`);

  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (const { ms: t, stack } of sampledStacks(profile)) {
    const leaf = stack[0]!;
    if (leaf.callFrame.functionName === '(idle)') continue;
    total += t;
    self.set(frameKey(leaf), (self.get(frameKey(leaf)) ?? 0) + t);
    addInclusive(incl, stack, t);
  }
  const per = search ? prefixes.length : idx.length;
  const top = (m: Map<string, number>, k: number) => topLines(m, k, per, 3);
  console.log(`worker busy per lookup: ${(total / per).toFixed(2)} ms`);
  console.log(`\nself per lookup:\n${top(self, 25)}\n\ninclusive per lookup:\n${top(incl, 45)}`);
} finally {
  await b.close();
  await world.close();
}
