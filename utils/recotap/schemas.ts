/**
 * Zod schemas for every Recotap External API response payload (recotap-api.md §3), i.e. what is
 * left after envelope normalisation (envelope.ts). Objects are loose: unknown extra fields are
 * kept and ignored, while a missing or wrong-typed documented field is schema drift. Each schema is
 * built on its first use (z.lazy): see utils/view-models.ts.
 */
import { z } from 'zod';

/** An account item of GET /accounts (§3.1). `segments` is an emulator assumption (§5 #22). */
export const AccountSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    rtp_aid: z.string(),
    name: z.string(),
    domain: z.string(),
    externalId: z.string().nullable().optional(),
    rtp_account_score: z.number(),
    rtp_journey_stage: z.string(),
    rtp_advertising_activity_score: z.number(),
    rtp_website_intent_score: z.number(),
    rtp_g2_intent_score: z.number(),
    rtp_bombora_intent_score: z.number(),
    // documented as set at creation; tolerated as null/absent so one odd row cannot break a sync
    rtp_last_account_date: z.string().nullable().optional(),
    customFields: z.record(z.string(), z.unknown()).nullable().optional(),
    segments: z.array(z.looseObject({ segmentId: z.string(), name: z.string() })).optional(),
  }),
);
export type Account = z.infer<typeof AccountSchema>;

/** A keyset page (§2.5): rows plus cursor fields; nextCursor may stay set on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    data: z.array(item),
    nextCursor: z.string().nullable().default(null),
    hasNextPage: z.boolean(),
    syncTimestamp: z.string().nullable().default(null),
  });
}

export const AccountPageSchema = /* @__PURE__ */ z.lazy(() =>
  pageSchema(AccountSchema),
);
export type AccountPage = { data: Account[]; nextCursor: string | null; hasNextPage: boolean; syncTimestamp: string | null };

/** Static segment (§3.11). */
export const SegmentSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ segmentId: z.string(), name: z.string(), status: z.string() }),
);
export type Segment = z.infer<typeof SegmentSchema>;
export const SegmentPageSchema = /* @__PURE__ */ z.lazy(() =>
  pageSchema(SegmentSchema),
);

/** GET /accounts/missing-external-ids row (§3.4). */
export const UnmappedAccountSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ name: z.string(), domain: z.string() }),
);
export type UnmappedAccount = z.infer<typeof UnmappedAccountSchema>;
export const UnmappedAccountListSchema = /* @__PURE__ */ z.lazy(() =>
  z.array(UnmappedAccountSchema),
);

/** PATCH /accounts/external-ids result (§3.5). */
export const MapExternalIdsResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    matched: z.number(),
    updated: z.number(),
    notFound: z.array(z.string()).default([]),
  }),
);
export type MapExternalIdsResult = z.infer<typeof MapExternalIdsResultSchema>;

/** Account custom-field definition (§3.6). */
export const CustomFieldSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    key: z.string(),
    label: z.string(),
    // open string: a new field type on the server must not break the listing
    labelType: z.string(),
    description: z.string().nullable().default(null),
    options: z.array(z.string()).default([]),
    objectType: z.string().optional(),
    status: z.string().optional(),
  }),
);
export type CustomField = z.infer<typeof CustomFieldSchema>;
export const CustomFieldListSchema = /* @__PURE__ */ z.lazy(() =>
  z.array(CustomFieldSchema),
);
/** POST /accounts/custom-field returns an array holding the created field; a bare object is tolerated. */
export const CreatedCustomFieldSchema = /* @__PURE__ */ z.lazy(() =>
  z.union([z.array(CustomFieldSchema).min(1), CustomFieldSchema]).transform((v) => (Array.isArray(v) ? (v[0] as CustomField) : v)),
);

/** PUT /accounts/:rtp_aid result (§3.3). */
export const UpdateAccountResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ message: z.string().optional() }),
);
export type UpdateAccountResult = z.infer<typeof UpdateAccountResultSchema>;

const optionalSummary = () => z.looseObject({}).optional();

export const AccountResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    rtp_aid: z.string().nullable().optional(),
    domain: z.string().optional(),
    externalId: z.string().nullable().optional(),
    status: z.enum(['created', 'updated', 'failed']),
    error: z.string().optional(),
  }),
);
export type AccountResult = z.infer<typeof AccountResultSchema>;
export const CreateAccountsResponseSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ results: z.array(AccountResultSchema), summary: optionalSummary() }),
);

export const DealResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    externalDealId: z.string(),
    status: z.enum(['upserted', 'failed']),
    error: z.string().optional(),
  }),
);
export type DealResult = z.infer<typeof DealResultSchema>;
export const PushDealsResponseSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ results: z.array(DealResultSchema), summary: optionalSummary() }),
);

export const ActivityResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    externalActivityId: z.string(),
    status: z.enum(['created', 'failed', 'skipped']),
    error: z.string().optional(),
  }),
);
export type ActivityResult = z.infer<typeof ActivityResultSchema>;
export const PushActivitiesResponseSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ results: z.array(ActivityResultSchema), summary: optionalSummary() }),
);

export const PipelineResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ pipelineId: z.string(), status: z.literal('created') }),
);
export type PipelineResult = z.infer<typeof PipelineResultSchema>;
export const PushDealStagesResponseSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({ results: z.array(PipelineResultSchema), summary: optionalSummary() }),
);

/** GET /journey-stages: labels (§3.12). */
export const JourneyStagesSchema = /* @__PURE__ */ z.lazy(() => z.array(z.string()));

/** GET /deal-stages item: shape undocumented, assumed to mirror §3.10 (§3.13). */
export const DealStagePipelineSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    pipelineId: z.string(),
    pipelineLabel: z.string().optional(),
    stages: z.array(z.looseObject({ stageId: z.string(), stageLabel: z.string().optional() })).default([]),
  }),
);
export type DealStagePipeline = z.infer<typeof DealStagePipelineSchema>;
export const DealStagesSchema = /* @__PURE__ */ z.lazy(() =>
  z.array(DealStagePipelineSchema),
);

/** Merged per-chunk outcome of a bulk write; summary counts are derived from results (§5 #11). */
export interface BulkResult<R, S> {
  results: R[];
  summary: S;
}
export type AccountsSummary = { total: number; created: number; updated: number; failed: number };
export type DealsSummary = { total: number; upserted: number; failed: number };
export type ActivitiesSummary = { total: number; created: number; failed: number; skipped: number };
export type PipelinesSummary = { total: number; created: number };
