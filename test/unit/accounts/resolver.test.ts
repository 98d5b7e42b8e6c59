// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResolver, type ResolverSettings } from '../../../utils/accounts/resolver';
import { recordPinKey } from '../../../utils/accounts/signals';
import { toErrorView } from '../../../utils/recotap';
import { PageContextSchema, type LookupResult, type PageContextInput } from '../../../utils/view-models';
import { DEMO_COMPANIES, DEMO_REP } from '../../emulator/index.ts';
import { startHarness, type Harness } from './emulator-harness';

const MIN = 60_000;
let h: Harness;
let clock = Date.parse('2026-11-27T08:00:00Z');
let settings: ResolverSettings;

const ctx = (over: Partial<PageContextInput>) => PageContextSchema.parse({ site: 'hubspot', url: 'https://app.hubspot.com/x', ...over });
const demo = (key: string) => DEMO_COMPANIES.find((c) => c.key === key)!;

async function makeResolver() {
  const store = h.store;
  await store.clear();
  return createResolver({
    store,
    getClient: async () => h.client,
    getSettings: async () => settings,
    toErrorView,
    now: () => clock,
  });
}

function account(r: LookupResult) {
  if (r.state !== 'found') throw new Error(`expected found, got ${JSON.stringify(r)}`);
  return r;
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.emu.close();
});
beforeEach(() => {
  settings = { ttlMs: 15 * MIN, negativeTtlMs: 10 * MIN, repEmail: DEMO_REP.email, pinned: {} };
  h.emu.clearFaults();
  h.emu.resetLog();
});

describe('resolver', () => {
  it('coalesces N concurrent lookups into ceil(N/100) requests', async () => {
    const resolver = await makeResolver();
    const domains = [...DEMO_COMPANIES.map((c) => c.domain), ...Array.from({ length: 240 }, (_, i) => `nobody${i}.com`)];
    const results = await Promise.all(domains.map((d) => resolver.lookupContext(ctx({ websites: [d] }))));
    expect(h.accountRequests()).toHaveLength(Math.ceil(domains.length / 100));
    const acme = account(results[0]!);
    expect(acme.account.name).toBe('Acme Robotics');
    expect(acme.matchedBy).toBe('website');
    expect(acme.stale).toBe(false);
    expect(results.at(-1)).toEqual({ state: 'not-found', domain: 'nobody239.com', companyName: null });
    const soylent = account(results[DEMO_COMPANIES.findIndex((c) => c.key === 'soylent')]!);
    expect(soylent.account.alternates).toHaveLength(1);
    expect(soylent.account.score).toBe(demo('soylent').score);
    const hooli = results[DEMO_COMPANIES.findIndex((c) => c.key === 'hooli')]!;
    expect(hooli.state).toBe('not-found');
  });

  it('answers from cache within the TTL, then serves stale and pushes fresher data', async () => {
    const resolver = await makeResolver();
    const page = ctx({ websites: ['https://www.globex-analytics.io/pricing'] });
    const first = account(await resolver.lookupContext(page)).account;
    expect(first.score).toBe(demo('globex').score);
    h.emu.resetLog();
    await resolver.lookupContext(page);
    expect(h.accountRequests()).toHaveLength(0);

    h.emu.setAccount(first.rtpAid, { rtp_account_score: 99 });
    clock += 16 * MIN;
    const fresher = new Promise<LookupResult>((resolve) => {
      void resolver.lookupContext(page, { onFresher: resolve }).then((first) => {
        expect(account(first).stale).toBe(true);
        expect(account(first).account.score).toBe(demo('globex').score);
      });
    });
    const pushed = account(await fresher);
    expect(pushed.stale).toBe(false);
    expect(pushed.account.score).toBe(99);
    expect(pushed.account.history.map((p) => p.score)).toEqual([demo('globex').score, 99]);
    expect(h.accountRequests()).toHaveLength(1);
  });

  it('remembers "not in Recotap" for the negative TTL only', async () => {
    const resolver = await makeResolver();
    const page = ctx({ websites: ['hooli.xyz'], companyName: 'Hooli XYZ' });
    expect(await resolver.lookupContext(page)).toEqual({ state: 'not-found', domain: 'hooli.xyz', companyName: 'Hooli XYZ' });
    await resolver.lookupContext(page);
    expect(h.accountRequests()).toHaveLength(1);
    clock += 11 * MIN;
    await resolver.lookupContext(page);
    expect(h.accountRequests()).toHaveLength(2);
  });

  it('applies a pinned match for the record before any page signal', async () => {
    const resolver = await makeResolver();
    const globex = account(await resolver.lookupContext(ctx({ websites: ['globex-analytics.io'] }))).account;
    settings.pinned[recordPinKey('hubspot', '42')] = { rtpAid: globex.rtpAid, name: globex.name, domain: globex.domain, pinnedAt: '' };
    const r = account(await resolver.lookupContext(ctx({ recordId: '42', websites: ['acmerobotics.com'] })));
    expect(r.matchedBy).toBe('pinned');
    expect(r.account.rtpAid).toBe(globex.rtpAid);
    const other = account(await resolver.lookupContext(ctx({ recordId: '43', websites: ['acmerobotics.com'] })));
    expect(other.account.name).toBe('Acme Robotics');
  });

  it('a record read as nothing (only its id) is "no-signal", never "not-found", and asks the API nothing; a pin still answers', async () => {
    const resolver = await makeResolver();
    h.emu.resetLog();
    const unreadable = ctx({ recordId: '77', recordType: 'company', read: { status: 'unreadable', via: {}, layers: [] } });
    expect(await resolver.lookupContext(unreadable)).toEqual({ state: 'no-signal' });
    expect(h.accountRequests()).toHaveLength(0);
    const acme = account(await resolver.lookupContext(ctx({ websites: ['acmerobotics.com'] }))).account;
    settings.pinned[recordPinKey('hubspot', '77')] = { rtpAid: acme.rtpAid, name: acme.name, domain: acme.domain, pinnedAt: '' };
    const pinned = account(await resolver.lookupContext(unreadable));
    expect(pinned.matchedBy).toBe('pinned');
    expect(pinned.account.name).toBe('Acme Robotics');
  });

  it('page-level candidates naming two companies are dropped; a link and an e-mail that agree are kept', async () => {
    const resolver = await makeResolver();
    const page = (websites: string[], emails: string[]) =>
      ctx({ recordId: '88', websites, emails, read: { status: 'partial', via: { websites: 'page', emails: 'page' }, layers: [] } });
    expect(await resolver.lookupContext(page(['https://acmerobotics.com', 'https://globex-analytics.io'], []))).toEqual({ state: 'no-signal' });
    const agreed = account(await resolver.lookupContext(page(['https://acmerobotics.com', 'https://globex-analytics.io'], ['dana@acmerobotics.com'])));
    expect(agreed.account.name).toBe('Acme Robotics');
    expect(agreed.matchedBy).toBe('page-website');
  });

  it('ignores free-mail and the rep\'s own domain, and never asks the API about them', async () => {
    const resolver = await makeResolver();
    const r = account(
      await resolver.lookupContext(
        ctx({ site: 'gmail', emails: ['someone@gmail.com', DEMO_REP.email, 'bob@yahoo.co.uk', demo('initech').contact.email] }),
      ),
    );
    expect(r.matchedBy).toBe('email');
    expect(r.account.name).toBe('Initech Systems');
    const searches = h.accountRequests().map((e) => decodeURIComponent(e.search)).join(' ');
    expect(searches).not.toMatch(/gmail|yahoo|lens-demo-vendor/);
    expect(await resolver.lookupContext(ctx({ site: 'gmail', emails: ['x@gmail.com', DEMO_REP.email] }))).toEqual({
      state: 'no-signal',
    });
  });

  it('falls back to the LinkedIn slug and the company name, marking the match', async () => {
    const resolver = await makeResolver();
    await resolver.lookupContext(ctx({ websites: ['northwind.io', 'acmerobotics.com'] }));
    await resolver.lookupContext(ctx({ websites: ['acmerobotics.com'] }));
    const byName = account(await resolver.lookupContext(ctx({ companyName: 'Northwind Traders, Inc.' })));
    expect(byName.matchedBy).toBe('name');
    expect(byName.account.domain).toBe('northwind.io');
    const bySlug = account(await resolver.lookupContext(ctx({ site: 'linkedin-company', linkedinSlug: 'acme-robotics' })));
    expect(bySlug.matchedBy).toBe('linkedin');
    expect((await resolver.lookupContext(ctx({ companyName: 'Nonexistent Corp' }))).state).toBe('not-found');
  });

  it('keeps private-suffix hosts whole: acme-outdoor.myshopify.com is not Shopify', async () => {
    const resolver = await makeResolver();
    const r = account(await resolver.lookupQuery('https://acme-outdoor.myshopify.com/products/tent'));
    expect(r.account.name).toBe('Acme Outdoor Store');
    expect(r.matchedBy).toBe('url');
  });

  it('shows cached data with refreshError when the API fails, and an error without a cache', async () => {
    const resolver = await makeResolver();
    const page = ctx({ websites: ['wayneaero.com'] });
    account(await resolver.lookupContext(page));
    clock += 20 * MIN;
    h.emu.setFaults({ errorRate: 1 });
    const pushed = await new Promise<LookupResult>((resolve) => void resolver.lookupContext(page, { onFresher: resolve }));
    expect(account(pushed).stale).toBe(true);
    expect(account(pushed).refreshError?.kind).toBe('server');
    const none = await resolver.lookupContext(ctx({ websites: ['starkfintech.com'] }));
    expect(none.state).toBe('error');
    if (none.state === 'error') expect(none.error.retryable).toBe(true);
  });

  it('reports not-configured without an API key', async () => {
    const resolver = createResolver({
      store: h.store,
      getClient: async () => null,
      getSettings: async () => settings,
      toErrorView,
    });
    expect(await resolver.lookupContext(ctx({ websites: ['acmerobotics.com'] }))).toEqual({ state: 'not-configured' });
  });
});
