/** Outbox behaviour that needs no server: add, validation, undo, listing, totals, scheduling data. */
import { describe, expect, it } from 'vitest';
import { createOutbox, MISSING_OWNER_EMAIL } from '../../../utils/activities';
import { backoffDelay } from '../../../utils/activities/failures';
import { toApiActivity } from '../../../utils/activities/payload';
import { ActivityViewSchema } from '../../../utils/view-models';
import { callDraft, createClock, emailDraft, freshDb, REP_EMAIL } from './helpers';

async function setup(email: string | null = REP_EMAIL) {
  const clock = createClock();
  const db = await freshDb();
  let changes = 0;
  const outbox = createOutbox({ db, client: () => null, getOwnerEmail: async () => email, now: clock.now, onChange: () => changes++ });
  return { outbox, clock, db, changes: () => changes };
}

describe('add', () => {
  it('stores an undoable activity with a UUID id and a 10 s undo window', async () => {
    const { outbox, changes } = await setup();
    const res = await outbox.add(callDraft(1, { domain: 'https://www.AcmeRobotics.com/about' }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.activity.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.activity.state).toBe('undoable');
    expect(res.activity.undoUntil).toBe('2026-11-20T09:00:10.000Z');
    expect(res.activity.draft.domain).toBe('acmerobotics.com');
    expect(changes()).toBe(1);
    expect(await outbox.totals()).toEqual({ pending: 1, sent: 0, failed: 0 });
  });

  it('names the failing fields', async () => {
    const { outbox } = await setup();
    const res = await outbox.add({ ...callDraft(), contacts: [], occurredAt: 'yesterday' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.kind).toBe('validation');
    expect(res.error.message).toContain('contacts: At least one contact with an email is required');
    expect(res.error.message).toContain('occurredAt:');
    const bad = await outbox.add({ ...callDraft(), contacts: [{ email: 'nope' }] });
    expect(!bad.ok && bad.error.message).toContain('contacts.0.email: Contact email must be a valid e-mail address');
    const noDomain = await outbox.add({ ...callDraft(), domain: 'https:///path' });
    expect(!noDomain.ok && noDomain.error.message).toBe('domain: Domain is required');
    expect(await outbox.totals()).toEqual({ pending: 0, sent: 0, failed: 0 });
  });

  it('refuses without the rep e-mail, with the message the UI shows', async () => {
    const { outbox } = await setup(null);
    const res = await outbox.add(callDraft());
    expect(res).toEqual({ ok: false, error: { kind: 'validation', message: MISSING_OWNER_EMAIL, retryable: false } });
    const invalid = await (await setup('not-an-email')).outbox.add(callDraft());
    expect(!invalid.ok && invalid.error.message).toContain(MISSING_OWNER_EMAIL);
  });
});

describe('undo', () => {
  it('removes the activity inside the window only', async () => {
    const { outbox, clock } = await setup();
    const a = await outbox.add(callDraft(1));
    const b = await outbox.add(callDraft(2));
    if (!a.ok || !b.ok) throw new Error('add failed');
    clock.advance(9999);
    expect(await outbox.undo(a.activity.id)).toBe(true);
    clock.advance(1);
    expect(await outbox.undo(b.activity.id)).toBe(false);
    const list = await outbox.list();
    expect(list.map((v) => v.id)).toEqual([b.activity.id]);
    expect(list[0]).toMatchObject({ state: 'pending', undoUntil: null });
    expect(await outbox.undo('no-such-id')).toBe(false);
  });
});

describe('list, totals, nextDueAt, purgeSent', () => {
  it('lists newest first, filters by normalised domain, honours the limit', async () => {
    const { outbox, clock } = await setup();
    for (let i = 0; i < 3; i++) {
      await outbox.add(callDraft(i));
      clock.advance(1000);
      await outbox.add(emailDraft(i));
      clock.advance(1000);
    }
    const all = await outbox.list({ limit: 4 });
    expect(all.map((v) => v.draft.subject)).toEqual(['Follow-up #2', 'Discovery call #2', 'Follow-up #1', 'Discovery call #1']);
    // views carry no internal bookkeeping and satisfy the view-model schema
    expect(ActivityViewSchema.array().parse(all)).toEqual(all);
    expect(all[0]).not.toHaveProperty('ownerEmail');
    const acme = await outbox.list({ domain: 'WWW.acmerobotics.com' });
    expect(acme).toHaveLength(3);
    expect(acme.every((v) => v.draft.domain === 'acmerobotics.com')).toBe(true);
  });

  it('as the sole instance answers a domain without items from memory, and never misses an item', async () => {
    const clock = createClock();
    const db = await freshDb();
    // an earlier worker's item
    const earlier = createOutbox({ db, client: () => null, getOwnerEmail: async () => REP_EMAIL, now: clock.now });
    await earlier.add(callDraft(1, { domain: 'acmerobotics.com' }));
    // count the transactions on 'items' this worker's outbox opens
    let reads = 0;
    const counted = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver) as unknown;
        return (names: 'items' | 'meta', ...rest: [IDBTransactionMode?]) => {
          if ([names].flat().includes('items')) reads++;
          return target.transaction(names, ...rest);
        };
      },
    });
    const outbox = createOutbox({ db: counted, soleInstance: true, client: () => null, getOwnerEmail: async () => REP_EMAIL, now: clock.now });
    expect((await outbox.list({ domain: 'www.AcmeRobotics.com' })).map((v) => v.draft.subject)).toEqual(['Discovery call #1']);
    const before = reads;
    for (let i = 0; i < 3; i++) expect(await outbox.list({ domain: 'nobody.example' })).toEqual([]);
    expect(reads).toBe(before); // no read for a domain with no items
    // its own items are listed at once, also when the first list and the add overlap
    const overlapping = outbox.list({ domain: 'globex-analytics.io' });
    await outbox.add(emailDraft(2, { domain: 'globex-analytics.io' }));
    await overlapping;
    expect((await outbox.list({ domain: 'globex-analytics.io' })).map((v) => v.draft.subject)).toEqual(['Follow-up #2']);
    // a retry that moves a failed activity to another domain lists it there
    const [acme] = await db.getAll('items');
    await db.put('items', { ...acme!, state: 'failed' });
    expect(await outbox.retry(acme!.id, callDraft(1, { domain: 'initech.example' }))).toEqual({ ok: true });
    expect((await outbox.list({ domain: 'initech.example' })).map((v) => v.id)).toEqual([acme!.id]);
    // without soleInstance every list reads (another instance may have added items)
    const shared = createOutbox({ db: counted, client: () => null, getOwnerEmail: async () => REP_EMAIL, now: clock.now });
    const was = reads;
    await shared.list({ domain: 'nobody.example' });
    await shared.list({ domain: 'nobody.example' });
    expect(reads).toBe(was + 2);
    await earlier.add(callDraft(3, { domain: 'nobody.example' }));
    expect(await shared.list({ domain: 'nobody.example' })).toHaveLength(1);
  });

  it('reports the next due time: the end of the undo window, null when empty', async () => {
    const { outbox, clock } = await setup();
    expect(await outbox.nextDueAt()).toBeNull();
    await outbox.add(callDraft());
    expect(await outbox.nextDueAt()).toBe(clock.now() + 10_000);
  });

  it('flush without a configured client keeps everything', async () => {
    const { outbox, clock } = await setup();
    await outbox.add(callDraft());
    clock.advance(10_000);
    expect((await outbox.flush()).status).toBe('not-configured');
    expect(await outbox.totals()).toEqual({ pending: 1, sent: 0, failed: 0 });
    // the background resolves its client asynchronously (the key lives in storage)
    const later = createOutbox({ db: await freshDb(), client: async () => null, getOwnerEmail: async () => REP_EMAIL, now: clock.now });
    expect((await later.flush()).status).toBe('not-configured');
  });
});

describe('payload and backoff', () => {
  const base = { state: 'pending' as const, reason: null, createdAt: '', undoUntil: null, attempts: 0, sentAt: null, nextAttemptAt: 0, ownerEmail: REP_EMAIL, lastError: null, sendingSince: null };

  it('sends call fields only for calls and email fields only for emails', () => {
    const call = toApiActivity({ ...base, id: 'c1', draft: { ...callDraft(), openCount: 3 } });
    expect(call).toMatchObject({ externalActivityId: 'c1', activityType: 'call', ownerEmail: REP_EMAIL, callTitle: 'Call #0', direction: 'outbound', durationMinutes: 12, outcome: 'Connected' });
    expect(call).not.toHaveProperty('openCount');
    const email = toApiActivity({ ...base, id: 'e1', draft: { ...emailDraft(), outcome: 'Connected' } });
    expect(email).toMatchObject({ activityType: 'email', openCount: 2, clickCount: 1, subject: 'Follow-up #0' });
    expect(email).not.toHaveProperty('outcome');
    expect(email).not.toHaveProperty('accountName');
    expect(email.contacts).toEqual([{ email: 'priya.raman@globex-analytics.io' }]);
  });

  it('grows exponentially with jitter, caps, and never undercuts Retry-After', () => {
    const o = { baseMs: 1000, maxMs: 60_000, random: () => 1 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, undefined, o))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, undefined, o)).toBe(60_000);
    expect(backoffDelay(1, undefined, { ...o, random: () => 0 })).toBe(500);
    expect(backoffDelay(1, 120_000, o)).toBe(120_000);
  });
});
