/**
 * Every storage item except the API key, declared once and free of any storage API: key, schema,
 * default, version, plus the pure logic on settings (effective-settings merge, site toggles). The WXT
 * items (utils/settings.ts, background and views) and the content scripts' direct reader
 * (utils/content-settings.ts) are both built from these declarations, so they read the same values.
 */
import { RECOTAP_BASE_URLS } from './api-hosts';
// valibot, not zod: content scripts import this file, and even zod/mini added ~8 KB gz to crm.js.
// House rule: valibot validates content-side data only; the background and views use zod.
import * as v from 'valibot';
import type { SyncStatus } from './view-models';

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
const num = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max));
/** a finite number (valibot's number() lets Infinity through, zod's does not) */
const finite = () => v.pipe(v.number(), v.finite());

export const PRODUCTION_BASE_URL = RECOTAP_BASE_URLS.production;
export const SANDBOX_BASE_URL = RECOTAP_BASE_URLS.sandbox;

export const ApiBaseSchema = v.object({
  choice: v.picklist(['production', 'sandbox', 'custom']),
  customUrl: str(500),
});
export type ApiBase = v.InferOutput<typeof ApiBaseSchema>;

export const SyncSettingsSchema = v.object({
  /** false = "on-demand lookups only": no background sync */
  enabled: v.boolean(),
  intervalMinutes: v.pipe(v.number(), v.safeInteger(), v.minValue(5), v.maxValue(24 * 60)),
});
export type SyncSettings = v.InferOutput<typeof SyncSettingsSchema>;

/** "What changed for my accounts" (issue #17): toolbar badge, opt-in notifications, quiet hours. */
export const MoversSettingsSchema = v.object({
  /** the unseen-movers count on the toolbar icon when the tab shows no record */
  badge: v.boolean(),
  /** one notification per sync for watched accounts that turned Hot or moved stage (opt-in) */
  notifications: v.boolean(),
  /** no notification between these local hours (from === to: no quiet hours) */
  quietFromHour: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(23)),
  quietToHour: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(23)),
});
export type MoversSettings = v.InferOutput<typeof MoversSettingsSchema>;

/** Static segments the rep follows (options → "Follow segments"): every account of one is watched. */
export const FollowedSegmentsSchema = v.pipe(
  v.array(v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), name: str(300) })),
  v.maxLength(200),
);
export type FollowedSegment = v.InferOutput<typeof FollowedSegmentsSchema>[number];

export const CacheSettingsSchema = v.object({
  ttlMinutes: num(1, 24 * 60),
  negativeTtlMinutes: num(1, 24 * 60),
});
export type CacheSettings = v.InferOutput<typeof CacheSettingsSchema>;

export const PanelSurfaceSchema = v.picklist(['in-page', 'side-panel']);
export type PanelSurface = v.InferOutput<typeof PanelSurfaceSchema>;

/** Per-site choices; absent fields mean "use the default" (enabled, surface per siteSurface()). */
export const SitePrefsSchema = v.record(
  str(64),
  v.object({ enabled: v.optional(v.boolean()), surface: v.optional(PanelSurfaceSchema) }),
);
export type SitePrefs = v.InferOutput<typeof SitePrefsSchema>;

export const ThemeSchema = v.picklist(['system', 'light', 'dark']);
export type Theme = v.InferOutput<typeof ThemeSchema>;

export const PanelStateSchema = v.object({
  side: v.picklist(['left', 'right']),
  /** distance from the top of the viewport, px */
  top: num(0, 10_000),
  collapsed: v.boolean(),
});
export type PanelState = v.InferOutput<typeof PanelStateSchema>;
export const DEFAULT_PANEL_STATE: PanelState = { side: 'right', top: 96, collapsed: false };

/** "Not this account?" choices. Key: pinKey() (site + record id, else domain). */
export const PinnedMatchSchema = v.object({
  rtpAid: str(64),
  name: str(300),
  domain: str(253),
  pinnedAt: v.string(),
});
export type PinnedMatch = v.InferOutput<typeof PinnedMatchSchema>;
export const PinnedMatchesSchema = v.record(str(600), PinnedMatchSchema);

export const ExtraCrmHostSchema = v.object({
  host: v.pipe(v.string(), v.minLength(1), v.maxLength(253)),
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});
export type ExtraCrmHost = v.InferOutput<typeof ExtraCrmHostSchema>;

/** Mirror of view-models' SyncStatusSchema (the type annotation keeps the two in step). */
const SyncStatusItemSchema: v.GenericSchema<SyncStatus> = v.object({
  enabled: v.boolean(),
  phase: v.picklist(['idle', 'full', 'delta', 'paused-auth', 'backoff']),
  pages: finite(),
  accounts: finite(),
  errors: finite(),
  lastError: v.nullable(
    v.object({
      kind: v.picklist(['unauthorized', 'validation', 'not-found', 'conflict', 'rate-limited', 'server', 'network', 'timeout', 'unexpected-response', 'offline', 'permission', 'internal']),
      message: v.string(),
      retryable: v.boolean(),
    }),
  ),
  lastSuccessAt: v.nullable(v.string()),
  cachedAccounts: finite(),
});

export const DEFAULT_SYNC_STATUS: SyncStatus = {
  enabled: true,
  phase: 'idle',
  pages: 0,
  accounts: 0,
  errors: 0,
  lastError: null,
  lastSuccessAt: null,
  cachedAccounts: 0,
};

export const LinkedInInPageStateSchema = v.object({
  /** the CRM content script is registered for LinkedIn's pages (it then sends the lookups there) */
  active: v.boolean(),
  /** why registering failed, in words a rep understands; null when all is well */
  error: v.nullable(str(500)),
});
export type LinkedInInPageState = v.InferOutput<typeof LinkedInInPageStateSchema>;
/** Admin policy (chrome.storage.managed, schema in public/managed-schema.json). */
export const ManagedPolicySchema = v.object({
  /** 'production' | 'sandbox' | an https URL */
  baseUrl: v.optional(str(500)),
  enabledSites: v.optional(v.pipe(v.array(str(64)), v.maxLength(100))),
  extraCrmHosts: v.optional(v.pipe(v.array(ExtraCrmHostSchema), v.maxLength(200))),
});
export type ManagedPolicy = v.InferOutput<typeof ManagedPolicySchema>;

/** Keys an administrator can lock. */
export type LockableKey = 'apiBase' | 'sites' | 'extraCrmHosts';

export interface EffectiveSettings {
  apiBase: ApiBase;
  baseUrl: string;
  repEmail: string;
  sync: SyncSettings;
  cache: CacheSettings;
  sitePrefs: SitePrefs;
  /** managed allow-list of site ids; null = every site allowed */
  managedSites: string[] | null;
  extraCrmHosts: ExtraCrmHost[];
  theme: Theme;
  /** settings set by policy: views show them read-only */
  locked: LockableKey[];
}

/** The base URL an ApiBase choice points at (custom URLs lose trailing slashes). */
export function resolveBaseUrl(base: ApiBase): string {
  if (base.choice === 'sandbox') return SANDBOX_BASE_URL;
  if (base.choice === 'custom' && base.customUrl) return base.customUrl.replace(/\/+$/, '');
  return PRODUCTION_BASE_URL;
}

/** LinkedIn shows in the side panel unless the rep explicitly opted into the in-page panel. */
export function defaultSurface(siteId: string): PanelSurface {
  return siteId.startsWith('linkedin') ? 'side-panel' : 'in-page';
}


function managedApiBase(value: string): ApiBase | null {
  if (value === 'production' || value === 'sandbox') return { choice: value, customUrl: '' };
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost'
      ? { choice: 'custom', customUrl: value }
      : null;
  } catch {
    return null;
  }
}

/**
 * One stored setting: `key` is the chrome.storage.local key (WXT's item key is `local:<key>`). Items
 * stay at version 1 without migrations, so WXT stores the bare value under `key` (no `key$` metadata
 * is needed to read it); a future version with migrations must be read through the WXT item.
 */
export interface SettingDecl<T> {
  key: string;
  schema: v.GenericSchema<T>;
  fallback: T;
  version: number;
  /** may the background's read cache keep it (status-like items change too often) */
  cacheable: boolean;
}

const decl = <T>(key: string, schema: v.GenericSchema<T>, fallback: T, cacheable = true): SettingDecl<T> => ({
  key, schema, fallback, version: 1, cacheable,
});

/**
 * A stored value validated against its declaration; anything invalid (or absent) reads as the default.
 * An absent value is the default without running the schema: no declared schema accepts undefined
 * (settings.test.ts checks each), and a failed parse builds its issue, message included, which on a
 * CRM page's load was the content script's first run of the validator (issue #18's §8 profile).
 */
export function parseSetting<T>(setting: SettingDecl<T>, raw: unknown): T {
  if (raw === undefined) return setting.fallback;
  const parsed = v.safeParse(setting.schema, raw);
  return parsed.success ? parsed.output : setting.fallback;
}

export const apiBaseSetting = /* @__PURE__ */ decl<ApiBase>('apiBase', ApiBaseSchema, { choice: 'production', customUrl: '' });
export const repEmailSetting = /* @__PURE__ */ decl('repEmail', str(254), '');
export const syncSettingsSetting = /* @__PURE__ */ decl('syncSettings', SyncSettingsSchema, { enabled: true, intervalMinutes: 60 });
export const cacheSettingsSetting = /* @__PURE__ */ decl('cacheSettings', CacheSettingsSchema, { ttlMinutes: 15, negativeTtlMinutes: 10 });
export const sitePrefsSetting = /* @__PURE__ */ decl('sitePrefs', SitePrefsSchema, {});
export const extraCrmHostsSetting = /* @__PURE__ */ decl('extraCrmHosts', v.pipe(v.array(ExtraCrmHostSchema), v.maxLength(200)), []);
export const moversSettingsSetting = /* @__PURE__ */ decl('moversSettings', MoversSettingsSchema, {
  badge: true,
  notifications: false,
  quietFromHour: 0,
  quietToHour: 0,
});
export const followedSegmentsSetting = /* @__PURE__ */ decl('followedSegments', FollowedSegmentsSchema, []);
export const themeSetting = /* @__PURE__ */ decl('theme', ThemeSchema, 'system');
export const panelStateSetting = /* @__PURE__ */ decl('panelState', v.record(str(64), PanelStateSchema), {}, false);
/** which panel sections the rep opened (true) or folded (false), by section id; absent = the section's default */
export const panelFoldsSetting = /* @__PURE__ */ decl('panelFolds', v.record(str(64), v.boolean()), {}, false);
/** Recotap's account page URL with {rtpAid} (and optionally {domain}); '' = unknown, no link is shown */
export const accountUrlTemplateSetting = /* @__PURE__ */ decl('accountUrlTemplate', str(500), '', false);
export const pinnedMatchesSetting = /* @__PURE__ */ decl('pinnedMatches', PinnedMatchesSchema, {});
/** set when the API answered 401: the options page asks for a new key; sync pauses */
export const needsNewKeySetting = /* @__PURE__ */ decl('needsNewKey', v.boolean(), false, false);
/** written by the sync engine only; popup/options observe it */
export const syncStatusSetting = /* @__PURE__ */ decl('syncStatus', SyncStatusItemSchema, DEFAULT_SYNC_STATUS, false);
/** written by the background only (utils/background/linkedin-inpage.ts); linkedin.content and options read it */
export const linkedinInPageSetting = /* @__PURE__ */ decl('linkedinInPage', LinkedInInPageStateSchema, { active: false, error: null }, false);

export const MANAGED_KEYS = ['baseUrl', 'enabledSites', 'extraCrmHosts'] as const;

/** Validate raw managed values key by key: an invalid key is ignored, the others still apply. */
export function parseManagedPolicy(raw: Record<string, unknown>): ManagedPolicy {
  const policy: ManagedPolicy = {};
  for (const key of MANAGED_KEYS) {
    if (raw[key] == null) continue;
    const one = v.safeParse(ManagedPolicySchema.entries[key], raw[key]);
    if (one.success && one.output !== undefined) Object.assign(policy, { [key]: one.output });
  }
  return policy;
}

/** The local settings the effective view is made of. */
export interface LocalSettings {
  apiBase: ApiBase;
  repEmail: string;
  sync: SyncSettings;
  cache: CacheSettings;
  sitePrefs: SitePrefs;
  extraCrmHosts: ExtraCrmHost[];
  theme: Theme;
}

/** Local settings merged with the admin policy: managed values win and are reported in `locked`. */
export function mergeEffective(local: LocalSettings, policy: ManagedPolicy): EffectiveSettings {
  const locked: LockableKey[] = [];
  let effectiveBase: ApiBase = local.apiBase;
  const forcedBase = policy.baseUrl ? managedApiBase(policy.baseUrl) : null;
  if (forcedBase) {
    effectiveBase = forcedBase;
    locked.push('apiBase');
  }
  if (policy.enabledSites) locked.push('sites');
  if (policy.extraCrmHosts) locked.push('extraCrmHosts');
  return {
    ...local,
    apiBase: effectiveBase,
    baseUrl: resolveBaseUrl(effectiveBase),
    managedSites: policy.enabledSites ?? null,
    extraCrmHosts: policy.extraCrmHosts ?? local.extraCrmHosts,
    locked,
  };
}

/** Is a site on for this rep? A managed allow-list overrides the rep's own toggles. */
export function isSiteEnabled(settings: Pick<EffectiveSettings, 'sitePrefs' | 'managedSites'>, siteId: string): boolean {
  if (settings.managedSites) return settings.managedSites.includes(siteId);
  return settings.sitePrefs[siteId]?.enabled ?? true;
}

/** Where a site's panel shows: the rep's choice, else the site default (LinkedIn: side panel). */
export function siteSurface(settings: Pick<EffectiveSettings, 'sitePrefs'>, siteId: string): PanelSurface {
  return settings.sitePrefs[siteId]?.surface ?? defaultSurface(siteId);
}

/**
 * Does the rep want the in-page panel on LinkedIn? Only an explicit opt-in (surface 'in-page') on an
 * enabled site: a managed allow-list without LinkedIn turns it off like every other site setting.
 */
export function wantsLinkedInInPage(settings: Pick<EffectiveSettings, 'sitePrefs' | 'managedSites'>): boolean {
  return isSiteEnabled(settings, 'linkedin') && siteSurface(settings, 'linkedin') === 'in-page';
}
