import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  apiBaseItem,
  cacheSettingsItem,
  getEffectiveSettings,
  isSiteEnabled,
  pinnedMatchesItem,
  readSetting,
  sitePrefsItem,
  siteSurface,
  syncSettingsItem,
  themeItem,
  watchSetting,
} from '../../utils/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settings', () => {
  it('reads defaults when nothing is stored', async () => {
    expect(await readSetting(syncSettingsItem)).toEqual({ enabled: true, intervalMinutes: 60 });
    expect(await readSetting(cacheSettingsItem)).toEqual({ ttlMinutes: 15, negativeTtlMinutes: 10 });
    expect(await readSetting(themeItem)).toBe('system');
    const eff = await getEffectiveSettings();
    expect(eff.baseUrl).toBe('https://eapi.recotap.com/api/v1');
    expect(eff.locked).toEqual([]);
  });

  it('falls back to defaults for corrupt stored values instead of crashing', async () => {
    await fakeBrowser.storage.local.set({
      syncSettings: { enabled: 'yes', intervalMinutes: -3 },
      theme: 'purple',
      cacheSettings: 'fifteen',
      apiBase: { choice: 'staging' },
      pinnedMatches: { 'record:hubspot:1': { rtpAid: 42 } },
      sitePrefs: ['not', 'a', 'map'],
    });
    expect(await readSetting(syncSettingsItem)).toEqual({ enabled: true, intervalMinutes: 60 });
    expect(await readSetting(themeItem)).toBe('system');
    expect(await readSetting(cacheSettingsItem)).toEqual({ ttlMinutes: 15, negativeTtlMinutes: 10 });
    expect(await readSetting(pinnedMatchesItem)).toEqual({});
    const eff = await getEffectiveSettings();
    expect(eff.apiBase).toEqual({ choice: 'production', customUrl: '' });
    expect(eff.sitePrefs).toEqual({});
  });

  it('keeps valid values and resolves the base URL', async () => {
    await syncSettingsItem.setValue({ enabled: false, intervalMinutes: 30 });
    await apiBaseItem.setValue({ choice: 'sandbox', customUrl: '' });
    expect(await readSetting(syncSettingsItem)).toEqual({ enabled: false, intervalMinutes: 30 });
    expect((await getEffectiveSettings()).baseUrl).toBe('https://sandboxapi.reco-tap.com/api/v1');
    await apiBaseItem.setValue({ choice: 'custom', customUrl: 'https://recotap.internal.example/api/v1/' });
    expect((await getEffectiveSettings()).baseUrl).toBe('https://recotap.internal.example/api/v1');
  });

  it('lets managed policy win and reports those settings as locked', async () => {
    await apiBaseItem.setValue({ choice: 'production', customUrl: '' });
    await sitePrefsItem.setValue({ 'salesforce-lightning': { enabled: true }, hubspot: { enabled: false } });
    await fakeBrowser.storage.managed.set({
      baseUrl: 'sandbox',
      enabledSites: ['hubspot', 'gmail'],
      extraCrmHosts: [{ host: 'crm.acme.internal', site: 'dynamics' }],
    });
    const eff = await getEffectiveSettings();
    expect(eff.apiBase.choice).toBe('sandbox');
    expect(eff.locked.sort()).toEqual(['apiBase', 'extraCrmHosts', 'sites']);
    expect(isSiteEnabled(eff, 'hubspot')).toBe(true);
    expect(isSiteEnabled(eff, 'salesforce-lightning')).toBe(false);
    expect(eff.extraCrmHosts).toEqual([{ host: 'crm.acme.internal', site: 'dynamics' }]);
  });

  it('ignores invalid managed values (they lock nothing)', async () => {
    await fakeBrowser.storage.managed.set({ baseUrl: 'http://evil.example/api', enabledSites: 'hubspot' });
    const eff = await getEffectiveSettings();
    expect(eff.apiBase.choice).toBe('production');
    expect(eff.locked).toEqual([]);
    expect(isSiteEnabled(eff, 'salesforce-lightning')).toBe(true);
  });

  it('puts LinkedIn in the side panel unless the rep opted into the in-page panel', async () => {
    const eff = await getEffectiveSettings();
    expect(siteSurface(eff, 'linkedin')).toBe('side-panel');
    expect(siteSurface(eff, 'hubspot')).toBe('in-page');
    await sitePrefsItem.setValue({ linkedin: { surface: 'in-page' } });
    expect(siteSurface(await getEffectiveSettings(), 'linkedin')).toBe('in-page');
  });

  it('watches with validation', async () => {
    const seen: unknown[] = [];
    const off = watchSetting(themeItem, (v) => seen.push(v));
    await fakeBrowser.storage.local.set({ theme: 'dark' });
    await fakeBrowser.storage.local.set({ theme: 42 });
    off();
    expect(seen).toEqual(['dark', 'system']);
  });
});
