/**
 * Builds the background services (store, client cache, resolver, sync engine, handlers) from
 * storage and browser APIs. MV3 may kill the worker at any time: nothing here keeps state that is
 * not also in storage/IndexedDB; the client cache is rebuilt on demand.
 */
import type { PanelFrames } from './panel-frames';
import { browser } from '#imports';
import { openAccountsDb } from '../accounts/db';
import { createResolver } from '../accounts/resolver';
import { createAccountStore, type AccountStore } from '../accounts/store';
import { createSyncEngine, type SyncEngine } from '../accounts/sync';
import type { MoveRecord } from '../accounts/movers';
import { createWatchStore, type WatchStore } from '../accounts/watch';
import { createRecotapClient, resolveBaseUrl, toErrorView, type RecotapClient } from '../recotap';
import { ensureMigrated, getApiKey } from '../recotap/credentials';
import {
  enableSettingsCache,
  getEffectiveSettings,
  needsNewKeyItem,
  pinnedMatchesItem,
  readSetting,
  followedSegmentsItem,
  syncSettingsItem,
  syncStatusItem,
} from '../settings';
import { adaptersForUrl } from '../sites/hosts';
import type { LookupResult, OutboxTotals, PageContext, StatusView } from '../view-models';
import { buildStatusView } from './admin-handlers';
import { createHandlers, type ActivityHandlerMap, type Handlers, type TabStateDeps } from './handlers';

export const SYNC_ALARM = 'recotap-sync';
export const SYNC_RETRY_ALARM = 'recotap-sync-retry';

export interface BackgroundOptions {
  /** HOOK for the lead: createActivityHandlers({ outbox, afterChange }) from utils/activities */
  activityHandlers?: ActivityHandlerMap;
  getOutboxTotals?: () => Promise<OutboxTotals>;
  /** deliver a push to a tab (tabId) or to extension pages (null) */
  pushUpdate: Parameters<typeof createHandlers>[0]['pushUpdate'];
  /** per-tab state and badge (utils/toolbar) */
  toolbar?: TabStateDeps & {
    recordTabResult: (tabId: number, context: PageContext | undefined, result: LookupResult) => Promise<void>;
    accountSeen: (rtpAid: string) => Promise<void>;
    clearAll: () => Promise<void>;
  };
  onRepEmailChanged?: () => void;
  /** CRM pages' panel is framed (both builds; the default): their content script may only look records up */
  framedCrmPanel?: boolean;
  onKeySaved?: () => void;
  /** the panel iframes crm.js registered (the framed panel) */
  panelFrames?: PanelFrames;
  /** a sync recorded moves of watched accounts (badge, notification) */
  onMoves?: (moves: MoveRecord[], watch: WatchStore) => void | Promise<void>;
  /** the unseen-movers count may have changed (Movers view visited, unwatch, data cleared) */
  onUnseenChanged?: () => void;
  /** show a query in a tab's side panel (the popup's Movers list opens an account there) */
  showTabQuery?: (tabId: number, query: string) => Promise<void>;
}

export interface BackgroundServices {
  store: AccountStore;
  watch: WatchStore;
  sync: SyncEngine;
  handlers: Handlers;
  getClient: () => Promise<RecotapClient | null>;
  /** the last client built (sync access for the outbox); null before the first getClient() */
  peekClient: () => RecotapClient | null;
  /** what getStatus answers; background.ts pushes it as statusChanged */
  statusView: () => Promise<StatusView>;
}

/** Site adapter id for a tab URL: registered adapters, then the rep's/admin's extra CRM hosts. */
export async function siteForUrl(url: string): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const adapter = adaptersForUrl(parsed)[0];
  if (adapter) return adapter.id;
  const { extraCrmHosts } = await getEffectiveSettings();
  return extraCrmHosts.find((h) => h.host.toLowerCase() === parsed.hostname)?.site ?? null;
}

/** Open the database and build every service. */
export async function createBackgroundServices(opts: BackgroundOptions): Promise<BackgroundServices> {
  // settings and the key are read from memory until storage says they changed: a warm lookup
  // touches IndexedDB only
  enableSettingsCache();
  // The key is written by this worker only (saveApiKey → onKeyChanged drops this copy); it sits in
  // the extension's IndexedDB, which has no change events, and nothing reads it synchronously.
  let apiKey: Promise<string> | null = null;
  const readApiKey = () => (apiKey ??= getApiKey().then((k) => {
    if (!k) apiKey = null; // not configured yet, or the migration failed: look again next time
    return k;
  }));
  // move a key left in storage.local by an earlier version before anything else runs
  await ensureMigrated().catch(() => undefined);
  const store = createAccountStore(await openAccountsDb());
  const watch = createWatchStore(store.db);
  let cached: { id: string; client: RecotapClient } | null = null;

  /** The cache belongs to one API base URL: switching (e.g. sandbox → production) starts afresh. */
  async function forgetOtherTenant(baseUrl: string): Promise<void> {
    const filledFrom = await store.getMeta<string>('baseUrl');
    if (filledFrom && filledFrom.value !== baseUrl) {
      await store.clear();
      watch.reset();
    }
    if (filledFrom?.value !== baseUrl) await store.putMeta('baseUrl', baseUrl, Date.now());
  }

  async function getClient(): Promise<RecotapClient | null> {
    const apiKey = await readApiKey();
    if (!apiKey) return (cached = null);
    const { apiBase } = await getEffectiveSettings();
    let baseUrl: string;
    try {
      baseUrl = resolveBaseUrl(apiBase.choice, apiBase.customUrl);
    } catch {
      return (cached = null);
    }
    const id = `${baseUrl}\n${apiKey}`;
    if (cached?.id !== id) {
      await forgetOtherTenant(baseUrl);
      cached = { id, client: createRecotapClient({ baseUrl, apiKey }) };
    }
    return cached.client;
  }

  const resolver = createResolver({
    store,
    getClient,
    toErrorView,
    onUnauthorized: () => void needsNewKeyItem.setValue(true),
    async getSettings() {
      const [eff, pinned] = await Promise.all([getEffectiveSettings(), readSetting(pinnedMatchesItem)]);
      return { ttlMs: eff.cache.ttlMinutes * 60_000, negativeTtlMs: eff.cache.negativeTtlMinutes * 60_000, repEmail: eff.repEmail, pinned };
    },
  });

  const sync = createSyncEngine({
    store,
    getClient,
    toErrorView,
    getSyncSettings: () => readSetting(syncSettingsItem),
    getNeedsNewKey: () => readSetting(needsNewKeyItem),
    setNeedsNewKey: (v) => needsNewKeyItem.setValue(v),
    getStatus: () => readSetting(syncStatusItem),
    setStatus: (s) => syncStatusItem.setValue(s),
    scheduleRetry: (when) => void browser.alarms.create(SYNC_RETRY_ALARM, { when }),
    // views re-render at most every 500 ms anyway (createStatusBroadcaster)
    progressIntervalMs: 500,
    watchedIds: () => watch.watchedIds(),
    followedSegments: async () => new Set((await readSetting(followedSegmentsItem)).map((s) => s.id)),
    onMoves: (moves) => opts.onMoves?.(moves, watch),
  });

  const handlers = createHandlers({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    // both builds frame the CRM panel (panel-frame.html), so crm.js only looks records up
    framedCrmPanel: opts.framedCrmPanel ?? true,
    siteForUrl,
    store,
    resolver,
    sync,
    getClient,
    createClient: ({ baseUrl, apiKey }) => createRecotapClient({ baseUrl, apiKey, retries: 0 }),
    openOptionsPage: () => browser.runtime.openOptionsPage(),
    hasHostPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    pushUpdate: opts.pushUpdate,
    onTabResult: (tabId, context, result) => void opts.toolbar?.recordTabResult(tabId, context, result).catch(() => undefined),
    onSeen: (rtpAid) => void opts.toolbar?.accountSeen(rtpAid).catch(() => undefined),
    onLocalDataCleared: async () => {
      watch.reset();
      opts.onUnseenChanged?.();
      await opts.toolbar?.clearAll();
    },
    watch,
    showTabQuery: opts.showTabQuery,
    onUnseenChanged: opts.onUnseenChanged,
    onRepEmailChanged: opts.onRepEmailChanged,
    tabs: opts.toolbar,
    panelFrames: opts.panelFrames,
    panelFrame: opts.panelFrames ? (tabId) => opts.panelFrames!.get(tabId) : undefined,
    getOutboxTotals: opts.getOutboxTotals,
    activityHandlers: opts.activityHandlers,
    onKeyChanged: () => {
      cached = null;
      apiKey = null;
      opts.onKeySaved?.();
    },
    toErrorView,
  });

  // build the client early so peekClient() (the outbox's synchronous accessor) has one
  void getClient().catch(() => undefined);
  return {
    store,
    watch,
    sync,
    handlers,
    getClient,
    peekClient: () => cached?.client ?? null,
    statusView: () => buildStatusView({ store, getOutboxTotals: opts.getOutboxTotals }),
  };
}

/** (Re)create the periodic sync alarm from settings; clear it in on-demand-only mode. */
export async function scheduleSyncAlarm(): Promise<void> {
  const { enabled, intervalMinutes } = await readSetting(syncSettingsItem);
  if (!enabled) {
    await browser.alarms.clear(SYNC_ALARM);
    return;
  }
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing?.periodInMinutes === intervalMinutes) return;
  await browser.alarms.create(SYNC_ALARM, { periodInMinutes: intervalMinutes, delayInMinutes: intervalMinutes });
}
