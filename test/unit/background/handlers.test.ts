// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundServices } from '../../../utils/background/services';
import { SenderRejectedError, type MessageSenderLike } from '../../../utils/background/sender';
import { getApiKey } from '../../../utils/recotap/credentials';
import {
  needsNewKeyItem,
  pinnedMatchesItem,
  repEmailItem,
  sitePrefsItem,
} from '../../../utils/settings';
import type { LookupResult } from '../../../utils/view-models';
import { DEMO_API_KEY, DEMO_REP } from '../../emulator/index.ts';
import { EXT, hubspotCtx, hubspotTab, hubspotUrl, popup, withBackgroundServices } from './services-fixture';


const tabResults: { tabId: number; site?: string; state: string }[] = [];
const pushes: { tabId: number | null; result: LookupResult }[] = [];

const bg = withBackgroundServices({
  build: () =>
    createBackgroundServices({
      // the in-page panel's content script (Firefox, LinkedIn opt-in) sends every page-facing message
      framedCrmPanel: false,
      pushUpdate: (t, result) => pushes.push({ ...t, result }),
      toolbar: {
        recordTabResult: async (tabId, context, result) => void tabResults.push({ tabId, site: context?.site, state: result.state }),
        accountSeen: async () => undefined,
        clearAll: async () => undefined,
        getTabResult: async () => ({ context: null, result: null, query: null }),
        dismissTabQuery: async () => undefined,
      },
    }),
  prepare: async (services) => {
    pushes.length = 0;
    tabResults.length = 0;
    await services.handlers.clearLocalData({}, popup);
    await services.handlers.saveApiKey({ apiKey: DEMO_API_KEY }, popup);
  },
});

describe('message handlers: senders', () => {
  it('rejects other extensions, web pages and tabs on unsupported sites', async () => {
    const h = bg.services.handlers;
    await expect(h.getStatus({}, { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/x.html' })).rejects.toThrow(
      SenderRejectedError,
    );
    await expect(h.getStatus({}, undefined)).rejects.toThrow(/not sent by this extension/);
    const evilTab = { id: EXT, url: 'https://evil.example/', tab: { id: 9, url: 'https://evil.example/' } };
    await expect(h.lookupContext(hubspotCtx, evilTab)).rejects.toThrow(/not on a supported site/);
    await expect(h.lookupContext(hubspotCtx, { id: EXT, url: 'https://app.hubspot.com/' })).rejects.toThrow(/neither/);
  });

  it('never lets a content script reach key, connection or data-wipe messages', async () => {
    const h = bg.services.handlers;
    await expect(h.saveApiKey({ apiKey: 'stolen' }, hubspotTab)).rejects.toThrow(/content scripts may not send saveApiKey/);
    await expect(h.testConnection({ apiKey: 'x', baseUrl: bg.emu.url }, hubspotTab)).rejects.toThrow(SenderRejectedError);
    await expect(h.clearLocalData({}, hubspotTab)).rejects.toThrow(SenderRejectedError);
    await expect(h.lookupQuery({ query: 'acmerobotics.com' }, hubspotTab)).rejects.toThrow(SenderRejectedError);
  });

  it('answers a content script on a supported, enabled site, and site-disabled when the rep turned it off', async () => {
    const h = bg.services.handlers;
    const r = await h.lookupContext(hubspotCtx, hubspotTab);
    expect(r.state === 'found' && r.account.name).toBe('Acme Robotics');
    // the tab's result goes to the toolbar (badge + side panel state) with its page context
    expect(tabResults.at(-1)).toEqual({ tabId: 7, site: 'hubspot', state: 'found' });
    await sitePrefsItem.setValue({ hubspot: { enabled: false } });
    expect(await h.lookupContext(hubspotCtx, hubspotTab)).toEqual({ state: 'site-disabled' });
  });
});

describe('message handlers: payloads', () => {
  it('rejects invalid payloads with a message naming the field', async () => {
    const h = bg.services.handlers;
    const bad = await h.lookupContext({ site: 'hubspot', url: hubspotUrl, websites: 'acme.com' }, popup);
    expect(bad.state).toBe('error');
    if (bad.state === 'error') {
      expect(bad.error.kind).toBe('validation');
      expect(bad.error.message).toMatch(/Invalid lookupContext request \(websites: /);
    }
    await expect(h.searchAccounts({ query: 'acme', limit: 500 }, popup)).rejects.toThrow(/Invalid searchAccounts request \(limit/);
    const conn = await h.testConnection({ apiKey: 'k', baseUrl: 'not a url' }, popup);
    expect(conn).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await h.markSeen({ rtpAid: '' }, popup)).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});

describe('message handlers: behaviour', () => {
  it('tests a connection with the exact outcome, and asks for a host permission for custom base URLs', async () => {
    const h = bg.services.handlers;
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    // the demo seed is smaller than one page: the exact count, no "more"
    const demoCount = bg.emu.state.store.size;
    expect(demoCount).toBeGreaterThan(1);
    expect(await h.testConnection({ apiKey: DEMO_API_KEY, baseUrl: bg.emu.url }, popup)).toEqual({ ok: true, accountCount: demoCount, hasMore: false });
    expect(contains).toHaveBeenCalledWith({ origins: [`${bg.emu.origin}/*`] });
    const wrong = await h.testConnection({ apiKey: 'wrong', baseUrl: bg.emu.url }, popup);
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    contains.mockResolvedValue(false);
    expect(await h.testConnection({ apiKey: DEMO_API_KEY, baseUrl: bg.emu.url }, popup)).toMatchObject({
      ok: false,
      error: { kind: 'permission' },
    });
  });

  it('saveApiKey clears needsNewKey and starts a sync; clearLocalData keeps key and settings', async () => {
    const h = bg.services.handlers;
    await needsNewKeyItem.setValue(true);
    await h.saveApiKey({ apiKey: DEMO_API_KEY }, popup);
    expect(await needsNewKeyItem.getValue()).toBe(false);
    const status = await bg.services.sync.run();
    expect(status.phase).toBe('idle');
    expect(await bg.services.store.count()).toBeGreaterThan(10);
    expect(await h.clearLocalData({}, popup)).toEqual({ ok: true });
    expect(await bg.services.store.count()).toBe(0);
    expect(await getApiKey()).toBe(DEMO_API_KEY);
    expect(await repEmailItem.getValue()).toBe(DEMO_REP.email);
    const st = await h.getStatus({}, popup);
    expect(st).toMatchObject({ configured: true, needsNewKey: false, repEmail: DEMO_REP.email, sync: { cachedAccounts: 0 } });
  });

  it('pins and unpins the right account for a record', async () => {
    const h = bg.services.handlers;
    const globex = await h.lookupQuery({ query: 'globex-analytics.io' }, popup);
    if (globex.state !== 'found') throw new Error('globex not found');
    const pinned = await h.pinAccount({ context: hubspotCtx, rtpAid: globex.account.rtpAid }, hubspotTab);
    expect(pinned).toMatchObject({ state: 'found', matchedBy: 'pinned', account: { name: 'Globex Analytics' } });
    expect(Object.keys((await pinnedMatchesItem.getValue()) ?? {})).toEqual(['record:hubspot:456']);
    const unpinned = await h.unpinAccount({ context: hubspotCtx }, hubspotTab);
    expect(unpinned).toMatchObject({ state: 'found', matchedBy: 'website', account: { name: 'Acme Robotics' } });
  });

  it('a pin chosen in the side panel reaches that tab\'s in-page panel; a content script cannot aim at another tab', async () => {
    const h = bg.services.handlers;
    const globex = await h.lookupQuery({ query: 'globex-analytics.io' }, popup);
    if (globex.state !== 'found') throw new Error('globex not found');
    pushes.length = 0;
    tabResults.length = 0;
    const sidePanel: MessageSenderLike = { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` };
    await h.pinAccount({ context: hubspotCtx, rtpAid: globex.account.rtpAid, tabId: 7 }, sidePanel);
    expect(pushes).toEqual([
      expect.objectContaining({ tabId: 7, url: hubspotUrl, result: expect.objectContaining({ matchedBy: 'pinned' }) }),
    ]);
    expect(tabResults).toEqual([{ tabId: 7, site: 'hubspot', state: 'found' }]);
    pushes.length = 0;
    await h.unpinAccount({ context: hubspotCtx, tabId: 7 }, sidePanel);
    expect(pushes).toEqual([expect.objectContaining({ tabId: 7, result: expect.objectContaining({ matchedBy: 'website' }) })]);
    pushes.length = 0;
    tabResults.length = 0;
    await h.pinAccount({ context: hubspotCtx, rtpAid: globex.account.rtpAid, tabId: 99 }, hubspotTab);
    expect(pushes.filter((p) => p.tabId === 99)).toEqual([]);
    expect(tabResults.map((t) => t.tabId)).toEqual([7]);
  });

  it('applies a pin or an admin policy written by another context on the next (cached-settings) lookup', async () => {
    const h = bg.services.handlers;
    expect(await h.lookupContext(hubspotCtx, hubspotTab)).toMatchObject({ state: 'found', account: { name: 'Acme Robotics' } });
    const globex = await h.lookupQuery({ query: 'globex-analytics.io' }, popup);
    if (globex.state !== 'found') throw new Error('globex not found');
    const pin = { rtpAid: globex.account.rtpAid, name: 'Globex Analytics', domain: 'globex-analytics.io', pinnedAt: new Date().toISOString() };
    await fakeBrowser.storage.local.set({ pinnedMatches: { 'record:hubspot:456': pin } });
    expect(await h.lookupContext(hubspotCtx, hubspotTab)).toMatchObject({ state: 'found', matchedBy: 'pinned', account: { name: 'Globex Analytics' } });
    await fakeBrowser.storage.managed.set({ enabledSites: ['gmail'] });
    expect(await h.lookupContext(hubspotCtx, hubspotTab)).toEqual({ state: 'site-disabled' });
  });

  it('markSeen and search return view models', async () => {
    const h = bg.services.handlers;
    const acme = await h.lookupContext(hubspotCtx, hubspotTab);
    if (acme.state !== 'found') throw new Error('acme not found');
    expect(await h.markSeen({ rtpAid: acme.account.rtpAid }, hubspotTab)).toEqual({ ok: true });
    const hits = await h.searchAccounts({ query: 'acme', limit: 5 }, popup);
    expect(hits[0]).toEqual({
      rtpAid: acme.account.rtpAid,
      name: 'Acme Robotics',
      domain: 'acmerobotics.com',
      score: acme.account.score,
      band: acme.account.band,
      stage: acme.account.stage,
    });
  });

  it('never puts the API key in any response', async () => {
    const h = bg.services.handlers;
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    const responses: unknown[] = [
      await h.getStatus({}, popup),
      await h.lookupContext(hubspotCtx, hubspotTab),
      await h.lookupQuery({ query: 'northwind.io' }, popup),
      await h.searchAccounts({ query: 'north', limit: 10 }, popup),
      await h.listSegments({}, popup),
      await h.syncNow({ full: true }, popup),
      await h.testConnection({ apiKey: DEMO_API_KEY, baseUrl: bg.emu.url }, popup),
      await h.testConnection({ apiKey: `${DEMO_API_KEY}x`, baseUrl: bg.emu.url }, popup),
      await h.addAccount({ domain: 'hooli.xyz', name: 'Hooli XYZ' }, hubspotTab),
    ];
    await bg.services.sync.run();
    const text = JSON.stringify([...responses, pushes]);
    expect(text).not.toContain(DEMO_API_KEY.slice(8));
    expect(responses.at(-1)).toMatchObject({ state: 'found', account: { domain: 'hooli.xyz' } });
  });

  it('a 403 on a lookup says what the key may not do and leaves the key connected', async () => {
    const h = bg.services.handlers;
    await bg.services.sync.stop();
    bg.emu.setFaults({ pathPrefix: '/accounts', method: 'GET', errorBurst: { count: 5, status: 403 } });
    try {
      const r = await h.lookupQuery({ query: 'not-cached-anywhere.example' }, popup);
      expect(r).toMatchObject({ state: 'error', error: { kind: 'permission', message: expect.stringContaining("to read your team's accounts (403)") } });
      expect(await needsNewKeyItem.getValue()).toBe(false);
    } finally {
      bg.emu.clearFaults();
    }
  });

  it('"Add to Recotap" refused by Recotap says why in rep words, never Recotap\'s sentence', async () => {
    const h = bg.services.handlers;
    const bad = await h.addAccount({ domain: 'https://', name: 'Nope' }, popup);
    expect(bad).toMatchObject({ state: 'error', error: { kind: 'validation', message: "Recotap didn't accept the account: check the company's website." } });
    const dup = await h.addAccount({ domain: 'acmerobotics.com', name: 'Acme again' }, popup);
    expect(dup).toMatchObject({ state: 'error', error: { message: 'Recotap already has an account with this website.' } });
  });

  it('listSuggestions: the account just viewed on a record page first, and the Hot accounts of the cache, best first', async () => {
    const h = bg.services.handlers;
    await bg.services.sync.run();
    const viewed = await h.lookupContext(hubspotCtx, hubspotTab);
    expect(viewed).toMatchObject({ state: 'found', account: { domain: 'acmerobotics.com' } });
    await vi.waitFor(async () => expect((await h.listSuggestions({ limit: 5 }, popup)).recent[0]?.domain).toBe('acmerobotics.com'));
    const { hot } = await h.listSuggestions({ limit: 5 }, popup);
    const all = bg.emu.state.store.all().map((a) => a.rtp_account_score).filter((sc) => sc >= 70).sort((a, b) => b - a);
    expect(hot.map((a) => a.score)).toEqual(all.slice(0, 5));
    expect(hot.every((a) => a.band === 'hot')).toBe(true);
    await expect(h.listSuggestions({ limit: 5 }, hubspotTab)).rejects.toThrow(SenderRejectedError);
  });
});
