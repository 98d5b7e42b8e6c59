// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createRecotapClient } from '../../../utils/recotap';
import { BASE, KEY, account, fakeFetch, json, ok, setup, type RecordedCall } from './fake-fetch';

const field = { key: 'TIER_C', label: 'Tier', labelType: 'singleSelection', description: null, options: ['Gold'], objectType: 'accounts', status: 'active' };

/** Answers every documented endpoint with a documented payload. */
function server(call: RecordedCall): Response {
  const route = `${call.method} ${call.url.pathname.replace('/api/v1', '')}`;
  const b = call.body as Record<string, { [k: string]: string }[]>;
  switch (route) {
    case 'GET /accounts': return ok({ data: [account(1)], nextCursor: account(1).rtp_aid, hasNextPage: false, syncTimestamp: 'ts' });
    case 'POST /accounts': return ok({ results: b.accounts?.map((a) => ({ rtp_aid: null, domain: a.domain, status: 'created' })), summary: {} });
    case `PUT /accounts/${account(1).rtp_aid}`: return ok({ message: 'Account updated successfully' });
    case 'GET /accounts/missing-external-ids': return ok([{ name: 'Fabrikam Inc', domain: 'fabrikam.com' }]);
    case 'PATCH /accounts/external-ids': return ok({ matched: 1, updated: 1, notFound: ['unknown-co.example'] });
    case 'GET /accounts/custom-fields': return json([field]);
    case 'POST /accounts/custom-field': return ok([field]);
    case 'POST /deals': return json({ results: b.deals?.map((d) => ({ externalDealId: d.externalDealId, status: 'upserted' })), summary: {} });
    case 'POST /sales-activities': return ok({ results: b.activities?.map((a) => ({ externalActivityId: a.externalActivityId, status: 'created' })) });
    case 'POST /deal-stages': return ok({ results: b.pipelines?.map((p) => ({ pipelineId: p.pipelineId, status: 'created' })), summary: { total: 1, created: 1 } });
    case 'GET /segments': return ok({ data: [{ segmentId: 'seg-001', name: 'EMEA', status: 'active' }], nextCursor: null, hasNextPage: false });
    case 'GET /journey-stages': return json(['Unaware', 'Aware']);
    case 'GET /deal-stages': return json([]);
    default: return json({ statusCode: 404, message: `Cannot ${route}` }, 404);
  }
}

describe('endpoints', () => {
  it('covers every endpoint of §3 with the right method, path, query and body', async () => {
    const { client, calls, events } = setup(server);
    const activity = { externalActivityId: 'a-1', activityType: 'email', occurredAt: '2026-07-01T08:00:00Z', domain: 'acme.com', ownerEmail: 'rep@x.com', contacts: [{ email: 'c@acme.com' }], openCount: 2 };
    const pipeline = { pipelineId: 'new-biz', pipelineLabel: 'New business', stages: [{ stageId: 's1', stageLabel: 'Prospecting' }] };

    expect((await client.listAccounts({ lastSync: '2026-07-01T00:00:00Z', limit: 50, cursor: 'c0' })).data).toHaveLength(1);
    expect((await client.createAccounts([{ domain: 'acme.com', name: 'Acme', tags: ['t1'] }], { segmentId: 'seg-001' })).summary.created).toBe(1);
    expect(await client.updateAccountCustomFields(account(1).rtp_aid, { TIER_C: 'Platinum' })).toMatchObject({ message: 'Account updated successfully' });
    expect(await client.listAccountsMissingExternalIds({ limit: 10 })).toEqual([{ name: 'Fabrikam Inc', domain: 'fabrikam.com' }]);
    expect(await client.mapExternalIds([{ domain: 'fabrikam.com', externalId: 'crm-1' }])).toEqual({ matched: 1, updated: 1, notFound: ['unknown-co.example'] });
    expect((await client.listCustomFields())[0]?.key).toBe('TIER_C');
    expect((await client.createCustomField({ label: 'Tier', labelType: 'singleSelection', options: ['Gold'] })).key).toBe('TIER_C');
    expect((await client.pushDeals([{ externalDealId: 'opp-1', name: 'Big deal', amount: 10 }])).summary).toEqual({ total: 1, upserted: 1, failed: 0 });
    expect((await client.pushSalesActivities([activity])).summary).toEqual({ total: 1, created: 1, failed: 0, skipped: 0 });
    expect((await client.pushDealStages([pipeline])).summary).toEqual({ total: 1, created: 1 });
    expect(await client.listSegments()).toEqual([{ segmentId: 'seg-001', name: 'EMEA', status: 'active' }]);
    expect(await client.listJourneyStages()).toEqual(['Unaware', 'Aware']);
    expect(await client.listDealStages()).toEqual([]);

    expect(calls.map((c) => `${c.method} ${c.url.pathname}${c.url.search}`)).toEqual([
      'GET /api/v1/accounts?lastSync=2026-07-01T00%3A00%3A00Z&limit=50&cursor=c0',
      'POST /api/v1/accounts',
      `PUT /api/v1/accounts/${account(1).rtp_aid}`,
      'GET /api/v1/accounts/missing-external-ids?limit=10',
      'PATCH /api/v1/accounts/external-ids',
      'GET /api/v1/accounts/custom-fields',
      'POST /api/v1/accounts/custom-field',
      'POST /api/v1/deals',
      'POST /api/v1/sales-activities',
      'POST /api/v1/deal-stages',
      'GET /api/v1/segments',
      'GET /api/v1/journey-stages',
      'GET /api/v1/deal-stages',
    ]);
    expect(calls.map((c) => c.body)).toEqual([
      undefined,
      { accounts: [{ domain: 'acme.com', name: 'Acme', tags: ['t1'] }], segmentId: 'seg-001' },
      { customFields: { TIER_C: 'Platinum' } },
      undefined,
      { mappings: [{ domain: 'fabrikam.com', externalId: 'crm-1' }] },
      undefined,
      { label: 'Tier', labelType: 'singleSelection', options: ['Gold'] },
      { deals: [{ externalDealId: 'opp-1', name: 'Big deal', amount: 10 }] },
      { activities: [activity] },
      { pipelines: [pipeline] },
      undefined,
      undefined,
      undefined,
    ]);
    for (const c of calls) {
      expect(c.headers.get('x-api-key')).toBe(KEY);
      expect(c.headers.get('content-type')).toBe(c.body === undefined ? null : 'application/json');
      expect(c.url.href).not.toContain(KEY);
    }
    expect(events).toHaveLength(13);
    expect(events[0]).toMatchObject({ method: 'GET', path: '/accounts', status: 200, attempt: 1 });
    expect(events.every((e) => e.durationMs >= 0)).toBe(true);
  });

  it('trims the base URL and the key, and encodes rtp_aid in the path', async () => {
    const { fetch, calls } = fakeFetch(() => ok({ message: 'ok' }));
    const client = createRecotapClient({ baseUrl: `${BASE}/`, apiKey: ` ${KEY}\n`, fetch });
    await client.updateAccountCustomFields('a/b?c', { X_C: 1 });
    expect(calls[0]?.url.href).toBe(`${BASE}/accounts/a%2Fb%3Fc`);
    expect(calls[0]?.headers.get('x-api-key')).toBe(KEY);
  });
});
