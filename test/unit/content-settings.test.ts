// The content scripts' direct chrome.storage reader against the WXT items: same values from the same
// fake storage, whether stored by the items, corrupt, absent or overridden by managed policy.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  readContentSetting, readContentSiteSettings, watchContentSetting, writeContentSetting,
} from '../../utils/content-settings';
import {
  getEffectiveSettings, linkedinInPageSetting, panelStateItem, panelStateSetting, readSetting, sitePrefsItem,
  syncSettingsSetting, themeSetting, syncSettingsItem, themeItem, repEmailSetting,
  linkedinInPageStateItem, watchSetting, type EffectiveSettings,
} from '../../utils/settings';

const siteSettings = ({ sitePrefs, managedSites }: EffectiveSettings) => ({ sitePrefs, managedSites });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('content settings reader', () => {
  it('reads what the WXT items wrote', async () => {
    await themeItem.setValue('dark');
    await sitePrefsItem.setValue({ hubspot: { enabled: false }, linkedin: { surface: 'in-page' } });
    await linkedinInPageStateItem.setValue({ active: true, error: null });
    expect(await readContentSetting(themeSetting)).toBe('dark');
    expect(await readContentSetting(linkedinInPageSetting)).toEqual({ active: true, error: null });
    expect(await readContentSiteSettings()).toEqual(siteSettings(await getEffectiveSettings()));
    expect((await readContentSiteSettings()).sitePrefs.hubspot).toEqual({ enabled: false });
  });

  it('reads defaults when nothing is stored, like the items', async () => {
    expect(await readContentSetting(panelStateSetting)).toEqual({});
    expect(await readContentSetting(themeSetting)).toBe(await readSetting(themeItem));
    expect(await readContentSiteSettings()).toEqual(siteSettings(await getEffectiveSettings()));
  });

  it('falls back to the same defaults for corrupt values and strips unknown keys', async () => {
    await fakeBrowser.storage.local.set({
      theme: 'purple',
      syncSettings: { enabled: 'yes', intervalMinutes: -3 },
      apiBase: { choice: 'staging' },
      sitePrefs: { zoho: { enabled: true, junk: 1 } },
      panelState: { hubspot: { side: 'top', top: 1, collapsed: false } },
    });
    expect(await readContentSetting(themeSetting)).toBe('system');
    expect(await readContentSetting(syncSettingsSetting)).toEqual(await readSetting(syncSettingsItem));
    expect(await readContentSetting(panelStateSetting)).toEqual({});
    const eff = await readContentSiteSettings();
    expect(eff).toEqual(siteSettings(await getEffectiveSettings()));
    expect(eff.sitePrefs).toEqual({ zoho: { enabled: true } });
  });

  it('lets managed values win, and ignores invalid ones, exactly as the items do', async () => {
    await sitePrefsItem.setValue({ hubspot: { enabled: true } });
    await fakeBrowser.storage.managed.set({ baseUrl: 'sandbox', enabledSites: ['gmail'], extraCrmHosts: 'nope' });
    const eff = await readContentSiteSettings();
    expect(eff).toEqual(siteSettings(await getEffectiveSettings()));
    expect((await getEffectiveSettings()).locked).toEqual(['apiBase', 'sites']);
    expect(eff.managedSites).toEqual(['gmail']);
    // a site id over the 64-character limit makes the whole allow-list invalid: it locks nothing
    await fakeBrowser.storage.managed.set({ enabledSites: ['a'.repeat(65)] });
    expect((await readContentSiteSettings()).managedSites).toBeNull();
    expect((await getEffectiveSettings()).managedSites).toBeNull();
  });

  it('writes where the item reads, and both watchers see validated changes', async () => {
    await writeContentSetting(panelStateSetting, { hubspot: { side: 'left', top: 10, collapsed: true } });
    expect(await readSetting(panelStateItem)).toEqual({ hubspot: { side: 'left', top: 10, collapsed: true } });
    const seen: unknown[] = [];
    const seenByItem: unknown[] = [];
    const unwatch = watchContentSetting(themeSetting, (v) => seen.push(v));
    const unwatchItem = watchSetting(themeItem, (v) => seenByItem.push(v));
    await themeItem.setValue('light');
    await fakeBrowser.storage.local.set({ theme: 42 });
    await themeItem.removeValue();
    unwatch();
    unwatchItem();
    await themeItem.setValue('dark');
    expect(seen).toEqual(['light', 'system', 'system']);
    expect(seenByItem).toEqual(seen);
  });

  it('one storage listener serves every watcher in the document, and stays while sections remount', async () => {
    const add = vi.spyOn(fakeBrowser.storage.onChanged, 'addListener');
    const remove = vi.spyOn(fakeBrowser.storage.onChanged, 'removeListener');
    const themes: unknown[] = [];
    const others: unknown[] = [];
    const repEmails: unknown[] = [];
    let unwatchSelf = () => {};
    const selfish: unknown[] = [];
    unwatchSelf = watchContentSetting(themeSetting, (v) => {
      selfish.push(v);
      unwatchSelf(); // a watcher that leaves while the change is being told
    });
    const unwatchTheme = watchContentSetting(themeSetting, (v) => themes.push(v));
    // a section remounted for the next account: unwatch, then watch again
    for (let i = 0; i < 3; i++) watchContentSetting(themeSetting, () => undefined)();
    const unwatchOther = watchContentSetting(themeSetting, (v) => others.push(v));
    const unwatchEmail = watchContentSetting(repEmailSetting, (v) => repEmails.push(v));
    await fakeBrowser.storage.local.set({ theme: 'dark' });
    unwatchOther();
    await fakeBrowser.storage.local.set({ theme: 'nonsense', repEmail: 'jo@acme.example' });
    expect(selfish).toEqual(['dark']);
    expect(themes).toEqual(['dark', 'system']); // validated: an invalid value reads as the default
    expect(others).toEqual(['dark']);
    expect(repEmails).toEqual(['jo@acme.example']);
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).not.toHaveBeenCalled();
    unwatchTheme();
    unwatchEmail();
  });
});
