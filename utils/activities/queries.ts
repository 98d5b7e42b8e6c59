/** Read-side and housekeeping operations of the outbox: listing, totals, the next due time, purging. */
import type { ActivityView, OutboxTotals } from '../view-models';
import { normalizeApiDomain } from '../recotap/domain';
import type { OutboxDb } from './db';
import { leaseExpiry } from './lease';
import { dueAt, openItems, toView } from './store';

/**
 * Builds list/totals/nextDueAt/purgeSent over the outbox database. `mayHaveItems(domain)` false:
 * the domain has no items for sure, and `list` answers it without a read.
 */
export function createOutboxQueries(
  dbp: Promise<OutboxDb>,
  now: () => number,
  onChange: () => void,
  mayHaveItems: (domain: string) => Promise<boolean> = async () => true,
) {
  /** Newest first, optionally for one domain. */
  async function list(o: { domain?: string; limit?: number } = {}): Promise<ActivityView[]> {
    const domain = o.domain ? normalizeApiDomain(o.domain) : undefined;
    if (domain !== undefined && !(await mayHaveItems(domain))) return [];
    const db = await dbp;
    const items = domain !== undefined ? await db.getAllFromIndex('items', 'domain', domain) : await db.getAll('items');
    const at = now();
    return items
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .slice(0, o.limit ?? 50)
      .map((i) => toView(i, at));
  }

  /** Counts for the status view: pending = not yet confirmed, failed includes skipped. */
  async function totals(): Promise<OutboxTotals> {
    const db = await dbp;
    const count = (s: string) => db.countFromIndex('items', 'state', s);
    const [undoable, pending, sending, sent, failed, skipped] = await Promise.all(
      ['undoable', 'pending', 'sending', 'sent', 'failed', 'skipped'].map(count),
    );
    return { pending: undoable! + pending! + sending!, sent: sent!, failed: failed! + skipped! };
  }

  /** Epoch ms when the next item becomes sendable (for the alarm), or null when nothing is open. */
  async function nextDueAt(): Promise<number | null> {
    const db = await dbp;
    const open = await openItems(db);
    if (open.length === 0) return null;
    const due = Math.min(...open.map((i) => dueAt(i)));
    return Math.max(due, await leaseExpiry(db));
  }

  /** Deletes sent items older than `olderThanMs`; returns how many. */
  async function purgeSent(olderThanMs: number): Promise<number> {
    const db = await dbp;
    const cutoff = now() - olderThanMs;
    const tx = db.transaction('items', 'readwrite');
    let removed = 0;
    for (const item of await tx.store.index('state').getAll('sent')) {
      if (item.sentAt && Date.parse(item.sentAt) < cutoff) {
        await tx.store.delete(item.id);
        removed++;
      }
    }
    await tx.done;
    if (removed > 0) onChange();
    return removed;
  }

  return { list, totals, nextDueAt, purgeSent };
}
