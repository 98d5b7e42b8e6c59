/**
 * Bulk writes: split input into chunks of the documented maximum (recotap-api.md §2.7), send the
 * chunks one after another, and merge their outcomes in input order. A failing chunk after
 * successful ones raises BulkPartialError carrying what was already done.
 */
import { BulkPartialError, RecotapError } from './errors';
import type { AccountResult, ActivityResult, BulkResult, DealResult, PipelineResult } from './schemas';

/** Documented per-request item limits. */
export const BULK_LIMITS = { accounts: 100, deals: 100, activities: 50, mappings: 100, pipelines: 20, domains: 100 } as const;

/** Splits items into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sends chunks sequentially and folds their outcomes; see BulkPartialError for mid-way failures. */
export async function sendInChunks<I, C, M>(
  items: readonly I[],
  size: number,
  send: (part: I[]) => Promise<C>,
  merge: (acc: M, outcome: C, part: I[]) => M,
  empty: M,
): Promise<M> {
  let acc = empty;
  let done = 0;
  for (const part of chunk(items, size)) {
    try {
      acc = merge(acc, await send(part), part);
    } catch (err) {
      if (done > 0 && err instanceof RecotapError) throw new BulkPartialError<M>(err, acc, done, items.length);
      throw err;
    }
    done += part.length;
  }
  return acc;
}

/** Merger for `{results}` responses: checks one result per item and re-derives the summary. */
export function resultMerger<R, S>(summarize: (results: R[]) => S) {
  return (acc: BulkResult<R, S>, outcome: { results: R[] }, part: unknown[]): BulkResult<R, S> => {
    if (outcome.results.length !== part.length) {
      throw new RecotapError(
        'unexpected-response',
        `The Recotap API returned ${outcome.results.length} results for ${part.length} items, so they cannot be matched to what was sent.`,
      );
    }
    const results = [...acc.results, ...outcome.results];
    return { results, summary: summarize(results) };
  };
}

/** Empty merged outcome for a summary function. */
export function emptyBulk<R, S>(summarize: (results: R[]) => S): BulkResult<R, S> {
  return { results: [], summary: summarize([]) };
}

const count = <R extends { status: string }>(results: R[], status: string) => results.filter((r) => r.status === status).length;

/** Summary of POST /accounts results. */
export const summarizeAccounts = (r: AccountResult[]) => ({
  total: r.length,
  created: count(r, 'created'),
  updated: count(r, 'updated'),
  failed: count(r, 'failed'),
});
/** Summary of POST /deals results. */
export const summarizeDeals = (r: DealResult[]) => ({ total: r.length, upserted: count(r, 'upserted'), failed: count(r, 'failed') });
/** Summary of POST /sales-activities results. */
export const summarizeActivities = (r: ActivityResult[]) => ({
  total: r.length,
  created: count(r, 'created'),
  failed: count(r, 'failed'),
  skipped: count(r, 'skipped'),
});
/** Summary of POST /deal-stages results. */
export const summarizePipelines = (r: PipelineResult[]) => ({ total: r.length, created: count(r, 'created') });
