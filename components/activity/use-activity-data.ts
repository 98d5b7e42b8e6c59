import { useCallback, useEffect, useState } from 'react';
import type { ActivityView } from '@/utils/view-models';
import type { ActivitySend } from './send';

/** A thrown messaging error as a sentence for the rep. */
export const unreachable = (err: unknown) => `Could not reach the extension: ${err instanceof Error ? err.message : String(err)}`;

/**
 * The background state the section renders: the rep's email (undefined while loading, null when
 * missing) and the account's recent activities (null until the first answer).
 */
export function useActivityData(send: ActivitySend, domain: string, limit: number, refreshToken?: unknown) {
  const [repEmail, setRepEmail] = useState<string | null | undefined>(undefined);
  const [items, setItems] = useState<ActivityView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(
    () =>
      send('listActivities', { domain, limit }).then(
        (list) => {
          setItems(list);
          setLoadError(null);
        },
        (err: unknown) => setLoadError(unreachable(err)),
      ),
    [send, domain, limit],
  );

  useEffect(() => {
    let live = true;
    send('getStatus', {}).then(
      (s) => live && setRepEmail(s.repEmail),
      () => live && setRepEmail(''), // status unknown: let the background answer when the rep logs
    );
    return () => {
      live = false;
    };
  }, [send]);

  useEffect(() => {
    let live = true;
    send('listActivities', { domain, limit }).then(
      (list) => live && setItems(list),
      (err: unknown) => live && setLoadError(unreachable(err)),
    );
    return () => {
      live = false;
    };
  }, [send, domain, limit, refreshToken]);

  return { repEmail, setRepEmail, items, loadError, refresh };
}
