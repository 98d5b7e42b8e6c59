/**
 * Item-level reads and writes of the outbox database. Every state change that must not race
 * (undo vs. send, claiming a batch) happens inside one readwrite transaction.
 */
import type { ActivityView } from '../view-models';
import type { OutboxDb, OutboxItem } from './db';

/** States in which an item still has to reach Recotap. */
export const OPEN_STATES = ['undoable', 'pending', 'sending'] as const;

/** The view of an item: internal fields dropped, an expired undo window shown as 'pending'. */
export function toView(item: OutboxItem, now: number): ActivityView {
  const undoOpen = item.state === 'undoable' && item.undoUntil !== null && Date.parse(item.undoUntil) > now;
  return {
    id: item.id,
    draft: item.draft,
    state: item.state === 'undoable' && !undoOpen ? 'pending' : item.state,
    reason: item.reason,
    createdAt: item.createdAt,
    undoUntil: undoOpen ? item.undoUntil : null,
    attempts: item.attempts,
    sentAt: item.sentAt,
  };
}

/** Earliest epoch ms at which an open item may be sent (ignoring backoff when `force`). */
export function dueAt(item: OutboxItem, force = false): number {
  const undo = item.state === 'undoable' && item.undoUntil ? Date.parse(item.undoUntil) : 0;
  // 'sending' items belong to a flush that died: whoever holds the lease now may re-send them at once
  const backoff = force || item.state === 'sending' ? 0 : item.nextAttemptAt;
  return Math.max(undo, backoff);
}

/** All items that still have to reach Recotap, oldest first. */
export async function openItems(db: OutboxDb): Promise<OutboxItem[]> {
  const groups = await Promise.all(OPEN_STATES.map((s) => db.getAllFromIndex('items', 'state', s)));
  return groups.flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Claims up to `limit` due items for sending: re-checked inside the transaction, so an item undone
 * a moment ago is never sent, and marked 'sending' so a crash leaves a trace to re-send.
 * `exclude` holds the ids this flush already tried, so one flush never loops on the same item.
 */
export async function claimDue(
  db: OutboxDb, now: number, limit: number, force: boolean, exclude: ReadonlySet<string>,
): Promise<OutboxItem[]> {
  const candidates = (await openItems(db)).filter((i) => !exclude.has(i.id) && dueAt(i, force) <= now).slice(0, limit);
  const tx = db.transaction('items', 'readwrite');
  const claimed: OutboxItem[] = [];
  for (const c of candidates) {
    const item = await tx.store.get(c.id);
    if (!item || !OPEN_STATES.includes(item.state as (typeof OPEN_STATES)[number]) || dueAt(item, force) > now) continue;
    const next: OutboxItem = { ...item, state: 'sending', undoUntil: null, sendingSince: now };
    await tx.store.put(next);
    claimed.push(next);
  }
  await tx.done;
  return claimed;
}

/** Applies `patch(item)` to each listed item that still exists, in one transaction. */
export async function updateItems(
  db: OutboxDb,
  ids: readonly string[],
  patch: (item: OutboxItem) => Partial<OutboxItem> | null,
): Promise<void> {
  const tx = db.transaction('items', 'readwrite');
  for (const id of ids) {
    const item = await tx.store.get(id);
    const change = item ? patch(item) : null;
    if (item && change) await tx.store.put({ ...item, ...change });
  }
  await tx.done;
}

/** Puts items whose batch was interrupted back to 'pending' (no attempt counted). */
export function releaseSending(db: OutboxDb, ids: readonly string[]): Promise<void> {
  return updateItems(db, ids, (i) => (i.state === 'sending' ? { state: 'pending', sendingSince: null } : null));
}

/** Pushes every open item's next attempt to at least `until` (a server-wide backoff). */
export async function deferOpen(db: OutboxDb, until: number): Promise<void> {
  const ids = (await openItems(db)).map((i) => i.id);
  await updateItems(db, ids, (i) => (i.nextAttemptAt < until ? { nextAttemptAt: until } : null));
}
