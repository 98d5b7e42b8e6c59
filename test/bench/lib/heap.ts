/**
 * Samples the extension service worker's JS heap over CDP (Runtime.getHeapUsage every ~100 ms).
 * The raw peak includes garbage not yet collected, so it follows V8's GC scheduling (a longer run
 * lets the heap grow further before a full collection); usedAfterGc() measures the live heap.
 * Playwright cannot open a CDP session on a service worker, so puppeteer-core attaches through the
 * DevTools port session.ts opened. Attaching a debugger keeps the worker alive (no idle shutdown).
 */
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';

export interface HeapSampler {
  /** resets the peak and starts sampling */
  start(): void;
  /** stops sampling; peak and last used heap in bytes, and how many samples were taken */
  stop(): Promise<{ peak: number; last: number; samples: number }>;
  /**
   * Used heap right after a forced full garbage collection (bytes): what is really alive. Callable
   * mid-sync too (the worker pauses for the collection, a few ms at these heap sizes).
   */
  usedAfterGc(): Promise<number>;
  close(): Promise<void>;
}

/** Connects to the browser's DevTools port and attaches to the extension's service worker. */
export async function attachHeapSampler(devtoolsPort: number, extensionId: string): Promise<HeapSampler> {
  const browser: Browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${devtoolsPort}`, defaultViewport: null });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
    { timeout: 20_000 },
  );
  const session: CDPSession = await target.createCDPSession();
  const used = async () => (await session.send('Runtime.getHeapUsage')).usedSize;
  let peak = 0;
  let last = 0;
  let samples = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  const sample = () => {
    inFlight = used().then(
      (u) => {
        last = u;
        peak = Math.max(peak, u);
        samples++;
      },
      () => undefined,
    );
  };
  return {
    start() {
      peak = 0;
      samples = 0;
      sample();
      timer = setInterval(sample, 100);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight;
      return { peak, last, samples };
    },
    async usedAfterGc() {
      await session.send('HeapProfiler.collectGarbage');
      return used();
    },
    async close() {
      if (timer) clearInterval(timer);
      await session.detach().catch(() => undefined);
      await browser.disconnect();
    },
  };
}
