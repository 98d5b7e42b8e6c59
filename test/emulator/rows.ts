/** Wire format of an account row (recotap-api.md §3.1), plus the `segments` assumption (README). */
import type { EmulatorState } from './state.ts';
import type { StoredAccount } from './types.ts';

/** Serialises one stored account: every active custom field key is present (null when unset). */
export function accountRow(state: EmulatorState, a: StoredAccount): Record<string, unknown> {
  const customFields: Record<string, unknown> = {};
  for (const f of state.customFields) if (f.status === 'active') customFields[f.key] = a.customFields?.[f.key] ?? null;
  const segments = (a.segmentIds ?? []).flatMap((id) => {
    const s = state.segments.find((x) => x.segmentId === id);
    return s ? [{ segmentId: s.segmentId, name: s.name }] : [];
  });
  return {
    ...(a.externalId !== undefined ? { externalId: a.externalId } : {}),
    name: a.name,
    domain: a.domain,
    rtp_aid: a.rtp_aid,
    rtp_account_score: a.rtp_account_score,
    rtp_journey_stage: a.rtp_journey_stage,
    rtp_advertising_activity_score: a.rtp_advertising_activity_score,
    rtp_website_intent_score: a.rtp_website_intent_score,
    rtp_g2_intent_score: a.rtp_g2_intent_score,
    rtp_bombora_intent_score: a.rtp_bombora_intent_score,
    rtp_last_account_date: new Date(a.updatedAt).toISOString(),
    customFields,
    segments,
  };
}
