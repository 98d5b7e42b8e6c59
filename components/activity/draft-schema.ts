/**
 * ActivityDraftSchema (utils/view-models.ts) mirrored with the hand-written validators of
 * utils/lite-schema.ts for the form: the panel runs in content scripts, where even zod/mini adds
 * ~8 KB gzipped. Same limits, custom messages and zod's English default messages; the background
 * still validates with the classic schema; test/unit/components/activity checks both agree.
 */
import type { ActivityDraft } from '@/utils/view-models';
import { liteArray, liteEnum, liteNumber, liteObject, liteOptional, liteString, type Lite } from '@/utils/lite-schema';

/** zod's "practical" e-mail rule: dotted local part, a domain of labels and a 2+ letter TLD. */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
/** An ISO 8601 date-time with seconds and a Z or ±hh:mm offset, on a real calendar day. */
export const ISO_DATETIME = {
  test(s: string): boolean {
    const m = ISO.exec(s);
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const max = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
    return day >= 1 && day <= max;
  },
};

const short = (max: number) => liteOptional(liteString({ max }));
const count = () => liteOptional(liteNumber({ int: true, min: 0 }));

const ContactSchema = liteObject({
  email: liteString({ pattern: EMAIL_PATTERN, message: 'Contact email must be a valid e-mail address', max: 254 }),
  name: short(200),
  title: short(200),
});

/** The form's validator: output type must stay ActivityDraft. */
export const ActivityDraftMiniSchema: Lite<ActivityDraft> = liteObject({
  activityType: liteEnum(['call', 'email']),
  domain: liteString({ max: 253, min: 1, minMessage: 'Domain is required' }),
  accountName: short(300),
  rtpAid: short(64),
  occurredAt: liteString({ pattern: ISO_DATETIME, message: 'occurredAt must be an ISO 8601 date-time' }),
  subject: short(500),
  callTitle: short(500),
  outcome: short(200),
  direction: liteOptional(liteEnum(['inbound', 'outbound'])),
  durationMinutes: liteOptional(liteNumber({ min: 0, max: 24 * 60 })),
  openCount: count(),
  clickCount: count(),
  contacts: liteArray(ContactSchema, { min: 1, minMessage: 'At least one contact with an email is required', max: 50 }),
});
