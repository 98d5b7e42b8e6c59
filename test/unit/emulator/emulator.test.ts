// @vitest-environment node
import { request } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmulator, DEMO_API_KEY, DEMO_COMPANIES, startEmulator, syntheticAccounts } from '../../emulator/index.ts';

const api = (emu: ReturnType<typeof createEmulator>, path: string, init: RequestInit = {}) =>
  emu.app.fetch(new Request(`http://emulator.test${path}`, { ...init, headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' } }));

describe('demo seed', () => {
  it('holds every demo company in Recotap with its exact values, plus about 50 more', async () => {
    const emu = createEmulator({ seed: 'demo' });
    const all = emu.state.store.all();
    for (const c of DEMO_COMPANIES) {
      const rows = emu.state.store.byDomain(c.domain);
      if (c.notInRecotap) {
        expect(rows).toHaveLength(0);
        continue;
      }
      expect(rows).toHaveLength(c.duplicate ? 2 : 1);
      expect(rows[0]).toMatchObject({ name: c.name, rtp_account_score: c.score, rtp_journey_stage: c.stage, rtp_g2_intent_score: c.intent.g2, rtp_bombora_intent_score: c.intent.bombora });
      if (c.customFields) expect(rows[0]!.customFields).toEqual(c.customFields);
    }
    expect(all.length).toBe(DEMO_COMPANIES.filter((c) => !c.notInRecotap).length + 1 + 50);
    const stages = new Set(all.map((a) => a.rtp_journey_stage));
    expect(stages).toEqual(new Set(['', 'Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer']));
    expect(all.every((a) => /^[0-9a-f]{24}$/.test(a.rtp_aid))).toBe(true);
  });

  it('is deterministic', () => {
    const a = createEmulator({ seed: 'demo' }).state.store.all().map((x) => [x.rtp_aid, x.name, x.updatedAt]);
    const b = createEmulator({ seed: 'demo' }).state.store.all().map((x) => [x.rtp_aid, x.name, x.updatedAt]);
    expect(b).toEqual(a);
  });
});

describe('synthetic generator', () => {
  it('is deterministic per seed and yields unique ascending ids', () => {
    const a = syntheticAccounts(5000, 0, 'x');
    expect(syntheticAccounts(5000, 0, 'x')).toEqual(a);
    expect(syntheticAccounts(50, 0, 'y').map((r) => r.rtp_account_score)).not.toEqual(a.slice(0, 50).map((r) => r.rtp_account_score));
    const ids = a.map((r) => r.rtp_aid);
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('options', () => {
  it('honours maxLimit, bareArrays and createdStatus', async () => {
    const emu = createEmulator({ seed: { synthetic: 600 }, maxLimit: 500, bareArrays: false, createdStatus: 201 });
    const page = (await (await api(emu, '/api/v1/accounts?limit=500')).json()) as { data: { data: unknown[] } };
    expect(page.data.data).toHaveLength(500);
    const tooMany = (await (await api(emu, '/api/v1/accounts?limit=501')).json()) as { data: unknown };
    expect(tooMany.data).toEqual([{ property: 'limit', value: '501', constraints: { max: 'limit must not be greater than 500' } }]);
    expect(await (await api(emu, '/api/v1/journey-stages')).json()).toMatchObject({ statusCode: 200, data: ['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer'] });
    const created = await api(emu, '/api/v1/accounts/custom-field', { method: 'POST', body: JSON.stringify({ label: 'Net-Revenue', labelType: 'number' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ statusCode: 201, data: [{ key: 'NET-REVENUE_C' }] });
  });
});

describe('admin endpoints', () => {
  it('set faults, rescore, report stats and list activities without an API key', async () => {
    const emu = createEmulator({ seed: 'demo' });
    const admin = (path: string, init: RequestInit = {}) => emu.app.fetch(new Request(`http://emulator.test/__emulator${path}`, init));
    await admin('/faults', { method: 'POST', body: JSON.stringify({ errorBurst: { count: 1, status: 500 }, pathPrefix: '/segments' }) });
    expect((await api(emu, '/api/v1/segments')).status).toBe(500);
    expect((await api(emu, '/api/v1/segments')).status).toBe(200);
    expect(await (await admin('/faults', { method: 'DELETE' })).json()).toEqual([]);

    const { changed } = (await (await admin('/rescore', { method: 'POST', body: JSON.stringify({ count: 3, seed: 'a' }) })).json()) as { changed: string[] };
    expect(changed).toHaveLength(3);

    await api(emu, '/api/v1/sales-activities', { method: 'POST', body: JSON.stringify({ activities: [{ externalActivityId: 'x1', activityType: 'call', occurredAt: '2026-11-20T10:00:00Z', domain: 'initech.dev', ownerEmail: 'a@b.co', contacts: [{ email: 'c@d.co' }] }] }) });
    expect(await (await admin('/activities')).json()).toMatchObject([{ externalActivityId: 'x1', domain: 'initech.dev' }]);
    const stats = (await (await admin('/stats')).json()) as { activities: number; requests: { byPath: Record<string, Record<string, number>> } };
    expect(stats.activities).toBe(1);
    expect(stats.requests.byPath['GET /api/v1/segments']).toEqual({ 200: 1, 500: 1 });
    await admin('/reset', { method: 'POST', body: JSON.stringify({ seed: 'empty' }) });
    expect(emu.state.store.size).toBe(0);
  });
});

describe('close()', () => {
  it('ends hung and delayed requests instead of waiting for them', async () => {
    const emu = await startEmulator({ seed: 'empty', faults: [{ hangRate: 1, pathPrefix: '/segments' }, { latencyMs: 600_000, pathPrefix: '/journey-stages' }] });
    const hung = fetch(`${emu.url}/segments`, { headers: { 'x-api-key': emu.apiKey } }).then((r) => r.status, () => 'dropped');
    const slow = fetch(`${emu.url}/journey-stages`, { headers: { 'x-api-key': emu.apiKey } }).then((r) => r.status, () => 'dropped');
    for (let i = 0; i < 200 && emu.requestLog.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    // both arrived and neither has been answered
    expect(emu.requestLog.map((e) => [e.path, e.status]).sort()).toEqual([['/api/v1/journey-stages', 0], ['/api/v1/segments', 0]]);
    await emu.close();
    // the socket is destroyed (or the request is released) — either way nothing keeps waiting
    expect(['dropped', 503]).toContain(await hung);
    expect(['dropped', 200]).toContain(await slow);
  });
});

describe('HTTPS', () => {
  it('serves a self-signed certificate for localhost, eapi.recotap.com and 127.0.0.1', async () => {
    const emu = await startEmulator({ https: true, seed: 'empty' });
    try {
      expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      const san = new X509Certificate(emu.tls!.cert).subjectAltName ?? '';
      expect(san).toContain('DNS:eapi.recotap.com');
      expect(san).toContain('DNS:localhost');
      expect(san).toContain('IP Address:127.0.0.1');
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`${emu.url}/journey-stages`, { ca: emu.tls!.cert, headers: { 'x-api-key': emu.apiKey } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(body)).toHaveLength(5);
    } finally {
      await emu.close();
    }
  });
});
