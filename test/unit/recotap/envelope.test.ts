// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RecotapError } from '../../../utils/recotap';
import { account, json, ok, rejection, setup } from './fake-fetch';

const page = (rows: unknown[], extra: Record<string, unknown> = {}) => ({ data: rows, nextCursor: null, hasNextPage: false, syncTimestamp: '2026-07-01T08:15:42.318Z', ...extra });

describe('envelope normalisation', () => {
  it('reads rows at data.data inside the documented envelope', async () => {
    const { client } = setup(() => ok(page([account(1), account(2)])));
    const result = await client.listAccounts();
    expect(result.data.map((a) => a.rtp_aid)).toEqual([account(1).rtp_aid, account(2).rtp_aid]);
    expect(result).toMatchObject({ nextCursor: null, hasNextPage: false, syncTimestamp: '2026-07-01T08:15:42.318Z' });
  });

  it('accepts a page without the envelope', async () => {
    const { client } = setup(() => json(page([account(1)], { hasNextPage: true, nextCursor: 'abc' })));
    const result = await client.listAccounts();
    expect(result.data).toHaveLength(1);
    expect(result.nextCursor).toBe('abc');
    expect(result.hasNextPage).toBe(true);
  });

  it('treats a bare array where a page was expected as one final page', async () => {
    const { client } = setup(() => json([account(1), account(2)]));
    const result = await client.listAccounts();
    expect(result.data).toHaveLength(2);
    expect(result).toMatchObject({ hasNextPage: false, nextCursor: null, syncTimestamp: null });
  });

  it('accepts journey stages as a bare array, as {data:[...]} and in the envelope', async () => {
    const stages = ['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer'];
    for (const body of [stages, { data: stages }, { statusCode: 200, timestamp: 't', path: '/api/v1/journey-stages', data: stages }]) {
      const { client } = setup(() => json(body));
      await expect(client.listJourneyStages()).resolves.toEqual(stages);
    }
  });

  it('accepts bulk results with or without the envelope', async () => {
    const data = { results: [{ externalDealId: 'opp-1', status: 'upserted' }], summary: { total: 1, upserted: 1, failed: 0 } };
    for (const response of [() => ok(data), () => json(data), () => json({ data })]) {
      const { client } = setup(response);
      const result = await client.pushDeals([{ externalDealId: 'opp-1', name: 'Deal' }]);
      expect(result.results).toEqual([{ externalDealId: 'opp-1', status: 'upserted' }]);
    }
  });

  it('keeps unknown extra fields instead of failing', async () => {
    const { client } = setup(() => ok(page([account(1, { rtp_new_signal_score: 7 })], { extraTopLevel: true })));
    const [row] = (await client.listAccounts()).data;
    expect(row?.rtp_new_signal_score).toBe(7);
  });

  it('reports a missing required field as unexpected-response naming its path', async () => {
    const broken = account(2) as Record<string, unknown>;
    delete broken.rtp_account_score;
    const { client } = setup(() => ok(page([account(1), broken])));
    const err = await rejection(client.listAccounts());
    expect(err).toBeInstanceOf(RecotapError);
    expect(err).toMatchObject({ kind: 'unexpected-response', status: 200 });
    expect((err as Error).message).toContain('data[1].rtp_account_score');
  });

  it('reports a wrong-typed field as unexpected-response naming its path', async () => {
    const { client } = setup(() => ok(page([account(1, { rtp_account_score: '64' })])));
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err.kind).toBe('unexpected-response');
    expect(err.message).toMatch(/data\[0\]\.rtp_account_score: .*expected number/);
  });

  it('reports a missing hasNextPage as drift rather than guessing', async () => {
    const { client } = setup(() => ok({ data: [account(1)], nextCursor: 'x' }));
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err.message).toContain('hasNextPage');
  });

  it('explains an HTML body on a 200 response', async () => {
    const { client } = setup(() => new Response('<!doctype html><html><body>Login</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const err = (await rejection(client.listSegments())) as RecotapError;
    expect(err.kind).toBe('unexpected-response');
    expect(err.message).toBe("The Recotap address in Settings → Advanced answered with a web page, not Recotap's data (200). Switch it back to Production, or ask your IT admin.");
  });

  it('explains malformed JSON', async () => {
    const { client } = setup(() => new Response('{"statusCode":200,"data":{"data":[', { status: 200, headers: { 'content-type': 'application/json' } }));
    const err = (await rejection(client.listAccounts())) as RecotapError;
    expect(err.kind).toBe('unexpected-response');
    expect(err.message).toBe("Recotap sent an answer Recotap Lens can't read (200). Try again in a minute.");
  });

  it('explains an empty body', async () => {
    const { client } = setup(() => new Response('', { status: 200 }));
    const err = (await rejection(client.listCustomFields())) as RecotapError;
    expect(err.message).toBe('Recotap sent an empty answer (200). Try again in a minute.');
  });

  it('returns the created custom field from the documented one-item array', async () => {
    const field = { key: 'TIER_C', label: 'Tier', labelType: 'singleSelection', description: null, options: ['Gold'], objectType: 'accounts', status: 'active' };
    const { client } = setup(() => ok([field]));
    await expect(client.createCustomField({ label: 'Tier', labelType: 'singleSelection', options: ['Gold'] })).resolves.toMatchObject({ key: 'TIER_C' });
  });
});
