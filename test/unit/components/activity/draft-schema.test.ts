import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../../../components/activity/draft-schema';
import { ActivityDraftSchema } from '../../../../utils/view-models';

const good = {
  activityType: 'call',
  domain: 'acme.com',
  occurredAt: '2026-11-27T08:00:00.000Z',
  contacts: [{ email: 'dana@acme.com', name: 'Dana' }],
  durationMinutes: 15,
};

type Issue = { path: PropertyKey[]; message: string };
const fields = (issues: Issue[] = []) => [...new Set(issues.map((i) => String(i.path[0])))].sort();
// the raw messages the form shows after a field label (form-model.ts messageFor words the others itself);
// type errors cannot come from the form's inputs, so only limit and custom messages are compared
const FORM_WORDED = new Set(['occurredAt', 'durationMinutes', 'openCount', 'clickCount', 'contacts']);
const shownRaw = (issues: Issue[] = []) =>
  issues
    .filter((i) => (!FORM_WORDED.has(String(i.path[0])) || (i.path.length === 3 && i.path[2] !== 'email')) && !i.message.startsWith('Invalid'))
    .map((i) => `${i.path.map(String).join('.')}: ${i.message}`)
    .sort();

describe('the valibot draft schema mirrors ActivityDraftSchema', () => {
  it.each([
    ['valid', good],
    ['empty domain, bad date', { ...good, domain: '', occurredAt: 'yesterday' }],
    ['long subject, bad direction', { ...good, subject: 'x'.repeat(501), direction: 'sideways' }],
    ['counts and duration', { ...good, openCount: 1.5, clickCount: -1, durationMinutes: 2000 }],
    ['contacts', { ...good, contacts: [{ email: 'nope', name: 'y'.repeat(201) }] }],
    ['no contacts', { ...good, contacts: [] }],
    ['offset date-time, email draft', { ...good, activityType: 'email', occurredAt: '2026-11-27T08:00:00+05:30', openCount: 2, clickCount: 0 }],
    ['leap day 2028', { ...good, occurredAt: '2028-02-29T23:59:59.5Z' }],
    ['no leap day 2027', { ...good, occurredAt: '2027-02-29T10:00:00Z' }],
    ['date-time without seconds or offset', { ...good, occurredAt: '2026-11-27T08:00' }],
    ['hour 24, day 31 of April', { ...good, occurredAt: '2026-04-31T24:00:00Z' }],
    ['emails the rule accepts', { ...good, contacts: [{ email: "o'brien+crm@mail.acme.co.uk" }, { email: 'a.b_c@x-y.io' }] }],
    ['emails the rule refuses', { ...good, contacts: [{ email: '.dana@acme.com' }, { email: 'dana@acme' }, { email: 'da..na@acme.com' }, { email: 'dana@-acme.com' }] }],
    ['wrong types', { ...good, activityType: 'meeting', durationMinutes: '15', contacts: [{ email: 42 }], subject: null }],
    ['long email and too many contacts', { ...good, contacts: Array.from({ length: 51 }, (_, i) => ({ email: `${'x'.repeat(250)}${i}@acme.com` })) }],
  ])('%s: same result, same fields and the same messages the form shows', (_, draft) => {
    const classic = ActivityDraftSchema.safeParse(draft);
    const mini = parseDraft(draft);
    expect(mini.success).toBe(classic.success);
    const miniIssues = mini.success ? [] : mini.issues;
    expect(fields(miniIssues)).toEqual(fields(classic.error?.issues));
    expect(shownRaw(miniIssues)).toEqual(shownRaw(classic.error?.issues));
    if (classic.success && mini.success) expect(mini.data).toEqual(classic.data);
  });
});

it('keeps the wording the form shows for limits and required fields', () => {
  const r = parseDraft({ ...good, domain: '', subject: 'x'.repeat(501), contacts: [{ email: 'dana@acme.com', title: 't'.repeat(201) }] });
  expect(r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort()).toEqual([
    'contacts.0.title: Too big: expected string to have <=200 characters',
    'domain: Domain is required',
    'subject: Too big: expected string to have <=500 characters',
  ]);
});
