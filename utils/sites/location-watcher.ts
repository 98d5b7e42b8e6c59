/**
 * One location watcher per content script (crm-detection.md §3.3): Navigation API
 * `currententrychange` (after commit, also replaceState) where it exists, plus `popstate` and
 * `hashchange`; without the Navigation API (Firefox before 147), a 1 s href check that runs only
 * while the tab is visible, and a check whenever the background relays that the browser saw the
 * tab's URL change (`listenForNudges`: Firefox's tabs.onUpdated, see utils/background/location-nudges.ts).
 * History is never patched (the isolated world would not see the page's calls anyway).
 */

/** The parts of `window` the site runtime uses (a real window satisfies it; tests may fake it). */
export interface WatchWindow {
  location: { href: string };
  document: Document;
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
  navigation?: EventTarget | null;
  MutationObserver?: typeof MutationObserver;
}

export interface LocationWatcherOptions {
  window: WatchWindow;
  signal: AbortSignal;
  /**
   * called with the new href whenever it differs from the last one seen; `polled` when the 1 s
   * poll found it (the page changed a while ago) rather than an event fired as it changed
   */
  onChange(href: string, how: { polled: boolean }): void;
  pollMs?: number;
  /**
   * Receives the watcher's check, for a caller to run when something outside the page reports a
   * URL change (the background's `locationChanged`). A check only compares location.href with the
   * last one seen, so a spurious or repeated nudge changes nothing.
   */
  listenForNudges?(check: () => void): void;
}

/** Watches for URL changes until the signal aborts. Does not call onChange for the initial URL. */
export function watchLocation({ window: win, signal, onChange, pollMs = 1000, listenForNudges }: LocationWatcherOptions): void {
  let last = win.location.href;
  const changed = (polled: boolean) => {
    if (signal.aborted) return;
    const href = win.location.href;
    if (href === last) return;
    last = href;
    onChange(href, { polled });
  };
  const check = () => changed(false);
  const poll = () => changed(true);
  listenForNudges?.(check);
  const opts = { signal };
  win.addEventListener('popstate', check, opts);
  win.addEventListener('hashchange', check, opts);
  const doc = win.document;
  if (win.navigation && typeof win.navigation.addEventListener === 'function') {
    win.navigation.addEventListener('currententrychange', check, opts);
    doc.addEventListener('visibilitychange', check, opts);
    return;
  }
  // Fallback: poll, but only while someone can see the page.
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const sync = () => {
    if (signal.aborted || doc.visibilityState !== 'visible') return stop();
    poll();
    timer ??= setInterval(poll, pollMs);
  };
  doc.addEventListener('visibilitychange', sync, opts);
  signal.addEventListener('abort', stop, { once: true });
  sync();
}
