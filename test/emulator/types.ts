/** Shapes of the emulator's in-memory state (not the wire format; see rows.ts for that). */
export type CustomFieldValue = string | number | string[] | null;

export interface StoredAccount {
  rtp_aid: string;
  name: string;
  domain: string;
  externalId?: string;
  shortName?: string;
  linkedinUrl?: string;
  tags?: string[];
  rtp_account_score: number;
  rtp_journey_stage: string;
  rtp_advertising_activity_score: number;
  rtp_website_intent_score: number;
  rtp_g2_intent_score: number;
  rtp_bombora_intent_score: number;
  /** epoch ms; serialised as rtp_last_account_date and used by the lastSync filter */
  updatedAt: number;
  customFields?: Record<string, CustomFieldValue>;
  /** segment ids this account belongs to */
  segmentIds?: string[];
}

export type LabelType = 'singleLineText' | 'multiLineText' | 'singleSelection' | 'multiSelection' | 'number' | 'date';
export const LABEL_TYPES: readonly LabelType[] = ['singleLineText', 'multiLineText', 'singleSelection', 'multiSelection', 'number', 'date'];

export interface CustomFieldDef {
  key: string;
  label: string;
  labelType: LabelType;
  description: string | null;
  options: string[];
  objectType: 'accounts';
  status: 'active' | 'inactive';
}

export interface SegmentDef {
  segmentId: string;
  name: string;
  type: 'static' | 'dynamic';
  status: 'active' | 'draft' | 'archived';
}

export interface Pipeline {
  pipelineId: string;
  pipelineLabel: string;
  stages: { stageId: string; stageLabel: string }[];
}

/** A received deal or activity, as sent (plus when it arrived). */
export type Received = Record<string, unknown> & { receivedAt: string };

export type SeedSpec = 'demo' | 'empty' | { synthetic: number; seed?: string };

export type SchemaDrift = 'missing-fields' | 'extra-fields' | 'wrong-types';

/** One set of injected faults. Several sets can be active, each optionally limited by path/method. */
export interface FaultSet {
  /** only requests whose path starts with this ('/accounts' is read relative to /api/v1) */
  pathPrefix?: string;
  /** only this HTTP method */
  method?: string;
  latencyMs?: number;
  jitterMs?: number;
  /** fraction of requests answered 500/502/503 */
  errorRate?: number;
  /** the next `count` matching requests get `status` (default 503) */
  errorBurst?: { count: number; status?: number };
  /** the next `burst` matching requests get 429 with Retry-After */
  rate429?: { burst: number; retryAfterSec?: number };
  /** fraction of requests never answered (socket kept open until close()) */
  hangRate?: number;
  /** fraction answered 200 with a truncated JSON body */
  malformedJsonRate?: number;
  /** fraction answered with a load balancer's HTML error page */
  htmlErrorRate?: number;
  /** status of that HTML page (default 502) */
  htmlErrorStatus?: number;
  /** mangles account rows of GET /accounts */
  schemaDrift?: SchemaDrift;
  /** PRNG seed for the rates (default 'faults') */
  seed?: string | number;
}
export type Faults = FaultSet | FaultSet[];

export interface RequestLogEntry {
  method: string;
  path: string;
  search: string;
  status: number;
  at: string;
}

export interface EmulatorOptions {
  apiKeys?: string[];
  seed?: SeedSpec;
  faults?: Faults;
  /** largest accepted `limit` (default 100) */
  maxLimit?: number;
  /** clock (default Date.now) */
  now?: () => number;
  /** instant the seeded dates count back from (default 2026-11-20T06:00:00Z) */
  baseTime?: number;
  /** answer GET /journey-stages and GET /deal-stages with a bare array, as observed (default true) */
  bareArrays?: boolean;
  /** status of POST /accounts/custom-field and POST /deal-stages successes (default 200) */
  createdStatus?: 200 | 201;
}
