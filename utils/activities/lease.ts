/**
 * A persisted flush lease. The worker may be killed mid-flush, so an in-memory lock alone would be
 * forgotten on restart while requests were still in flight. The lease lives in IndexedDB with an
 * expiry: a dead holder's lease lapses, a live holder renews it before every request.
 * Acquire/renew run in one readwrite transaction each, which IndexedDB serialises.
 */
import type { OutboxDb } from './db';

/** Takes the lease for `owner` unless someone else holds an unexpired one. */
export async function acquireLease(db: OutboxDb, owner: string, now: number, ttlMs: number): Promise<boolean> {
  const tx = db.transaction('meta', 'readwrite');
  const current = await tx.store.get('lease');
  if (current && current.owner !== owner && current.expiresAt > now) {
    await tx.done;
    return false;
  }
  await tx.store.put({ key: 'lease', owner, expiresAt: now + ttlMs });
  await tx.done;
  return true;
}

/** Extends the lease if `owner` still holds it; false means it lapsed and someone else took over. */
export async function renewLease(db: OutboxDb, owner: string, now: number, ttlMs: number): Promise<boolean> {
  const tx = db.transaction('meta', 'readwrite');
  const current = await tx.store.get('lease');
  const mine = !current || current.owner === owner;
  if (mine) await tx.store.put({ key: 'lease', owner, expiresAt: now + ttlMs });
  await tx.done;
  return mine;
}

/** Gives the lease back so the next flush need not wait for the expiry. */
export async function releaseLease(db: OutboxDb, owner: string): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const current = await tx.store.get('lease');
  if (current?.owner === owner) await tx.store.delete('lease');
  await tx.done;
}

/** When the current lease expires (0 when free): the earliest moment another instance may flush. */
export async function leaseExpiry(db: OutboxDb): Promise<number> {
  return (await db.get('meta', 'lease'))?.expiresAt ?? 0;
}

/** Drops a lease held by anyone but `owner` (a dead worker's, when this instance is the only one alive). */
export async function breakForeignLease(db: OutboxDb, owner: string): Promise<boolean> {
  const tx = db.transaction('meta', 'readwrite');
  const current = await tx.store.get('lease');
  const foreign = !!current && current.owner !== owner;
  if (foreign) await tx.store.delete('lease');
  await tx.done;
  return foreign;
}
