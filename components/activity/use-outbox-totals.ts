import { useEffect, useRef, useState } from 'react';
import { onMessage } from '@/utils/messaging';
import { defaultActivitySend } from './send';
import type { OutboxTotals } from '@/utils/view-models';

/**
 * Content scripts get no statusChanged broadcast: they re-read totals while items are pending,
 * and not at all otherwise (no work while the page is idle); the rep's own actions kick a re-read.
 */
const PENDING_POLL_MS = 4000;
const kicks = new Set<() => void>();

/** The rep logged, undid or resent something: re-read totals (and poll until nothing is pending). */
export function kickOutboxTotals(): void {
  kicks.forEach((kick) => kick());
}

/** The totals, or null when the background is asleep or reloading (the last totals stay). */
function readTotals(): Promise<OutboxTotals | null> {
  // joins a getStatus already in flight (a poll flip before the first read returned, the rep-email read)
  return defaultActivitySend('getStatus', {}).then(
    (s) => s.outbox,
    () => null,
  );
}

const key = (t: OutboxTotals | null) => (t ? `${t.pending}/${t.sent}/${t.failed}` : '');

/**
 * The outbox totals as a string token for ActivitySection's refreshToken: it changes whenever an
 * item moves (Pending → Sent). Extension pages follow the statusChanged push; a content script
 * (`poll`) re-reads getStatus, quickly while something is pending and rarely otherwise.
 */
export function useOutboxTotals(opts: { poll: boolean }): string {
  const [totals, setTotals] = useState<OutboxTotals | null>(null);
  // the last totals survive `poll` flips (the panel flips it on every navigation's loading state)
  const known = useRef<OutboxTotals | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const next = await readTotals();
      if (!live) return;
      if (next) {
        known.current = next;
        setTotals(next);
      }
      clearTimeout(timer);
      if (opts.poll && next && next.pending > 0) timer = setTimeout(() => void read(), PENDING_POLL_MS);
    };
    const kick = () => void read();
    kicks.add(kick);
    // read when nothing is known yet, or to resume polling pending items; not on every flip
    const last = known.current;
    if (!last || (opts.poll && last.pending > 0)) void read();
    let off: (() => void) | undefined;
    try {
      off = onMessage('statusChanged', ({ data }) => {
        if (!live) return;
        known.current = data.outbox;
        setTotals(data.outbox);
      });
    } catch {
      off = undefined; // no messaging runtime (unit tests)
    }
    return () => {
      live = false;
      kicks.delete(kick);
      off?.();
      clearTimeout(timer);
    };
  }, [opts.poll]);

  return key(totals);
}
