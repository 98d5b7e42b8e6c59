/**
 * One location watcher per content script (crm-detection.md §3.3): Navigation API
 * `currententrychange` (after commit, also replaceState) where it exists, plus `popstate` and
 * `hashchange`; without the Navigation API, a 1 s href check that runs only while the tab is
 * visible. History is never patched (the isolated world would not see the page's calls anyway).
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
}

/** Watches for URL changes until the signal aborts. Does not call onChange for the initial URL. */
export function watchLocation({ window: win, signal, onChange, pollMs = 1000 }: LocationWatcherOptions): void {
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
