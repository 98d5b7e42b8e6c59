/**
 * The WXT storage items of every setting except the API key (utils/recotap/credentials.ts), built from
 * the declarations in utils/settings-core.ts and validated on read: a corrupt or outdated stored value
 * falls back to its default, it never crashes a view or the service worker. For the background and
 * the views; content scripts read the same keys through utils/content-settings.ts (no @wxt-dev/storage
 * in their bundles).
 */
import { storage, type WxtStorageItem } from '#imports';
import {
  accountUrlTemplateSetting, apiBaseSetting, cacheSettingsSetting, extraCrmHostsSetting, followedSegmentsSetting, linkedinInPageSetting, MANAGED_KEYS, mergeEffective,
  needsNewKeySetting, panelStateSetting, parseManagedPolicy, parseSetting, pinnedMatchesSetting, repEmailSetting,
  moversSettingsSetting, sitePrefsSetting, syncSettingsSetting, syncStatusSetting, themeSetting,
  type EffectiveSettings, type ManagedPolicy, type SettingDecl,
} from './settings-core';

export * from './settings-core';

/** A WXT storage item plus its declaration's schema; read it with readSetting() to get validation. */
export type SettingItem<T> = WxtStorageItem<T, Record<string, unknown>> & { schema: SettingDecl<T>['schema']; decl: SettingDecl<T> };

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

function defineSetting<T>(decl: SettingDecl<T>): SettingItem<T> {
  const key = `local:${decl.key}` as const;
  const item = storage.defineItem<T>(key, { fallback: decl.fallback, version: decl.version });
  if (decl.cacheable) CACHEABLE.add(key);
  const setValue = item.setValue.bind(item);
  const removeValue = item.removeValue.bind(item);
  // a write from this context is visible to the next read at once (onChanged arrives later)
  const wrapped = {
    setValue: (value: T) => (forget(key), setValue(value).finally(() => forget(key))),
    removeValue: (opts?: Parameters<typeof removeValue>[0]) => (forget(key), removeValue(opts).finally(() => forget(key))),
  };
  // WXT's item already exposes `fallback` (a getter); we add the schema next to it
  return Object.assign(item, { schema: decl.schema, decl }, wrapped);
}

export const apiBaseItem = defineSetting(apiBaseSetting);
export const repEmailItem = defineSetting(repEmailSetting);
export const syncSettingsItem = defineSetting(syncSettingsSetting);
export const cacheSettingsItem = defineSetting(cacheSettingsSetting);
export const sitePrefsItem = defineSetting(sitePrefsSetting);
export const extraCrmHostsItem = defineSetting(extraCrmHostsSetting);
export const themeItem = defineSetting(themeSetting);
export const panelStateItem = defineSetting(panelStateSetting);
export const pinnedMatchesItem = defineSetting(pinnedMatchesSetting);
export const needsNewKeyItem = defineSetting(needsNewKeySetting);
export const syncStatusItem = defineSetting(syncStatusSetting);
export const linkedinInPageStateItem = defineSetting(linkedinInPageSetting);
export const moversSettingsItem = defineSetting(moversSettingsSetting);
export const followedSegmentsItem = defineSetting(followedSegmentsSetting);
export const accountUrlTemplateItem = defineSetting(accountUrlTemplateSetting);

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
  try {
    return parseSetting(item.decl, await item.getValue());
  } catch {
    return item.decl.fallback;
  }
}

/** Watch an item with validated values (returns the unwatch function). */
export function watchSetting<T>(item: SettingItem<T>, cb: (value: T) => void): () => void {
  return item.watch((raw) => cb(parseSetting(item.decl, raw)));
}

/** Read the managed policy; absent or invalid keys are ignored (Firefox throws without a policy). */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  const raw: Record<string, unknown> = {};
  for (const key of MANAGED_KEYS) {
    try {
      raw[key] = await storage.getItem<unknown>(`managed:${key}`);
    } catch {
      // no managed storage in this browser/profile
    }
  }
  return parseManagedPolicy(raw);
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
  const [[apiBase, repEmail, sync, cache, sitePrefs, extraCrmHosts, theme], policy] = await Promise.all([
    Promise.all([
      readSetting(apiBaseItem), readSetting(repEmailItem), readSetting(syncSettingsItem), readSetting(cacheSettingsItem),
      readSetting(sitePrefsItem), readSetting(extraCrmHostsItem), readSetting(themeItem),
    ] as const),
    readManagedPolicy(),
  ]);
  return mergeEffective({ apiBase, repEmail, sync, cache, sitePrefs, extraCrmHosts, theme }, policy);
}
