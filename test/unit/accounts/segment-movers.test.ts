/**
 * Issue #17, second part: accounts of followed segments are watched, intent jumps are found against
 * bulk-ingest (block) copies, and Top movers of a segment come from the score history.
 */
import { describe, expect, it } from 'vitest';
import { createWatchStore } from '../../../utils/accounts/watch';
import { HISTORY_CAP } from '../../../utils/accounts/store';
import { aid, freshStore, row } from './helpers';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-27T08:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
const EMEA = { segmentId: 'seg-emea', name: 'EMEA Fintech Targets' };
const Q4 = { segmentId: 'seg-q4', name: 'Q4 Expansion' };

async function setup() {
  const clock = { t: T0 };
  const store = await freshStore();
  const watch = createWatchStore(store.db, () => clock.t);
  return { store, watch, clock };
}

describe('intent jumps against block-stored copies', () => {
  it('a delta after a bulk (block) first sync reports the sources that rose 15 points or more', async () => {
    const { store, watch } = await setup();
    const first = [
      row({ rtp_aid: aid(1), rtp_account_score: 40, rtp_g2_intent_score: 10, rtp_website_intent_score: 30, rtp_bombora_intent_score: 5 }),
      row({ rtp_aid: aid(2), domain: 'globex.io', rtp_account_score: 40, rtp_g2_intent_score: 10 }),
    ];
    await store.putAccounts(first, T0, undefined, { assumeNew: true });
    expect(await store.db.count('blocks')).toBe(1);
    expect(await store.db.count('accounts')).toBe(0);
    await watch.watch(aid(1), 'viewed');
    const moves = await store.putAccounts(
      [
        // g2 +30 and bombora +15 are jumps, website +14 is not
        row({ rtp_aid: aid(1), rtp_account_score: 41, rtp_g2_intent_score: 40, rtp_website_intent_score: 44, rtp_bombora_intent_score: 20 }),
        row({ rtp_aid: aid(2), domain: 'globex.io', rtp_account_score: 90, rtp_g2_intent_score: 60 }),
      ],
      T0 + DAY,
      undefined,
      { watched: await watch.watchedIds() },
    );
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ rtpAid: aid(1), scoreBefore: 40, scoreAfter: 41 });
    expect(moves[0]!.intentJumps).toEqual([
      { source: 'g2', before: 10, after: 40 },
      { source: 'bombora', before: 5, after: 20 },
    ]);
    // the block bookkeeping is unchanged: both accounts have rows now, the block is gone
    expect(await store.db.count('blocks')).toBe(0);
    expect(await store.count()).toBe(2);
  });

  it('reads the intent scores from the BlockHits record the delta reads anyway, and from the block for older BlockHits without them', async () => {
    for (const legacy of [false, true]) {
      const { store, watch } = await setup();
      await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 40, rtp_website_intent_score: 20 })], T0, undefined, { assumeNew: true });
      const [hits] = await store.db.getAll('blockHits');
      expect(hits!.intents).toEqual([1, 20, 3, 4]);
      if (legacy) {
        // as written before BlockHits kept intent scores
        delete hits!.intents;
        await store.db.put('blockHits', hits!);
      }
      await watch.watch(aid(1), 'viewed');
      const moves = await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 40, rtp_website_intent_score: 50 })], T0 + DAY, undefined, {
        watched: await watch.watchedIds(),
      });
      expect(moves.map((m) => m.intentJumps)).toEqual([[{ source: 'website', before: 20, after: 50 }]]);
    }
  });

  it('a score-neutral change whose only news is an intent jump is recorded (not dropped as "no move")', async () => {
    const { store, watch } = await setup();
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 60, rtp_advertising_activity_score: 0 })], T0, undefined, { assumeNew: true });
    await watch.watch(aid(1), 'pinned');
    const moves = await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 60, rtp_advertising_activity_score: 25 })], T0 + DAY, undefined, {
      watched: await watch.watchedIds(),
    });
    expect(moves.map((m) => m.intentJumps)).toEqual([[{ source: 'linkedin', before: 0, after: 25 }]]);
    expect((await watch.listMovers()).movers[0]?.topIntent).toEqual({ source: 'linkedin', before: 0, after: 25 });
  });
});

describe('followed segments', () => {
  it('records moves of every account of a followed segment, watched or not, and of no other', async () => {
    const { store, watch } = await setup();
    await store.putAccounts(
      [
        row({ rtp_aid: aid(1), rtp_account_score: 30, segments: [EMEA] }),
        row({ rtp_aid: aid(2), domain: 'globex.io', rtp_account_score: 30, segments: [Q4] }),
        row({ rtp_aid: aid(3), domain: 'initech.com', rtp_account_score: 30 }),
      ],
      T0,
      undefined,
      { assumeNew: true },
    );
    const moves = await store.putAccounts(
      [
        row({ rtp_aid: aid(1), rtp_account_score: 80, segments: [EMEA] }),
        row({ rtp_aid: aid(2), domain: 'globex.io', rtp_account_score: 80, segments: [Q4] }),
        row({ rtp_aid: aid(3), domain: 'initech.com', rtp_account_score: 80 }),
      ],
      T0 + DAY,
      undefined,
      { watched: await watch.watchedIds(), segments: new Set([EMEA.segmentId]) },
    );
    expect(moves.map((m) => m.rtpAid)).toEqual([aid(1)]);
    expect((await watch.listMovers()).movers.map((m) => m.rtpAid)).toEqual([aid(1)]);
  });

  it('an account that joins a followed segment in this delta is recorded too (membership is read from the new row)', async () => {
    const { store } = await setup();
    await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 30 })], T0);
    const moves = await store.putAccounts([row({ rtp_aid: aid(1), rtp_account_score: 75, segments: [EMEA] })], T0 + DAY, undefined, {
      segments: new Set([EMEA.segmentId]),
    });
    expect(moves.map((m) => [m.scoreBefore, m.scoreAfter])).toEqual([[30, 75]]);
  });
});

describe('top movers of a segment', () => {
  /** history points are the API's rtp_last_account_date, so each write carries its own date */
  const at = (rtp: string, t: number, score: number, segments = [EMEA], domain = `${rtp}.com`) =>
    row({ rtp_aid: rtp, domain, name: `Co ${rtp.slice(-2)}`, rtp_account_score: score, rtp_last_account_date: iso(t), segments });

  it('ranks by score delta over 7 and 30 days, from history, and leaves out unchanged and other accounts', async () => {
    const { store, watch } = await setup();
    const a = aid(1), b = aid(2), c = aid(3), d = aid(4), e = aid(5), f = aid(6);
    // first sync 40 days ago, in blocks (single-point histories)
    await store.putAccounts([at(a, T0 - 40 * DAY, 20), at(b, T0 - 40 * DAY, 50), at(c, T0 - 40 * DAY, 60), at(d, T0 - 40 * DAY, 10), at(e, T0 - 40 * DAY, 10, [Q4]), at(f, T0 - 40 * DAY, 33)], T0 - 40 * DAY, undefined, {
      assumeNew: true,
    });
    // 20 days ago: a +30, c −20
    await store.putAccounts([at(a, T0 - 20 * DAY, 50), at(c, T0 - 20 * DAY, 40)], T0 - 20 * DAY);
    // 3 days ago: a +5 more, b +25, d +40 (other segment for e: +80)
    await store.putAccounts([at(a, T0 - 3 * DAY, 55), at(b, T0 - 3 * DAY, 75), at(d, T0 - 3 * DAY, 50), at(e, T0 - 3 * DAY, 90, [Q4])], T0 - 3 * DAY);
    const week = await watch.topMovers(EMEA.segmentId, 7);
    expect(week.movers.map((m) => [m.rtpAid, m.scoreBefore, m.scoreAfter, m.delta])).toEqual([
      [d, 10, 50, 40],
      [b, 50, 75, 25],
      [a, 50, 55, 5],
    ]);
    expect(week.moved).toBe(3);
    const month = await watch.topMovers(EMEA.segmentId, 30);
    expect(month.movers.map((m) => [m.rtpAid, m.delta])).toEqual([
      [d, 40],
      [a, 35],
      [b, 25],
      [c, -20],
    ]);
    expect(month.movers[1]).toMatchObject({ bandBefore: 'cold', bandAfter: 'warm' });
    expect((await watch.topMovers(Q4.segmentId, 7)).movers.map((m) => [m.rtpAid, m.delta])).toEqual([[e, 80]]);
    expect((await watch.topMovers('seg-unknown', 30)).movers).toEqual([]);
  });

  it('an account that left the segment is no longer among its movers', async () => {
    const { store, watch } = await setup();
    await store.putAccounts([at(aid(1), T0 - 10 * DAY, 20)], T0 - 10 * DAY);
    await store.putAccounts([at(aid(1), T0 - 2 * DAY, 60)], T0 - 2 * DAY);
    expect((await watch.topMovers(EMEA.segmentId, 7)).movers).toHaveLength(1);
    await store.putAccounts([at(aid(1), T0 - DAY, 61, [Q4])], T0 - DAY);
    expect((await watch.topMovers(EMEA.segmentId, 7)).movers).toEqual([]);
    expect((await watch.topMovers(Q4.segmentId, 7)).movers.map((m) => m.delta)).toEqual([41]);
  });

  it('keeps at most the limit, largest rises first, and reports how many moved', async () => {
    const { store, watch } = await setup();
    const n = 40;
    const ids = Array.from({ length: n }, (_, i) => aid(100 + i));
    await store.putAccounts(ids.map((id) => at(id, T0 - 20 * DAY, 10)), T0 - 20 * DAY);
    await store.putAccounts(ids.map((id, i) => at(id, T0 - DAY, 11 + i)), T0 - DAY);
    const list = await watch.topMovers(EMEA.segmentId, 7, 10);
    expect(list.moved).toBe(n);
    expect(list.movers.map((m) => m.delta)).toEqual([40, 39, 38, 37, 36, 35, 34, 33, 32, 31]);
  });
});

describe('score history bounds', () => {
  it('keeps at most HISTORY_CAP points and none older than 90 days (the newest always stays)', async () => {
    const { store } = await setup();
    expect(HISTORY_CAP).toBe(60);
    const id = aid(9);
    // hourly rescoring: 70 changes within three days keep the last 60
    for (let i = 0; i < 70; i++) {
      const t = T0 - 200 * DAY + i * 3_600_000;
      await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 10 + i, rtp_last_account_date: iso(t) })], t);
    }
    expect((await store.getById(id))?.history.map((p) => p.score)).toEqual(Array.from({ length: 60 }, (_, i) => 20 + i));
    // 100 days later everything before is older than 90 days: only the new point stays
    await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 50, rtp_last_account_date: iso(T0 - 100 * DAY) })], T0 - 100 * DAY);
    expect((await store.getById(id))?.history.map((p) => p.score)).toEqual([50]);
    await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 51, rtp_last_account_date: iso(T0 - 30 * DAY) })], T0 - 30 * DAY);
    await store.putAccounts([row({ rtp_aid: id, rtp_account_score: 52, rtp_last_account_date: iso(T0) })], T0);
    expect((await store.getById(id))?.history.map((p) => p.score)).toEqual([51, 52]);
    // an account unchanged for longer than 90 days keeps its one point
    await store.putAccounts([row({ rtp_aid: aid(10), rtp_account_score: 5, rtp_last_account_date: iso(T0 - 400 * DAY) })], T0);
    expect((await store.getById(aid(10)))?.history).toHaveLength(1);
  });
});
