// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RecotapError, type AccountPage } from '../../../utils/recotap';
import { account, ok, rejection, setup, type RecordedCall } from './fake-fetch';

/** Serves `total` accounts in keyset pages, leaving nextCursor set on the last page (as observed live). */
function keysetServer(total: number) {
  const rows = Array.from({ length: total }, (_, i) => account(i + 1));
  return (call: RecordedCall) => {
    const limit = Number(call.url.searchParams.get('limit') ?? 100);
    const cursor = call.url.searchParams.get('cursor');
    const start = cursor === null ? 0 : rows.findIndex((r) => r.rtp_aid === cursor) + 1;
    const data = rows.slice(start, start + limit);
    const last = data[data.length - 1];
    return ok({ data, nextCursor: last?.rtp_aid ?? null, hasNextPage: start + limit < total, syncTimestamp: `ts-${start}` });
  };
}

async function collect(pages: AsyncIterable<AccountPage>) {
  const out: AccountPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('account pagination', () => {
  it('stops on hasNextPage:false although nextCursor is still set', async () => {
    const { client, calls } = setup(keysetServer(25));
    const pages = await collect(client.iterateAccountPages({ limit: 10 }));
    expect(pages.map((p) => p.data.length)).toEqual([10, 10, 5]);
    expect(pages[2]?.nextCursor).not.toBeNull();
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.url.searchParams.get('cursor'))).toEqual([null, account(10).rtp_aid, account(20).rtp_aid]);
    expect(new Set(pages.flatMap((p) => p.data.map((a) => a.rtp_aid))).size).toBe(25);
  });

  it('passes lastSync on every page', async () => {
    const { client, calls } = setup(keysetServer(3));
    await collect(client.iterateAccountPages({ limit: 2, lastSync: '2026-07-01T00:00:00.000Z' }));
    expect(calls.map((c) => c.url.searchParams.get('lastSync'))).toEqual(['2026-07-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
  });

  it('resumes from a saved cursor', async () => {
    const { client, calls } = setup(keysetServer(25));
    const pages = await collect(client.iterateAccountPages({ limit: 10, cursor: account(20).rtp_aid }));
    expect(pages.map((p) => p.data[0]?.rtp_aid)).toEqual([account(21).rtp_aid]);
    expect(calls[0]?.url.searchParams.get('cursor')).toBe(account(20).rtp_aid);
  });

  it('throws unexpected-response when the cursor does not advance', async () => {
    const { client, calls } = setup(() => ok({ data: [account(1)], nextCursor: 'same', hasNextPage: true }));
    const seen: number[] = [];
    const err = await rejection(
      (async () => {
        for await (const page of client.iterateAccountPages()) seen.push(page.data.length);
      })(),
    );
    expect(err).toBeInstanceOf(RecotapError);
    expect((err as RecotapError).kind).toBe('unexpected-response');
    expect((err as RecotapError).message).toContain('did not advance');
    // first page from the start, second with 'same', which then repeats
    expect(calls).toHaveLength(2);
    expect(seen).toEqual([1, 1]);
  });

  it('throws when hasNextPage is true but nextCursor is null', async () => {
    const { client, calls } = setup(() => ok({ data: [], nextCursor: null, hasNextPage: true }));
    await expect(collect(client.iterateAccountPages())).rejects.toMatchObject({ kind: 'unexpected-response' });
    expect(calls).toHaveLength(1);
  });

  it('caps the number of pages defensively', async () => {
    let n = 0;
    const { client } = setup(() => ok({ data: [], nextCursor: `c${++n}`, hasNextPage: true }));
    await expect(collect(client.iterateAccountPages({}, { maxPages: 5 }))).rejects.toMatchObject({ kind: 'unexpected-response' });
    expect(n).toBe(5);
  });

  it('drains every segment page', async () => {
    const pages = [
      { data: [{ segmentId: 's1', name: 'One', status: 'active' }], nextCursor: 's1', hasNextPage: true },
      { data: [{ segmentId: 's2', name: 'Two', status: 'draft' }], nextCursor: 's2', hasNextPage: false },
    ];
    const { client, calls } = setup((_, i) => ok(pages[i], '/api/v1/segments'));
    const segments = await client.listSegments();
    expect(segments.map((s) => s.segmentId)).toEqual(['s1', 's2']);
    expect(calls.map((c) => `${c.url.pathname}${c.url.search}`)).toEqual(['/api/v1/segments', '/api/v1/segments?cursor=s1']);
  });
});
