import { useEffect, useMemo, useState } from 'react';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { openOptionsPage } from '@/components/open-options';
import { useShortcuts } from '@/components/shortcuts';
import { PopupView, type PopupActions } from '@/components/popup/PopupView';
import { segmentsFromResponse } from '@/components/segments';
import { useSetting } from '@/components/use-setting';
import { onMessage, sendMessage } from '@/utils/messaging';
import { themeItem } from '@/utils/settings';
import type { LookupResult, StatusView } from '@/utils/view-models';

/** Popup container: wires PopupView to the background (status, search, lookups) and the active tab. */
export function PopupApp({ takeEarlyInput }: { takeEarlyInput?: () => string } = {}) {
  const theme = useSetting(themeItem) ?? 'system';
  const [status, setStatus] = useState<StatusView | null>(null);
  const [current, setCurrent] = useState<LookupResult | null>(null);
  const shortcuts = useShortcuts();

  useEffect(() => {
    sendMessage('getStatus', {}).then(setStatus, () => undefined);
    // the background records every tab's lookup; with no tabId it answers for the active tab
    sendMessage('getTabResult', {}).then((s) => setCurrent(s.result), () => undefined);
    try {
      return onMessage('statusChanged', ({ data }) => setStatus(data));
    } catch {
      return undefined;
    }
  }, []);

  const actions = useMemo<PopupActions>(
    () => ({
      lookup: (query) => sendMessage('lookupQuery', { query }),
      search: (query) => sendMessage('searchAccounts', { query, limit: 8 }),
      openOptions: () => {
        void openOptionsPage();
        window.close();
      },
      add: (input) => sendMessage('addAccount', input),
      listSegments: async () => segmentsFromResponse(await sendMessage('listSegments', {})),
    }),
    [],
  );

  return (
    <ErrorBoundary fallback={<p>Recotap Lens hit an error. Reopen the popup.</p>}>
      <PopupView theme={theme} status={status} current={current} actions={actions} takeEarlyInput={takeEarlyInput} shortcuts={shortcuts} />
    </ErrorBoundary>
  );
}
