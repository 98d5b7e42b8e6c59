import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActivityView } from '@/utils/view-models';
import { useRepEmail } from './rep-email';
import type { ActivitySend } from './send';

/** A thrown messaging error as a sentence for the rep. */
export const unreachable = (err: unknown) => `Could not reach the extension: ${err instanceof Error ? err.message : String(err)}`;

/**
 * The background state the section renders: the rep's email (undefined while loading, null when
 * missing; shared across accounts, rep-email.ts) and the account's recent activities (null until
 * the first answer, or `initialItems` from the lookup). `refreshToken` changes re-read the list; its first value (the outbox totals
 * arriving after the section mounted) does not, since nothing moved.
 */
export function useActivityData(send: ActivitySend, domain: string, limit: number, refreshToken?: unknown, initialItems?: ActivityView[]) {
  const [repEmail, setRepEmail] = useRepEmail(send);
  const [items, setItems] = useState<ActivityView[] | null>(initialItems?.slice(0, limit) ?? null);
  // the lookup delivered the list: the first read is already done
  const skipFirstRead = useRef(initialItems !== undefined);
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

  const token = useRefreshGeneration(refreshToken);
  useEffect(() => {
    if (skipFirstRead.current) {
      skipFirstRead.current = false;
      return;
    }
    let live = true;
    send('listActivities', { domain, limit }).then(
      (list) => live && setItems(list),
      (err: unknown) => live && setLoadError(unreachable(err)),
    );
    return () => {
      live = false;
    };
  }, [send, domain, limit, token]);

  return { repEmail, setRepEmail, items, loadError, refresh };
}

/** Counts changes of `token`, not counting the first non-empty value after an empty one ('' or undefined). */
function useRefreshGeneration(token: unknown): number {
  const [seen, setSeen] = useState({ token, generation: 0 });
  if (!Object.is(seen.token, token)) {
    const firstKnown = seen.token === undefined || seen.token === '';
    setSeen({ token, generation: firstKnown ? seen.generation : seen.generation + 1 });
  }
  return seen.generation;
}
