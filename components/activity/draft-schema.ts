/**
 * ActivityDraftSchema (utils/view-models.ts) mirrored in zod/mini for the form: the panel runs in
 * content scripts, where classic zod would add ~40 KB gzipped. Same limits and custom messages;
 * the English locale gives the same default messages. The background still validates with the
 * classic schema; test/unit/components/activity checks that both agree.
 */
import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { ActivityDraft } from '@/utils/view-models';

z.config(en());

const short = (max: number) => z.string().check(z.maxLength(max));
const count = () => z.optional(z.int().check(z.minimum(0)));

const ContactSchema = z.object({
  email: z.email({ message: 'Contact email must be a valid e-mail address' }).check(z.maxLength(254)),
  name: z.optional(short(200)),
  title: z.optional(short(200)),
});

/** The form's validator: output type must stay ActivityDraft. */
export const ActivityDraftMiniSchema: z.ZodMiniType<ActivityDraft> = z.object({
  activityType: z.enum(['call', 'email']),
  domain: z.string().check(z.maxLength(253), z.minLength(1, 'Domain is required')),
  accountName: z.optional(short(300)),
  rtpAid: z.optional(short(64)),
  occurredAt: z.iso.datetime({ offset: true, message: 'occurredAt must be an ISO 8601 date-time' }),
  subject: z.optional(short(500)),
  callTitle: z.optional(short(500)),
  outcome: z.optional(short(200)),
  direction: z.optional(z.enum(['inbound', 'outbound'])),
  durationMinutes: z.optional(z.number().check(z.minimum(0), z.maximum(24 * 60))),
  openCount: count(),
  clickCount: count(),
  contacts: z
    .array(ContactSchema)
    .check(z.minLength(1, 'At least one contact with an email is required'), z.maxLength(50)),
});
