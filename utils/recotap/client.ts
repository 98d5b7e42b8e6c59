/**
 * createRecotapClient: the typed Recotap External API client (recotap-api.md §3), used only in
 * the background. Tests pass a fetch or point the base URL at the emulator (design.md rule 5).
 */
import { z } from 'zod';
import { createTransport, type TransportOptions } from './http';
import { createAccountsApi, type CallOptions } from './accounts-api';
import {
  emptyBulk, resultMerger, sendInChunks, summarizeActivities, summarizeDeals, summarizePipelines, BULK_LIMITS,
} from './bulk';
import { drainPages, iteratePages } from './paging';
import {
  ActivityInputSchema, DealInputSchema, PipelineInputSchema, parseInput,
  type ActivityInput, type DealInput, type PipelineInput,
} from './request-schemas';
import {
  DealStagesSchema, JourneyStagesSchema, PushActivitiesResponseSchema, PushDealStagesResponseSchema,
  PushDealsResponseSchema, SegmentPageSchema, type Segment,
} from './schemas';

export type RecotapClientOptions = TransportOptions;

/** Creates a Recotap API client bound to one base URL and API key. */
export function createRecotapClient(options: RecotapClientOptions) {
  const request = createTransport(options);
  const accounts = createAccountsApi(request);

  async function pushDeals(deals: readonly DealInput[], opts: CallOptions = {}) {
    const items = parseInput(z.array(DealInputSchema), deals, 'deal list');
    return sendInChunks(
      items, BULK_LIMITS.deals,
      // upsert by externalDealId: repeating a batch is harmless
      (part) => request({ method: 'POST', path: '/deals', body: { deals: part }, schema: PushDealsResponseSchema, shape: 'object', retry: 'safe', signal: opts.signal }),
      resultMerger(summarizeDeals), emptyBulk(summarizeDeals),
    );
  }

  async function pushSalesActivities(activities: readonly ActivityInput[], opts: CallOptions = {}) {
    const items = parseInput(z.array(ActivityInputSchema), activities, 'activity list');
    return sendInChunks(
      items, BULK_LIMITS.activities,
      // create-only, but a repeat comes back per item as "already exists" (isDuplicateActivityError)
      (part) => request({
        method: 'POST', path: '/sales-activities', body: { activities: part },
        schema: PushActivitiesResponseSchema, shape: 'object', retry: 'safe', signal: opts.signal,
      }),
      resultMerger(summarizeActivities), emptyBulk(summarizeActivities),
    );
  }

  async function pushDealStages(pipelines: readonly PipelineInput[], opts: CallOptions = {}) {
    const items = parseInput(z.array(PipelineInputSchema), pipelines, 'pipeline list');
    return sendInChunks(
      items, BULK_LIMITS.pipelines,
      // all-or-nothing create: a retry after a lost response would 409 on our own pipelines
      (part) => request({
        method: 'POST', path: '/deal-stages', body: { pipelines: part },
        schema: PushDealStagesResponseSchema, shape: 'object', retry: 'unsafe', signal: opts.signal,
      }),
      resultMerger(summarizePipelines), emptyBulk(summarizePipelines),
    );
  }

  /** Pages of GET /segments (static segments, active or draft). */
  function iterateSegmentPages(params: { limit?: number; cursor?: string } = {}, opts: CallOptions = {}) {
    return iteratePages(
      (cursor) => request({
        method: 'GET', path: '/segments', query: { limit: params.limit, cursor },
        schema: SegmentPageSchema, shape: 'page', retry: 'safe', signal: opts.signal,
      }),
      { cursor: params.cursor, maxPages: opts.maxPages },
    );
  }

  async function listSegments(opts: CallOptions = {}): Promise<Segment[]> {
    return drainPages(iterateSegmentPages({}, opts));
  }

  async function listJourneyStages(opts: CallOptions = {}): Promise<string[]> {
    return request({ method: 'GET', path: '/journey-stages', schema: JourneyStagesSchema, shape: 'list', retry: 'safe', signal: opts.signal });
  }

  async function listDealStages(opts: CallOptions = {}) {
    return request({ method: 'GET', path: '/deal-stages', schema: DealStagesSchema, shape: 'list', retry: 'safe', signal: opts.signal });
  }

  return {
    ...accounts,
    pushDeals,
    pushSalesActivities,
    pushDealStages,
    iterateSegmentPages,
    listSegments,
    listJourneyStages,
    listDealStages,
  };
}

export type RecotapClient = ReturnType<typeof createRecotapClient>;
