/**
 * Reads one record once its DOM is there (docs/detection.md): check now, else watch the adapter's
 * container with a MutationObserver (childList + subtree; the first mutation after a quiet spell
 * is checked at once, a longer burst at most once per batchMs). Each check runs every reading
 * layer (read-page.ts) and then the freshness guards:
 *
 * - a record id the page renders must be this URL's (else the DOM is stale: wait);
 * - with no rendered id, a fresh page load is trusted, and after an SPA navigation the record area
 *   must differ from the previous record's (content fingerprint or re-rendered title node); it is
 *   never blocked just because an attribute is missing;
 * - a strong read (a website or e-mail field) is taken at once; weaker ones (a page link, a name)
 *   after settleMs, so a field that renders a moment later can still win.
 *
 * After pendingMs without a read the caller is told 'reading' (the panel shows a skeleton); at
 * the budget's end, what could be read is taken, else the record is 'unreadable' (never a lookup
 * with nothing read). Then everything is disconnected: a read record costs nothing while idle.
 */
import * as v from 'valibot';
import type { PageContext, PageContextInput, ReadInfo } from '../view-models';
import type { AnySiteAdapter, LayerFound, RecordMatch } from './types';
import { readPage, type PageRead } from './read-page';
import { workCounts } from '../work-counts';

/*
 * A valibot mirror of PageContextSchema's limits: this runs in every content script, where zod would
 * add ~8 KB gz (house rule: valibot for content-side validation only). The background still validates
 * with PageContextSchema (the trust boundary); test/unit/sites checks both agree.
 */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const optText = (max: number) => v.optional(text(max));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const LAYER = v.picklist(['api', 'hooks', 'labels', 'page']);
const COUNT = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000));
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
  read: v.optional(
    v.object({
      status: v.picklist(['reading', 'read', 'partial', 'unreadable']),
      via: v.object({
        websites: v.optional(LAYER), emails: v.optional(LAYER), companyName: v.optional(LAYER), linkedinSlug: v.optional(LAYER),
      }),
      guard: v.optional(v.picklist(['record-data', 'record-id', 'fresh-load', 'content-changed', 'settled', 'stale-content', 'stale-id', 'none'])),
      layers: list(
        v.object({ layer: LAYER, websites: COUNT, emails: COUNT, companyName: v.boolean(), linkedinSlug: v.boolean(), contacts: COUNT, title: v.boolean() }),
        4,
      ),
      ms: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(600_000))),
    }),
  ),
});

/** Caps arrays to the schema's limits and validates (TypeError if invalid): page data is untrusted. */
export function toPageContext(input: PageContextInput): PageContext {
  const parsed = v.safeParse(PageContextLite, {
    ...input,
    websites: (input.websites ?? []).slice(0, 20),
    emails: (input.emails ?? []).slice(0, 100),
    contacts: (input.contacts ?? []).slice(0, 100),
    ...(input.read ? { read: { ...input.read, via: input.read.via ?? {}, layers: input.read.layers ?? [] } } : {}),
  });
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  throw new TypeError(`PageContext.${v.getDotPath(issue) ?? ''}: ${issue.message}`);
}

/** What the guards remember of the record shown before (SPA navigation). */
export interface PreviousRecord {
  recordId: string;
  fingerprint: string;
  titleNode: WeakRef<Element> | null;
}

export type ReadStatus = 'reading' | 'ready' | 'timeout';

export interface ReadRecordOptions {
  adapter: AnySiteAdapter;
  match: RecordMatch;
  document: Document;
  /** aborted when the tab navigates away from this record */
  signal: AbortSignal;
  /** the read budget: after it, what was read is taken, or the record is unreadable */
  timeoutMs: number;
  batchMs: number;
  /** a weak read (page link, name only) waits this long for a field to render (default 1200) */
  settleMs?: number;
  /** no read after this long: tell the caller 'reading' (default 150) */
  pendingMs?: number;
  MutationObserver: typeof MutationObserver;
  /** the record read before this one in the tab (null: none yet) */
  previous: PreviousRecord | null;
  /** this record came by an SPA navigation (not the page load) */
  navigated?: boolean;
  /**
   * 'reading': nothing to show yet (the context carries only URL facts); 'ready': read (ctx.read
   * says 'read' or 'partial'); 'timeout': the budget ran out with nothing readable ('unreadable').
   */
  onRead(ctx: PageContext, status: ReadStatus, page?: PageRead): void;
  onError(error: unknown): void;
  /**
   * The record's data from the CRM's own API (record-data/), keyed by this URL's record: the first
   * layer. While it is pending no DOM read is taken; when it resolves to null the DOM layers decide.
   */
  recordData?: Promise<LayerFound | null>;
  /**
   * A DOM read of this record that passed the guards after the API's read was shown (the page was
   * still rendering, or showed the previous record, when the API answered): what the guards must
   * remember of this record for the next navigation.
   */
  onDomSettled?(page: PageRead): void;
}

/**
 * Observes the container's subtree, plus only the direct child lists of its ancestors: cheap, and
 * it notices when the SPA replaces the container itself (a detached node reports nothing).
 */
function observe(observer: MutationObserver, root: Element): void {
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  for (let a = root.parentElement; a; a = a.parentElement) observer.observe(a, { childList: true });
}

type Guard = NonNullable<ReadInfo['guard']>;

/**
 * The freshness guard's verdict for a read (see file comment). `navigated`: this record came by an
 * SPA navigation; `settled`: the settle time has passed. After a navigation from a page whose record
 * was never read there is nothing to compare with: the read must have settled.
 */
export function guardRead(
  page: PageRead,
  match: RecordMatch,
  previous: PreviousRecord | null,
  opts: { navigated?: boolean; settled?: boolean } = {},
): { ok: boolean; guard: Guard } {
  if (page.idMatch === false) return { ok: false, guard: 'stale-id' };
  if (page.idMatch === true) return { ok: true, guard: 'record-id' };
  if (!previous && opts.navigated) return { ok: !!opts.settled, guard: 'settled' };
  if (!previous || previous.recordId === match.recordId) return { ok: true, guard: 'fresh-load' };
  if (page.fingerprint !== previous.fingerprint) return { ok: true, guard: 'content-changed' };
  const before = previous.titleNode?.deref();
  if (page.titleNode && before && page.titleNode !== before) return { ok: true, guard: 'content-changed' };
  return { ok: false, guard: 'stale-content' };
}

/** Reads the record (see file comment). A record in a hidden tab waits, timer-free, until shown. */
export function readRecord(o: ReadRecordOptions): void {
  const { adapter, match, document: doc, signal } = o;
  const settleMs = o.settleMs ?? 1200;
  const pendingMs = o.pendingMs ?? 150;
  const t0 = performance.now();
  let done = false;
  /** the API layer: pending, absent (null: failed or none), or its data */
  let api: LayerFound | null | 'pending' = o.recordData ? 'pending' : null;
  /** the API's read was shown; the DOM is only watched to remember this record for the guards */
  let shadow = false;
  let kick: (() => void) | null = null;
  const urlOnly = { site: adapter.id, url: match.url, recordType: match.recordType, recordId: match.recordId };

  const emit = (ctx: PageContextInput, status: ReadStatus, page?: PageRead) => {
    if (signal.aborted) return;
    o.onRead(toPageContext(ctx), status, page);
  };

  /** One check; `final` at the budget's end. Returns true when the record is settled. */
  const attempt = (final: boolean): boolean => {
    if (signal.aborted || done) return true;
    workCounts.checks++;
    let page: PageRead;
    try {
      page = readPage(adapter, doc, match);
      page.errors.forEach((e) => o.onError(e));
    } catch (e) {
      o.onError(e);
      if (!final) return false;
      page = { ctx: urlOnly, layers: [], via: {}, scoped: false, ids: [], idMatch: null, fingerprint: '', titleNode: null, strong: false, any: false, errors: [] };
    }
    const elapsed = performance.now() - t0;
    const settled = final || elapsed >= settleMs;
    const { ok, guard } = guardRead(page, match, o.previous, { navigated: o.navigated, settled });
    if (shadow) {
      if (ok && page.any && (page.strong || settled)) {
        done = true;
        o.onDomSettled?.(page);
        return true;
      }
      return final;
    }
    if (api === 'pending' && !final) return false;
    if (api && api !== 'pending') {
      // the record's own data: taken at once; the DOM layers add what the API lacks only when
      // the page shows this record (else the API layer alone)
      const merged = readPage(adapter, doc, match, { api, dom: ok });
      if (merged.any) {
        workCounts.reads++;
        const read: ReadInfo = { status: merged.strong ? 'read' : 'partial', via: merged.via, guard: 'record-data', layers: merged.layers, ms: Math.round(elapsed) };
        const domOk = ok && page.any && (page.strong || settled);
        emit({ ...merged.ctx, read }, 'ready', domOk ? page : undefined);
        if (domOk || final) {
          done = true;
          return true;
        }
        shadow = true;
        return false;
      }
    }
    const take = ok && page.any && (page.strong || settled);
    if (!take && !final) return false;
    done = true;
    workCounts.reads++;
    const read: ReadInfo = {
      status: take ? (page.strong ? 'read' : 'partial') : 'unreadable',
      via: take ? page.via : {},
      guard: take && !page.strong && guard === 'fresh-load' && elapsed >= settleMs ? 'settled' : guard,
      layers: page.layers,
      ms: Math.round(elapsed),
    };
    emit(take ? { ...page.ctx, read } : { ...urlOnly, read }, take ? 'ready' : 'timeout', page);
    return true;
  };

  o.recordData?.then(
    (found) => {
      api = found && Object.keys(found).length ? found : null;
      kick?.();
    },
    () => {
      api = null;
      kick?.();
    },
  );

  const start = () => {
    if (signal.aborted || attempt(false)) return;
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
      if (attempt(false)) return stop();
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
    const timers = [
      // nothing yet: the panel shows its skeleton instead of a blank
      setTimeout(() => !done && !shadow && emit({ ...urlOnly, read: { status: 'reading', via: {}, layers: [] } }, 'reading'), pendingMs),
      // a weak read waits for the settle time, then is taken even if the page stays quiet
      setTimeout(() => !done && check(), Math.max(0, settleMs - (performance.now() - t0)) + 1),
      setTimeout(() => {
        stop();
        attempt(true);
      }, o.timeoutMs),
    ];
    function stop() {
      observer.disconnect();
      timers.forEach(clearTimeout);
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
    }
    signal.addEventListener('abort', stop, { once: true });
    kick = () => !done && !signal.aborted && check();
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
