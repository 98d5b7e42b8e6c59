// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { normalizeApiDomain, normalizeDomainList } from '../../../utils/recotap';
import { account, ok, setup, type RecordedCall } from './fake-fetch';

const domainsOf = (call: RecordedCall): string[] => JSON.parse(call.url.searchParams.get('domains') ?? 'null');

describe('domain normalisation (recotap-api.md §2.9)', () => {
  it.each([
    ['https://www.acme.com/foo', 'acme.com'],
    ['WWW.Acme.com:8080', 'acme.com'],
    ['app.acme.com', 'app.acme.com'],
    ['  acme.com \n', 'acme.com'],
    ['http://acme.com?x=1#y', 'acme.com'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeApiDomain(input)).toBe(expected);
  });

  it('dedupes after normalising and drops empties, keeping first-seen order', () => {
    expect(normalizeDomainList(['https://www.acme.com/foo', 'globex.io', 'ACME.com', ' ', 'www.globex.io:443'])).toEqual(['acme.com', 'globex.io']);
  });
});

describe('domains filter', () => {
  it('sends a URL-encoded JSON array of normalised, deduped domains', async () => {
    const { client, calls } = setup(() => ok({ data: [account(1)], nextCursor: null, hasNextPage: false }));
    const rows = await client.getAccountsByDomains(['https://www.Acme.com/foo', 'acme.com', 'app.acme.com', ' globex.io ']);
    expect(rows).toHaveLength(1);
    expect(calls).toHaveLength(1);
    const raw = calls[0]?.url.search ?? '';
    expect(raw).toContain(`domains=${encodeURIComponent('["acme.com","app.acme.com","globex.io"]')}`);
    expect(raw).not.toMatch(/[[\]"]/);
    expect(domainsOf(calls[0] as RecordedCall)).toEqual(['acme.com', 'app.acme.com', 'globex.io']);
  });

  it('makes no request for an empty list (or one that normalises to nothing)', async () => {
    const { client, calls } = setup(() => ok({ data: [], nextCursor: null, hasNextPage: false }));
    await expect(client.getAccountsByDomains([])).resolves.toEqual([]);
    await expect(client.getAccountsByDomains(['  ', 'https://'])).resolves.toEqual([]);
    await expect(client.listAccounts({ domains: [] })).resolves.toMatchObject({ data: [], hasNextPage: false });
    expect(calls).toHaveLength(0);
  });

  it('chunks more than 100 domains and drains every page of each chunk', async () => {
    const { client, calls } = setup((call) => {
      const domains = domainsOf(call);
      const cursor = call.url.searchParams.get('cursor');
      // the first chunk has two pages; the last page keeps its cursor set
      const more = domains.length === 100 && cursor === null;
      return ok({ data: [account(cursor ? 2 : domains.length)], nextCursor: cursor ? 'p2' : 'p1', hasNextPage: more });
    });
    const input = Array.from({ length: 230 }, (_, i) => `www.co${i}.com`);
    const rows = await client.getAccountsByDomains([...input, ...input]);
    expect(calls.map((c) => domainsOf(c).length)).toEqual([100, 100, 100, 100, 30]);
    expect(calls.map((c) => c.url.searchParams.get('cursor'))).toEqual([null, 'p1', null, 'p1', null]);
    expect(rows).toHaveLength(5);
    expect(calls.every((c) => c.url.searchParams.get('limit') === '100')).toBe(true);
  });

  it('rejects more than 100 domains in a single listAccounts call without sending', async () => {
    const { client, calls } = setup(() => ok({ data: [], nextCursor: null, hasNextPage: false }));
    await expect(client.listAccounts({ domains: Array.from({ length: 101 }, (_, i) => `d${i}.com`) })).rejects.toMatchObject({ kind: 'validation' });
    expect(calls).toHaveLength(0);
  });
});
