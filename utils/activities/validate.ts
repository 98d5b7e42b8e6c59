/**
 * Validation of what the rep submits, with messages that name the field, and of the rep's own
 * e-mail (Recotap requires a valid ownerEmail on every activity, §3.9).
 */
import { z } from 'zod';
import { normalizeApiDomain } from '../recotap/domain';
import { ActivityDraftSchema, type ActivityDraft, type ErrorView } from '../view-models';

export const MISSING_OWNER_EMAIL = 'Enter your work e-mail in Recotap Lens Settings to log activities';

type Invalid = { ok: false; error: ErrorView };
const invalid = (message: string): Invalid => ({ ok: false, error: { kind: 'validation', message, retryable: false } });

/** Parses a draft (domain normalised); on failure one sentence per problem, each prefixed with the field path. */
export function validateDraft(input: unknown): { ok: true; draft: ActivityDraft } | Invalid {
  const parsed = ActivityDraftSchema.safeParse(input);
  if (parsed.success) {
    // stored the way Recotap normalises it, so the domain index matches what the API links to
    const domain = normalizeApiDomain(parsed.data.domain);
    if (domain === '') return invalid('domain: Domain is required');
    return { ok: true, draft: { ...parsed.data, domain } };
  }
  const lines = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'activity'}: ${i.message}`);
  return invalid(lines.join('; '));
}

const EmailSchema = z.email();

/** The rep's e-mail from settings, or the message that sends them to the options page. */
export function validateOwnerEmail(email: string | null | undefined): { ok: true; email: string } | Invalid {
  const trimmed = email?.trim() ?? '';
  if (trimmed === '') return invalid(MISSING_OWNER_EMAIL);
  if (!EmailSchema.safeParse(trimmed).success) return invalid(`${MISSING_OWNER_EMAIL} ("${trimmed}" is not a valid e-mail address)`);
  return { ok: true, email: trimmed };
}
