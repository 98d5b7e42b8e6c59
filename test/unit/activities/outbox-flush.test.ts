// @vitest-environment node
/** Flushing to the real emulator over HTTP: batching, per-item results, isolation, duplicates, retry. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { callDraft, createClock, freshDb } from './helpers';
import { activityPosts, addCalls, emulatorClient, outboxFor, putRaw, startTestEmulator } from './harness';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset('empty');
  emu.clearFaults();
});

async function setup() {
  const clock = createClock();
  const db = await freshDb();
  const { client, sleeps } = emulatorClient(emu);
  const outbox = outboxFor(db, clock, client);
  return { clock, db, client, sleeps, outbox };
}

describe('flush', () => {
  it('sends 120 activities in 3 requests of at most 50, each stored once', async () => {
    const { outbox, clock } = await setup();
    const ids = await addCalls(outbox, clock, 120);
    const res = await outbox.flush();
    expect(res).toMatchObject({ status: 'done', sent: 120, failed: 0, requests: 3 });
    expect(activityPosts(emu)).toBe(3);
    expect(emu.state.activities.size).toBe(120);
    expect([...emu.state.activities.keys()].sort()).toEqual([...ids].sort());
    const stored = emu.state.activities.get(ids[0]!);
    expect(stored).toMatchObject({ activityType: 'call', ownerEmail: 'sam.seller@lens-demo-vendor.com', callTitle: 'Call #0', direction: 'outbound' });
    expect(await outbox.totals()).toEqual({ pending: 0, sent: 120, failed: 0 });
    expect((await outbox.list({ limit: 1 }))[0]).toMatchObject({ state: 'sent', sentAt: new Date(clock.now()).toISOString() });
  });

  it('does not send during the undo window, and an undone activity never reaches Recotap', async () => {
    const { outbox, clock } = await setup();
    const a = await outbox.add(callDraft(1));
    const b = await outbox.add(callDraft(2));
    if (!a.ok || !b.ok) throw new Error('add failed');
    expect((await outbox.flush()).requests).toBe(0);
    expect(await outbox.undo(a.activity.id)).toBe(true);
    clock.advance(10_000);
    expect(await outbox.flush()).toMatchObject({ sent: 1, requests: 1 });
    expect([...emu.state.activities.keys()]).toEqual([b.activity.id]);
    expect(await outbox.undo(b.activity.id)).toBe(false);
  });

  it('isolates an item the server rejects: it fails in rep words (Recotap\'s field message kept for diagnostics), the rest are sent', async () => {
    const { outbox, clock, db } = await setup();
    const good = await addCalls(outbox, clock, 9);
    await putRaw(db, 'legacy-bad-owner', { ownerEmail: 'sam at vendor' });
    const res = await outbox.flush();
    expect(res).toMatchObject({ status: 'done', sent: 9, failed: 1 });
    // one rejected batch of 10, then each of the 10 alone
    expect(activityPosts(emu, 400)).toBe(2);
    expect(activityPosts(emu)).toBe(11);
    expect([...emu.state.activities.keys()].sort()).toEqual([...good].sort());
    const bad = (await outbox.list()).find((v) => v.id === 'legacy-bad-owner');
    expect(bad).toMatchObject({ state: 'failed', reason: "Recotap didn't accept the call or e-mail: check your work e-mail (Settings) (400)." });
    expect(bad?.reason).not.toContain('ownerEmail');
    expect((await db.get('items', 'legacy-bad-owner'))?.lastError).toBe('validation: ownerEmail: ownerEmail must be an email');
    expect(await outbox.totals()).toEqual({ pending: 0, sent: 9, failed: 1 });
  });

  it('keeps a failed item editable and resends it under the same id', async () => {
    const { outbox, db } = await setup();
    await putRaw(db, 'bad-date', { draft: { occurredAt: 'last tuesday' } });
    expect(await outbox.flush()).toMatchObject({ failed: 1, sent: 0 });
    expect(await outbox.retry('bad-date', { ...callDraft(7), occurredAt: 'still wrong' })).toMatchObject({ ok: false });
    expect(await outbox.retry('bad-date', callDraft(7))).toEqual({ ok: true });
    expect(await outbox.flush()).toMatchObject({ sent: 1 });
    expect(emu.state.activities.get('bad-date')).toMatchObject({ subject: 'Discovery call #7' });
    expect(await outbox.retry('bad-date')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('marks an unsupported type skipped with an explanation', async () => {
    const { outbox, db } = await setup();
    await putRaw(db, 'a-meeting', { draft: { activityType: 'meeting' as 'call' } });
    expect(await outbox.flush()).toMatchObject({ skipped: 1, sent: 0 });
    expect((await outbox.list())[0]).toMatchObject({ state: 'skipped', reason: 'Recotap skipped this activity: it accepts only calls and e-mails.' });
    expect(await outbox.totals()).toEqual({ pending: 0, sent: 0, failed: 1 });
  });

  it('counts a re-sent batch that the server already stored as sent, storing each once', async () => {
    const { outbox, clock, db, client } = await setup();
    const ids = await addCalls(outbox, clock, 30);
    // the first send arrived but its answer was lost: simulate by delivering the same payloads directly
    const { toApiActivity } = await import('../../../utils/activities/payload');
    const items = await Promise.all(ids.slice(0, 20).map((id) => db.get('items', id)));
    const first = await client.pushSalesActivities(items.map((i) => toApiActivity(i!)));
    expect(first.summary).toMatchObject({ created: 20 });
    const res = await outbox.flush();
    expect(res).toMatchObject({ status: 'done', sent: 30, failed: 0 });
    expect(emu.state.activities.size).toBe(30);
    expect(await outbox.totals()).toEqual({ pending: 0, sent: 30, failed: 0 });
  });

  it('shares one run between concurrent flush calls and keeps a second instance out with the lease', async () => {
    const { outbox, clock, db, client } = await setup();
    await addCalls(outbox, clock, 60);
    const other = outboxFor(db, clock, client);
    const [a, b, c] = await Promise.all([outbox.flush(), outbox.flush(), other.flush()]);
    expect(a).toBe(b);
    expect(c.status).toBe('busy');
    expect(a).toMatchObject({ sent: 60, requests: 2 });
    expect(activityPosts(emu)).toBe(2);
  });
});
