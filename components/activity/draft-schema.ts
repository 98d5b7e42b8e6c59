/**
 * ActivityDraftSchema (utils/view-models.ts) mirrored with valibot for the form: the panel runs in
 * content scripts, where even zod/mini adds ~8 KB gzipped. House rule: valibot validates content-side
 * data only; the background still validates every draft with the zod schema (the trust boundary).
 * Same limits; the messages the form can show keep the wording they had (draft-schema.test.ts).
 */
import * as v from 'valibot';
import type { ActivityDraft } from '@/utils/view-models';

/** zod's "practical" e-mail rule: dotted local part, a domain of labels and a 2+ letter TLD. */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
/** An ISO 8601 date-time with seconds and a Z or ±hh:mm offset, on a real calendar day. */
export function isIsoDateTime(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
  return day >= 1 && day <= max;
}

/** zod's wording for an over-long string: the form shows it after the field's label. */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `Too big: expected string to have <=${max} characters`));
const short = (max: number) => v.optional(text(max));
const count = () => v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0)));

const ContactSchema = v.object({
  email: v.pipe(v.string(), v.regex(EMAIL_PATTERN, 'Contact email must be a valid e-mail address'), text(254)),
  name: short(200),
  title: short(200),
});

/** The form's validator: output type must stay ActivityDraft. */
export const ActivityDraftMiniSchema: v.GenericSchema<ActivityDraft> = v.object({
  activityType: v.picklist(['call', 'email']),
  domain: v.pipe(text(253), v.minLength(1, 'Domain is required')),
  accountName: short(300),
  rtpAid: short(64),
  occurredAt: v.pipe(v.string(), v.check(isIsoDateTime, 'occurredAt must be an ISO 8601 date-time')),
  subject: short(500),
  callTitle: short(500),
  outcome: short(200),
  direction: v.optional(v.picklist(['inbound', 'outbound'])),
  durationMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(24 * 60))),
  openCount: count(),
  clickCount: count(),
  contacts: v.pipe(
    v.array(ContactSchema),
    v.minLength(1, 'At least one contact with an email is required'),
    v.maxLength(50, 'Too big: expected array to have <=50 items'),
  ),
});

/** Validate a draft: the draft, or its issues as field paths ('contacts.0.email') and messages. */
export function parseDraft(
  draft: unknown,
): { success: true; data: ActivityDraft } | { success: false; issues: { path: PropertyKey[]; message: string }[] } {
  const parsed = v.safeParse(ActivityDraftMiniSchema, draft);
  if (parsed.success) return { success: true, data: parsed.output };
  return { success: false, issues: parsed.issues.map((i) => ({ path: (i.path ?? []).map((p) => p.key as PropertyKey), message: i.message })) };
}
