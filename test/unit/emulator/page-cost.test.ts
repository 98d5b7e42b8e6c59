// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { createState, type EmulatorState } from '../../emulator/state.ts';

// One 200,000-account store for the file: the point is that page cost does not grow with position.
let s: EmulatorState;
beforeAll(() => {
  s = createState({ seed: { synthetic: 200_000 } });
});

const lastCursor = (n: number) => s.store.all()[s.store.size - n - 1]!.rtp_aid;

describe('page cost at 200,000 accounts', () => {
  it('examines the same number of rows for the first and the last page', () => {
    const first = s.store.page({ limit: 100 });
    const last = s.store.page({ limit: 100, cursor: lastCursor(100) });
    expect(first.rows).toHaveLength(100);
    expect(last.rows).toHaveLength(100);
    expect(last.hasNextPage).toBe(false);
    expect(first.scanned).toBe(100);
    expect(last.scanned).toBe(100);
  });

  it('keeps lastSync pages O(page) whether few or most accounts changed', () => {
    const changed = s.rescore({ count: 500, seed: 'cost' });
    const since = s.store.get(changed[0]!)!.updatedAt - 1;
    const first = s.store.page({ limit: 100, lastSync: since });
    expect(first.rows.map((r) => r.rtp_aid)).toEqual(changed.slice(0, 100));
    // the first page of a sparse delta sorts the 500 matches once; later pages reuse them
    expect(first.scanned).toBeLessThanOrEqual(500 + 100);
    const last = s.store.page({ limit: 100, lastSync: since, cursor: changed[399] });
    expect(last.rows.map((r) => r.rtp_aid)).toEqual(changed.slice(400));
    expect(last.scanned).toBe(100);

    // dense: every account matches; the scan stops after limit + 1 matches
    const denseFirst = s.store.page({ limit: 100, lastSync: 0 });
    const denseLast = s.store.page({ limit: 100, lastSync: 0, cursor: lastCursor(100) });
    expect(denseFirst.scanned).toBeLessThanOrEqual(101);
    expect(denseLast.scanned).toBeLessThanOrEqual(101);
    expect(denseLast.hasNextPage).toBe(false);
  });

  it('answers a domains filter from the domain map, not a scan', () => {
    const target = s.store.all()[123_456]!;
    const page = s.store.page({ limit: 100, domains: [target.domain, 'absent.example'] });
    expect(page.rows).toEqual([target]);
    expect(page.scanned).toBe(1);
  });

  it('keeps indexes right after inserts and bumps', () => {
    const size = s.store.size;
    const id = s.newId();
    s.store.insert({ ...s.store.all()[0]!, rtp_aid: id, domain: 'inserted.example', updatedAt: s.bumpTime() });
    expect(s.store.size).toBe(size + 1);
    expect(s.store.get(id)?.domain).toBe('inserted.example');
    expect(s.store.page({ limit: 1, cursor: s.store.all()[size - 1]!.rtp_aid }).rows[0]?.rtp_aid).toBe(id);
    const since = s.issueSyncTimestamp();
    s.setAccount(id, { rtp_account_score: 1 });
    expect(s.store.page({ limit: 100, lastSync: since }).rows.map((r) => r.rtp_aid)).toEqual([id]);
  });

  it('stays exact after many bumps of the same accounts (stale log entries, compaction)', () => {
    const small = createState({ seed: { synthetic: 1000 } });
    const since = small.issueSyncTimestamp();
    const ids = small.store.all().filter((_, i) => i % 10 === 0).map((a) => a.rtp_aid);
    for (let round = 0; round < 30; round++) for (const id of ids) small.setAccount(id, { rtp_account_score: round });
    const rows = [];
    let cursor: string | undefined;
    for (;;) {
      const p = small.store.page({ limit: 30, lastSync: since, cursor });
      rows.push(...p.rows);
      cursor = p.rows[p.rows.length - 1]?.rtp_aid;
      if (!p.hasNextPage) break;
    }
    expect(rows.map((r) => r.rtp_aid)).toEqual(ids);
    expect(rows.every((r) => r.rtp_account_score === 29)).toBe(true);
  });
});
