/**
 * The full form's state and its mapping to an ActivityDraft. Validation is ActivityDraftSchema's (mirrored with valibot, draft-schema.ts)
 * (the same schema the background applies); only the wording is ours, so every message names the
 * field the rep sees.
 */
import type { ActivityDraft } from '@/utils/view-models';
import { parseDraft } from './draft-schema';
import { cleanContact, isoToLocalInput, localInputToIso, toLocalIso, type ActivityAccount } from './drafts';

export interface ContactRow {
  key: number;
  email: string;
  name: string;
  title: string;
}

export interface FormState {
  activityType: 'call' | 'email';
  subject: string;
  callTitle: string;
  outcome: string;
  direction: 'outbound' | 'inbound';
  durationMinutes: string;
  occurredAt: string;
  openCount: string;
  clickCount: string;
  contacts: ContactRow[];
}

/** Field key → message; keys are draft paths ('occurredAt', 'contacts.0.email', …). */
export type FieldErrors = Record<string, string>;

let nextKey = 1;
/** A fresh contact row with a stable React key. */
export function contactRow(c: { email?: string; name?: string; title?: string } = {}): ContactRow {
  return { key: nextKey++, email: c.email ?? '', name: c.name ?? '', title: c.title ?? '' };
}

/** Form state for a new activity, or prefilled from an existing draft ("Edit & resend"). */
export function formFromDraft(draft: Partial<ActivityDraft> | undefined, now: Date): FormState {
  const contacts = draft?.contacts?.length ? draft.contacts.map((c) => contactRow(c)) : [contactRow()];
  const num = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    activityType: draft?.activityType ?? 'call',
    subject: draft?.subject ?? '',
    callTitle: draft?.callTitle ?? '',
    outcome: draft?.outcome ?? '',
    direction: draft?.direction ?? 'outbound',
    durationMinutes: num(draft?.durationMinutes),
    occurredAt: isoToLocalInput(draft?.occurredAt ?? toLocalIso(now)),
    openCount: num(draft?.openCount),
    clickCount: num(draft?.clickCount),
    contacts,
  };
}

const text = (s: string) => (s.trim() ? s.trim() : undefined);
const number = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

/** The draft the form describes: call-only fields for calls, email-only fields for emails. */
export function draftFromForm(f: FormState, account: ActivityAccount): Record<string, unknown> {
  const contacts = f.contacts.map(cleanContact);
  const common = {
    activityType: f.activityType,
    domain: account.domain,
    accountName: text(account.name),
    rtpAid: account.rtpAid,
    occurredAt: localInputToIso(f.occurredAt) ?? f.occurredAt,
    contacts,
  };
  const specific =
    f.activityType === 'call'
      ? { callTitle: text(f.callTitle), outcome: text(f.outcome), direction: f.direction, durationMinutes: number(f.durationMinutes) }
      : { subject: text(f.subject), openCount: number(f.openCount), clickCount: number(f.clickCount) };
  // drop undefined keys so the message carries only what the rep filled in
  return Object.fromEntries(Object.entries({ ...common, ...specific }).filter(([, v]) => v !== undefined));
}

export const FIELD_LABELS: Record<string, string> = {
  occurredAt: 'When',
  subject: 'Subject',
  callTitle: 'Call title',
  outcome: 'Outcome',
  direction: 'Direction',
  durationMinutes: 'Duration (minutes)',
  openCount: 'Opens',
  clickCount: 'Clicks',
  contacts: 'Contacts',
  domain: 'Account domain',
};

const FRIENDLY: Record<string, string> = {
  occurredAt: 'When: enter a valid date and time.',
  durationMinutes: 'Duration (minutes): enter a number from 0 to 1440.',
  openCount: 'Opens: enter a whole number, 0 or more.',
  clickCount: 'Clicks: enter a whole number, 0 or more.',
  contacts: 'Contacts: add at least one contact with an email.',
};

function messageFor(path: PropertyKey[], raw: string, form: FormState): string {
  const [head, index, field] = path;
  if (head === 'contacts' && typeof index === 'number') {
    const label = `Contact ${index + 1} ${String(field ?? '')}`.trim();
    if (field === 'email') {
      return form.contacts[index]?.email.trim() ? `${label}: enter a valid e-mail address.` : `${label}: required.`;
    }
    return `${label}: ${raw}`;
  }
  const key = String(head);
  return FRIENDLY[key] ?? `${FIELD_LABELS[key] ?? key}: ${raw}`;
}

/** Validates the form with (the valibot mirror of) ActivityDraftSchema: a draft to send, or messages keyed by field. */
export function validateForm(
  f: FormState,
  account: ActivityAccount,
): { ok: true; draft: ActivityDraft } | { ok: false; errors: FieldErrors } {
  const parsed = parseDraft(draftFromForm(f, account));
  if (parsed.success) return { ok: true, draft: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= messageFor(issue.path, issue.message, f);
  }
  return { ok: false, errors };
}
