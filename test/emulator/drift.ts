/** Schema drift faults: what a changed or broken server could send in account rows. */
import type { SchemaDrift } from './types.ts';

/** Mangles rows in place of a real server change; undefined mode returns them untouched. */
export function applyDrift(rows: Record<string, unknown>[], mode: SchemaDrift | undefined): Record<string, unknown>[] {
  if (!mode) return rows;
  return rows.map((row) => {
    const r = { ...row };
    if (mode === 'missing-fields') {
      delete r.rtp_account_score;
      delete r.rtp_journey_stage;
    } else if (mode === 'extra-fields') {
      // additive drift: a tolerant client must keep working
      r.rtp_engagement_score = 17;
      r.rtp_owner = { id: 'u-1', email: 'owner@example.com' };
      r.schemaVersion = 2;
    } else {
      r.rtp_account_score = String(r.rtp_account_score);
      r.rtp_journey_stage = 3;
      r.rtp_website_intent_score = null;
    }
    return r;
  });
}
