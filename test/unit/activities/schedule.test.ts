// @vitest-environment node
/** The scheduling glue with WXT's fake browser: alarms after add, on the alarm, at start, cleared when done. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRecotapClient } from '../../../utils/recotap';
import { createOutboxScheduler, OUTBOX_ALARM, type FlushResult } from '../../../utils/activities';
import { createEmulator, DEMO_API_KEY } from '../../emulator/index.ts';
import { callDraft, createClock, freshDb } from './helpers';
import { outboxFor } from './harness';

beforeEach(() => fakeBrowser.reset());

/** The emulator mounted in-process (its Hono app's fetch), so no port is needed here. */
async function setup() {
  const emu = createEmulator({ seed: 'empty' });
  const client = createRecotapClient({
    baseUrl: 'http://recotap.test/api/v1', apiKey: DEMO_API_KEY, retries: 0,
    fetch: (input, init) => Promise.resolve(emu.app.fetch(new Request(input, init))),
  });
  const clock = createClock();
  const outbox = outboxFor(await freshDb(), clock, client);
  const results: FlushResult[] = [];
  const scheduler = createOutboxScheduler({ outbox, alarms: fakeBrowser.alarms, now: clock.now, onFlushed: (r) => results.push(r) });
  return { emu, clock, outbox, scheduler, results };
}

async function settle(cond: () => boolean) {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}

describe('outbox scheduler', () => {
  it('flushes at start, sets the alarm for the end of the undo window, sends on the alarm, then clears it', async () => {
    const { emu, clock, outbox, scheduler, results } = await setup();
    const stop = scheduler.start();
    await settle(() => results.length === 1);
    expect(results[0]).toMatchObject({ status: 'done', requests: 0 });

    const added = await outbox.add(callDraft());
    if (!added.ok) throw new Error('add failed');
    await scheduler.afterChange();
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm).toMatchObject({ scheduledTime: Date.parse(added.activity.undoUntil!), periodInMinutes: 1 });

    // another alarm name is not ours
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'sync', scheduledTime: clock.now() });
    clock.set(alarm!.scheduledTime);
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: clock.now() });
    await settle(() => results.length === 2);
    expect(results[1]).toMatchObject({ status: 'done', sent: 1 });
    expect(emu.state.activities.has(added.activity.id)).toBe(true);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();

    stop();
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: clock.now() });
    await new Promise((r) => setTimeout(r, 20));
    expect(results).toHaveLength(2);
  });

  it('keeps a repeating alarm while items wait on backoff, and reports 401 to the caller', async () => {
    const { emu, clock, outbox, scheduler, results } = await setup();
    await outbox.add(callDraft());
    clock.advance(10_000);
    emu.controls.setFaults({ pathPrefix: '/sales-activities', errorBurst: { count: 1, status: 502 } });
    const res = await scheduler.flushNow();
    expect(res?.status).toBe('retry-later');
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm?.scheduledTime).toBe(await outbox.nextDueAt());
    expect(alarm?.periodInMinutes).toBe(1);
    expect(alarm!.scheduledTime).toBeGreaterThan(clock.now());

    // a revoked key: reported to the caller (the background sets needsNewKey), alarm slowed to 15 min
    const revokedOutbox = outboxFor(await freshDb(), clock, createRecotapClient({
      baseUrl: 'http://recotap.test/api/v1', apiKey: 'revoked', retries: 0,
      fetch: (input, init) => Promise.resolve(emu.app.fetch(new Request(input, init))),
    }));
    const revoked = createOutboxScheduler({ outbox: revokedOutbox, alarms: fakeBrowser.alarms, now: clock.now, onFlushed: (r) => results.push(r) });
    await revokedOutbox.add(callDraft(2));
    clock.advance(10_000);
    await revoked.flushNow();
    expect(results.at(-1)).toMatchObject({ status: 'unauthorized', requests: 1, error: { kind: 'unauthorized' } });
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toMatchObject({ scheduledTime: clock.now() + 15 * 60_000, periodInMinutes: 15 });
    expect(await revokedOutbox.totals()).toEqual({ pending: 1, sent: 0, failed: 0 });
  });
});
