import { afterEach, describe, expect, it } from 'vitest';
import { contactSuggestions, isoToLocalInput, localInputToIso, quickDraft, toLocalIso } from '@/components/activity/drafts';
import { ActivityDraftSchema } from '@/utils/view-models';
import { ACCOUNT, DANA, LEE, view } from './fake-send';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('local time ↔ ISO with offset', () => {
  it.each([
    ['America/New_York', '2026-11-27T10:00:00-05:00'],
    ['Asia/Kolkata', '2026-11-27T20:30:00+05:30'],
    ['UTC', '2026-11-27T15:00:00+00:00'],
  ])('%s keeps the local wall time and the instant', (tz, expected) => {
    process.env.TZ = tz;
    const iso = toLocalIso(new Date('2026-11-27T15:00:00Z'));
    expect(iso).toBe(expected);
    expect(Date.parse(iso)).toBe(Date.parse('2026-11-27T15:00:00Z'));
    expect(ActivityDraftSchema.unwrap().shape.occurredAt.safeParse(iso).success).toBe(true);
    expect(localInputToIso(isoToLocalInput(iso))).toBe(iso);
  });

  it('rejects what is not a datetime-local value', () => {
    for (const bad of ['', 'yesterday', '2026-13-01T10:00', '2026-11-27', '2026-11-27T10:00Z']) {
      expect(localInputToIso(bad)).toBeNull();
    }
    expect(isoToLocalInput('nope')).toBe('');
  });
});

describe('drafts', () => {
  it('quick drafts validate against ActivityDraftSchema', () => {
    for (const kind of ['call-connected', 'call-voicemail', 'call-no-answer', 'email-sent'] as const) {
      expect(ActivityDraftSchema.safeParse(quickDraft(kind, ACCOUNT, DANA, new Date())).success).toBe(true);
    }
  });

  it('suggestions put page contacts first and dedupe addresses case-insensitively', () => {
    const recent = [view({ draft: { contacts: [{ email: 'DANA@acme.com' }, LEE] } })];
    expect(contactSuggestions([DANA], recent)).toEqual([DANA, LEE]);
  });
});
