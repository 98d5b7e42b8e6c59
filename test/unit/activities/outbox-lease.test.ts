// @vitest-environment node
/** The persisted flush lease, cancellation, and housekeeping (purgeSent). */
import { describe, expect, it } from 'vitest';
import { acquireLease, leaseExpiry, releaseLease, renewLease } from '../../../utils/activities/lease';
import { createRecotapClient } from '../../../utils/recotap';
import { createEmulator, DEMO_API_KEY } from '../../emulator/index.ts';
import { createClock, freshDb } from './helpers';
import { addCalls, outboxFor } from './harness';

function inProcessClient(emu: ReturnType<typeof createEmulator>) {
  return createRecotapClient({
    baseUrl: 'http://recotap.test/api/v1', apiKey: DEMO_API_KEY, retries: 0,
    fetch: (input, init) => Promise.resolve(emu.app.fetch(new Request(input, init))),
  });
}

describe('flush lease', () => {
  it('is exclusive until it expires, renewable only by its holder, and released on demand', async () => {
    const db = await freshDb();
    expect(await acquireLease(db, 'a', 1000, 500)).toBe(true);
    expect(await acquireLease(db, 'b', 1200, 500)).toBe(false);
    expect(await renewLease(db, 'a', 1400, 500)).toBe(true);
    expect(await leaseExpiry(db)).toBe(1900);
    expect(await acquireLease(db, 'b', 1899, 500)).toBe(false);
    // a holder that stalled past the expiry loses the lease and must stop sending
    expect(await acquireLease(db, 'b', 1901, 500)).toBe(true);
    expect(await renewLease(db, 'a', 1950, 500)).toBe(false);
    await releaseLease(db, 'a');
    expect(await leaseExpiry(db)).toBe(2401);
    await releaseLease(db, 'b');
    expect(await leaseExpiry(db)).toBe(0);
  });
});

describe('sole instance (the background after a worker restart)', () => {
  it("breaks a dead worker's lease at start instead of waiting for it to lapse, and still delivers once", async () => {
    const emu = createEmulator({ seed: 'empty' });
    const clock = createClock();
    const db = await freshDb();
    const first = outboxFor(db, clock, inProcessClient(emu));
    await addCalls(first, clock, 5);
    // the previous worker died holding the lease (3 minutes left on it)
    expect(await acquireLease(db, 'dead-worker', clock.now(), 180_000)).toBe(true);
    expect(await outboxFor(db, clock, inProcessClient(emu)).flush()).toMatchObject({ status: 'busy', sent: 0 });

    const restarted = outboxFor(db, clock, inProcessClient(emu), { soleInstance: true });
    expect(await restarted.flush()).toMatchObject({ status: 'done', sent: 5 });
    expect(emu.state.activities.size).toBe(5);
    emu.controls.shutdown();
  });
});

describe('cancellation', () => {
  it('an aborted flush puts its batch back untouched and frees the lease', async () => {
    const emu = createEmulator({ seed: 'empty', faults: { pathPrefix: '/sales-activities', latencyMs: 300 } });
    const clock = createClock();
    const db = await freshDb();
    const outbox = outboxFor(db, clock, inProcessClient(emu));
    await addCalls(outbox, clock, 10);
    const ctl = new AbortController();
    const running = outbox.flush({ signal: ctl.signal });
    setTimeout(() => ctl.abort(), 30);
    expect(await running).toMatchObject({ status: 'aborted', sent: 0 });
    const list = await outbox.list();
    expect(list.every((v) => v.state === 'pending' && v.attempts === 0)).toBe(true);
    expect(await leaseExpiry(db)).toBe(0);

    emu.controls.clearFaults();
    const other = outboxFor(db, clock, inProcessClient(emu));
    expect(await other.flush()).toMatchObject({ status: 'done', sent: 10 });
    expect(emu.state.activities.size).toBe(10);
    emu.controls.shutdown();
  });
});

describe('purgeSent', () => {
  it('deletes only sent items older than the cut-off', async () => {
    const emu = createEmulator({ seed: 'empty' });
    const clock = createClock();
    const outbox = outboxFor(await freshDb(), clock, inProcessClient(emu));
    await addCalls(outbox, clock, 3);
    await outbox.flush();
    clock.advance(10 * 86_400_000);
    await addCalls(outbox, clock, 2, 10);
    await outbox.flush();
    await addCalls(outbox, clock, 1, 20); // still pending
    clock.advance(1000);
    expect(await outbox.purgeSent(7 * 86_400_000)).toBe(3);
    expect(await outbox.totals()).toEqual({ pending: 1, sent: 2, failed: 0 });
  });
});
