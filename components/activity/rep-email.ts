/**
 * The rep's email (the activities' ownerEmail), shared by every activity section in this page or
 * view: asked from the background once (getStatus), then kept current by the rep's own save and by
 * storage changes (the options page). Each account the rep opens used to ask again.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { repEmailSetting, watchContentSetting } from '@/utils/content-settings';
import type { ActivitySend } from './send';

/** undefined while loading, null when missing, '' when the background could not say */
export type RepEmail = string | null | undefined;

interface Cell {
  value: RepEmail;
  readonly subs: Set<() => void>;
}

// one cell per sender: production has one (sendMessage); each test's fake gets its own
const cells = new WeakMap<ActivitySend, Cell>();

function set(cell: Cell, value: RepEmail) {
  cell.value = value;
  cell.subs.forEach((sub) => sub());
}

function cellFor(send: ActivitySend): Cell {
  let cell = cells.get(send);
  if (cell) return cell;
  const created: Cell = { value: undefined, subs: new Set() };
  cell = created;
  cells.set(send, created);
  send('getStatus', {}).then(
    (s) => created.value === undefined && set(created, s.repEmail),
    () => {
      cells.delete(send); // the next section asks again
      if (created.value === undefined) set(created, ''); // let the background answer when the rep logs
    },
  );
  try {
    watchContentSetting(repEmailSetting, (email) => set(created, email || null));
  } catch {
    // no storage events here (tests without a browser): the rep's own save still updates the cell
  }
  return created;
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
  const value = useSyncExternalStore(subscribe, () => cell.value);
  return [value, useCallback((email: string) => set(cell, email), [cell])];
}
