/**
 * The background's pieces (store, resolver, sync engine, outbox, message handlers) wired like
 * utils/background/services.ts, but around a real client with small timeouts and an instant sleep,
 * so fault runs take milliseconds instead of the production 25 s timeout and 0.5 s backoff.
 */
import 'fake-indexeddb/auto';
import { openAccountsDb } from '../../utils/accounts/db';
import { createResolver } from '../../utils/accounts/resolver';
import { createAccountStore } from '../../utils/accounts/store';
import { createSyncEngine } from '../../utils/accounts/sync';
import { createActivityHandlers, createOutbox, openOutboxDb } from '../../utils/activities';
import { createHandlers } from '../../utils/background/handlers';
import { createPanelFrames } from '../../utils/background/panel-frames';
import { siteForUrl } from '../../utils/background/services';
import type { MessageSenderLike } from '../../utils/background/sender';
import { createRecotapClient, toErrorView, type RecotapClient, type RequestEvent } from '../../utils/recotap';
import { getApiKey } from '../../utils/recotap/credentials';
import { needsNewKeyItem, readSetting, syncSettingsItem, syncStatusItem } from '../../utils/settings';
import type { LookupResult } from '../../utils/view-models';

export const EXT = 'reliability-extension-id';
export const popup: MessageSenderLike = { id: EXT, url: `chrome-extension://${EXT}/options.html` };
export const HUBSPOT_URL = 'https://app.hubspot.com/contacts/123/record/0-2/456';
export const hubspotTab: MessageSenderLike = { id: EXT, url: HUBSPOT_URL, tab: { id: 7, url: HUBSPOT_URL } };
/** A HubSpot company record whose website is a demo company's domain. */
export const contextFor = (domain: string) => ({ site: 'hubspot', url: HUBSPOT_URL, recordId: '456', websites: [`https://www.${domain}`] });

/** A clock tests move by hand (backoff, TTL, undo windows). */
export function createClock(start = Date.parse('2026-11-20T09:00:00.000Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

export interface SystemOptions {
  baseUrl: string;
  timeoutMs?: number;
  retries?: number;
  repEmail?: string;
  pageSize?: number;
}

let dbCounter = 0;

/** Builds the system over fresh databases; getClient follows the stored API key like services.ts. */
export async function createSystem(opts: SystemOptions) {
  const clock = createClock();
  const events: RequestEvent[] = [];
  const pushes: LookupResult[] = [];
  const tag = `${process.pid}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
  const store = createAccountStore(await openAccountsDb(`rel-accounts-${tag}`));
  let cached: { key: string; client: RecotapClient } | null = null;

  async function getClient(): Promise<RecotapClient | null> {
    const apiKey = await getApiKey();
    if (!apiKey) return (cached = null);
    if (cached?.key !== apiKey) {
      const client = createRecotapClient({
        baseUrl: opts.baseUrl, apiKey, timeoutMs: opts.timeoutMs ?? 300, retries: opts.retries ?? 2,
        retryBaseMs: 1, maxRetryDelayMs: 60_000, sleep: async () => undefined, random: () => 0.5,
        onRequest: (e) => events.push(e),
      });
      cached = { key: apiKey, client };
    }
    return cached.client;
  }

  const settings = { ttlMs: 60 * 60_000, negativeTtlMs: 10 * 60_000, repEmail: opts.repEmail ?? '', pinned: {} };
  const resolver = createResolver({
    store, getClient, toErrorView, now: clock.now, batchWindowMs: 1,
    onUnauthorized: () => void needsNewKeyItem.setValue(true),
    getSettings: async () => settings,
  });
  const sync = createSyncEngine({
    store, getClient, toErrorView, now: clock.now, pageSize: opts.pageSize ?? 20,
    getSyncSettings: () => readSetting(syncSettingsItem),
    getNeedsNewKey: () => readSetting(needsNewKeyItem),
    setNeedsNewKey: (v) => needsNewKeyItem.setValue(v),
    getStatus: () => readSetting(syncStatusItem),
    setStatus: (s) => syncStatusItem.setValue(s),
  });
  const outbox = createOutbox({
    // the only outbox on its database, as the background's (entrypoints/background.ts)
    db: openOutboxDb(`rel-outbox-${tag}`), soleInstance: true, client: getClient, now: clock.now, random: () => 0.5,
    getOwnerEmail: async () => opts.repEmail ?? 'sam.seller@lens-demo-vendor.com', backoffBaseMs: 1000,
  });
  const panelFrames = createPanelFrames(null);
  const handlers = createHandlers({
    extensionId: EXT, extensionOrigin: `chrome-extension://${EXT}/`, siteForUrl, store, resolver, sync, getClient,
    createClient: ({ baseUrl, apiKey }) => createRecotapClient({ baseUrl, apiKey, retries: 0, timeoutMs: opts.timeoutMs ?? 300 }),
    hasHostPermission: async () => true,
    pushUpdate: (_target, result) => void pushes.push(result),
    activityHandlers: createActivityHandlers({ outbox }),
    getOutboxTotals: () => outbox.totals(),
    onKeyChanged: () => void (cached = null),
    toErrorView,
    panelFrames,
    panelFrame: (tabId) => panelFrames.get(tabId),
  });
  return { clock, events, pushes, store, resolver, sync, outbox, handlers, getClient, panelFrames };
}

export type System = Awaited<ReturnType<typeof createSystem>>;

/** Waits (in small real-time polls, never asserting on time) until `check` holds. */
export async function until(check: () => boolean | Promise<boolean>, what: string, polls = 400): Promise<void> {
  for (let i = 0; i < polls; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for: ${what}`);
}
