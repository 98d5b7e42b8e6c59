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

/** Follow a setting's changes with validated values (removed reads as the default); returns unwatch. */
export function watchContentSetting<T>(setting: SettingDecl<T>, cb: (value: T) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[setting.key];
    if (area === 'local' && change) cb(parseSetting(setting, change.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
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
