// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDuplicateActivityError, type ActivityInput, type RecotapError } from '../../utils/recotap/index.ts';
import { raw, rejectionOf, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(() => h.emu.close());
beforeEach(() => h.emu.reset());

const activity = (i: number, over: Partial<ActivityInput> = {}): ActivityInput => ({
  externalActivityId: `act-${i}`,
  activityType: i % 2 ? 'call' : 'email',
  occurredAt: '2026-11-20T10:00:00.000Z',
  domain: 'acmerobotics.com',
  ownerEmail: 'sam.seller@lens-demo-vendor.com',
  contacts: [{ email: 'dana.whitfield@acmerobotics.com', name: 'Dana Whitfield' }],
  ...over,
});

describe('POST /sales-activities', () => {
  it('sends 120 activities as 3 requests of ≤50 and merges the results', async () => {
    h.emu.resetLog();
    const out = await h.client.pushSalesActivities(Array.from({ length: 120 }, (_, i) => activity(i)));
    expect(out.summary).toEqual({ total: 120, created: 120, failed: 0, skipped: 0 });
    expect(out.results.map((r) => r.externalActivityId)).toEqual(Array.from({ length: 120 }, (_, i) => `act-${i}`));
    expect(h.emu.requestLog.filter((r) => r.path === '/api/v1/sales-activities').map((r) => r.status)).toEqual([200, 200, 200]);
    expect(h.emu.controls.activities()).toHaveLength(120);
  });

  it('fails a repeated externalActivityId with the documented text and skips non call/email', async () => {
    await h.client.pushSalesActivities([activity(1)]);
    const out = await h.client.pushSalesActivities([activity(1), activity(2, { activityType: 'meeting' }), activity(3)]);
    expect(out.results.map((r) => r.status)).toEqual(['failed', 'skipped', 'created']);
    expect(out.results[0]?.error).toBe("Sales activity with externalActivityId 'act-1' already exists");
    expect(isDuplicateActivityError(out.results[0]?.error)).toBe(true);
    expect(isDuplicateActivityError(out.results[1]?.error)).toBe(false);
    expect(out.summary).toEqual({ total: 3, created: 1, failed: 1, skipped: 1 });
  });

  it('rejects invalid activities with the documented validation texts', async () => {
    const err = (await rejectionOf(h.client.pushSalesActivities([
      activity(1, { occurredAt: 'last tuesday', ownerEmail: 'sam', contacts: [], direction: 'sideways', domain: '' }),
    ]))) as RecotapError;
    expect(err.kind).toBe('validation');
    expect(err.fieldErrors?.flatMap((f) => f.messages).sort()).toEqual([
      'contacts must contain at least 1 elements',
      'direction must be one of the following values: inbound, outbound',
      'domain should not be empty',
      'occurredAt must be a valid ISO 8601 date string',
      'ownerEmail must be an email',
    ]);
    const big = await raw(h.emu, '/sales-activities', { method: 'POST', body: JSON.stringify({ activities: Array.from({ length: 51 }, (_, i) => activity(i)) }) });
    expect(big.body.data).toMatchObject([{ constraints: { arrayMaxSize: 'activities must contain no more than 50 elements' } }]);
    expect(h.emu.controls.activities()).toHaveLength(0);
  });
});

describe('POST /deals', () => {
  it('upserts by externalDealId', async () => {
    const deal = { externalDealId: 'opp-1', name: 'Acme expansion', amount: 50000, ownerEmail: 'sam.seller@lens-demo-vendor.com',
      startDate: '2026-10-01', associatedAccounts: [{ domain: 'www.acmerobotics.com' }, { domain: 'nowhere.example' }] };
    const first = await h.client.pushDeals([deal, { externalDealId: 'opp-2', name: 'Globex' }]);
    expect(first.results).toEqual([{ externalDealId: 'opp-1', status: 'upserted' }, { externalDealId: 'opp-2', status: 'upserted' }]);
    const again = await h.client.pushDeals([{ ...deal, amount: 60000 }]);
    expect(again.summary).toEqual({ total: 1, upserted: 1, failed: 0 });
    expect(h.emu.stats().deals).toBe(2);
    expect(h.emu.state.deals.get('opp-1')).toMatchObject({ amount: 60000 });
  });

  it('validates ownerEmail, ISO dates and the batch size', async () => {
    const err = (await rejectionOf(h.client.pushDeals([{ externalDealId: '', name: 'x', ownerEmail: 'nope', closedDate: '31/12/2026' }]))) as RecotapError;
    expect(err.fieldErrors?.flatMap((f) => f.messages).sort()).toEqual([
      'closedDate must be a valid ISO 8601 date string',
      'externalDealId should not be empty',
      'ownerEmail must be an email',
    ]);
    const big = await raw(h.emu, '/deals', { method: 'POST', body: JSON.stringify({ deals: Array.from({ length: 101 }, (_, i) => ({ externalDealId: `d${i}`, name: 'd' })) }) });
    expect(big.body.data).toMatchObject([{ constraints: { arrayMaxSize: 'deals must contain no more than 100 elements' } }]);
  });
});

describe('deal stages, segments, journey stages', () => {
  const pipeline = (id: string) => ({ pipelineId: id, pipelineLabel: id.toUpperCase(), stages: [{ stageId: 's1', stageLabel: 'Prospecting' }] });

  it('creates pipelines, lists them and answers 409 all-or-nothing', async () => {
    const out = await h.client.pushDealStages([pipeline('new-biz'), pipeline('renewals')]);
    expect(out.summary).toEqual({ total: 2, created: 2 });
    const err = (await rejectionOf(h.client.pushDealStages([pipeline('smb'), pipeline('renewals'), pipeline('new-biz')]))) as RecotapError;
    expect([err.kind, err.status, err.customMessage]).toEqual(['conflict', 409, 'Pipeline(s) already exist: renewals, new-biz']);
    const listed = await h.client.listDealStages();
    expect(listed.map((p) => p.pipelineId)).toEqual(['new-biz', 'renewals']);
    expect(listed[0]?.stages).toEqual([{ stageId: 's1', stageLabel: 'Prospecting' }]);
  });

  it('chunks 45 pipelines into 3 requests', async () => {
    h.emu.resetLog();
    const out = await h.client.pushDealStages(Array.from({ length: 45 }, (_, i) => pipeline(`p${i}`)));
    expect(out.summary.created).toBe(45);
    expect(h.emu.requestLog.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('lists only static active/draft segments, across pages', async () => {
    expect(await h.client.listSegments()).toEqual([
      { segmentId: '66a0f3c21b7e4d09a5c31f88', name: 'EMEA Fintech Targets', status: 'active' },
      { segmentId: '66a0f3c21b7e4d09a5c31f89', name: 'Q4 Expansion', status: 'draft' },
    ]);
    const pages = [];
    for await (const p of h.client.iterateSegmentPages({ limit: 1 })) pages.push(p.data.length);
    expect(pages).toEqual([1, 1]);
  });

  it('lists the five journey stages from a bare array', async () => {
    expect(await h.client.listJourneyStages()).toEqual(['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer']);
    expect(Array.isArray((await raw(h.emu, '/journey-stages')).body)).toBe(true);
  });
});
