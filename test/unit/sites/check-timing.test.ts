/**
 * When the runtime checks the DOM, by counts (never wall-clock): a navigation is checked once, a
 * microtask after the URL change (the SPA's render of the same task is in by then); a record that
 * renders later is checked on its first mutation at once, not after the batch window; a burst is
 * throttled to one check per window; the observer disconnects when the record is read; and nothing
 * outside the adapter's container (plus its ancestors' direct children) is observed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchRecords, type WatchWindow } from '../../../utils/sites/runtime';
import { workCounts } from '../../../utils/work-counts';
import sfl from '../../../utils/sites/adapters/salesforce-lightning';
import { cases as sfCases } from '../../fixtures/sites/salesforce-lightning/cases';
import { FIXTURES, spaSwap } from './harness';
import type { PageContext } from '../../../utils/view-models';

const spa = sfCases.find((c) => c.file === 'spa.html')!;
const next = spa.spaNext!.url;

function fakeWindow(href: string) {
  const events = new EventTarget();
  const navigation = new EventTarget();
  return {
    location: { href },
    document,
    navigation,
    addEventListener: (type: string, listener: () => void, opts?: AddEventListenerOptions) => events.addEventListener(type, listener, opts),
    /** pushState as the Navigation API reports it: synchronously, before the caller renders */
    go(url: string) {
      this.location.href = url;
      navigation.dispatchEvent(new Event('currententrychange'));
    },
  } satisfies WatchWindow & { go(url: string): void };
}

function show(file: string): void {
  const parsed = new DOMParser().parseFromString(readFileSync(join(FIXTURES, 'salesforce-lightning', file), 'utf8'), 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

const snapshot = () => ({ ...workCounts });
const since = (before: typeof workCounts) =>
  Object.fromEntries(Object.entries(workCounts).map(([k, v]) => [k, v - before[k as keyof typeof workCounts]])) as Record<keyof typeof workCounts, number>;

let ctl: AbortController;
beforeEach(() => {
  ctl = new AbortController();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  document.body.replaceChildren();
});
afterEach(() => {
  ctl.abort();
  vi.useRealTimers();
});

function start(win: WatchWindow, batchMs = 50) {
  const out: (PageContext | null)[] = [];
  const isReady = vi.fn(sfl.hooks); // one call per DOM check
  watchRecords({ adapters: [{ ...sfl, hooks: isReady }], window: win, signal: ctl.signal, onContext: (c, m) => m.status !== 'reading' && out.push(c), batchMs, timeoutMs: 5000 });
  return { out, isReady };
}

describe('DOM check timing', () => {
  it('an SPA that renders in the same task as pushState costs one check and no observer', async () => {
    show('spa.html');
    const win = fakeWindow(spa.url);
    const { out } = start(win);
    const before = snapshot();
    win.go(next);
    spaSwap(document, 'b'); // the SPA renders after its pushState returned, in the same task
    await Promise.resolve();
    expect(out.at(-1)?.url).toBe(next);
    expect(since(before)).toMatchObject({ navigations: 1, checks: 1, observers: 0, reads: 1 });
  });

  it('a record rendered later is checked on its first mutation, without waiting for the batch window', async () => {
    vi.useFakeTimers();
    show('spa.html');
    const win = fakeWindow(spa.url);
    const { out } = start(win, 1000);
    win.go(next);
    await vi.advanceTimersByTimeAsync(5000 - 1); // quiet for a while; the stale DOM is not taken
    expect(out).toHaveLength(1);
    const before = snapshot();
    spaSwap(document, 'b');
    await Promise.resolve(); // the observer's microtask, no timer advanced
    await Promise.resolve();
    expect(out.at(-1)?.url).toBe(next);
    expect(since(before)).toMatchObject({ checks: 1, mutationCallbacks: 1, reads: 1 });
  });

  it('a long burst is checked once at its start and at most once per window after, then stops', async () => {
    vi.useFakeTimers();
    show('spa.html');
    const win = fakeWindow(spa.url);
    const { out, isReady } = start(win, 100);
    win.go(next);
    await Promise.resolve();
    const calls = isReady.mock.calls.length;
    const stage = document.querySelector('.oneCenterStage')!;
    for (let i = 0; i < 30; i++) {
      stage.append(document.createElement('div')); // 30 unrelated mutations, 10 ms apart
      await vi.advanceTimersByTimeAsync(10);
    }
    // 300 ms of churn with a 100 ms window: the first mutation at once, then one per window
    expect(isReady.mock.calls.length - calls).toBeGreaterThanOrEqual(3);
    expect(isReady.mock.calls.length - calls).toBeLessThanOrEqual(4);
    spaSwap(document, 'b');
    await vi.advanceTimersByTimeAsync(100);
    expect(out.at(-1)?.url).toBe(next);
    const before = snapshot();
    for (let i = 0; i < 10; i++) stage.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(500);
    expect(since(before)).toMatchObject({ checks: 0, mutationCallbacks: 0 }); // disconnected once read
  });

  it('observes only the container: churn in a sibling table outside it delivers no records', async () => {
    show('spa.html');
    const table = document.body.appendChild(document.createElement('table'));
    const cells = Array.from({ length: 50 }, (_, i) => {
      const td = table.appendChild(document.createElement('tr')).appendChild(document.createElement('td'));
      td.textContent = String(i);
      return td;
    });
    const win = fakeWindow(spa.url);
    start(win);
    const atStart = snapshot();
    win.go(next); // stale DOM: the reader waits with an observer
    await Promise.resolve();
    expect(since(atStart).observers).toBe(1);
    const before = snapshot();
    for (const td of cells) td.replaceChildren(document.createElement('b'));
    await new Promise((r) => setTimeout(r, 0));
    expect(since(before)).toMatchObject({ mutationCallbacks: 0, mutationRecords: 0, checks: 0 });
  });
});
