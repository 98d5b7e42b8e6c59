/**
 * Every storage item except the API key, declared once and free of any storage API: key, schema,
 * default, version, plus the pure logic on settings (effective-settings merge, site toggles). The WXT
 * items (utils/settings.ts, background and views) and the content scripts' direct reader
 * (utils/content-settings.ts) are both built from these declarations, so they read the same values.
 */
import { RECOTAP_BASE_URLS } from './api-hosts';
// not zod: content scripts import this file, and even zod/mini added ~8 KB gz to crm.js
import {
  liteArray, liteBoolean, liteEnum, liteNullable, liteNumber, liteObject, liteOptional, liteRecord, liteString,
  type Lite, type LiteOut,
} from './lite-schema';
import type { SyncStatus } from './view-models';

const str = (max: number) => liteString({ max });
const num = (min: number, max: number) => liteNumber({ min, max });

export const PRODUCTION_BASE_URL = RECOTAP_BASE_URLS.production;
export const SANDBOX_BASE_URL = RECOTAP_BASE_URLS.sandbox;

export const ApiBaseSchema = liteObject({
  choice: liteEnum(['production', 'sandbox', 'custom']),
  customUrl: str(500),
});
export type ApiBase = LiteOut<typeof ApiBaseSchema>;

export const SyncSettingsSchema = liteObject({
  /** false = "on-demand lookups only": no background sync */
  enabled: liteBoolean(),
  intervalMinutes: liteNumber({ int: true, min: 5, max: 24 * 60 }),
});
export type SyncSettings = LiteOut<typeof SyncSettingsSchema>;

export const CacheSettingsSchema = liteObject({
  ttlMinutes: num(1, 24 * 60),
  negativeTtlMinutes: num(1, 24 * 60),
});
export type CacheSettings = LiteOut<typeof CacheSettingsSchema>;

export const PanelSurfaceSchema = liteEnum(['in-page', 'side-panel']);
export type PanelSurface = LiteOut<typeof PanelSurfaceSchema>;

/** Per-site choices; absent fields mean "use the default" (enabled, surface per siteSurface()). */
export const SitePrefsSchema = liteRecord(
  str(64),
  liteObject({ enabled: liteOptional(liteBoolean()), surface: liteOptional(PanelSurfaceSchema) }),
);
export type SitePrefs = LiteOut<typeof SitePrefsSchema>;

export const ThemeSchema = liteEnum(['system', 'light', 'dark']);
export type Theme = LiteOut<typeof ThemeSchema>;

export const PanelStateSchema = liteObject({
  side: liteEnum(['left', 'right']),
  /** distance from the top of the viewport, px */
  top: num(0, 10_000),
  collapsed: liteBoolean(),
});
export type PanelState = LiteOut<typeof PanelStateSchema>;
export const DEFAULT_PANEL_STATE: PanelState = { side: 'right', top: 96, collapsed: false };

/** "Not this account?" choices. Key: pinKey() (site + record id, else domain). */
export const PinnedMatchSchema = liteObject({
  rtpAid: str(64),
  name: str(300),
  domain: str(253),
  pinnedAt: liteString(),
});
export type PinnedMatch = LiteOut<typeof PinnedMatchSchema>;
export const PinnedMatchesSchema = liteRecord(str(600), PinnedMatchSchema);

export const ExtraCrmHostSchema = liteObject({
  host: liteString({ min: 1, max: 253 }),
  site: liteString({ min: 1, max: 64 }),
});
export type ExtraCrmHost = LiteOut<typeof ExtraCrmHostSchema>;

/** Mirror of view-models' SyncStatusSchema (the type annotation keeps the two in step). */
const SyncStatusItemSchema: Lite<SyncStatus> = liteObject({
  enabled: liteBoolean(),
  phase: liteEnum(['idle', 'full', 'delta', 'paused-auth', 'backoff']),
  pages: liteNumber(),
  accounts: liteNumber(),
  errors: liteNumber(),
  lastError: liteNullable(
    liteObject({
      kind: liteEnum(['unauthorized', 'validation', 'not-found', 'conflict', 'rate-limited', 'server', 'network', 'timeout', 'unexpected-response', 'offline', 'permission', 'internal']),
      message: liteString(),
      retryable: liteBoolean(),
    }),
  ),
  lastSuccessAt: liteNullable(liteString()),
  cachedAccounts: liteNumber(),
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

export const LinkedInInPageStateSchema = liteObject({
  /** the CRM content script is registered for LinkedIn's pages (it then sends the lookups there) */
  active: liteBoolean(),
  /** why registering failed, in words a rep understands; null when all is well */
  error: liteNullable(str(500)),
});
export type LinkedInInPageState = LiteOut<typeof LinkedInInPageStateSchema>;
/** Admin policy (chrome.storage.managed, schema in public/managed-schema.json). */
export const ManagedPolicySchema = liteObject({
  /** 'production' | 'sandbox' | an https URL */
  baseUrl: liteOptional(str(500)),
  enabledSites: liteOptional(liteArray(str(64), { max: 100 })),
  extraCrmHosts: liteOptional(liteArray(ExtraCrmHostSchema, { max: 200 })),
});
export type ManagedPolicy = LiteOut<typeof ManagedPolicySchema>;

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
  schema: Lite<T>;
  fallback: T;
  version: number;
  /** may the background's read cache keep it (status-like items change too often) */
  cacheable: boolean;
}

const decl = <T>(key: string, schema: Lite<T>, fallback: T, cacheable = true): SettingDecl<T> => ({
  key, schema, fallback, version: 1, cacheable,
});

/** A stored value validated against its declaration; anything invalid (or absent) reads as the default. */
export function parseSetting<T>(setting: SettingDecl<T>, raw: unknown): T {
  const parsed = setting.schema.safeParse(raw);
  return parsed.success ? parsed.data : setting.fallback;
}

export const SETTINGS = {
  apiBase: decl<ApiBase>('apiBase', ApiBaseSchema, { choice: 'production', customUrl: '' }),
  repEmail: decl('repEmail', str(254), ''),
  syncSettings: decl('syncSettings', SyncSettingsSchema, { enabled: true, intervalMinutes: 60 }),
  cacheSettings: decl('cacheSettings', CacheSettingsSchema, { ttlMinutes: 15, negativeTtlMinutes: 10 }),
  sitePrefs: decl('sitePrefs', SitePrefsSchema, {}),
  extraCrmHosts: decl('extraCrmHosts', liteArray(ExtraCrmHostSchema, { max: 200 }), []),
  theme: decl('theme', ThemeSchema, 'system'),
  panelState: decl('panelState', liteRecord(str(64), PanelStateSchema), {}, false),
  pinnedMatches: decl('pinnedMatches', PinnedMatchesSchema, {}),
  /** set when the API answered 401: the options page asks for a new key; sync pauses */
  needsNewKey: decl('needsNewKey', liteBoolean(), false, false),
  /** written by the sync engine only; popup/options observe it */
  syncStatus: decl('syncStatus', SyncStatusItemSchema, DEFAULT_SYNC_STATUS, false),
  /** written by the background only (utils/background/linkedin-inpage.ts); linkedin.content and options read it */
  linkedinInPage: decl('linkedinInPage', LinkedInInPageStateSchema, { active: false, error: null }, false),
};

export const MANAGED_KEYS = ['baseUrl', 'enabledSites', 'extraCrmHosts'] as const;

/** Validate raw managed values key by key: an invalid key is ignored, the others still apply. */
export function parseManagedPolicy(raw: Record<string, unknown>): ManagedPolicy {
  const policy: ManagedPolicy = {};
  for (const key of MANAGED_KEYS) {
    if (raw[key] == null) continue;
    const one = ManagedPolicySchema.shape[key].safeParse(raw[key]);
    if (one.success && one.data !== undefined) Object.assign(policy, { [key]: one.data });
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
