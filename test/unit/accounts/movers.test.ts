import { describe, expect, it } from 'vitest';
import { moveOf, summarizeMoves, type MoveRecord } from '../../../utils/accounts/movers';
import { toStored } from '../../../utils/accounts/store';
import { aid, row } from './helpers';

const at = '2026-11-27T09:00:00.000Z';

describe('moveOf', () => {
  it('is null when score, stage and intent sources did not move enough', () => {
    const prev = toStored(row({ rtp_aid: aid(1), rtp_website_intent_score: 10 }), 1);
    expect(moveOf(prev, row({ rtp_aid: aid(1), rtp_website_intent_score: 24 }), at, 'acmerobotics.com')).toBeNull();
  });

  it('reports score, stage and intent jumps of at least 15 points', () => {
    const prev = toStored(row({ rtp_aid: aid(1), rtp_account_score: 50, rtp_website_intent_score: 10, rtp_bombora_intent_score: 4 }), 1);
    const move = moveOf(prev, row({ rtp_aid: aid(1), rtp_account_score: 50, rtp_journey_stage: 'Opportunity', rtp_website_intent_score: 25, rtp_bombora_intent_score: 18 }), at, 'acmerobotics.com');
    expect(move).toMatchObject({ scoreBefore: 50, scoreAfter: 50, stageBefore: 'Aware', stageAfter: 'Opportunity', intentJumps: [{ source: 'website', before: 10, after: 25 }] });
  });

  it('compares score and stage with a bulk-ingest copy (history only)', () => {
    const move = moveOf({ history: [{ at, score: 30, stage: 'Aware' }] }, row({ rtp_aid: aid(1), rtp_account_score: 75 }), at, 'x.com');
    expect(move).toMatchObject({ scoreBefore: 30, scoreAfter: 75, intentJumps: [] });
  });
});

describe('summarizeMoves', () => {
  const m = (rtpAid: string, t: string, before: number, after: number): MoveRecord => ({
    rtpAid, at: t, name: rtpAid, domain: `${rtpAid}.com`, scoreBefore: before, scoreAfter: after, stageBefore: 'Aware', stageAfter: 'Aware', intentJumps: [],
  });

  it('merges an account over its unseen moves only, unseen first then newest', () => {
    const moves = [m('a', '2026-11-01', 10, 20), m('b', '2026-11-02', 5, 6), m('a', '2026-11-03', 20, 50), m('a', '2026-11-04', 50, 80)];
    const list = summarizeMoves(moves, '2026-11-02T12:00');
    expect(list.map((s) => [s.rtpAid, s.scoreBefore, s.scoreAfter, s.unseen])).toEqual([
      ['a', 20, 80, true],
      ['b', 5, 6, false],
    ]);
    expect(list[0]!.bandBefore).toBe('cold');
    expect(list[0]!.bandAfter).toBe('hot');
  });
});
