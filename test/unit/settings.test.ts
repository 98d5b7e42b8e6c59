import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  apiBaseItem,
  cacheSettingsItem,
  enableSettingsCache,
  getEffectiveSettings,
  isSiteEnabled,
  pinnedMatchesItem,
  readSetting,
  repEmailItem,
  sitePrefsItem,
  siteSurface,
  wantsLinkedInInPage,
  linkedinInPageStateItem,
  syncSettingsItem,
  themeItem,
  watchSetting,
} from '../../utils/settings';
import * as core from '../../utils/settings-core';
import * as v from 'valibot';

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

  it('reads an absent value as its default without the schema, which no declared schema would accept', () => {
    const decls = (Object.values(core) as unknown[]).filter((x): x is core.SettingDecl<unknown> => typeof x === 'object' && x !== null && 'schema' in x && 'fallback' in x);
    expect(decls.length).toBeGreaterThanOrEqual(16);
    for (const d of decls) {
      // the shortcut in parseSetting is only sound while undefined fails every schema (an optional()
      // with a default would otherwise read as that default, not as the declaration's fallback)
      expect(v.safeParse(d.schema, undefined).success, d.key).toBe(false);
      expect(core.parseSetting(d, undefined), d.key).toBe(d.fallback);
    }
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

  it('wants the LinkedIn in-page panel only on an explicit opt-in for an allowed site', async () => {
    expect(wantsLinkedInInPage(await getEffectiveSettings())).toBe(false);
    await sitePrefsItem.setValue({ linkedin: { surface: 'in-page' } });
    expect(wantsLinkedInInPage(await getEffectiveSettings())).toBe(true);
    await sitePrefsItem.setValue({ linkedin: { surface: 'in-page', enabled: false } });
    expect(wantsLinkedInInPage(await getEffectiveSettings())).toBe(false);
    await sitePrefsItem.setValue({ linkedin: { surface: 'in-page' } });
    await fakeBrowser.storage.managed.set({ enabledSites: ['hubspot'] });
    expect(wantsLinkedInInPage(await getEffectiveSettings())).toBe(false);
  });

  it('reads a corrupt LinkedIn in-page state as inactive', async () => {
    await fakeBrowser.storage.local.set({ linkedinInPage: { active: 'yes' } });
    expect(await readSetting(linkedinInPageStateItem)).toEqual({ active: false, error: null });
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

describe('background settings read cache', () => {
  let disable = () => {};
  afterEach(() => {
    disable();
    vi.restoreAllMocks();
  });

  it('answers repeated reads from memory', async () => {
    disable = enableSettingsCache();
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    await getEffectiveSettings();
    await readSetting(pinnedMatchesItem);
    const first = reads.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) {
      await getEffectiveSettings();
      await readSetting(pinnedMatchesItem);
    }
    expect(reads.mock.calls.length).toBe(first);
  });

  it('sees a change made by another context, by this context and by the admin policy on the next read', async () => {
    disable = enableSettingsCache();
    expect((await getEffectiveSettings()).cache.ttlMinutes).toBe(15);
    expect(await readSetting(pinnedMatchesItem)).toEqual({});
    expect((await getEffectiveSettings()).repEmail).toBe('');
    // the options page writes storage directly: only storage.onChanged tells the background
    await fakeBrowser.storage.local.set({ cacheSettings: { ttlMinutes: 2, negativeTtlMinutes: 3 } });
    expect((await getEffectiveSettings()).cache).toEqual({ ttlMinutes: 2, negativeTtlMinutes: 3 });
    const pin = { rtpAid: 'a1', name: 'Acme', domain: 'acme.com', pinnedAt: '2026-01-01T00:00:00.000Z' };
    await fakeBrowser.storage.local.set({ pinnedMatches: { 'domain:acme.com': pin } });
    expect(await readSetting(pinnedMatchesItem)).toEqual({ 'domain:acme.com': pin });
    // a write through the item in this context is visible at once, before any change event
    await repEmailItem.setValue('rep@example.com');
    expect((await getEffectiveSettings()).repEmail).toBe('rep@example.com');
    expect(await readSetting(repEmailItem)).toBe('rep@example.com');
    await fakeBrowser.storage.managed.set({ enabledSites: ['gmail'] });
    const eff = await getEffectiveSettings();
    expect(eff.managedSites).toEqual(['gmail']);
    expect(eff.locked).toContain('sites');
  });
});
