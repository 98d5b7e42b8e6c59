/**
 * Stored accounts → the view models views render (utils/view-models.ts). Nothing else leaves the
 * background: no raw API rows, no key.
 */
import { scoreBand, type AccountSummary, type AccountView } from '../view-models';
import type { SearchHit, StoredAccount } from './db';
import type { SeenSnapshot } from './store';

/** Journey stages when GET /journey-stages has not answered yet (recotap-api.md §4.1). */
export const FALLBACK_STAGES = ['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer'];

/** A custom-field definition as far as labelling needs it. */
export interface FieldDefinition {
  key: string;
  label: string;
}

function fieldValue(value: unknown): string | null {
  if (value == null) return null;
  if (Array.isArray(value)) {
    const parts = value.filter((v) => v != null && v !== '').map(String);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof value === 'object') return null;
  const s = String(value).trim();
  return s ? s : null;
}

export interface ViewExtras {
  alternates?: StoredAccount[];
  lastSeen?: SeenSnapshot;
  fieldDefinitions?: FieldDefinition[];
}

/** Build the AccountView: band, labelled non-empty custom fields, segments, history, changes since seen. */
export function toAccountView(account: StoredAccount, extras: ViewExtras = {}): AccountView {
  const { row } = account;
  const score = row.rtp_account_score ?? 0;
  const stage = row.rtp_journey_stage ?? '';
  const labels = new Map((extras.fieldDefinitions ?? []).map((d) => [d.key, d.label]));
  const customFields = Object.entries(row.customFields ?? {}).flatMap(([key, raw]) => {
    const value = fieldValue(raw);
    return value == null ? [] : [{ key, label: labels.get(key) ?? key, value }];
  });
  const seen = extras.lastSeen;
  const changed = seen && (seen.score !== score || seen.stage !== stage);
  return {
    rtpAid: account.rtpAid,
    name: row.name,
    domain: account.domain,
    externalId: row.externalId ?? null,
    score,
    band: scoreBand(score, stage),
    stage,
    intent: {
      linkedin: row.rtp_advertising_activity_score ?? 0,
      website: row.rtp_website_intent_score ?? 0,
      g2: row.rtp_g2_intent_score ?? 0,
      bombora: row.rtp_bombora_intent_score ?? 0,
    },
    segments: (row.segments ?? []).map((s) => ({ id: s.segmentId, name: s.name })),
    customFields,
    updatedAt: row.rtp_last_account_date ?? null,
    fetchedAt: new Date(account.fetchedAt).toISOString(),
    history: account.history,
    changedSinceSeen: changed ? { seenAt: seen.seenAt, previousScore: seen.score, previousStage: seen.stage } : null,
    alternates: (extras.alternates ?? []).map((a) => ({ rtpAid: a.rtpAid, name: a.row.name })),
  };
}

/** One search row. */
export function toAccountSummary(account: SearchHit): AccountSummary {
  const score = account.row.rtp_account_score ?? 0;
  const stage = account.row.rtp_journey_stage ?? '';
  return { rtpAid: account.rtpAid, name: account.row.name, domain: account.domain, score, band: scoreBand(score, stage), stage };
}
