import { describe, expect, it } from 'vitest';
import { toStored } from '../../../utils/accounts/store';
import { toAccountView } from '../../../utils/accounts/view';
import { aid, row } from './helpers';

describe('account view', () => {
  it('labels only custom fields with values, maps segments and intent, and bands the score', () => {
    const stored = toStored(
      row({
        rtp_aid: aid(1),
        rtp_account_score: 87,
        rtp_journey_stage: 'Opportunity',
        customFields: { TIER_C: 'Gold', RENEWAL_DATE_C: null, NOTES_C: '  ', REGIONS_C: ['EMEA', 'APAC'], ARR_C: 120000 },
        segments: [{ segmentId: 's1', name: 'EMEA Fintech Targets' }],
      }),
      Date.parse('2026-06-02T00:00:00Z'),
    );
    const view = toAccountView(stored, { fieldDefinitions: [{ key: 'TIER_C', label: 'Tier' }, { key: 'ARR_C', label: 'ARR' }] });
    expect(view.band).toBe('hot');
    expect(view.intent).toEqual({ linkedin: 1, website: 2, g2: 3, bombora: 4 });
    expect(view.customFields).toEqual([
      { key: 'TIER_C', label: 'Tier', value: 'Gold' },
      { key: 'REGIONS_C', label: 'REGIONS_C', value: 'EMEA, APAC' },
      { key: 'ARR_C', label: 'ARR', value: '120000' },
    ]);
    expect(view.segments).toEqual([{ id: 's1', name: 'EMEA Fintech Targets' }]);
    expect(view.fetchedAt).toBe('2026-06-02T00:00:00.000Z');
  });

  it('treats 0 with no stage as not scored yet, and reports changes since the rep last looked', () => {
    const unscored = toAccountView(toStored(row({ rtp_aid: aid(2), rtp_account_score: 0, rtp_journey_stage: '' }), 1));
    expect(unscored.band).toBe('unscored');
    const stored = toStored(row({ rtp_aid: aid(3), rtp_account_score: 72, rtp_journey_stage: 'Consideration' }), 1);
    const seen = { rtpAid: aid(3), seenAt: '2026-05-01T00:00:00Z', score: 41, stage: 'Aware' };
    expect(toAccountView(stored, { lastSeen: seen }).changedSinceSeen).toEqual({
      seenAt: '2026-05-01T00:00:00Z',
      previousScore: 41,
      previousStage: 'Aware',
    });
    expect(toAccountView(stored, { lastSeen: { ...seen, score: 72, stage: 'Consideration' } }).changedSinceSeen).toBeNull();
    expect(toAccountView(stored).changedSinceSeen).toBeNull();
  });
});
