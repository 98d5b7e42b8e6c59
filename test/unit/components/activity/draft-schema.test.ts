import { describe, expect, it } from 'vitest';
import { ActivityDraftMiniSchema } from '../../../../components/activity/draft-schema';
import { ActivityDraftSchema } from '../../../../utils/view-models';

const good = {
  activityType: 'call',
  domain: 'acme.com',
  occurredAt: '2026-11-27T08:00:00.000Z',
  contacts: [{ email: 'dana@acme.com', name: 'Dana' }],
  durationMinutes: 15,
};

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).sort();

describe('ActivityDraftMiniSchema mirrors ActivityDraftSchema', () => {
  it.each([
    ['valid', good],
    ['empty domain, bad date', { ...good, domain: '', occurredAt: 'yesterday' }],
    ['long subject, bad direction', { ...good, subject: 'x'.repeat(501), direction: 'sideways' }],
    ['counts and duration', { ...good, openCount: 1.5, clickCount: -1, durationMinutes: 2000 }],
    ['contacts', { ...good, contacts: [{ email: 'nope', name: 'y'.repeat(201) }] }],
    ['no contacts', { ...good, contacts: [] }],
  ])('%s: same result and messages', (_, draft) => {
    const classic = ActivityDraftSchema.safeParse(draft);
    const mini = ActivityDraftMiniSchema.safeParse(draft);
    expect(mini.success).toBe(classic.success);
    expect(issues(mini)).toEqual(issues(classic));
    if (classic.success && mini.success) expect(mini.data).toEqual(classic.data);
  });
});
