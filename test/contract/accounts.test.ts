// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecotapError } from '../../utils/recotap/index.ts';
import { DEMO_COMPANIES } from '../emulator/index.ts';
import { raw, rejectionOf, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(() => h.emu.close());
beforeEach(() => h.emu.reset());

const acme = DEMO_COMPANIES.find((c) => c.key === 'acme')!;

describe('GET /accounts', () => {
  it('returns the enveloped first page with cursor fields and the path including the query', async () => {
    const page = await h.client.listAccounts({ limit: 5 });
    expect(page.data).toHaveLength(5);
    expect(page.hasNextPage).toBe(true);
    expect(page.nextCursor).toBe(page.data[4]?.rtp_aid);
    expect(Date.parse(page.syncTimestamp ?? '')).not.toBeNaN();
    const ids = page.data.map((a) => a.rtp_aid);
    expect([...ids].sort()).toEqual(ids);
    const wire = await raw(h.emu, '/accounts?limit=1');
    expect(wire.body).toMatchObject({ statusCode: 200, path: '/api/v1/accounts?limit=1' });
  });

  it('finds demo companies by any spelling of their domain and keeps duplicates', async () => {
    const rows = await h.client.getAccountsByDomains(['https://www.AcmeRobotics.com/about?x=1', 'soylentfoods.com', 'hooli.xyz', 'WWW.northwind.io:443']);
    const acmeRow = rows.find((r) => r.domain === acme.domain);
    expect(acmeRow).toMatchObject({ name: acme.name, rtp_account_score: acme.score, rtp_journey_stage: acme.stage, rtp_website_intent_score: acme.intent.website });
    expect(acmeRow?.customFields).toMatchObject({ TIER_C: 'Gold', ARR_C: 120000 });
    expect(acmeRow?.segments).toEqual([{ segmentId: '66a0f3c21b7e4d09a5c31f88', name: 'EMEA Fintech Targets' }]);
    expect(rows.filter((r) => r.domain === 'soylentfoods.com')).toHaveLength(2);
    expect(rows.some((r) => r.domain === 'hooli.xyz')).toBe(false);
    expect(rows.some((r) => r.domain === 'northwind.io')).toBe(true);
  });

  it('rejects a bad lastSync, a bad limit and a malformed domains filter with validation texts', async () => {
    const err = (await rejectionOf(h.client.listAccounts({ lastSync: 'yesterday' }))) as RecotapError;
    expect(err).toBeInstanceOf(RecotapError);
    expect(err.kind).toBe('validation');
    expect(err.fieldErrors).toEqual([{ field: 'lastSync', messages: ['lastSync must be a valid ISO 8601 date string'] }]);
    const limit = (await rejectionOf(h.client.listAccounts({ limit: 101 }))) as RecotapError;
    expect(limit.fieldErrors?.[0]?.messages).toEqual(['limit must not be greater than 100']);
    const bad = await raw(h.emu, `/accounts?domains=${encodeURIComponent('[acme.com')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.data).toMatchObject([{ property: 'domains' }]);
    const many = await raw(h.emu, `/accounts?domains=${encodeURIComponent(JSON.stringify(Array.from({ length: 101 }, (_, i) => `d${i}.com`)))}`);
    expect(many.body.data).toMatchObject([{ property: 'domains', constraints: { arrayMaxSize: 'domains must contain no more than 100 elements' } }]);
  });
});

describe('POST /accounts', () => {
  it('creates, fails unknown custom fields and in-batch duplicates, and upserts', async () => {
    const out = await h.client.createAccounts([
      { domain: 'https://www.Brand-New.io/about', name: 'Brand New', externalId: 'crm-1', customFields: { TIER_C: 'Gold' } },
      { domain: 'brand-new.io', name: 'Brand New again' },
      { domain: 'contoso.dev', name: 'Contoso', customFields: { NOPE_C: 1 } },
      { domain: acme.domain, name: 'Acme again' },
    ]);
    expect(out.results.map((r) => r.status)).toEqual(['created', 'failed', 'failed', 'failed']);
    expect(out.results[0]).toMatchObject({ domain: 'brand-new.io', externalId: 'crm-1' });
    expect(out.results[1]?.rtp_aid).toBe(out.results[0]?.rtp_aid);
    expect(out.results[2]).toMatchObject({ rtp_aid: null, error: 'Custom field key(s) not found: NOPE_C. Unable to add this account.' });
    expect(out.summary).toEqual({ total: 4, created: 1, updated: 0, failed: 3 });
    const [fresh] = await h.client.getAccountsByDomains(['brand-new.io']);
    expect(fresh).toMatchObject({ rtp_account_score: 0, rtp_journey_stage: '', customFields: { TIER_C: 'Gold' } });

    const up = await h.client.createAccounts([{ domain: acme.domain, name: 'Acme Robotics Inc', customFields: { ARR_C: 5 } }], { upsert: true });
    expect(up.results[0]?.status).toBe('updated');
    const [row] = await h.client.getAccountsByDomains([acme.domain]);
    expect(row).toMatchObject({ name: 'Acme Robotics Inc', customFields: { TIER_C: 'Gold', ARR_C: 5 } });
  });

  it('chunks 120 accounts into 2 requests and merges the results', async () => {
    h.emu.resetLog();
    const inputs = Array.from({ length: 120 }, (_, i) => ({ domain: `bulk-${i}.example.org`, name: `Bulk ${i}` }));
    const out = await h.client.createAccounts(inputs, { segmentId: '66a0f3c21b7e4d09a5c31f89' });
    expect(out.summary).toEqual({ total: 120, created: 120, updated: 0, failed: 0 });
    expect(h.emu.requestLog.filter((r) => r.method === 'POST')).toHaveLength(2);
    const [row] = await h.client.getAccountsByDomains(['bulk-119.example.org']);
    expect(row?.segments).toEqual([{ segmentId: '66a0f3c21b7e4d09a5c31f89', name: 'Q4 Expansion' }]);
  });

  it('rejects unknown, archived and dynamic segments before writing anything', async () => {
    const before = h.emu.stats().accounts;
    for (const [id, text] of [
      ['66a0f3c21b7e4d09a5c3ffff', "Segment '66a0f3c21b7e4d09a5c3ffff' not found"],
      ['66a0f3c21b7e4d09a5c31f8a', "Segment '66a0f3c21b7e4d09a5c31f8a' is not active or draft and cannot accept new members"],
      ['66a0f3c21b7e4d09a5c31f8b', "Segment '66a0f3c21b7e4d09a5c31f8b' is not a static segment"],
    ] as const) {
      const err = (await rejectionOf(h.client.createAccounts([{ domain: 'never.io', name: 'Never' }], { segmentId: id }))) as RecotapError;
      expect(err.kind).toBe('validation');
      expect(err.customMessage).toBe(text.replace(/\.$/, ''));
    }
    expect(h.emu.stats().accounts).toBe(before);
  });

  it('reports class-validator texts for missing fields and oversize bodies', async () => {
    const err = (await rejectionOf(h.client.createAccounts([{ domain: '', name: '' }]))) as RecotapError;
    expect(err.fieldErrors).toEqual([
      { field: 'domain', messages: ['domain should not be empty'] },
      { field: 'name', messages: ['name should not be empty'] },
    ]);
    const big = await raw(h.emu, '/accounts', { method: 'POST', body: JSON.stringify({ accounts: Array.from({ length: 101 }, (_, i) => ({ domain: `x${i}.io`, name: 'x' })) }) });
    expect(big.body).toMatchObject({ statusCode: 400, message: 'Bad Request', data: [{ property: 'accounts', constraints: { arrayMaxSize: 'accounts must contain no more than 100 elements' } }] });
    expect(big.body).not.toHaveProperty('customMessage');
    const none = await raw(h.emu, '/accounts', { method: 'POST', body: '{}' });
    expect(none.body.data).toMatchObject([{ property: 'accounts', constraints: { isArray: 'accounts must be an array' } }]);
  });
});

describe('PUT /accounts/:rtp_aid', () => {
  it('merges custom fields per key and bumps rtp_last_account_date', async () => {
    const [before] = await h.client.getAccountsByDomains([acme.domain]);
    expect(await h.client.updateAccountCustomFields(before!.rtp_aid, { TIER_C: 'Platinum' })).toMatchObject({ message: 'Account updated successfully' });
    const [after] = await h.client.getAccountsByDomains([acme.domain]);
    expect(after?.customFields).toMatchObject({ TIER_C: 'Platinum', ARR_C: 120000, RENEWAL_DATE_C: '2027-03-31' });
    expect(Date.parse(after!.rtp_last_account_date!)).toBeGreaterThan(Date.parse(before!.rtp_last_account_date!));
  });

  it('answers 400 for a malformed id, an unknown key or an extra field, and 404 for an unknown id', async () => {
    const [row] = await h.client.getAccountsByDomains([acme.domain]);
    const malformed = (await rejectionOf(h.client.updateAccountCustomFields('not-an-id', { TIER_C: 'Gold' }))) as RecotapError;
    expect([malformed.kind, malformed.status, malformed.customMessage]).toEqual(['validation', 400, 'Invalid rtp_aid']);
    const unknown = (await rejectionOf(h.client.updateAccountCustomFields(row!.rtp_aid, { SOURCE_C: 'x' }))) as RecotapError;
    expect([unknown.kind, unknown.customMessage]).toEqual(['validation', 'Custom field key(s) not found: SOURCE_C']);
    const missing = (await rejectionOf(h.client.updateAccountCustomFields('0123456789abcdef01234567', { TIER_C: 'Gold' }))) as RecotapError;
    expect([missing.kind, missing.status]).toEqual(['not-found', 404]);
    const extra = await raw(h.emu, `/accounts/${row!.rtp_aid}`, { method: 'PUT', body: JSON.stringify({ name: 'x', customFields: {} }) });
    expect(extra.status).toBe(400);
    expect(extra.body.data).toEqual([{ property: 'name', value: 'x', constraints: { whitelistValidation: 'property name should not exist' } }]);
  });
});

describe('external ids and custom fields', () => {
  it('lists unmapped accounts and maps them by domain, last mapping winning', async () => {
    const unmapped = await h.client.listAccountsMissingExternalIds({ limit: 100 });
    expect(unmapped.some((u) => u.domain === acme.domain)).toBe(true);
    expect(await h.client.listAccountsMissingExternalIds({ limit: 3 })).toHaveLength(3);
    const res = await h.client.mapExternalIds([
      { domain: 'www.acmerobotics.com', externalId: 'first' },
      { domain: acme.domain, externalId: 'crm-acme' },
      { domain: 'unknown-co.example', externalId: 'x' },
    ]);
    expect(res).toEqual({ matched: 1, updated: 1, notFound: ['unknown-co.example'] });
    const [row] = await h.client.getAccountsByDomains([acme.domain]);
    expect(row?.externalId).toBe('crm-acme');
    const again = await h.client.listAccountsMissingExternalIds({ limit: 100 });
    expect(again.some((u) => u.domain === acme.domain)).toBe(false);
  });

  it('lists active fields and creates one with the documented key rule, 409 on repeat', async () => {
    const fields = await h.client.listCustomFields();
    expect(fields.map((f) => f.key)).toEqual(['TIER_C', 'ARR_C', 'RENEWAL_DATE_C', 'INDUSTRY_C']);
    expect(fields[0]).toMatchObject({ labelType: 'singleSelection', options: ['Gold', 'Silver', 'Platinum'], objectType: 'accounts', status: 'active' });
    const created = await h.client.createCustomField({ label: 'Revenue (USD)', labelType: 'number' });
    expect(created).toMatchObject({ key: 'REVENUE_(USD)_C', description: null, options: [] });
    const dup = (await rejectionOf(h.client.createCustomField({ label: 'Revenue (USD)', labelType: 'number' }))) as RecotapError;
    expect([dup.kind, dup.status, dup.customMessage]).toEqual(['conflict', 409, "Custom field 'REVENUE_(USD)_C' already exists"]);
    const noOptions = (await rejectionOf(h.client.createCustomField({ label: 'Plan', labelType: 'multiSelection' }))) as RecotapError;
    expect(noOptions.fieldErrors?.[0]?.messages).toContain('options must contain at least 1 elements');
    expect((await h.client.listCustomFields()).map((f) => f.key)).toContain('REVENUE_(USD)_C');
  });
});
