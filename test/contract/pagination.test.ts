// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../utils/recotap/index.ts';
import { startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: { synthetic: 1050 } });
});
afterAll(() => h.emu.close());
beforeEach(() => h.emu.reset());

async function collect(params: Parameters<Harness['client']['iterateAccountPages']>[0]) {
  const pages: { rows: Account[]; hasNextPage: boolean; nextCursor: string | null; syncTimestamp: string | null }[] = [];
  for await (const p of h.client.iterateAccountPages(params)) pages.push({ rows: p.data, hasNextPage: p.hasNextPage, nextCursor: p.nextCursor, syncTimestamp: p.syncTimestamp });
  return pages;
}

describe('keyset pagination', () => {
  it('walks 1,050 accounts in 11 pages of 100 with no duplicates or gaps', async () => {
    const pages = await collect({ limit: 100 });
    expect(pages.map((p) => p.rows.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.rtp_aid));
    expect(new Set(ids).size).toBe(1050);
    expect([...ids].sort()).toEqual(ids);
    const last = pages[10]!;
    // the live API keeps nextCursor on the last page; only hasNextPage says stop
    expect(last.hasNextPage).toBe(false);
    expect(last.nextCursor).toBe(last.rows[49]?.rtp_aid);
    expect(pages.every((p) => p.syncTimestamp !== null)).toBe(true);
    expect(h.emu.requestLog.filter((r) => r.path === '/api/v1/accounts')).toHaveLength(11);
  });

  it('resumes from a cursor', async () => {
    const first = await h.client.listAccounts({ limit: 100 });
    const rest = await collect({ limit: 100, cursor: first.nextCursor! });
    expect(rest.reduce((n, p) => n + p.rows.length, 0)).toBe(950);
    expect(rest[0]!.rows[0]!.rtp_aid > first.nextCursor!).toBe(true);
  });

  it('defaults the limit to 100', async () => {
    expect((await h.client.listAccounts()).data).toHaveLength(100);
  });
});

describe('delta sync', () => {
  it('returns exactly the accounts rescored after the previous syncTimestamp', async () => {
    const full = await collect({ limit: 100 });
    const since = full[0]!.syncTimestamp!;
    expect((await collect({ lastSync: since, limit: 100 })).flatMap((p) => p.rows)).toHaveLength(0);
    const changed = h.emu.rescore({ count: 137, seed: 'delta' });
    const delta = await collect({ lastSync: since, limit: 50 });
    expect(delta.map((p) => p.rows.length)).toEqual([50, 50, 37]);
    const got = delta.flatMap((p) => p.rows);
    expect(got.map((r) => r.rtp_aid)).toEqual(changed);
    const before = new Map(full.flatMap((p) => p.rows).map((r) => [r.rtp_aid, r.rtp_account_score]));
    expect(got.every((r) => before.get(r.rtp_aid) !== r.rtp_account_score)).toBe(true);
    // the next run from this run's first syncTimestamp sees nothing new
    expect((await collect({ lastSync: delta[0]!.syncTimestamp!, limit: 100 })).flatMap((p) => p.rows)).toHaveLength(0);
  });

  it('rescoring is deterministic per seed', async () => {
    const a = h.emu.rescore({ count: 20, seed: 'same' });
    h.emu.reset();
    expect(h.emu.rescore({ count: 20, seed: 'same' })).toEqual(a);
    expect(h.emu.rescore({ fraction: 0.1, seed: 'other' })).toHaveLength(105);
  });

  it('combines lastSync with the domains filter', async () => {
    const page = await h.client.listAccounts({ limit: 3 });
    const since = page.syncTimestamp!;
    const target = page.data[1]!;
    h.emu.setAccount(target.rtp_aid, { rtp_account_score: 99 });
    const rows = await h.client.getAccountsByDomains(page.data.map((r) => r.domain));
    expect(rows).toHaveLength(3);
    const delta = await h.client.listAccounts({ domains: page.data.map((r) => r.domain), lastSync: since });
    expect(delta.data.map((r) => [r.rtp_aid, r.rtp_account_score])).toEqual([[target.rtp_aid, 99]]);
  });
});
