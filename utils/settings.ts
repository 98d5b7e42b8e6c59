/**
 * Every storage item except the API key (utils/recotap/credentials.ts), declared once, versioned,
 * and validated on read (hand-written validators, utils/lite-schema.ts): a corrupt or outdated stored value falls back to its default,
 * it never crashes a view or the service worker. Safe to import from any context.
 */
import { storage, type WxtStorageItem } from '#imports';
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

/** A WXT storage item plus its schema; read it with readSetting() to get validation. */
export type SettingItem<T> = WxtStorageItem<T, Record<string, unknown>> & { schema: Lite<T> };

// Background read cache (enableSettingsCache): validated values of rep/admin settings kept in memory,
// so a warm lookup does not touch chrome.storage. Off in views, which always read storage.
let readCache: Map<string, Promise<unknown>> | null = null;
let effectiveCache: Promise<EffectiveSettings> | null = null;
const cacheWatchers: (() => void)[] = [];
/** items whose values the read cache may keep (status-like items change too often to be worth it) */
const CACHEABLE = new Set<string>();

function forget(key: string): void {
  readCache?.delete(key);
  effectiveCache = null;
}

function defineSetting<T>(
  key: `local:${string}`,
  schema: Lite<T>,
  fallback: T,
  version = 1,
  cacheable = true,
): SettingItem<T> {
  const item = storage.defineItem<T>(key, { fallback, version });
  if (cacheable) CACHEABLE.add(key);
  const setValue = item.setValue.bind(item);
  const removeValue = item.removeValue.bind(item);
  // a write from this context is visible to the next read at once (onChanged arrives later)
  const wrapped = {
    setValue: (value: T) => (forget(key), setValue(value).finally(() => forget(key))),
    removeValue: (opts?: Parameters<typeof removeValue>[0]) => (forget(key), removeValue(opts).finally(() => forget(key))),
  };
  // WXT's item already exposes `fallback` (a getter); we add the schema next to it
  return Object.assign(item, { schema }, wrapped);
}

export const apiBaseItem = defineSetting<ApiBase>('local:apiBase', ApiBaseSchema, { choice: 'production', customUrl: '' });
export const repEmailItem = defineSetting('local:repEmail', str(254), '');
export const syncSettingsItem = defineSetting('local:syncSettings', SyncSettingsSchema, { enabled: true, intervalMinutes: 60 });
export const cacheSettingsItem = defineSetting('local:cacheSettings', CacheSettingsSchema, {
  ttlMinutes: 15,
  negativeTtlMinutes: 10,
});
export const sitePrefsItem = defineSetting('local:sitePrefs', SitePrefsSchema, {});
export const extraCrmHostsItem = defineSetting('local:extraCrmHosts', liteArray(ExtraCrmHostSchema, { max: 200 }), []);
export const themeItem = defineSetting('local:theme', ThemeSchema, 'system');
export const panelStateItem = defineSetting('local:panelState', liteRecord(str(64), PanelStateSchema), {}, 1, false);
export const pinnedMatchesItem = defineSetting('local:pinnedMatches', PinnedMatchesSchema, {});
/** set when the API answered 401: the options page asks for a new key; sync pauses */
export const needsNewKeyItem = defineSetting('local:needsNewKey', liteBoolean(), false, 1, false);
/** written by the sync engine only; popup/options observe it */
export const syncStatusItem = defineSetting('local:syncStatus', SyncStatusItemSchema, DEFAULT_SYNC_STATUS, 1, false);

export const LinkedInInPageStateSchema = liteObject({
  /** the CRM content script is registered for LinkedIn's pages (it then sends the lookups there) */
  active: liteBoolean(),
  /** why registering failed, in words a rep understands; null when all is well */
  error: liteNullable(str(500)),
});
export type LinkedInInPageState = LiteOut<typeof LinkedInInPageStateSchema>;
/** written by the background only (utils/background/linkedin-inpage.ts); linkedin.content and options read it */
export const linkedinInPageStateItem = defineSetting(
  'local:linkedinInPage', LinkedInInPageStateSchema, { active: false, error: null }, 1, false,
);

/** Read an item and validate it; anything that fails the schema reads as the default. */
export function readSetting<T>(item: SettingItem<T>): Promise<T> {
  if (!readCache || !CACHEABLE.has(item.key)) return readStored(item);
  let hit = readCache.get(item.key) as Promise<T> | undefined;
  if (!hit) {
    hit = readStored(item);
    readCache.set(item.key, hit);
  }
  return hit;
}

async function readStored<T>(item: SettingItem<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await item.getValue();
  } catch {
    return item.fallback;
  }
  const parsed = item.schema.safeParse(raw);
  return parsed.success ? parsed.data : item.fallback;
}

/** Watch an item with validated values (returns the unwatch function). */
export function watchSetting<T>(item: SettingItem<T>, cb: (value: T) => void): () => void {
  return item.watch((raw) => {
    const parsed = item.schema.safeParse(raw);
    cb(parsed.success ? parsed.data : item.fallback);
  });
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


/** Admin policy (chrome.storage.managed, schema in public/managed-schema.json). */
export const ManagedPolicySchema = liteObject({
  /** 'production' | 'sandbox' | an https URL */
  baseUrl: liteOptional(str(500)),
  enabledSites: liteOptional(liteArray(str(64), { max: 100 })),
  extraCrmHosts: liteOptional(liteArray(ExtraCrmHostSchema, { max: 200 })),
});
export type ManagedPolicy = LiteOut<typeof ManagedPolicySchema>;

const MANAGED_KEYS = ['baseUrl', 'enabledSites', 'extraCrmHosts'] as const;

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

/** Read the managed policy; absent or invalid keys are ignored (Firefox throws without a policy). */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  const keys = MANAGED_KEYS;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    try {
      const value = await storage.getItem<unknown>(`managed:${key}`);
      if (value != null) out[key] = value;
    } catch {
      // no managed storage in this browser/profile
    }
  }
  const policy: ManagedPolicy = {};
  for (const key of keys) {
    const one = ManagedPolicySchema.shape[key].safeParse(out[key]);
    if (one.success && one.data !== undefined) Object.assign(policy, { [key]: one.data });
  }
  return policy;
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

/** Local settings merged with the admin policy: managed values win and are reported in `locked`. */
export function getEffectiveSettings(): Promise<EffectiveSettings> {
  if (!readCache) return readEffective();
  effectiveCache ??= readEffective();
  return effectiveCache;
}

/**
 * Background only: answer readSetting()/getEffectiveSettings() from memory until storage changes
 * (item.watch for local settings, storage.watch for the managed policy). Returns a disable function.
 */
export function enableSettingsCache(): () => void {
  if (readCache) return disableSettingsCache;
  readCache = new Map();
  effectiveCache = null;
  for (const key of CACHEABLE) cacheWatchers.push(storage.watch(key as `local:${string}`, () => forget(key)));
  for (const key of MANAGED_KEYS) {
    try {
      cacheWatchers.push(storage.watch(`managed:${key}`, () => (effectiveCache = null)));
    } catch {
      // no managed storage events in this browser: the policy is read once per worker lifetime
    }
  }
  return disableSettingsCache;
}

function disableSettingsCache(): void {
  for (const unwatch of cacheWatchers.splice(0)) unwatch();
  readCache = null;
  effectiveCache = null;
}

async function readEffective(): Promise<EffectiveSettings> {
  const [apiBase, repEmail, sync, cache, sitePrefs, extraCrmHosts, theme, policy] = await Promise.all([
    readSetting(apiBaseItem),
    readSetting(repEmailItem),
    readSetting(syncSettingsItem),
    readSetting(cacheSettingsItem),
    readSetting(sitePrefsItem),
    readSetting(extraCrmHostsItem),
    readSetting(themeItem),
    readManagedPolicy(),
  ]);
  const locked: LockableKey[] = [];
  let effectiveBase: ApiBase = apiBase;
  const forcedBase = policy.baseUrl ? managedApiBase(policy.baseUrl) : null;
  if (forcedBase) {
    effectiveBase = forcedBase;
    locked.push('apiBase');
  }
  if (policy.enabledSites) locked.push('sites');
  if (policy.extraCrmHosts) locked.push('extraCrmHosts');
  return {
    apiBase: effectiveBase,
    baseUrl: resolveBaseUrl(effectiveBase),
    repEmail,
    sync,
    cache,
    sitePrefs,
    managedSites: policy.enabledSites ?? null,
    extraCrmHosts: policy.extraCrmHosts ?? extraCrmHosts,
    theme,
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
