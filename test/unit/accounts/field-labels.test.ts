// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResolver } from '../../../utils/accounts/resolver';
import { toErrorView } from '../../../utils/recotap';
import { PageContextSchema, type LookupResult } from '../../../utils/view-models';
import { DEMO_COMPANIES, DEMO_REP } from '../../emulator/index.ts';
import { startHarness, type Harness } from './emulator-harness';

const MIN = 60_000;
let h: Harness;
const clock = Date.parse('2026-11-27T08:00:00Z');
const acme = DEMO_COMPANIES.find((c) => c.key === 'acme')!;
const ctx = (domain: string) => PageContextSchema.parse({ site: 'hubspot', url: `https://app.hubspot.com/x/${domain}`, websites: [domain] });
const fieldRequests = () => h.emu.requestLog.filter((e) => e.method === 'GET' && e.path.endsWith('/accounts/custom-fields')).length;

function fields(r: LookupResult) {
  if (r.state !== 'found') throw new Error(`expected found, got ${r.state}`);
  return Object.fromEntries(r.account.customFields.map((f) => [f.key, f.label]));
}

async function makeResolver() {
  await h.store.clear();
  const settings = { ttlMs: 15 * MIN, negativeTtlMs: 10 * MIN, repEmail: DEMO_REP.email, pinned: {} };
  return createResolver({ store: h.store, getClient: async () => h.client, getSettings: async () => settings, toErrorView, now: () => clock });
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.emu.close();
});
beforeEach(() => {
  h.emu.clearFaults();
  h.emu.resetLog();
});

describe('custom-field labels', () => {
  it('labels fields on a lookup made before any sync cached the definitions, fetching them once', async () => {
    const resolver = await makeResolver();
    const first = await resolver.lookupContext(ctx(acme.domain));
    expect(fields(first)).toEqual({ TIER_C: 'Tier', ARR_C: 'ARR', RENEWAL_DATE_C: 'Renewal Date' });
    await resolver.lookupContext(ctx(acme.domain));
    await resolver.lookupContext(ctx('globex-analytics.io'));
    expect(fieldRequests()).toBe(1);
  });

  it('re-reads stale definitions when a field appears that they do not know', async () => {
    const resolver = await makeResolver();
    await h.store.putMeta('customFields', [{ key: 'ARR_C', label: 'ARR' }], clock - 60 * MIN);
    expect(fields(await resolver.lookupContext(ctx(acme.domain))).TIER_C).toBe('Tier');
    expect(fieldRequests()).toBe(1);
  });

  it('still answers (with raw keys) when the definitions cannot be fetched', async () => {
    const resolver = await makeResolver();
    h.emu.setFaults({ errorRate: 1, pathPrefix: '/accounts/custom-fields' });
    const r = await resolver.lookupContext(ctx(acme.domain));
    expect(fields(r).TIER_C).toBe('TIER_C');
  });
});
