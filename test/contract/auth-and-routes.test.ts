// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecotapError } from '../../utils/recotap/index.ts';
import { raw, rejectionOf, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(() => h.emu.close());

describe('authentication', () => {
  it('answers 401 with the documented bodies for a missing or unknown key', async () => {
    const missing = await raw(h.emu, '/accounts?limit=1', { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ statusCode: 401, path: '/api/v1/accounts?limit=1', message: 'Unauthorized access', customMessage: 'X-Api-Key header is required', data: null });
    const wrong = await raw(h.emu, '/segments', { key: 'rtp_wrong' });
    expect(wrong.body).toMatchObject({ statusCode: 401, message: 'Unauthorized access', customMessage: 'Invalid API key', data: null });
  });

  it('surfaces 401 as an unauthorized RecotapError on every kind of call, without retrying', async () => {
    const bad = h.clientWith({ apiKey: 'rtp_not_a_key' });
    for (const call of [() => bad.listAccounts(), () => bad.pushSalesActivities([{ externalActivityId: 'a', activityType: 'call', occurredAt: '2026-11-20T10:00:00Z', domain: 'acmerobotics.com', ownerEmail: 'a@b.co', contacts: [{ email: 'c@d.co' }] }]), () => bad.listJourneyStages()]) {
      const err = (await rejectionOf(call())) as RecotapError;
      expect(err).toBeInstanceOf(RecotapError);
      expect([err.kind, err.status, err.customMessage]).toEqual(['unauthorized', 401, 'Invalid API key']);
      expect(err.message).not.toContain('rtp_not_a_key');
    }
    const empty = (await rejectionOf(h.clientWith({ apiKey: '' }).listSegments())) as RecotapError;
    expect([empty.kind, empty.customMessage]).toEqual(['unauthorized', 'X-Api-Key header is required']);
    expect(h.sleeps).toEqual([]);
  });
});

describe('unknown routes', () => {
  it('answers 404 "Cannot GET" for paths of the old docs, before checking the key', async () => {
    for (const path of ['/accounts/unmapped', '/custom-fields/account']) {
      const res = await raw(h.emu, path, { key: null });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, message: `Cannot GET /api/v1${path}` });
    }
  });

  it('maps a wrong base URL to a not-found RecotapError', async () => {
    const client = h.clientWith({ baseUrl: `${h.emu.origin}/api/v1/crm` });
    const err = (await rejectionOf(client.listAccounts())) as RecotapError;
    expect([err.kind, err.status]).toEqual(['not-found', 404]);
    expect(err.message).toContain("The Recotap address in Settings → Advanced doesn't answer like Recotap (404)");
  });
});
