/**
 * Options/popup messages: status, sync, connection test, API key, segments, local-data wipe.
 * The key goes in (saveApiKey, testConnection) but never comes back out in any response.
 */
import type { SyncEngine } from '../accounts/sync';
import type { AccountStore } from '../accounts/store';
import type { ResponseMap } from '../messaging';
import { RECOTAP_BASE_URLS, resolveBaseUrl, type RecotapClient } from '../recotap';
import { getApiKey, setApiKey } from '../recotap/credentials';
import {
  DEFAULT_SYNC_STATUS,
  needsNewKeyItem,
  readSetting,
  repEmailItem,
  syncSettingsItem,
  syncStatusItem,
} from '../settings';
import type { ErrorView, OutboxTotals, StatusView } from '../view-models';
import type { Body } from './handlers';

export interface AdminHandlerDeps {
  store: AccountStore;
  sync: Pick<SyncEngine, 'run' | 'stop'>;
  getClient: () => Promise<RecotapClient | null>;
  /** a throwaway client for testConnection (no retries: the rep is waiting) */
  createClient: (opts: { baseUrl: string; apiKey: string }) => Pick<RecotapClient, 'listAccounts'>;
  /** permissions.contains({ origins: [pattern] }) */
  hasHostPermission: (originPattern: string) => Promise<boolean>;
  getOutboxTotals?: () => Promise<OutboxTotals>;
  /** the key or base URL changed: drop cached clients */
  onKeyChanged?: () => void;
  /** "Clear local data" also forgets per-tab state (toolbar) */
  onLocalDataCleared?: () => Promise<void>;
  /** the rep's email was set: queued activities waiting for it can go */
  onRepEmailChanged?: () => void;
  toErrorView: (err: unknown) => ErrorView;
}

const fail = (kind: ErrorView['kind'], message: string, retryable = false) =>
  ({ ok: false, error: { kind, message, retryable } }) as const;

/** The StatusView of getStatus (also pushed as statusChanged). */
export async function buildStatusView(deps: Pick<AdminHandlerDeps, 'store' | 'getOutboxTotals'>): Promise<StatusView> {
  const [key, needsNewKey, repEmail, syncSettings, status, cachedAccounts, outbox] = await Promise.all([
    getApiKey(),
    readSetting(needsNewKeyItem),
    readSetting(repEmailItem),
    readSetting(syncSettingsItem),
    readSetting(syncStatusItem),
    deps.store.count(),
    deps.getOutboxTotals?.() ?? Promise.resolve({ pending: 0, sent: 0, failed: 0 }),
  ]);
  return {
    configured: key !== '',
    keyHint: key.trim() ? key.trim().slice(-4) : null,
    needsNewKey,
    repEmail: repEmail || null,
    sync: { ...status, enabled: syncSettings.enabled, cachedAccounts },
    outbox,
  };
}

/** The admin-message bodies. */
export function createAdminHandlers(deps: AdminHandlerDeps) {
  const listSegments: Body<'listSegments'> = async (): Promise<ResponseMap['listSegments']> => {
    const client = await deps.getClient();
    if (!client) return fail('unauthorized', 'Connect Recotap Lens to Recotap in Settings first.');
    try {
      const segments = await client.listSegments();
      return { ok: true, segments: segments.map((s) => ({ id: s.segmentId, name: s.name, status: s.status })) };
    } catch (e) {
      // offline or failing API: the list from the last sync is better than nothing
      const cached = await deps.store.getMeta<{ segmentId: string; name: string; status: string }[]>('segments');
      if (cached?.value.length) return { ok: true, segments: cached.value.map((s) => ({ id: s.segmentId, name: s.name, status: s.status })) };
      return { ok: false, error: deps.toErrorView(e) };
    }
  };

  const getStatus: Body<'getStatus'> = async () => buildStatusView(deps);

  const syncNow: Body<'syncNow'> = async ({ full }) => {
    if (!(await getApiKey())) return fail('unauthorized', 'Connect Recotap Lens to Recotap in Settings first.');
    if (await readSetting(needsNewKeyItem)) return fail('unauthorized', 'Recotap rejected the saved API key. Connect again with a new key in Settings.');
    if (!(await readSetting(syncSettingsItem)).enabled) {
      return fail('validation', 'Background sync is off (on-demand lookups only). Turn it on in Settings.');
    }
    void deps.sync.run({ full, force: true });
    return { ok: true };
  };

  const testConnection: Body<'testConnection'> = async ({ apiKey, baseUrl }) => {
    if (!apiKey.trim()) return fail('validation', 'Enter an API key to test.');
    let url: string;
    try {
      url = resolveBaseUrl('custom', baseUrl);
    } catch (e) {
      return { ok: false, error: deps.toErrorView(e) };
    }
    const builtIn = (Object.values(RECOTAP_BASE_URLS) as string[]).includes(url);
    if (!builtIn && !(await deps.hasHostPermission(`${new URL(url).origin}/*`))) {
      return fail('permission', `Allow Recotap Lens to reach ${new URL(url).origin} to use this Recotap address.`);
    }
    try {
      // one page of the largest size: an exact count for small teams, "more than 100" otherwise (the
      // API has no count endpoint; the first sync counts them all without the rep waiting here)
      const page = await deps.createClient({ baseUrl: url, apiKey: apiKey.trim() }).listAccounts({ limit: 100 });
      return { ok: true, accountCount: page.data.length, hasMore: page.hasNextPage };
    } catch (e) {
      return { ok: false, error: deps.toErrorView(e) };
    }
  };

  const saveApiKey: Body<'saveApiKey'> = async ({ apiKey }) => {
    await deps.sync.stop();
    await setApiKey(apiKey);
    await needsNewKeyItem.setValue(false);
    deps.onKeyChanged?.();
    if (apiKey.trim()) void deps.sync.run({ force: true });
    return { ok: true };
  };

  const clearLocalData: Body<'clearLocalData'> = async () => {
    // a running sync would otherwise mark the emptied cache as fully synced
    await deps.sync.stop();
    await deps.store.clear();
    await syncStatusItem.setValue({ ...DEFAULT_SYNC_STATUS, enabled: (await readSetting(syncSettingsItem)).enabled });
    await deps.onLocalDataCleared?.();
    return { ok: true };
  };

  const setRepEmail: Body<'setRepEmail'> = async ({ email }) => {
    await repEmailItem.setValue(email.trim().toLowerCase());
    deps.onRepEmailChanged?.();
    return { ok: true };
  };

  return { listSegments, getStatus, syncNow, testConnection, saveApiKey, clearLocalData, setRepEmail };
}
