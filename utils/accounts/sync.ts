/**
 * Sync engine: a full keyset sync on first run, then delta syncs from the previous run's first
 * syncTimestamp minus an overlap. Each page and its cursor are written in one IndexedDB
 * transaction, so a worker killed mid-sync resumes where it stopped (nothing missed or doubled).
 * Pages are streamed, never accumulated. Progress lives in storage (SyncStatus) for the views,
 * written at most every `progressIntervalMs` while pages flow, and always when the run ends.
 */
import type { SyncSettings } from '../settings';
import type { ErrorView, SyncStatus } from '../view-models';
import type { ApiAccountRow, SyncCheckpoint } from './db';
import type { MoveRecord } from './movers';
import type { AccountStore } from './store';
import type { FieldDefinition } from './view';

export interface AccountPage {
  data: ApiAccountRow[];
  nextCursor: string | null;
  hasNextPage: boolean;
  syncTimestamp: string | null;
}

/** The part of the Recotap client sync needs. */
export interface SyncClient {
  iterateAccountPages(
    params: { lastSync?: string; limit?: number; cursor?: string },
    opts?: { signal?: AbortSignal },
  ): AsyncIterable<AccountPage>;
  listJourneyStages(opts?: { signal?: AbortSignal }): Promise<string[]>;
  listCustomFields(opts?: { signal?: AbortSignal }): Promise<{ key: string; label: string }[]>;
  listSegments(opts?: { signal?: AbortSignal }): Promise<{ segmentId: string; name: string; status: string }[]>;
}

export interface SyncDeps {
  store: AccountStore;
  getClient: () => Promise<SyncClient | null>;
  getSyncSettings: () => Promise<SyncSettings>;
  getNeedsNewKey: () => Promise<boolean>;
  setNeedsNewKey: (value: boolean) => Promise<void>;
  getStatus: () => Promise<SyncStatus>;
  setStatus: (status: SyncStatus) => Promise<void>;
  /** `retryInMs`: the backoff this engine scheduled, so the message can say when it retries */
  toErrorView: (err: unknown, opts?: { retryInMs?: number }) => ErrorView;
  /** ask for a one-shot retry alarm at this epoch ms (backoff) */
  scheduleRetry?: (atMs: number) => void;
  /** the watched accounts (watch.ts): their changes are recorded as movers as pages are written */
  watchedIds?: () => Promise<ReadonlySet<string>>;
  /** the followed segments' ids (settings): their accounts are recorded as movers too, read per run */
  followedSegments?: () => Promise<ReadonlySet<string>>;
  /** after a run completes, the moves it recorded (badge, notification); not called when none */
  onMoves?: (moves: MoveRecord[]) => void | Promise<void>;
  now?: () => number;
  overlapMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pageSize?: number;
  /**
   * Progress (pages/accounts) is written at most this often, by `now()` (0 = after every page).
   * Each write is a storage get+set that wakes every status watcher: at 100,000 accounts,
   * writing per page meant 1,000 of them.
   */
  progressIntervalMs?: number;
}

export interface RunOptions {
  /** drop the delta checkpoint and re-read everything */
  full?: boolean;
  /** ignore a pending backoff (the rep pressed "Sync now") */
  force?: boolean;
  /** aborting leaves the checkpoint at the last written page */
  signal?: AbortSignal;
}

const EMPTY_CHECKPOINT: SyncCheckpoint = { completedSyncTimestamp: null, inProgress: null, backoffAttempt: 0, backoffUntil: 0 };
const RETRYABLE = new Set(['rate-limited', 'server', 'network', 'timeout', 'unexpected-response']);

function errorKind(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'kind' in err ? String((err as { kind: unknown }).kind) : undefined;
}

function retryAfterMs(err: unknown): number {
  const v = typeof err === 'object' && err !== null ? (err as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/**
 * Ask for the next page as soon as one arrives, so the API round trip overlaps the IndexedDB write
 * of the page before it. One request in flight at a time; checkpoints still follow written pages.
 */
async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => undefined); // its failure surfaces when the loop awaits it
      yield r.value;
    }
  } finally {
    // closes the source after the request in flight settles (an abort cancels that request)
    void it.return?.(undefined)?.catch(() => undefined);
  }
}

/** Create the engine. `run()` is safe to call often: one run at a time, skipped while disabled/backing off. */
export function createSyncEngine(deps: SyncDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const overlapMs = deps.overlapMs ?? 2 * 60_000;
  const baseMs = deps.backoffBaseMs ?? 60_000;
  const maxMs = deps.backoffMaxMs ?? 60 * 60_000;
  const progressMs = deps.progressIntervalMs ?? 0;
  let running: Promise<SyncStatus> | null = null;
  let stopper: AbortController | null = null;

  async function patchStatus(patch: Partial<SyncStatus>): Promise<SyncStatus> {
    const next = { ...(await deps.getStatus()), ...patch };
    await deps.setStatus(next);
    return next;
  }

  /** Ask for stages, field labels and segments (alongside the pages); never rejects. */
  function fetchMeta(client: SyncClient, signal: AbortSignal) {
    return Promise.allSettled([
      client.listJourneyStages({ signal }),
      client.listCustomFields({ signal }),
      client.listSegments({ signal }),
    ]);
  }

  /** Store what fetchMeta got (only for a run that completed; a failed part keeps the old copy). */
  async function storeMeta(meta: ReturnType<typeof fetchMeta>): Promise<void> {
    const at = now();
    const [stages, fields, segments] = await meta;
    if (stages.status === 'fulfilled' && stages.value.length) await store.putMeta('stages', stages.value, at);
    if (fields.status === 'fulfilled') {
      const defs: FieldDefinition[] = fields.value.map((f) => ({ key: f.key, label: f.label || f.key }));
      await store.putMeta('customFields', defs, at);
    }
    if (segments.status === 'fulfilled') await store.putMeta('segments', segments.value, at);
  }

  async function runOnce(opts: RunOptions): Promise<SyncStatus> {
    const settings = await deps.getSyncSettings();
    if (!settings.enabled) return patchStatus({ enabled: false, phase: 'idle' });
    if (await deps.getNeedsNewKey()) return patchStatus({ enabled: true, phase: 'paused-auth' });
    const client = await deps.getClient();
    if (!client) return patchStatus({ enabled: true, phase: 'idle' });
    let cp = (await store.getCheckpoint()) ?? EMPTY_CHECKPOINT;
    if (!opts.force && cp.backoffUntil > now()) return deps.getStatus();
    if (opts.full) cp = { ...cp, completedSyncTimestamp: null, inProgress: null };
    let run = cp.inProgress;
    if (!run) {
      const since = cp.completedSyncTimestamp ? Date.parse(cp.completedSyncTimestamp) - overlapMs : NaN;
      run = Number.isFinite(since)
        ? { mode: 'delta', lastSync: new Date(since).toISOString(), cursor: null, runSyncTimestamp: null, pages: 0, accounts: 0 }
        : { mode: 'full', lastSync: null, cursor: null, runSyncTimestamp: null, pages: 0, accounts: 0 };
      // a full run that starts on an empty cache writes rows that cannot be cached yet: no reads,
      // one block per page (kept in the checkpoint, so a resumed run goes on the same way)
      if (run.mode === 'full' && (await store.count()) === 0) run = { ...run, bulk: true };
      cp = { ...cp, inProgress: run };
      await store.putCheckpoint(cp);
    }
    const assumeNew = run.bulk === true;
    // movers come from the rows this run writes (a bulk run has no earlier copy to compare with)
    const watched = assumeNew || !deps.watchedIds ? undefined : await deps.watchedIds();
    const segments = assumeNew || !deps.followedSegments ? undefined : await deps.followedSegments().catch(() => undefined);
    const moves: MoveRecord[] = [];
    await patchStatus({ enabled: true, phase: run.mode, pages: run.pages, accounts: run.accounts });
    let lastProgressAt = now();
    // what the cache holds for this run (a page counts once its transaction committed)
    let written = { pages: run.pages, accounts: run.accounts };
    const progress = () => written;
    // metadata requests end with the run: a failed or stopped run does not leave them retrying
    const metaStop = new AbortController();
    const metaSignal = opts.signal ? AbortSignal.any([opts.signal, metaStop.signal]) : metaStop.signal;
    // asked once the first page came back: a run refused at its first request asks nothing more
    let meta: ReturnType<typeof fetchMeta> | null = null;
    try {
      const params = {
        limit: deps.pageSize ?? 100,
        ...(run.lastSync ? { lastSync: run.lastSync } : {}),
        ...(run.cursor ? { cursor: run.cursor } : {}),
      };
      for await (const page of prefetched(client.iterateAccountPages(params, { signal: opts.signal }))) {
        opts.signal?.throwIfAborted();
        meta ??= fetchMeta(client, metaSignal);
        run = {
          ...run,
          cursor: page.nextCursor ?? run.cursor,
          runSyncTimestamp: run.runSyncTimestamp ?? page.syncTimestamp,
          pages: run.pages + 1,
          accounts: run.accounts + page.data.length,
        };
        const next = { ...cp, inProgress: run };
        const moved = await store.putAccounts(page.data, now(), next, { assumeNew, watched, segments });
        if (moved.length) moves.push(...moved);
        // only a committed page moves the checkpoint a failure handler may write back
        cp = next;
        written = { pages: run.pages, accounts: run.accounts };
        if (now() - lastProgressAt >= progressMs) {
          lastProgressAt = now();
          await patchStatus(progress());
        }
      }
      await storeMeta(meta ?? fetchMeta(client, metaSignal));
      cp = {
        completedSyncTimestamp: run.runSyncTimestamp ?? new Date(now()).toISOString(),
        inProgress: null,
        backoffAttempt: 0,
        backoffUntil: 0,
      };
      await store.putCheckpoint(cp);
      // type-ahead reads a prefix's first entries from one or two pages sorted by name and by domain,
      // built once the blocks are all written (here, after the first full sync or an upgrade);
      // a failure leaves search on the blocks, as before
      await store.ensureSearchPages().catch(() => false);
      if (moves.length) await Promise.resolve(deps.onMoves?.(moves)).catch(() => undefined);
      return patchStatus({
        ...progress(),
        phase: 'idle',
        lastError: null,
        lastSuccessAt: new Date(now()).toISOString(),
        cachedAccounts: await (assumeNew ? store.recount() : store.count()),
      });
    } catch (err) {
      // stopped or worker shutting down: the checkpoint already points at the last written page
      if (opts.signal?.aborted) return patchStatus({ ...progress(), phase: 'idle' });
      return handleFailure(err, cp, progress());
    } finally {
      metaStop.abort();
    }
  }

  async function handleFailure(err: unknown, cp: SyncCheckpoint, done: Partial<SyncStatus>): Promise<SyncStatus> {
    const status = await deps.getStatus();
    const base = { ...done, errors: status.errors + 1, lastError: deps.toErrorView(err), cachedAccounts: await store.count() };
    if (errorKind(err) === 'unauthorized') {
      await deps.setNeedsNewKey(true);
      return patchStatus({ ...base, phase: 'paused-auth' });
    }
    if (RETRYABLE.has(errorKind(err) ?? '') || errorKind(err) === undefined) {
      const attempt = cp.backoffAttempt + 1;
      const delay = Math.max(retryAfterMs(err), Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
      const until = now() + delay;
      await store.putCheckpoint({ ...cp, backoffAttempt: attempt, backoffUntil: until });
      deps.scheduleRetry?.(until);
      return patchStatus({ ...base, lastError: deps.toErrorView(err, { retryInMs: delay }), phase: 'backoff' });
    }
    return patchStatus({ ...base, phase: 'idle' });
  }

  return {
    /** Run a sync now (joins a run already in progress). */
    run(opts: RunOptions = {}): Promise<SyncStatus> {
      if (!running) {
        const own = new AbortController();
        stopper = own;
        const signal = opts.signal ? AbortSignal.any([opts.signal, own.signal]) : own.signal;
        running = runOnce({ ...opts, signal }).finally(() => {
          running = null;
          stopper = null;
        });
      }
      return running;
    },
    /** Abort a run in progress and wait for it to settle (clearLocalData, key change). */
    async stop(): Promise<void> {
      stopper?.abort();
      await running?.catch(() => undefined);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
