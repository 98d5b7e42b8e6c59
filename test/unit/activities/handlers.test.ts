/** The activity message handlers: payload validation at the boundary, results per ResponseMap. */
import { describe, expect, it } from 'vitest';
import { createActivityHandlers, createOutbox, MISSING_OWNER_EMAIL } from '../../../utils/activities';
import { callDraft, createClock, emailDraft, freshDb, REP_EMAIL } from './helpers';

async function setup(email: string | null = REP_EMAIL) {
  const clock = createClock();
  const db = await freshDb();
  const outbox = createOutbox({ db, client: () => null, getOwnerEmail: async () => email, now: clock.now });
  let changes = 0;
  const handlers = createActivityHandlers({ outbox, afterChange: () => changes++ });
  return { clock, db, outbox, handlers, changes: () => changes };
}

describe('activity handlers', () => {
  it('logActivity returns the stored view, or a validation error naming the field', async () => {
    const { handlers, changes } = await setup();
    const ok = await handlers.logActivity(callDraft());
    expect(ok).toMatchObject({ ok: true, activity: { state: 'undoable', draft: { domain: 'acmerobotics.com' } } });
    expect(changes()).toBe(1);
    const bad = await handlers.logActivity({ ...emailDraft(), domain: '' });
    expect(bad).toEqual({ ok: false, error: { kind: 'validation', message: 'domain: Domain is required', retryable: false } });
    expect(await handlers.logActivity('not an object')).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(changes()).toBe(1);
  });

  it('logActivity asks for the rep e-mail when it is missing', async () => {
    const { handlers } = await setup(null);
    expect(await handlers.logActivity(callDraft())).toMatchObject({ ok: false, error: { message: MISSING_OWNER_EMAIL } });
  });

  it('undoActivity works inside the window and says why not afterwards', async () => {
    const { handlers, clock } = await setup();
    const a = await handlers.logActivity(callDraft(1));
    const b = await handlers.logActivity(callDraft(2));
    if (!a.ok || !b.ok) throw new Error('log failed');
    expect(await handlers.undoActivity({ id: a.activity.id })).toEqual({ ok: true });
    clock.advance(10_000);
    expect(await handlers.undoActivity({ id: b.activity.id })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await handlers.undoActivity({ id: '' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('retryActivity validates the edited draft and requeues a failed item', async () => {
    const { handlers, db } = await setup();
    const a = await handlers.logActivity(callDraft(1));
    if (!a.ok) throw new Error('log failed');
    const item = await db.get('items', a.activity.id);
    await db.put('items', { ...item!, state: 'failed', reason: 'ownerEmail: ownerEmail must be an email' });
    expect(await handlers.retryActivity({ id: a.activity.id, draft: { ...callDraft(1), contacts: [] } })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await handlers.retryActivity({ id: a.activity.id, draft: callDraft(9) })).toEqual({ ok: true });
    const [view] = await handlers.listActivities({});
    expect(view).toMatchObject({ id: a.activity.id, state: 'pending', reason: null, draft: { subject: 'Discovery call #9' } });
    expect(await handlers.retryActivity({ id: 'unknown' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('listActivities filters by domain, applies the default limit and rejects bad payloads', async () => {
    const { handlers } = await setup();
    for (let i = 0; i < 55; i++) await handlers.logActivity(i % 5 === 0 ? emailDraft(i) : callDraft(i));
    expect(await handlers.listActivities({})).toHaveLength(50);
    expect(await handlers.listActivities({ domain: 'globex-analytics.io', limit: 500 })).toHaveLength(11);
    await expect(handlers.listActivities({ limit: 0 })).rejects.toThrow(/listActivities/);
  });
});
