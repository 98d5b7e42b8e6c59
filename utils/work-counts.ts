/**
 * Work counters for the benchmarks (test/bench/panel-latency.ts, host-overhead.ts): how many DOM
 * checks, MutationRecords and panel renders a page costs. Plain integer increments, so they are
 * always on. In a content script they live on the isolated world's global, which the page cannot
 * see; the benches read them over CDP (Runtime.evaluate in the extension's isolated context).
 */
export interface WorkCounts {
  /** URL changes the location watcher reported */
  navigations: number;
  /** adapter checks (isReady + verifies + extract attempts) */
  checks: number;
  /** MutationObserver callbacks and the records they delivered */
  mutationCallbacks: number;
  mutationRecords: number;
  /** observers connected while waiting for a record */
  observers: number;
  /** records read (ready or timeout) */
  reads: number;
  /** AccountPanel renders that React committed */
  panelRenders: number;
}

const KEY = '__recotapLensWork';
const g = globalThis as typeof globalThis & { [KEY]?: WorkCounts };

/** The process-wide counters (shared by every module that imports this one). */
export const workCounts: WorkCounts = (g[KEY] ??= {
  navigations: 0, checks: 0, mutationCallbacks: 0, mutationRecords: 0, observers: 0, reads: 0, panelRenders: 0,
});
