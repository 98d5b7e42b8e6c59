// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BulkPartialError, RecotapError, type ActivityInput } from '../../../utils/recotap';
import { apiError, ok, rejection, setup, type RecordedCall } from './fake-fetch';

const body = (c: RecordedCall) => c.body as Record<string, unknown[]>;
const activity = (i: number): ActivityInput => ({
  externalActivityId: `act-${i}`,
  activityType: i % 10 === 9 ? 'meeting' : 'call',
  occurredAt: '2026-07-01T08:00:00.000Z',
  domain: 'acme.com',
  ownerEmail: 'rep@example.com',
  contacts: [{ email: 'buyer@acme.com' }],
});

/** Answers POST /sales-activities per item: 'meeting' skipped, act-3 already exists, the rest created. */
function activityServer(call: RecordedCall) {
  const items = body(call).activities as { externalActivityId: string; activityType: string }[];
  const results = items.map((a) =>
    a.activityType !== 'call'
      ? { externalActivityId: a.externalActivityId, status: 'skipped', error: 'Unsupported activityType' }
      : a.externalActivityId === 'act-3'
        ? { externalActivityId: a.externalActivityId, status: 'failed', error: "Sales activity with externalActivityId 'act-3' already exists" }
        : { externalActivityId: a.externalActivityId, status: 'created' },
  );
  // a summary that disagrees with the results: the client must derive its own
  return ok({ results, summary: { total: 999, created: 0 } });
}

describe('bulk writes', () => {
  it('sends activities in chunks of 50, sequentially, and merges results in input order', async () => {
    const { client, calls } = setup(activityServer);
    const input = Array.from({ length: 120 }, (_, i) => activity(i));
    const out = await client.pushSalesActivities(input);
    expect(calls.map((c) => body(c).activities?.length)).toEqual([50, 50, 20]);
    expect(out.results.map((r) => r.externalActivityId)).toEqual(input.map((a) => a.externalActivityId));
    expect(out.summary).toEqual({ total: 120, created: 107, failed: 1, skipped: 12 });
  });

  it('chunks accounts, deals and id mappings by 100 and pipelines by 20', async () => {
    const { client, calls } = setup((call) => {
      const b = body(call);
      if (b.accounts) return ok({ results: b.accounts.map(() => ({ rtp_aid: 'a'.repeat(24), status: 'created' })) });
      if (b.deals) return ok({ results: (b.deals as { externalDealId: string }[]).map((d) => ({ externalDealId: d.externalDealId, status: 'upserted' })) });
      if (b.mappings) return ok({ matched: b.mappings.length - 1, updated: b.mappings.length - 1, notFound: [`nf${b.mappings.length}.com`] });
      return ok({ results: (b.pipelines as { pipelineId: string }[]).map((p) => ({ pipelineId: p.pipelineId, status: 'created' })) });
    });
    const accounts = await client.createAccounts(Array.from({ length: 250 }, (_, i) => ({ domain: `d${i}.com`, name: `D${i}` })), { segmentId: 'seg-1', upsert: true });
    const deals = await client.pushDeals(Array.from({ length: 101 }, (_, i) => ({ externalDealId: `opp-${i}`, name: 'Deal' })));
    const mapped = await client.mapExternalIds(Array.from({ length: 150 }, (_, i) => ({ domain: `d${i}.com`, externalId: `${i}` })));
    const stages = await client.pushDealStages(Array.from({ length: 45 }, (_, i) => ({ pipelineId: `p${i}`, pipelineLabel: 'P', stages: [{ stageId: 's', stageLabel: 'S' }] })));
    const sizes = (key: string) => calls.filter((c) => body(c)[key]).map((c) => body(c)[key]?.length);
    expect(sizes('accounts')).toEqual([100, 100, 50]);
    expect(sizes('deals')).toEqual([100, 1]);
    expect(sizes('mappings')).toEqual([100, 50]);
    expect(sizes('pipelines')).toEqual([20, 20, 5]);
    expect(calls.filter((c) => body(c).accounts).every((c) => c.body && (c.body as { segmentId: string; upsert: boolean }).segmentId === 'seg-1')).toBe(true);
    expect(accounts.summary).toEqual({ total: 250, created: 250, updated: 0, failed: 0 });
    expect(deals.summary).toEqual({ total: 101, upserted: 101, failed: 0 });
    expect(mapped).toEqual({ matched: 148, updated: 148, notFound: ['nf100.com', 'nf50.com'] });
    expect(stages.summary).toEqual({ total: 45, created: 45 });
  });

  it('sends nothing for an empty list', async () => {
    const { client, calls } = setup(() => apiError(500));
    await expect(client.pushSalesActivities([])).resolves.toEqual({ results: [], summary: { total: 0, created: 0, failed: 0, skipped: 0 } });
    await expect(client.createAccounts([])).resolves.toMatchObject({ results: [] });
    expect(calls).toHaveLength(0);
  });

  it('keeps completed chunks when a later chunk fails', async () => {
    const { client, calls } = setup((call, i) => (i < 2 ? activityServer(call) : apiError(400, { data: [{ property: 'activities', constraints: { x: 'bad chunk' } }] })));
    const input = Array.from({ length: 160 }, (_, i) => activity(i));
    const err = await rejection(client.pushSalesActivities(input));
    expect(err).toBeInstanceOf(BulkPartialError);
    expect(err).toBeInstanceOf(RecotapError);
    const partial = err as BulkPartialError<{ results: { externalActivityId: string }[]; summary: { total: number } }>;
    expect(partial.kind).toBe('validation');
    expect(partial.completedItems).toBe(100);
    expect(partial.completed.results.map((r) => r.externalActivityId)).toEqual(input.slice(0, 100).map((a) => a.externalActivityId));
    expect(partial.completed.summary.total).toBe(100);
    expect(calls).toHaveLength(3);
  });

  it('throws the plain error when the first chunk fails', async () => {
    const { client } = setup(() => apiError(401));
    const err = await rejection(client.pushDeals([{ externalDealId: 'x', name: 'X' }]));
    expect(err).toBeInstanceOf(RecotapError);
    expect(err).not.toBeInstanceOf(BulkPartialError);
  });

  it('rejects a result list that cannot be matched to the input by index', async () => {
    const { client } = setup(() => ok({ results: [{ externalDealId: 'a', status: 'upserted' }] }));
    const err = await rejection(client.pushDeals([{ externalDealId: 'a', name: 'A' }, { externalDealId: 'b', name: 'B' }]));
    expect(err).toMatchObject({ kind: 'unexpected-response' });
  });

  it('strips undocumented fields and rejects wrong types before sending', async () => {
    const { client, calls } = setup((call) => ok({ results: [{ externalDealId: 'a', status: 'upserted' }], echo: call.body }));
    await client.pushDeals([{ externalDealId: 'a', name: 'A', secret: 'x' } as never]);
    expect(calls[0]?.body).toEqual({ deals: [{ externalDealId: 'a', name: 'A' }] });
    const err = await rejection(client.pushDeals([{ externalDealId: 5, name: 'A' } as never]));
    expect(err).toMatchObject({ kind: 'validation', fieldErrors: [{ field: '[0].externalDealId' }] });
    expect(calls).toHaveLength(1);
  });
});
