/**
 * One flush: take the lease, then send due items in batches of ≤ 50 until none is due, the server
 * asks us to back off, or the key is rejected. Results are written per item; a batch the server
 * rejects as a whole (400) is re-sent item by item so one bad activity cannot block the rest.
 */
import type { ErrorView } from '../view-models';
import type { OutboxDb, OutboxItem } from './db';
import { backoffDelay, classifyFailure, describeFailure, failureDetail, itemFailureReason, type BackoffOptions, type SendFailure } from './failures';
import { acquireLease, releaseLease, renewLease } from './lease';
import { isDuplicateActivityError, type ActivityResult } from '../recotap';
import { toApiActivity, type OutboxClient } from './payload';
import { claimDue, deferOpen, releaseSending, updateItems } from './store';

export type FlushStatus = 'done' | 'retry-later' | 'unauthorized' | 'busy' | 'not-configured' | 'aborted';

export interface FlushResult {
  status: FlushStatus;
  sent: number;
  failed: number;
  skipped: number;
  requests: number;
  /** the failure that ended the flush early (retry-later, unauthorized) */
  error: ErrorView | null;
}

export interface FlushContext {
  db: OutboxDb;
  client: OutboxClient;
  now: () => number;
  owner: string;
  leaseMs: number;
  batchSize: number;
  backoff: BackoffOptions;
  force: boolean;
  signal?: AbortSignal;
  onChange: () => void;
}

class Stop extends Error {
  constructor(readonly status: FlushStatus, readonly failure?: SendFailure) {
    super(status);
  }
}

const abortedPromise = (signal?: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(new Stop('aborted'));
    signal?.addEventListener('abort', () => reject(new Stop('aborted')), { once: true });
  });

/** Runs one flush to completion (see file comment). Never throws for API or network failures. */
export async function runFlush(ctx: FlushContext): Promise<FlushResult> {
  const result: FlushResult = { status: 'done', sent: 0, failed: 0, skipped: 0, requests: 0, error: null };
  if (!(await acquireLease(ctx.db, ctx.owner, ctx.now(), ctx.leaseMs))) return { ...result, status: 'busy' };
  const aborted = abortedPromise(ctx.signal);
  aborted.catch(() => undefined);
  let claimed: OutboxItem[] = [];
  const tried = new Set<string>();

  const push = async (items: OutboxItem[]): Promise<ActivityResult[]> => {
    // renew before every request: a lapsed lease means another instance took over, so stop sending
    if (!(await renewLease(ctx.db, ctx.owner, ctx.now(), ctx.leaseMs))) throw new Stop('busy');
    result.requests++;
    const res = await Promise.race([ctx.client.pushSalesActivities(items.map(toApiActivity), { signal: ctx.signal }), aborted]);
    return res.results;
  };

  const record = async (items: OutboxItem[], results: ActivityResult[]) => {
    const byId = new Map(results.map((r) => [r.externalActivityId, r]));
    const at = ctx.now();
    await updateItems(ctx.db, items.map((i) => i.id), (item) => {
      const r = byId.get(item.id);
      if (!r) {
        // not in the answer: unknown fate, so re-send later (a duplicate answer then settles it)
        const nextAttemptAt = at + backoffDelay(item.attempts + 1, undefined, ctx.backoff);
        return { state: 'pending', sendingSince: null, attempts: item.attempts + 1, nextAttemptAt, lastError: 'missing from the response' };
      }
      if (r.status === 'created' || (r.status === 'failed' && isDuplicateActivityError(r.error))) {
        result.sent++;
        return { state: 'sent', sentAt: new Date(at).toISOString(), reason: null, sendingSince: null, lastError: null };
      }
      const skipped = r.status === 'skipped';
      if (skipped) result.skipped++;
      else result.failed++;
      // Recotap's own sentence stays in lastError (diagnostics); the rep reads rep words
      const reason = skipped ? 'Recotap skipped this activity: it accepts only calls and e-mails.' : itemFailureReason(r.error);
      return { state: skipped ? 'skipped' : 'failed', reason, sendingSince: null, attempts: item.attempts + 1, lastError: r.error ?? null };
    });
    ctx.onChange();
  };

  const sendBatch = async (items: OutboxItem[]): Promise<void> => {
    let results: ActivityResult[];
    try {
      results = await push(items);
    } catch (err) {
      if (err instanceof Stop) throw err;
      if (ctx.signal?.aborted) throw new Stop('aborted');
      const failure = describeFailure(err);
      const cls = classifyFailure(failure);
      if (cls === 'unauthorized') throw new Stop('unauthorized', failure);
      if (cls === 'forbidden') {
        // the key may not log activities: every item of the batch says so (kept, resendable); the
        // key stays connected and sync and lookups go on
        result.failed += items.length;
        await updateItems(ctx.db, items.map((i) => i.id), (i) => ({
          state: 'failed', reason: failure.message, sendingSince: null, attempts: i.attempts + 1, lastError: failureDetail(failure),
        }));
        ctx.onChange();
        return;
      }
      if (cls === 'transient') {
        const attempts = Math.max(...items.map((i) => i.attempts)) + 1;
        const until = ctx.now() + backoffDelay(attempts, failure.retryAfterMs, ctx.backoff);
        const lastError = failureDetail(failure);
        await updateItems(ctx.db, items.map((i) => i.id), (i) => ({
          state: 'pending', sendingSince: null, attempts: i.attempts + 1, nextAttemptAt: until, lastError,
        }));
        // the server is unwell: hold back every other open item too, or the next alarm would hammer it
        await deferOpen(ctx.db, until);
        throw new Stop('retry-later', failure);
      }
      if (items.length === 1) {
        result.failed++;
        await updateItems(ctx.db, items.map((i) => i.id), (i) => ({
          state: 'failed', reason: failure.message, sendingSince: null, attempts: i.attempts + 1, lastError: failureDetail(failure),
        }));
        ctx.onChange();
        return;
      }
      for (const item of items) await sendBatch([item]);
      return;
    }
    await record(items, results);
  };

  try {
    for (;;) {
      if (ctx.signal?.aborted) throw new Stop('aborted');
      claimed = await claimDue(ctx.db, ctx.now(), ctx.batchSize, ctx.force, tried);
      if (claimed.length === 0) break;
      for (const item of claimed) tried.add(item.id);
      await sendBatch(claimed);
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    result.status = err.status;
    if (err.failure) result.error = toView(err.failure);
  } finally {
    // whatever was claimed but not settled (abort, 401, lease lost) goes back to pending untouched
    await releaseSending(ctx.db, claimed.map((i) => i.id));
    await releaseLease(ctx.db, ctx.owner);
  }
  return result;
}

function toView(f: SendFailure): ErrorView {
  return { kind: f.kind, message: f.message, retryable: f.kind !== 'unauthorized' && f.kind !== 'permission' && f.kind !== 'validation' };
}
