/**
 * The static catalogue every seed starts with: custom-field definitions, segments (including an
 * archived static one and a dynamic one that GET /segments must never return) and the journey stages.
 */
import type { CustomFieldDef, SegmentDef } from './types.ts';

export const JOURNEY_STAGES = ['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer'] as const;

const field = (key: string, label: string, labelType: CustomFieldDef['labelType'], options: string[] = [], description: string | null = null): CustomFieldDef =>
  ({ key, label, labelType, description, options, objectType: 'accounts', status: 'active' });

/** Fresh copies of the seeded custom fields (state mutates them). */
export function seedCustomFields(): CustomFieldDef[] {
  return [
    field('TIER_C', 'Tier', 'singleSelection', ['Gold', 'Silver', 'Platinum']),
    field('ARR_C', 'ARR', 'number', [], 'Annual recurring revenue in USD'),
    field('RENEWAL_DATE_C', 'Renewal Date', 'date', [], 'Next renewal'),
    field('INDUSTRY_C', 'Industry', 'singleLineText'),
    // an inactive field: never listed, and its key is "not found" on writes
    { ...field('LEGACY_SCORE_C', 'Legacy Score', 'number'), status: 'inactive' },
  ];
}

/** Segment ids are fixed 24-hex strings so fixtures and e2e tests can name them. */
export const SEGMENTS: readonly SegmentDef[] = [
  { segmentId: '66a0f3c21b7e4d09a5c31f88', name: 'EMEA Fintech Targets', type: 'static', status: 'active' },
  { segmentId: '66a0f3c21b7e4d09a5c31f89', name: 'Q4 Expansion', type: 'static', status: 'draft' },
  { segmentId: '66a0f3c21b7e4d09a5c31f8a', name: 'Webinar Leads 2025', type: 'static', status: 'archived' },
  { segmentId: '66a0f3c21b7e4d09a5c31f8b', name: 'High Intent (auto)', type: 'dynamic', status: 'active' },
];

/** Segment id by name (seeds refer to segments by name, like DEMO_COMPANIES does). */
export function segmentIdByName(name: string): string {
  const s = SEGMENTS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown seed segment '${name}'`);
  return s.segmentId;
}

/** Score range that looks plausible for a journey stage (scores > 100 exist in production). */
export const STAGE_SCORES: Record<(typeof JOURNEY_STAGES)[number], [number, number]> = {
  Unaware: [5, 30],
  Aware: [25, 55],
  Consideration: [45, 75],
  Opportunity: [65, 92],
  Customer: [75, 112],
};
