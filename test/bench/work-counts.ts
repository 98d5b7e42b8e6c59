/**
 * Work counts for the panel and overhead benchmarks: the content script's own counters
 * (utils/work-counts.ts: DOM checks, MutationRecords, observers, panel renders), read from its
 * isolated world over CDP, and the messages the background receives from tabs, counted by a
 * listener added to the service worker. Counts, unlike timings, do not vary with machine load.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import type { WorkCounts } from '../../utils/work-counts.ts';
import { REQUEST_PORT } from '../../utils/port-protocol.ts';

export type { WorkCounts };
export type MessageCounts = Record<string, number>;

const EXTENSION_NAME = 'Recotap Lens';

/** The counters of the Lens content script in the page's main frame (null: not injected, or an older build). */
export async function lensWorkCounts(cdp: CDPSession, page?: Page): Promise<WorkCounts | null> {
  const counts = await scriptWorkCounts(cdp);
  // Chrome renders the in-page panel in an extension iframe (panel-frame.html): its renders count there
  const frame = page?.frames().find((f) => f.url().includes('/panel-frame.html'));
  if (counts && frame) {
    counts.panelRenders = await frame
      .evaluate(() => (globalThis as { __recotapLensWork?: { panelRenders: number } }).__recotapLensWork?.panelRenders ?? 0)
      .catch(() => counts.panelRenders);
  }
  return counts;
}

async function scriptWorkCounts(cdp: CDPSession): Promise<WorkCounts | null> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const contexts: { id: number; name: string; frameId?: string; type?: string }[] = [];
  const onContext = (e: { context: { id: number; name: string; auxData?: { frameId?: string; type?: string } } }) =>
    contexts.push({ id: e.context.id, name: e.context.name, frameId: e.context.auxData?.frameId, type: e.context.auxData?.type });
  cdp.on('Runtime.executionContextCreated', onContext);
  await cdp.send('Runtime.enable'); // replays executionContextCreated for every live context
  cdp.off('Runtime.executionContextCreated', onContext);
  const ours = contexts.find((c) => c.type === 'isolated' && c.name === EXTENSION_NAME && c.frameId === frameTree.frame.id);
  let counts: WorkCounts | null = null;
  if (ours) {
    const { result } = await cdp.send('Runtime.evaluate', { contextId: ours.id, expression: 'JSON.stringify(globalThis.__recotapLensWork ?? null)', returnByValue: true });
    counts = JSON.parse(String(result.value ?? 'null')) as WorkCounts | null;
  }
  await cdp.send('Runtime.disable');
  return counts;
}

type BenchGlobal = typeof globalThis & { __benchMessages?: Record<string, number>; __benchLookupsAt?: number[] };

/**
 * Starts counting messages from tabs in the service worker; `take()` returns and resets the counts,
 * `lookupsAt()` the arrival times of lookupContext messages (ms since the epoch, from the worker's
 * performance.timeOrigin + now(), comparable with a page's) and resets them.
 */
export async function countTabMessages(worker: Worker): Promise<{ take(): Promise<MessageCounts>; lookupsAt(): Promise<number[]> }> {
  // tsx names inner functions with an __name helper that the worker does not have
  await worker.evaluate('globalThis.__name ??= (f) => f;');
  await worker.evaluate((portName) => {
    const g = globalThis as BenchGlobal;
    if (g.__benchMessages) return;
    g.__benchMessages = {};
    g.__benchLookupsAt = [];
    const count = (message: { type?: string } | null, sender: chrome.runtime.MessageSender | undefined, suffix: string) => {
      if (!sender?.tab || !g.__benchMessages) return; // extension pages (the bench's own calls) are not the host page's cost
      const type = String(message?.type ?? '?');
      g.__benchMessages[type + suffix] = (g.__benchMessages[type + suffix] ?? 0) + 1;
      if (type === 'lookupContext') g.__benchLookupsAt?.push(performance.timeOrigin + performance.now());
    };
    chrome.runtime.onMessage.addListener((message: { type?: string }, sender) => count(message, sender, ''));
    // the request port (utils/port-requests.ts): the panel frame's lookups, counted with their transport
    chrome.runtime.onConnect.addListener((port) => {
      if (port.name === portName) port.onMessage.addListener((message: { type?: string }) => count(message, port.sender, ' (port)'));
      // the panel benchmark's empty round trip (panel-latency.ts, armTitleWatch): echoed at once
      if (port.name === 'lens-bench-ping') port.onMessage.addListener((message: unknown) => port.postMessage(message));
    });
  }, REQUEST_PORT);
  return {
    lookupsAt: () =>
      worker.evaluate(() => {
        const g = globalThis as BenchGlobal;
        const out = [...(g.__benchLookupsAt ?? [])];
        g.__benchLookupsAt = [];
        return out;
      }),
    take: () =>
      worker.evaluate(() => {
        const g = globalThis as BenchGlobal;
        const out = { ...g.__benchMessages };
        g.__benchMessages = {};
        return out;
      }),
  };
}

/** a − b per key, divided by `per` (counts per navigation). */
export function perUnit<T extends Record<string, number>>(a: T | null, b: T | null, per: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(a ?? {})) out[k] = ((a?.[k] ?? 0) - (b?.[k] ?? 0)) / per;
  return out;
}

/** "checks 1.0, mutationRecords 0.0, …" with one decimal. */
export function describeCounts(counts: Record<string, number>, keys?: readonly string[]): string {
  const ks = keys ?? Object.keys(counts).sort();
  return ks.length === 0 ? 'none' : ks.map((k) => `${k} ${(counts[k] ?? 0).toFixed(1)}`).join(', ');
}
