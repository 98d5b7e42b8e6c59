// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RecotapError, type AccountInput } from '../../../utils/recotap';
import { account, apiError, ok, rejection, setup } from './fake-fetch';

const emptyPage = { data: [], nextCursor: null, hasNextPage: false, syncTimestamp: null };
const accountsOk = (n: number) => ok({ results: Array.from({ length: n }, (_, i) => ({ rtp_aid: null, domain: `d${i}.com`, status: 'created' })), summary: {} });
const inputs: AccountInput[] = [{ domain: 'acme.com', name: 'Acme' }];

describe('retries', () => {
  it('retries a GET on 5xx with exponential full-jitter backoff, then succeeds', async () => {
    const { client, calls, delays, events } = setup((_, i) => (i < 3 ? apiError(503) : ok(emptyPage)), { random: () => 0.5, retryBaseMs: 100 });
    await expect(client.listAccounts()).resolves.toMatchObject({ data: [] });
    expect(calls).toHaveLength(4);
    expect(delays).toEqual([50, 100, 200]);
    expect(events.map((e) => [e.attempt, e.status])).toEqual([[1, 503], [2, 503], [3, 503], [4, 200]]);
  });

  it('gives up after `retries` retries and surfaces the last error', async () => {
    const { client, calls } = setup(() => apiError(500), { retries: 2 });
    const err = (await rejection(client.listSegments())) as RecotapError;
    expect(err.kind).toBe('server');
    expect(calls).toHaveLength(3);
  });

  it('keeps jittered delays within [0, min(maxRetryDelayMs, base*2^attempt))', async () => {
    for (const r of [0, 0.25, 0.999]) {
      const { client, delays } = setup(() => apiError(502), { random: () => r, retryBaseMs: 1000, maxRetryDelayMs: 3000, retries: 4 });
      await rejection(client.listJourneyStages());
      const ceilings = [1000, 2000, 3000, 3000];
      expect(delays).toHaveLength(4);
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceilings[i] as number);
        expect(d).toBe(Math.floor((ceilings[i] as number) * r));
      });
    }
  });

  it('honours Retry-After in seconds as a minimum delay', async () => {
    const { client, delays } = setup((_, i) => (i === 0 ? apiError(429, {}, { 'Retry-After': '7' }) : ok(emptyPage)), { random: () => 0.1 });
    await client.listAccounts();
    expect(delays).toEqual([7000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-07-01T08:00:00Z');
    const { client, delays } = setup(
      (_, i) => (i === 0 ? apiError(429, {}, { 'Retry-After': new Date(now + 12_000).toUTCString() }) : ok(emptyPage)),
      { now: () => now, random: () => 0 },
    );
    await client.listAccounts();
    expect(delays).toEqual([12_000]);
  });

  it('surfaces a 429 asking for longer than maxRetryDelayMs with retryAfterMs, without waiting', async () => {
    const { client, delays, calls } = setup(() => apiError(429, {}, { 'Retry-After': '3600' }), { maxRetryDelayMs: 30_000 });
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_600_000 });
    expect(err.message).toBe('Recotap is busy (429); try again in 60 min.');
    expect(delays).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it.each([400, 401, 404, 409])('never retries %i', async (status) => {
    const { client, calls } = setup(() => apiError(status));
    await rejection(client.pushDeals([{ externalDealId: 'x', name: 'X' }]));
    expect(calls).toHaveLength(1);
  });

  it('does not retry unsafe writes on 5xx or network errors', async () => {
    const unsafe: [string, (c: ReturnType<typeof setup>['client']) => Promise<unknown>][] = [
      ['POST /accounts', (c) => c.createAccounts(inputs)],
      ['POST /accounts upsert:false', (c) => c.createAccounts(inputs, { upsert: false })],
      ['POST /accounts/custom-field', (c) => c.createCustomField({ label: 'Tier', labelType: 'singleLineText' })],
      ['POST /deal-stages', (c) => c.pushDealStages([{ pipelineId: 'p', pipelineLabel: 'P', stages: [{ stageId: 's', stageLabel: 'S' }] }])],
    ];
    for (const [name, call] of unsafe) {
      for (const respond of [() => apiError(500), () => Promise.reject(new TypeError('fetch failed'))]) {
        const { client, calls } = setup(respond);
        const err = (await rejection(call(client))) as RecotapError;
        expect(err, name).toBeInstanceOf(RecotapError);
        expect(calls, name).toHaveLength(1);
      }
    }
  });

  it('retries unsafe writes on 429 (the server did not process them)', async () => {
    const { client, calls } = setup((_, i) => (i === 0 ? apiError(429, {}, { 'Retry-After': '1' }) : accountsOk(1)));
    await expect(client.createAccounts(inputs)).resolves.toMatchObject({ summary: { created: 1 } });
    expect(calls).toHaveLength(2);
  });

  it('retries idempotent writes on 5xx and network errors', async () => {
    const safe: [string, (c: ReturnType<typeof setup>['client']) => Promise<unknown>, Response][] = [
      ['POST /accounts upsert', (c) => c.createAccounts(inputs, { upsert: true }), accountsOk(1)],
      ['POST /deals', (c) => c.pushDeals([{ externalDealId: 'd', name: 'D' }]), ok({ results: [{ externalDealId: 'd', status: 'upserted' }] })],
      ['POST /sales-activities', (c) => c.pushSalesActivities([{ externalActivityId: 'a', activityType: 'call', occurredAt: 'x', domain: 'a.com', ownerEmail: 'r@x.com', contacts: [{ email: 'c@a.com' }] }]), ok({ results: [{ externalActivityId: 'a', status: 'created' }] })],
      ['PUT custom fields', (c) => c.updateAccountCustomFields(account(1).rtp_aid, { TIER_C: 'Gold' }), ok({ message: 'Account updated successfully' })],
      ['PATCH external-ids', (c) => c.mapExternalIds([{ domain: 'a.com', externalId: '1' }]), ok({ matched: 1, updated: 1, notFound: [] })],
    ];
    for (const [name, call, success] of safe) {
      const { client, calls } = setup((_, i) => (i === 0 ? apiError(502) : i === 1 ? Promise.reject(new TypeError('fetch failed')) : success));
      await expect(call(client), name).resolves.toBeDefined();
      expect(calls, name).toHaveLength(3);
    }
  });
});
