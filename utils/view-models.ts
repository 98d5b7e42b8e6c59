/**
 * View models: the only data shapes that leave the background for views (in-page panel,
 * side panel, popup, options). They never carry the API key or raw page HTML.
 * Zod schemas double as validation at the messaging trust boundary. Each composite schema is built
 * on its first use (z.lazy): a woken service worker parses one message type, and building every
 * schema at its start added 5–12 ms to its first lookup (A/B; docs/architecture.md, "The worker's
 * start, second pass").
 */
import { z } from 'zod';

const short = (max: number) => z.string().max(max);

/** Where a page's company signal came from; shown in the panel header as the match reason. */
/** 'page-website' / 'page-email': read by the generic page reader, not from a field; 'record-data': the CRM's Web API (docs/detection.md). */
export const MatchReasonSchema = z.enum(['pinned', 'website', 'email', 'url', 'linkedin', 'name', 'lookup', 'page-website', 'page-email', 'record-data']);
export type MatchReason = z.infer<typeof MatchReasonSchema>;

/** A contact seen on the page (CRM contact record, Gmail participant): used for activity logging. */
export const PageContactSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    email: short(254),
    name: short(200).optional(),
    title: short(200).optional(),
  }),
);
export type PageContact = z.infer<typeof PageContactSchema>;

/** The reading layer a value came from (docs/detection.md): the CRM's own record data (Dynamics Web API), site hooks, labelled fields, the generic page reader. */
export const ReadLayerSchema = z.enum(['api', 'hooks', 'labels', 'page']);
export type ReadLayer = z.infer<typeof ReadLayerSchema>;

const count = () => z.number().int().min(0).max(1000);

/** What each layer found: counts and flags only, never page text (it goes into "Copy diagnostics"). */
export const LayerReportSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    layer: ReadLayerSchema,
    websites: count(),
    emails: count(),
    companyName: z.boolean(),
    linkedinSlug: z.boolean(),
    contacts: count(),
    title: z.boolean(),
  }),
);
export type LayerReport = z.infer<typeof LayerReportSchema>;

/**
 * How a record was read: 'reading' (still within the read budget: the panel shows a skeleton),
 * 'read' (a strong signal: a website or e-mail field), 'partial' (only weaker signals, after the
 * settle time), 'unreadable' (nothing could be read within the budget: never "not in Recotap").
 */
export const ReadInfoSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    status: z.enum(['reading', 'read', 'partial', 'unreadable']),
    via: z
      .object({ websites: ReadLayerSchema.optional(), emails: ReadLayerSchema.optional(), companyName: ReadLayerSchema.optional(), linkedinSlug: ReadLayerSchema.optional() })
      .default({}),
    /** why the read was taken for this URL's record */
    guard: z.enum(['record-data', 'record-id', 'fresh-load', 'content-changed', 'settled', 'stale-content', 'stale-id', 'none']).optional(),
    layers: z.array(LayerReportSchema).max(4).default([]),
    /** ms from the record's URL to this read */
    ms: z.number().min(0).max(600_000).optional(),
  }),
);
export type ReadInfo = z.infer<typeof ReadInfoSchema>;

/**
 * What a site adapter read from the page. Untrusted (page-derived): the background validates it
 * and normalises every domain itself.
 */
export const PageContextSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    /** adapter id, e.g. 'salesforce-lightning' */
    site: short(64),
    url: short(4096),
    /** CRM record type in the adapter's words: 'account', 'contact', 'lead', 'opportunity', 'company', 'deal', 'person', 'organization', 'thread', … */
    recordType: short(64).optional(),
    recordId: short(200).optional(),
    /** website-field values, best first (URLs or bare hosts, as the page shows them) */
    websites: z.array(short(2048)).max(20).default([]),
    /** e-mail addresses shown on the record or thread (their domains are a weaker signal) */
    emails: z.array(short(254)).max(100).default([]),
    companyName: short(300).optional(),
    linkedinSlug: short(200).optional(),
    contacts: z.array(PageContactSchema).max(100).default([]),
    /** how it was read (layers, guard, status); absent for contexts not read from a page (popup) */
    read: ReadInfoSchema.optional(),
  }),
);
export type PageContext = z.infer<typeof PageContextSchema>;
export type PageContextInput = z.input<typeof PageContextSchema>;

export const IntentSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    linkedin: z.number(),
    website: z.number(),
    g2: z.number(),
    bombora: z.number(),
  }),
);
export type Intent = z.infer<typeof IntentSchema>;

export const ScoreBandSchema = z.enum(['unscored', 'cold', 'warm', 'hot']);
export type ScoreBand = z.infer<typeof ScoreBandSchema>;

/** Score bands: 0 with an empty stage is "not scored yet", never "cold". */
/** The lowest score in the Hot band (Recotap Lens's grouping: Hot 70+, Warm 40–69, Cold below 40). */
export const HOT_SCORE = 70;

export function scoreBand(score: number, stage: string): ScoreBand {
  if (score <= 0 && stage === '') return 'unscored';
  if (score >= HOT_SCORE) return 'hot';
  if (score >= 40) return 'warm';
  return 'cold';
}

export const HistoryPointSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({ at: z.string(), score: z.number(), stage: z.string() }),
);
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

export const AccountViewSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    rtpAid: z.string(),
    name: z.string(),
    domain: z.string(),
    externalId: z.string().nullable().optional(),
    score: z.number(),
    band: ScoreBandSchema,
    /** '' = not staged yet */
    stage: z.string(),
    intent: IntentSchema,
    segments: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
    /** only fields that have a value, labelled from the team's custom-field definitions */
    customFields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })).default([]),
    /** rtp_last_account_date: when Recotap last updated the account */
    updatedAt: z.string().nullable(),
    /** when this copy was fetched from the API */
    fetchedAt: z.string(),
    /** oldest → newest, capped */
    history: z.array(HistoryPointSchema).default([]),
    /** what changed since the rep last looked at this account; null when nothing or never seen */
    changedSinceSeen: z
      .object({ seenAt: z.string(), previousScore: z.number(), previousStage: z.string() })
      .nullable()
      .default(null),
    /** other Recotap rows sharing this domain (the API can hold duplicates) */
    alternates: z.array(z.object({ rtpAid: z.string(), name: z.string() })).default([]),
  }),
);
export type AccountView = z.infer<typeof AccountViewSchema>;

/** One row of a search result (popup type-ahead, "Not this account?"). */
export const AccountSummarySchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    rtpAid: z.string(),
    name: z.string(),
    domain: z.string(),
    score: z.number(),
    band: ScoreBandSchema,
    stage: z.string(),
  }),
);
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export const ErrorKindSchema = z.enum([
  'unauthorized',
  'validation',
  'not-found',
  'conflict',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'unexpected-response',
  'offline',
  'permission',
  'internal',
]);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

/** An error as views see it: a sentence a rep can act on, and whether retrying can help. */
export const ErrorViewSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    kind: ErrorKindSchema,
    message: z.string(),
    retryable: z.boolean(),
  }),
);
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const ActivityContactSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    email: z.email({ message: 'Contact email must be a valid e-mail address' }).max(254),
    name: short(200).optional(),
    title: short(200).optional(),
  }),
);

/** What a rep fills in (quick log or full form). ownerEmail is added by the background from settings. */
export const ActivityDraftSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    activityType: z.enum(['call', 'email']),
    domain: short(253).min(1, 'Domain is required'),
    accountName: short(300).optional(),
    rtpAid: short(64).optional(),
    occurredAt: z.iso.datetime({ offset: true, message: 'occurredAt must be an ISO 8601 date-time' }),
    subject: short(500).optional(),
    callTitle: short(500).optional(),
    outcome: short(200).optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    durationMinutes: z.number().min(0).max(24 * 60).optional(),
    openCount: z.number().int().min(0).optional(),
    clickCount: z.number().int().min(0).optional(),
    contacts: z.array(ActivityContactSchema).min(1, 'At least one contact with an email is required').max(50),
  }),
);
export type ActivityDraft = z.infer<typeof ActivityDraftSchema>;

export const ActivityStateSchema = z.enum(['undoable', 'pending', 'sending', 'sent', 'failed', 'skipped']);
export type ActivityState = z.infer<typeof ActivityStateSchema>;

export const ActivityViewSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    /** the externalActivityId (UUID), assigned at creation */
    id: z.string(),
    draft: ActivityDraftSchema,
    state: ActivityStateSchema,
    /** the server's reason for failed/skipped items, or the last transport error */
    reason: z.string().nullable(),
    createdAt: z.string(),
    /** until when "Undo" is offered (ISO), null once sending may have started */
    undoUntil: z.string().nullable(),
    attempts: z.number(),
    sentAt: z.string().nullable(),
  }),
);
export type ActivityView = z.infer<typeof ActivityViewSchema>;

/** The explicit account states of design.md ("Behaviour users expect"). */
export const LookupResultSchema = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('state', [
    z.object({ state: z.literal('not-configured') }),
    z.object({ state: z.literal('no-signal') }),
    z.object({ state: z.literal('site-disabled') }),
    z.object({
      state: z.literal('not-found'),
      domain: z.string().nullable(),
      companyName: z.string().nullable(),
    }),
    z.object({
      state: z.literal('found'),
      account: AccountViewSchema,
      matchedBy: MatchReasonSchema,
      /** served from cache older than the TTL, or while the API is failing */
      stale: z.boolean(),
      /** set when a refresh failed and we show cached data */
      refreshError: ErrorViewSchema.nullable().default(null),
      stages: z.array(z.string()),
      /**
       * the account's recent activities (newest first, RECENT_ACTIVITY_LIMIT of panel-limits.ts) when the lookup came
       * with them: a page's panel then needs no second round trip per record
       */
      activities: z.array(ActivityViewSchema).optional(),
    }),
    z.object({ state: z.literal('error'), error: ErrorViewSchema }),
  ]),
);
export type LookupResult = z.infer<typeof LookupResultSchema>;

export const SyncStatusSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    enabled: z.boolean(),
    phase: z.enum(['idle', 'full', 'delta', 'paused-auth', 'backoff']),
    pages: z.number(),
    accounts: z.number(),
    errors: z.number(),
    lastError: ErrorViewSchema.nullable(),
    lastSuccessAt: z.string().nullable(),
    cachedAccounts: z.number(),
  }),
);
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const OutboxTotalsSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({ pending: z.number(), sent: z.number(), failed: z.number() }),
);
export type OutboxTotals = z.infer<typeof OutboxTotalsSchema>;

export const StatusViewSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    configured: z.boolean(),
    /** the saved key's last 4 characters, so Settings can say which key is connected (never more of it) */
    keyHint: z.string().max(4).nullable().optional(),
    needsNewKey: z.boolean(),
    repEmail: z.string().nullable(),
    sync: SyncStatusSchema,
    outbox: OutboxTotalsSchema,
  }),
);
export type StatusView = z.infer<typeof StatusViewSchema>;

