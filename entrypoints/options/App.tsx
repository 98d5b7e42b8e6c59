import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from '#imports';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import type { OptionsActions } from '@/components/options/options-types';
import { segmentsFromResponse } from '@/components/segments';
import { OptionsView } from '@/components/options/OptionsView';
import { useShortcuts } from '@/components/shortcuts';
import { onMessage, sendMessage } from '@/utils/messaging';
import {
  apiBaseItem,
  getEffectiveSettings,
  readSetting,
  repEmailItem,
  resolveBaseUrl,
  sitePrefsItem,
  syncSettingsItem,
  themeItem,
  type ApiBase,
  type EffectiveSettings,
} from '@/utils/settings';
import { siteAdapters } from '@/utils/sites/registry';
import type { StatusView } from '@/utils/view-models';

const SITES = siteAdapters.map((a) => ({ id: a.id, label: a.label }));

/** Ask for host access to a custom API address. Must be the first call in a click handler (user gesture). */
function requestApiAccess(base: ApiBase): Promise<boolean> {
  if (base.choice !== 'custom') return Promise.resolve(true);
  const url = new URL(base.customUrl);
  return browser.permissions.request({ origins: [`${url.protocol}//${url.hostname}/*`] }).catch(() => false);
}

/** Options container: effective settings (watched), status (1 s polling while visible + pushes), actions. */
export function OptionsApp() {
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  const [status, setStatus] = useState<StatusView | null>(null);
  const [storageBytes, setStorageBytes] = useState<number | null>(null);
  const shortcuts = useShortcuts();

  const reload = useCallback(() => {
    getEffectiveSettings().then(setSettings, () => undefined);
    navigator.storage?.estimate?.().then((e) => setStorageBytes(e.usage ?? null), () => undefined);
  }, []);

  useEffect(() => {
    reload();
    const unwatch = [apiBaseItem, repEmailItem, syncSettingsItem, sitePrefsItem, themeItem].map((item) => item.watch(reload));
    const poll = () => {
      if (document.visibilityState === 'visible') sendMessage('getStatus', {}).then(setStatus, () => undefined);
    };
    poll();
    const timer = setInterval(poll, 1000);
    let removePush: (() => void) | undefined;
    try {
      removePush = onMessage('statusChanged', ({ data }) => setStatus(data));
    } catch {
      // another listener in this page already handles pushes; polling covers us
    }
    return () => {
      unwatch.forEach((u) => u());
      clearInterval(timer);
      removePush?.();
    };
  }, [reload]);

  const actions = useMemo<OptionsActions>(
    () => ({
      async connect(apiKey, base, saveBase) {
        // first in the click handler: a custom address's permission prompt needs the user gesture
        const allowed = await requestApiAccess(base);
        if (!allowed) return { ok: false, error: { kind: 'permission', message: 'Recotap Lens needs access to that address. Allow it when the browser asks.', retryable: true } };
        const tested = await sendMessage('testConnection', { apiKey, baseUrl: resolveBaseUrl(base) });
        if (!tested.ok) return tested; // a rejected key is never saved
        // the address first: the key's first sync then starts against it
        if (saveBase) await apiBaseItem.setValue(base);
        const saved = await sendMessage('saveApiKey', { apiKey });
        return saved.ok ? tested : saved;
      },
      disconnect: () => sendMessage('saveApiKey', { apiKey: '' }),
      async saveApiBase(base) {
        if (!(await requestApiAccess(base))) return 'Recotap Lens needs access to that address. Allow it when the browser asks.';
        await apiBaseItem.setValue(base);
        return null;
      },
      saveRepEmail: (email) => repEmailItem.setValue(email),
      saveSync: (sync) => syncSettingsItem.setValue(sync),
      syncNow: () => sendMessage('syncNow', { full: false }),
      clearLocalData: () => sendMessage('clearLocalData', {}),
      async saveSitePref(siteId, patch) {
        const all = await readSetting(sitePrefsItem);
        await sitePrefsItem.setValue({ ...all, [siteId]: { ...all[siteId], ...patch } });
      },
      saveTheme: (theme) => themeItem.setValue(theme),
      confirm: (message) => window.confirm(message),
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
    }),
    [],
  );

  if (!settings) return <p>Loading settings…</p>;
  return (
    <ErrorBoundary fallback={<p>The settings page hit an error. Reload it.</p>}>
      <OptionsView model={{ settings, status, sites: SITES, storageBytes, shortcuts }} actions={actions} />
    </ErrorBoundary>
  );
}
