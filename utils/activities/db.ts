/**
 * The outbox's IndexedDB database. Items are keyed by their externalActivityId (a UUID assigned at
 * creation), so the same id is stored once however often it is re-sent. The `meta` store holds the
 * flush lease, checkpointed because the MV3 worker may die mid-flush (design.md rule 8).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ActivityView } from '../view-models';

export const OUTBOX_DB_NAME = 'recotap-lens-outbox';

/** An ActivityView plus the bookkeeping that never leaves the background. */
export interface OutboxItem extends ActivityView {
  /** epoch ms before which the item is not sent (backoff); 0 = due */
  nextAttemptAt: number;
  /** the rep's e-mail, captured at creation (refreshed on retry) */
  ownerEmail: string;
  /** last transport error (kind + message), kept for diagnostics */
  lastError: string | null;
  /** epoch ms when the item was handed to a request; set while state is 'sending' */
  sendingSince: number | null;
}

/** The flush lease: whoever holds an unexpired lease is the only one sending. */
export interface OutboxLease {
  key: 'lease';
  owner: string;
  expiresAt: number;
}

export interface OutboxDbSchema extends DBSchema {
  items: { key: string; value: OutboxItem; indexes: { state: string; domain: string } };
  meta: { key: string; value: OutboxLease };
}

export type OutboxDb = IDBPDatabase<OutboxDbSchema>;

/** Opens (and creates or upgrades) the outbox database. */
export function openOutboxDb(name: string = OUTBOX_DB_NAME): Promise<OutboxDb> {
  return openDB<OutboxDbSchema>(name, 1, {
    upgrade(db) {
      const items = db.createObjectStore('items', { keyPath: 'id' });
      items.createIndex('state', 'state');
      items.createIndex('domain', 'draft.domain');
      db.createObjectStore('meta', { keyPath: 'key' });
    },
  });
}
