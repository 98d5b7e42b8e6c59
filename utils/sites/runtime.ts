/**
 * Site-detection runtime (crm-detection.md §3–§4, §7.2, docs/detection.md): location watcher →
 * matchUrl → per-record AbortController → batched MutationObserver on the adapter's container →
 * reading layers + freshness guards (record-reader.ts) → onContext. Nothing runs while the page is idle: the observer is disconnected once the
 * record is read (or on timeout/abort), and polling only happens in visible tabs without the
 * Navigation API. Errors are caught here, at the boundary: a broken adapter never breaks the page.
 */
import type { PageContext } from '../view-models';
import { watchLocation, type WatchWindow } from './location-watcher';
import { selectAdapters, type ExtraHost } from './select';
import { readRecord, type PreviousRecord } from './record-reader';
import type { AnySiteAdapter, LayerFound, RecordMatch } from './types';
import { workCounts } from '../work-counts';

export type { WatchWindow } from './location-watcher';

/** Why a context (or null) was emitted. */
export interface ContextMeta {
  /** 'reading': a record URL whose record is not read yet (show a skeleton, do not look up) */
  status: 'reading' | 'ready' | 'timeout' | 'not-record';
  url: string;
  adapterId: string | null;
  match?: RecordMatch;
}

export interface WatchRecordsOptions {
  adapters: readonly AnySiteAdapter[];
  window: WatchWindow;
  signal: AbortSignal;
  /**
   * The record in view (null: not a record page). 'reading' and 'timeout' carry only URL-derived
   * fields (ctx.read.status 'reading' / 'unreadable'): neither may be shown as "not in Recotap".
   */
  onContext(ctx: PageContext | null, meta: ContextMeta): void;
  timeoutMs?: number;
  /** at most one DOM check per batchMs while waiting */
  batchMs?: number;
  /** how long a weak read waits for a field (record-reader.ts) */
  settleMs?: number;
  pollMs?: number;
  /** see LocationWatcherOptions.listenForNudges */
  listenForNudges?(check: () => void): void;
  onError?(error: unknown): void;
  /**
   * The page's own fetch, for adapters that read the record through the CRM's API on the page's
   * origin (Dynamics). Without it no API is asked and only the DOM is read.
   */
  recordFetch?: typeof fetch;
  /** a record-data request failed (diagnostics: 'http-403', 'timeout', …) */
  onRecordDataFailed?(reason: string, adapterId: string): void;
}

/** First adapter that recognises the URL, with its match. */
export function matchRecord(adapters: readonly AnySiteAdapter[], href: string): { adapter: AnySiteAdapter; match: RecordMatch } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  for (const adapter of adapters) {
    const match = adapter.matchUrl(url) as RecordMatch | null;
    if (match) return { adapter, match };
  }
  return null;
}

/** Caps arrays to the schema's limits and validates: page data is untrusted. */
export { toPageContext } from './record-reader';

/** Watches the tab for record pages of the given adapters until `signal` aborts. */
export function watchRecords(opts: WatchRecordsOptions): void {
  // batchMs only throttles long mutation bursts (record-reader checks the first mutation after a
  // quiet spell at once); 50 ms keeps a slow render inside the panel budget (100 ms URL → paint).
  const { adapters, window: win, signal, timeoutMs = 8_000, batchMs = 50 } = opts;
  const onError = opts.onError ?? ((e: unknown) => console.debug('[recotap-lens] site detection:', e));
  let currentKey: string | null | undefined;
  let record: AbortController | null = null;
  /** what the guards remember of the last record read in this tab */
  let previous: PreviousRecord | null = null;
  /** a navigation happened since the page loaded (the first record is then not a fresh load) */
  let navigatedSinceLoad = false;
  /** record data per record, asked once for the tab's life (failures too: no retry storm on a 403) */
  const recordData = new Map<string, Promise<LayerFound | null>>();
  const dataFor = (adapter: AnySiteAdapter, match: RecordMatch, key: string): Promise<LayerFound | null> | undefined => {
    if (!adapter.recordData || !opts.recordFetch) return undefined;
    let p = recordData.get(key);
    if (!p) {
      p = adapter
        .recordData(match, { fetch: opts.recordFetch, origin: new URL(match.url).origin })
        .then((r) => {
          if (r.ok) return r.found;
          opts.onRecordDataFailed?.(r.reason, adapter.id);
          return null;
        })
        .catch((e: unknown) => {
          onError(e);
          return null;
        });
      recordData.set(key, p);
    }
    return p;
  };

  const emit = (ctx: PageContext | null, meta: ContextMeta, recordSignal?: AbortSignal) => {
    if (signal.aborted || recordSignal?.aborted) return; // a late result for an old URL is dropped here
    try {
      opts.onContext(ctx, meta);
    } catch (e) {
      onError(e);
    }
  };

  /** `justChanged`: a navigation event fired as the URL changed (not the start, not the poll). */
  const evaluate = (justChanged: boolean) => {
    try {
      const href = win.location.href;
      const found = matchRecord(adapters, href);
      const key = found ? `${found.adapter.id}|${found.match.recordType}|${found.match.recordId}` : null;
      if (key === currentKey) return; // same record (query/hash churn): nothing to do
      currentKey = key;
      record?.abort();
      record = null;
      if (!found) return emit(null, { status: 'not-record', url: href, adapterId: null });
      record = new AbortController();
      const rs = record.signal;
      const meta = { url: found.match.url, adapterId: found.adapter.id, match: found.match };
      const data = dataFor(found.adapter, found.match, key ?? href);
      const remember = (page: { fingerprint: string; titleNode: Element | null }) => {
        previous = { recordId: found.match.recordId, fingerprint: page.fingerprint, titleNode: page.titleNode ? new WeakRef(page.titleNode) : null };
      };
      const read = () =>
        readRecord({
          adapter: found.adapter, match: found.match, document: win.document, signal: rs, timeoutMs, batchMs, onError,
          MutationObserver: win.MutationObserver ?? globalThis.MutationObserver,
          previous,
          navigated: navigatedSinceLoad,
          settleMs: opts.settleMs,
          recordData: data,
          onDomSettled: (page) => !rs.aborted && remember(page),
          onRead: (ctx, status, page) => {
            if (status !== 'reading' && page && !rs.aborted) remember(page);
            emit(ctx, { ...meta, status }, rs);
          },
        });
      // The Navigation API reports a pushState synchronously, before the SPA's code that called it
      // has rendered the new record: checking right away would scan the stale DOM (and then wait for
      // a mutation). A microtask later the same task's render is in, usually the whole record.
      if (!justChanged) return read();
      queueMicrotask(() => {
        if (!rs.aborted) read();
      });
    } catch (e) {
      onError(e);
    }
  };

  signal.addEventListener('abort', () => record?.abort(), { once: true });
  const onChange = (_href: string, how: { polled: boolean }) => {
    workCounts.navigations++;
    navigatedSinceLoad = true;
    evaluate(!how.polled);
  };
  watchLocation({ window: win, signal, onChange, pollMs: opts.pollMs, listenForNudges: opts.listenForNudges });
  evaluate(false);
}

export interface StartSiteDetectionOptions {
  /** the adapters this content script ships (its bundle carries only these) */
  adapters: readonly AnySiteAdapter[];
  window: WatchWindow;
  signal: AbortSignal;
  onContext: WatchRecordsOptions['onContext'];
  /** adapter ids the rep enabled (all when omitted) */
  enabledSites?: readonly string[];
  /** custom hosts mapped to an adapter (settings' extraCrmHosts) */
  extraHosts?: readonly ExtraHost[];
  timeoutMs?: number;
  onError?(error: unknown): void;
  /** see WatchRecordsOptions.recordFetch */
  recordFetch?: typeof fetch;
  /** see LocationWatcherOptions.listenForNudges */
  listenForNudges?(check: () => void): void;
}

/** Convenience for content scripts: picks the registered adapters for this host and watches. Returns false if none. */
export function startSiteDetection(opts: StartSiteDetectionOptions): boolean {
  let url: URL;
  try {
    url = new URL(opts.window.location.href);
  } catch {
    return false;
  }
  const adapters = selectAdapters(opts.adapters, url, opts.enabledSites, opts.extraHosts);
  if (adapters.length === 0) return false;
  watchRecords({ ...opts, adapters });
  return true;
}
