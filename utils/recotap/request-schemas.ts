/**
 * Zod schemas for request bodies (recotap-api.md §3). They check types only and strip unknown
 * keys (§5 #13: send only documented fields); value rules (non-empty, e-mail format, ISO dates)
 * stay with the server so its validation messages reach the rep unchanged. Each schema is built on
 * its first use (z.lazy): see utils/view-models.ts.
 */
import { z } from 'zod';
import { RecotapError } from './errors';
import { formatPath } from './envelope';

const customFields = () => z.record(z.string(), z.unknown());

/** POST /accounts item (§3.2). */
export const AccountInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    domain: z.string(),
    name: z.string(),
    externalId: z.string().optional(),
    shortName: z.string().optional(),
    linkedinUrl: z.string().optional(),
    tags: z.array(z.string()).optional(),
    customFields: customFields().optional(),
  }),
);
export type AccountInput = z.input<typeof AccountInputSchema>;

export const CreateAccountsOptionsSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    segmentId: z.string().optional(),
    upsert: z.boolean().optional(),
  }),
);

/** PUT /accounts/:rtp_aid body (§3.3): customFields is the only accepted field. */
export const UpdateAccountBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.object({ customFields: customFields() }),
);

/** PATCH /accounts/external-ids item (§3.5). */
export const ExternalIdMappingSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({ domain: z.string(), externalId: z.string() }),
);
export type ExternalIdMapping = z.input<typeof ExternalIdMappingSchema>;

/** POST /accounts/custom-field body (§3.7). */
export const CustomFieldInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    label: z.string(),
    labelType: z.enum(['singleLineText', 'multiLineText', 'singleSelection', 'multiSelection', 'number', 'date']),
    description: z.string().optional(),
    options: z.array(z.string()).optional(),
  }),
);
export type CustomFieldInput = z.input<typeof CustomFieldInputSchema>;

/** POST /deals item (§3.8). */
export const DealInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    externalDealId: z.string(),
    name: z.string(),
    amount: z.number().optional(),
    stageId: z.string().optional(),
    stageLabel: z.string().optional(),
    pipelineId: z.string().optional(),
    pipelineLabel: z.string().optional(),
    startDate: z.string().optional(),
    closedDate: z.string().optional(),
    ownerName: z.string().optional(),
    ownerEmail: z.string().optional(),
    ownerId: z.string().optional(),
    dealCurrencyCode: z.string().optional(),
    associatedAccounts: z
      .array(z.object({ externalId: z.string().optional(), domain: z.string().optional(), name: z.string().optional() }))
      .optional(),
  }),
);
export type DealInput = z.input<typeof DealInputSchema>;

/** Activity contact (§3.9; fields beyond email are inferred from the docs example). */
export const ActivityContactInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    email: z.string(),
    externalContactId: z.string().optional(),
    name: z.string().optional(),
    title: z.string().optional(),
    department: z.string().optional(),
    seniority: z.string().optional(),
    phone: z.string().optional(),
    linkedinUrl: z.string().optional(),
  }),
);

/** POST /sales-activities item (§3.9). activityType is an open string: others come back 'skipped'. */
export const ActivityInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    externalActivityId: z.string(),
    activityType: z.string(),
    occurredAt: z.string(),
    domain: z.string(),
    ownerEmail: z.string(),
    contacts: z.array(ActivityContactInputSchema),
    accountName: z.string().optional(),
    subject: z.string().optional(),
    ownerName: z.string().optional(),
    ownerId: z.string().optional(),
    from: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
    callTitle: z.string().optional(),
    durationMinutes: z.number().optional(),
    outcome: z.string().optional(),
    direction: z.string().optional(),
    openCount: z.number().optional(),
    clickCount: z.number().optional(),
  }),
);
export type ActivityInput = z.input<typeof ActivityInputSchema>;

/** POST /deal-stages pipeline (§3.10). */
export const PipelineInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    pipelineId: z.string(),
    pipelineLabel: z.string(),
    stages: z.array(z.object({ stageId: z.string(), stageLabel: z.string() })),
  }),
);
export type PipelineInput = z.input<typeof PipelineInputSchema>;

/** GET /accounts query (§3.1). */
export const ListAccountsParamsSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    lastSync: z.string().optional(),
    limit: z.number().int().optional(),
    cursor: z.string().optional(),
    domains: z.array(z.string()).optional(),
  }),
);
export type ListAccountsParams = z.input<typeof ListAccountsParamsSchema>;

/** Checks a request input before anything is sent; a type error is a 'validation' RecotapError. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((i) => ({ field: formatPath(i.path), messages: [i.message] }));
  const detail = fieldErrors.slice(0, 3).map((f) => `${f.field}: ${f.messages[0] ?? ''}`).join('; ');
  throw new RecotapError('validation', `The ${what} to send to Recotap is not valid (${detail}).`, { fieldErrors });
}
