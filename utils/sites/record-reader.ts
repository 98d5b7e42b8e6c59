/**
 * Reads one record once its DOM is there: check now, else watch the adapter's container with a
 * MutationObserver (childList + subtree; the first mutation after a quiet spell is checked at once,
 * a longer burst at most once per batchMs) until the record is ready and verified, the timeout
 * fires, or the record's signal aborts. Then everything is disconnected: a read record costs
 * nothing while the page sits idle.
 */
import * as v from 'valibot';
import type { PageContext, PageContextInput } from '../view-models';
import type { AnySiteAdapter, RecordMatch } from './types';
import { workCounts } from '../work-counts';

/*
 * A valibot mirror of PageContextSchema's limits: this runs in every content script, where zod would
 * add ~8 KB gz (house rule: valibot for content-side validation only). The background still validates
 * with PageContextSchema (the trust boundary); test/unit/sites checks both agree.
 */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const optText = (max: number) => v.optional(text(max));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const PageContextLite: v.GenericSchema<PageContext> = v.object({
  site: text(64),
  url: text(4096),
  recordType: optText(64),
  recordId: optText(200),
  websites: list(text(2048), 20),
  emails: list(text(254), 100),
  companyName: optText(300),
  linkedinSlug: optText(200),
  contacts: list(v.object({ email: text(254), name: optText(200), title: optText(200) }), 100),
});

/** Caps arrays to the schema's limits and validates (TypeError if invalid): page data is untrusted. */
export function toPageContext(input: PageContextInput): PageContext {
  const parsed = v.safeParse(PageContextLite, {
    ...input,
    websites: (input.websites ?? []).slice(0, 20),
    emails: (input.emails ?? []).slice(0, 100),
    contacts: (input.contacts ?? []).slice(0, 100),
  });
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new TypeError(`PageContext.${v.getDotPath(issue) ?? ''}: ${issue.message}`);
}

export interface ReadRecordOptions {
  adapter: AnySiteAdapter;
  match: RecordMatch;
  document: Document;
  /** aborted when the tab navigates away from this record */
  signal: AbortSignal;
  timeoutMs: number;
  batchMs: number;
  MutationObserver: typeof MutationObserver;
  /** the record was read ('ready'), or only its URL is known ('timeout') */
  onRead(ctx: PageContext, status: 'ready' | 'timeout'): void;
  onError(error: unknown): void;
}

/**
 * Observes the container's subtree, plus only the direct child lists of its ancestors: cheap, and
 * it notices when the SPA replaces the container itself (a detached node reports nothing).
 */
function observe(observer: MutationObserver, root: Element): void {
  observer.observe(root, { childList: true, subtree: true });
  for (let a = root.parentElement; a; a = a.parentElement) observer.observe(a, { childList: true });
}

/** Reads the record (see file comment). A record in a hidden tab waits, timer-free, until shown. */
export function readRecord(o: ReadRecordOptions): void {
  const { adapter, match, document: doc, signal } = o;
  const attempt = (): boolean => {
    if (signal.aborted) return true;
    workCounts.checks++;
    try {
      const ready = adapter.isReady ? adapter.isReady(doc, match) : !!doc.querySelector(adapter.readySelector);
      if (!ready || !adapter.verifies(doc, match)) return false;
      const ctx = toPageContext({ ...adapter.extract(doc, match), site: adapter.id, url: match.url });
      workCounts.reads++;
      if (!signal.aborted) o.onRead(ctx, 'ready');
      return true;
    } catch (e) {
      o.onError(e);
      return false;
    }
  };
  const start = () => {
    if (signal.aborted || attempt()) return;
    const rootNow = () => doc.querySelector(adapter.containerSelector) ?? doc.body ?? doc.documentElement;
    let root = rootNow();
    let pending: ReturnType<typeof setTimeout> | undefined;
    // Leading-edge throttle: the first mutation after a quiet spell is checked at once (in the
    // observer's microtask, so the record usually renders and is read before the next paint);
    // only a burst that goes on within batchMs waits for the window's end (one check per batchMs).
    let lastCheck = -Infinity;
    const check = () => {
      pending = undefined;
      lastCheck = performance.now();
      if (attempt()) return stop();
      const next = rootNow(); // the container may appear after the body: narrow the observation
      if (next !== root) {
        observer.disconnect();
        root = next;
        observe(observer, root);
      }
    };
    const observer = new o.MutationObserver((records) => {
      workCounts.mutationCallbacks++;
      workCounts.mutationRecords += records.length;
      if (pending !== undefined) return;
      const wait = lastCheck + o.batchMs - performance.now();
      if (wait <= 0) check();
      else pending = setTimeout(check, wait);
    });
    workCounts.observers++;
    const timeout = setTimeout(() => {
      stop();
      if (signal.aborted) return;
      workCounts.reads++;
      o.onRead(toPageContext({ site: adapter.id, url: match.url, recordType: match.recordType, recordId: match.recordId }), 'timeout');
    }, o.timeoutMs);
    function stop() {
      observer.disconnect();
      clearTimeout(timeout);
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
    }
    signal.addEventListener('abort', stop, { once: true });
    observe(observer, root);
  };
  if (doc.visibilityState !== 'hidden') return start();
  const onVisible = () => {
    if (doc.visibilityState !== 'visible') return;
    doc.removeEventListener('visibilitychange', onVisible);
    start();
  };
  doc.addEventListener('visibilitychange', onVisible, { signal });
}
