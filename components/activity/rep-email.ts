/**
 * The rep's email (the activities' ownerEmail), shared by every activity section in this page or
 * view: asked from the background once (getStatus), then kept current by the rep's own save and by
 * storage changes (the options page). Each account the rep opens used to ask again.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { repEmailSetting, watchContentSetting } from '@/utils/content-settings';
import type { ActivitySend } from './send';

/** undefined while loading, null when missing, '' when the background could not say */
export type RepEmail = string | null | undefined;

interface Cell {
  value: RepEmail;
  readonly subs: Set<() => void>;
  /** a getStatus is out or has answered (a failed one is asked again by the next section) */
  asked: boolean;
}

// one cell per sender: production has one (sendMessage); each test's fake gets its own
const cells = new WeakMap<ActivitySend, Cell>();

function set(cell: Cell, value: RepEmail) {
  cell.value = value;
  cell.subs.forEach((sub) => sub());
}

function cellFor(send: ActivitySend): Cell {
  const known = cells.get(send);
  if (known) return known;
  const cell: Cell = { value: undefined, subs: new Set(), asked: false };
  cells.set(send, cell);
  try {
    watchContentSetting(repEmailSetting, (email) => set(cell, email || null));
  } catch {
    // no storage events here (tests without a browser): the rep's own save still updates the cell
  }
  return cell;
}

/** Ask the background once per cell; a failure reads as '' (the background answers when the rep logs). */
function ask(send: ActivitySend, cell: Cell) {
  if (cell.asked) return;
  cell.asked = true;
  send('getStatus', {}).then(
    (s) => (cell.value === undefined || cell.value === '') && set(cell, s.repEmail),
    () => {
      cell.asked = false;
      if (cell.value === undefined) set(cell, '');
    },
  );
}

/** [email, setEmail]: setEmail after the background stored a new one. */
export function useRepEmail(send: ActivitySend): [RepEmail, (email: string) => void] {
  const cell = cellFor(send);
  const subscribe = useCallback(
    (onChange: () => void) => {
      cell.subs.add(onChange);
      return () => void cell.subs.delete(onChange);
    },
    [cell],
  );
  useEffect(() => ask(send, cell), [send, cell]);
  const value = useSyncExternalStore(subscribe, () => cell.value);
  return [value, useCallback((email: string) => set(cell, email), [cell])];
}
