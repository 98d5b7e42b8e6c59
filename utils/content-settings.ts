/**
 * Settings for content scripts, read straight from chrome.storage: @wxt-dev/storage cost crm.js
 * ~3 KB gzipped. Same declarations as the WXT items (utils/settings-core.ts): the same keys (WXT's
 * 'local:x' is storage key 'x'), schemas and defaults, so both read the same values (settings.test.ts).
 */
import { browser } from '#imports';
import { parseManagedPolicy, parseSetting, sitePrefsSetting, type EffectiveSettings, type SettingDecl } from './settings-core';

export {
  accountUrlTemplateSetting, DEFAULT_PANEL_STATE, isSiteEnabled, panelFoldsSetting, linkedinInPageSetting, panelStateSetting, repEmailSetting, sitePrefsSetting, siteSurface,
  themeSetting, type PanelState, type SettingDecl,
} from './settings-core';

type Values<D extends readonly SettingDecl<unknown>[]> = { -readonly [K in keyof D]: D[K] extends SettingDecl<infer T> ? T : never };

/** Read several settings in one storage call; each value is validated, invalid ones read as defaults. */
async function readLocal<const D extends readonly SettingDecl<unknown>[]>(settings: D): Promise<Values<D>> {
  let stored: Record<string, unknown> = {};
  try {
    stored = await browser.storage.local.get(settings.map((s) => s.key));
  } catch {
    // storage unavailable (extension reloaded under the page): every setting reads as its default
  }
  return settings.map((s) => parseSetting(s, stored[s.key])) as Values<D>;
}

/** Read one setting, validated (the content-script twin of readSetting). */
export async function readContentSetting<T>(setting: SettingDecl<T>): Promise<T> {
  const [value] = await readLocal([setting]);
  return value;
}

/** Store a setting where its WXT item reads it (version-1 items keep the bare value under the key). */
export async function writeContentSetting<T>(setting: SettingDecl<T>, value: T): Promise<void> {
  await browser.storage.local.set({ [setting.key]: value });
}

/** The watchers of each storage key in this document, served by one storage.onChanged listener. */
const watchers = new Map<string, Set<{ setting: SettingDecl<unknown>; cb: (value: unknown) => void }>>();
const dispatch = (changes: Record<string, { newValue?: unknown }>, area: string) => {
  if (area !== 'local') return;
  for (const [key, change] of Object.entries(changes)) {
    // a copy: a callback may unwatch (its component unmounts) while the others are told
    for (const w of [...(watchers.get(key) ?? [])]) w.cb(parseSetting(w.setting, change.newValue));
  }
};

/**
 * Follow a setting's changes with validated values (removed reads as the default); returns unwatch.
 * One storage.onChanged listener serves the whole document and stays registered: the panel's
 * sections remount for the next account on every SPA navigation, and each used to add and remove
 * a listener of its own, an extension-API call each way (in Firefox, on the page's own thread:
 * about 0.3 ms per navigation in the Gecko profile of the heavy bench page).
 */
export function watchContentSetting<T>(setting: SettingDecl<T>, cb: (value: T) => void): () => void {
  const w = { setting: setting as SettingDecl<unknown>, cb: cb as (value: unknown) => void };
  let set = watchers.get(setting.key);
  if (!set) watchers.set(setting.key, (set = new Set()));
  set.add(w);
  if (!browser.storage.onChanged.hasListener(dispatch)) browser.storage.onChanged.addListener(dispatch);
  return () => void set.delete(w);
}

/** The settings content scripts act on: which sites are on and where their panel shows. */
export type SiteSettings = Pick<EffectiveSettings, 'sitePrefs' | 'managedSites'>;

/**
 * The content-script twin of getEffectiveSettings(), cut to what content scripts use (isSiteEnabled,
 * siteSurface): the rep's site choices and the admin's site allow-list, merged the same way.
 */
export async function readContentSiteSettings(): Promise<SiteSettings> {
  const [[sitePrefs], managed] = await Promise.all([readLocal([sitePrefsSetting]), readManagedSites()]);
  return { sitePrefs, managedSites: parseManagedPolicy(managed).enabledSites ?? null };
}

async function readManagedSites(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.managed.get('enabledSites');
  } catch {
    return {}; // Firefox throws without a policy; some browsers have no managed area at all
  }
}
