/**
 * The lossless sales-activity outbox (design.md, "Activity logging never loses or duplicates").
 * Each activity gets its UUID externalActivityId at creation and lives in IndexedDB until Recotap
 * confirms it; a re-sent activity that Recotap already stored comes back as a duplicate and counts
 * as delivered, so re-sending after a crash, timeout or restart is always safe.
 */
import type { ActivityView, ErrorView } from '../view-models';
import { openOutboxDb, type OutboxDb, type OutboxItem } from './db';
import { runFlush, type FlushResult } from './flush';
import { breakForeignLease } from './lease';
import type { OutboxClient } from './payload';
import { createOutboxQueries } from './queries';
import { toView, updateItems } from './store';
import { validateDraft, validateOwnerEmail } from './validate';

export interface OutboxOptions {
  db?: OutboxDb | Promise<OutboxDb>;
  /** the current client, or null without a usable key (may be async: the key lives in storage) */
  client: () => OutboxClient | null | Promise<OutboxClient | null>;
  getOwnerEmail: () => Promise<string | null>;
  now?: () => number;
  random?: () => number;
  newId?: () => string;
  undoMs?: number;
  batchSize?: number;
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onChange?: () => void;
  /**
   * This is the profile's only live outbox (the background: one worker or event page at a time).
   * A lease found at start then belongs to a worker that died mid-flush, and is broken at once
   * instead of waiting for it to lapse. Safe: whatever that worker had in flight is re-sent and
   * comes back as a duplicate, which counts as delivered. It also lets `list` answer a domain
   * that has no items from memory (see itemDomains), since no other instance adds items.
   */
  soleInstance?: boolean;
}

export type AddResult = { ok: true; activity: ActivityView } | { ok: false; error: ErrorView };
export type Outbox = ReturnType<typeof createOutbox>;

/** The distinct domains of the stored items (a key cursor over the domain index: no item is read). */
async function itemDomains(db: OutboxDb): Promise<Set<string>> {
  const out = new Set<string>();
  let cursor = await db.transaction('items').store.index('domain').openKeyCursor(null, 'nextunique');
  while (cursor) {
    out.add(cursor.key);
    cursor = await cursor.continue();
  }
  return out;
}

/** Creates the outbox over its IndexedDB database (see file comment). */
export function createOutbox(opts: OutboxOptions) {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  // 10 s: long enough for a rep to notice the confirmation and reach Undo (issue #21)
  const undoMs = opts.undoMs ?? 10_000;
  const onChange = opts.onChange ?? (() => undefined);
  const owner = newId(); // this instance's lease identity
  const dbp = Promise.resolve(opts.db ?? openOutboxDb()).then(async (db) => {
    if (opts.soleInstance) await breakForeignLease(db, owner);
    return db;
  });
  let running: Promise<FlushResult> | null = null;
  /**
   * The domains that may have items, for the sole instance: every lookup of a record asks for its
   * domain's recent activities, and most accounts have none, so their answer skips a read of this
   * database (a second IndexedDB database on the lookup's path, whose reads were often its slowest
   * step). A superset: the stored ones are read once from the domain index, each domain this
   * instance writes is added before its write, and none is removed (a stale one costs one read).
   */
  const written = new Set<string>();
  let stored: Promise<Set<string> | null> | null = null;
  async function mayHaveItems(domain: string): Promise<boolean> {
    if (!opts.soleInstance || written.has(domain)) return true;
    stored ??= dbp.then(itemDomains).catch(() => null);
    const known = await stored;
    return known === null || known.has(domain) || written.has(domain);
  }

  /** Validates and stores a new activity, undoable for `undoMs`. */
  async function add(input: unknown): Promise<AddResult> {
    const draft = validateDraft(input);
    if (!draft.ok) return draft;
    const ownerEmail = validateOwnerEmail(await opts.getOwnerEmail());
    if (!ownerEmail.ok) return ownerEmail;
    const at = now();
    const item: OutboxItem = {
      id: newId(),
      draft: draft.draft,
      state: 'undoable',
      reason: null,
      createdAt: new Date(at).toISOString(),
      undoUntil: new Date(at + undoMs).toISOString(),
      attempts: 0,
      sentAt: null,
      nextAttemptAt: 0,
      ownerEmail: ownerEmail.email,
      lastError: null,
      sendingSince: null,
    };
    written.add(item.draft.domain);
    await (await dbp).add('items', item);
    onChange();
    return { ok: true, activity: toView(item, at) };
  }

  /** Removes an activity while its undo window is open and before any send; false otherwise. */
  async function undo(id: string): Promise<boolean> {
    const db = await dbp;
    const tx = db.transaction('items', 'readwrite');
    const item = await tx.store.get(id);
    const ok = item?.state === 'undoable' && item.undoUntil !== null && Date.parse(item.undoUntil) > now();
    if (ok) await tx.store.delete(id);
    await tx.done;
    if (ok) onChange();
    return ok;
  }

  /**
   * Requeues a failed or skipped activity, optionally edited. It keeps its id: a failed or skipped
   * item was never stored by Recotap, so the id is still unused there, and keeping it means a retry
   * whose answer is lost is recognised as a duplicate rather than logged twice.
   * On a pending item (waiting on backoff) it just makes it due now.
   */
  async function retry(id: string, input?: unknown): Promise<{ ok: true } | { ok: false; error: ErrorView }> {
    const draft = input === undefined ? null : validateDraft(input);
    if (draft && !draft.ok) return draft;
    const email = validateOwnerEmail(await opts.getOwnerEmail());
    if (draft) written.add(draft.draft.domain);
    const db = await dbp;
    let found = false;
    await updateItems(db, [id], (item) => {
      const closed = item.state === 'failed' || item.state === 'skipped';
      if (!closed && item.state !== 'pending') return null;
      if (!closed && draft) return null; // editing something that may be in flight would race the send
      found = true;
      return {
        state: 'pending', reason: null, nextAttemptAt: 0, lastError: null,
        ...(draft ? { draft: draft.draft } : {}),
        // the rep may have fixed their e-mail in the options since the failure
        ...(email.ok ? { ownerEmail: email.email } : {}),
      };
    });
    if (!found) return { ok: false, error: { kind: 'not-found', message: 'This activity can no longer be retried.', retryable: false } };
    onChange();
    return { ok: true };
  }

  /** Sends due items; concurrent calls share one run, and the persisted lease keeps other instances out. */
  function flush(o: { signal?: AbortSignal; force?: boolean } = {}): Promise<FlushResult> {
    if (running) return running;
    const run = async (): Promise<FlushResult> => {
      const [db, client] = await Promise.all([dbp, opts.client()]);
      if (!client) return { status: 'not-configured', sent: 0, failed: 0, skipped: 0, requests: 0, error: null };
      return runFlush({
        db, client, now, owner, leaseMs: opts.leaseMs ?? 180_000, batchSize: opts.batchSize ?? 50,
        backoff: { baseMs: opts.backoffBaseMs ?? 15_000, maxMs: opts.backoffMaxMs ?? 30 * 60_000, random },
        force: o.force ?? false, signal: o.signal, onChange,
      });
    };
    // set synchronously, so a second call in the same tick joins this run
    running = run().finally(() => {
      running = null;
    });
    return running;
  }

  const queries = createOutboxQueries(dbp, now, onChange, mayHaveItems);

  return { add, undo, retry, flush, ...queries };
}
