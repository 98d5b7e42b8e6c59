// @vitest-environment node
/** Worker restarts: items in flight when the worker died are re-sent, and each reaches Recotap once. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/index.ts';
import { createClock, freshDb } from './helpers';
import { activityPosts, addCalls, emulatorClient, mortalClient, outboxFor, startTestEmulator } from './harness';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset('empty');
  emu.clearFaults();
});

describe('restart with items in flight', () => {
  it('re-sends items left in "sending" by a dead worker; each is stored once', async () => {
    const clock = createClock();
    const db = await freshDb();
    const { client } = emulatorClient(emu);
    const first = outboxFor(db, clock, client);
    const ids = await addCalls(first, clock, 40);
    // the first worker delivered half of them, then died with every item marked 'sending'
    const { toApiActivity } = await import('../../../utils/activities/payload');
    const items = await Promise.all(ids.map((id) => db.get('items', id)));
    await client.pushSalesActivities(items.slice(0, 20).map((i) => toApiActivity(i!)));
    for (const i of items) await db.put('items', { ...i!, state: 'sending', sendingSince: clock.now() });

    const second = outboxFor(db, clock, client);
    expect(await second.nextDueAt()).toBeLessThanOrEqual(clock.now());
    expect(await second.flush()).toMatchObject({ status: 'done', sent: 40, requests: 1 });
    expect(emu.state.activities.size).toBe(40);
    expect(await second.totals()).toEqual({ pending: 0, sent: 40, failed: 0 });
  });

  for (const afterDelivery of [true, false]) {
    it(`recovers from a worker killed mid-flush ${afterDelivery ? 'after' : 'before'} the batch arrived`, async () => {
      const clock = createClock();
      const db = await freshDb();
      const { client } = emulatorClient(emu);
      const mortal = mortalClient(client, 2, afterDelivery);
      const doomed = outboxFor(db, clock, mortal.client, { leaseMs: 60_000 });
      await addCalls(doomed, clock, 120);
      void doomed.flush();
      await mortal.died;
      expect(emu.state.activities.size).toBe(afterDelivery ? 100 : 50);

      // the new worker finds the dead one's lease: it waits for the expiry instead of sending in parallel
      const next = outboxFor(db, clock, client, { leaseMs: 60_000 });
      expect((await next.flush()).status).toBe('busy');
      expect(await next.nextDueAt()).toBe(clock.now() + 60_000);
      clock.advance(60_001);
      const res = await next.flush();
      expect(res).toMatchObject({ status: 'done', sent: 70, requests: 2 });
      expect(emu.state.activities.size).toBe(120);
      expect(await next.totals()).toEqual({ pending: 0, sent: 120, failed: 0 });
      expect(activityPosts(emu)).toBe(afterDelivery ? 4 : 3);
    });
  }
});
