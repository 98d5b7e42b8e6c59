// @vitest-environment node
/** The outbox under transport and server faults, injected in the emulator (and, for offline, in fetch). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOutboxScheduler, OUTBOX_ALARM } from '../../../utils/activities';
import type { RunningEmulator } from '../../emulator/index.ts';
import { createClock, freshDb } from './helpers';
import { activityPosts, addCalls, emulatorClient, outboxFor, startTestEmulator } from './harness';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset('empty');
  emu.clearFaults();
  fakeBrowser.reset();
});

describe('transient failures', () => {
  it('keeps items pending with exponential backoff on 5xx, then delivers them', async () => {
    const clock = createClock();
    const db = await freshDb();
    const { client } = emulatorClient(emu);
    const outbox = outboxFor(db, clock, client);
    await addCalls(outbox, clock, 70);
    emu.setFaults({ pathPrefix: '/sales-activities', errorBurst: { count: 3, status: 503 } });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await outbox.flush();
      expect(res).toMatchObject({ status: 'retry-later', sent: 0, requests: 1, error: { kind: 'server', retryable: true } });
      const due = (await outbox.nextDueAt())!;
      delays.push(due - clock.now());
      // not due yet: a flush before the backoff ends sends nothing
      expect((await outbox.flush()).requests).toBe(0);
      clock.set(due);
    }
    // base 1000 ms with jitter 0.75 (random 0.5): 750, 1500, 3000 — doubling each time
    expect(delays).toEqual([750, 1500, 3000]);
    const list = await outbox.list({ limit: 100 });
    expect(list.every((v) => v.state === 'pending')).toBe(true);
    expect(await outbox.flush()).toMatchObject({ status: 'done', sent: 70 });
    expect(emu.state.activities.size).toBe(70);
    expect(activityPosts(emu, 503)).toBe(3);
  });

  it('honours Retry-After on 429 (outbox level and client level)', async () => {
    const clock = createClock();
    const db = await freshDb();
    const { client } = emulatorClient(emu);
    const outbox = outboxFor(db, clock, client);
    await addCalls(outbox, clock, 5);
    emu.setFaults({ pathPrefix: '/sales-activities', rate429: { burst: 1, retryAfterSec: 120 } });
    expect(await outbox.flush()).toMatchObject({ status: 'retry-later', error: { kind: 'rate-limited' } });
    expect((await outbox.nextDueAt())! - clock.now()).toBe(120_000);
    clock.advance(119_999);
    expect((await outbox.flush()).requests).toBe(0);
    clock.advance(1);
    expect(await outbox.flush()).toMatchObject({ status: 'done', sent: 5 });

    // a client that retries by itself waits the server's Retry-After (its sleep is injected)
    const retrying = emulatorClient(emu, { retries: 2 });
    const outbox2 = outboxFor(await freshDb(), clock, retrying.client);
    await addCalls(outbox2, clock, 5, 100);
    emu.setFaults({ pathPrefix: '/sales-activities', rate429: { burst: 2, retryAfterSec: 7 } });
    expect(await outbox2.flush()).toMatchObject({ status: 'done', sent: 5, requests: 1 });
    expect(retrying.sleeps).toEqual([7000, 7000]);
    expect(activityPosts(emu, 429)).toBe(3);
    expect(emu.state.activities.size).toBe(10);
  });

  it('times out a hanging request and delivers on the next attempt', async () => {
    const clock = createClock();
    const { client } = emulatorClient(emu, { timeoutMs: 150 });
    const outbox = outboxFor(await freshDb(), clock, client);
    await addCalls(outbox, clock, 3);
    emu.setFaults({ pathPrefix: '/sales-activities', hangRate: 1 });
    expect(await outbox.flush()).toMatchObject({ status: 'retry-later', error: { kind: 'timeout' } });
    expect((await outbox.list())[0]).toMatchObject({ state: 'pending', attempts: 1 });
    emu.clearFaults();
    clock.set((await outbox.nextDueAt())!);
    expect(await outbox.flush()).toMatchObject({ status: 'done', sent: 3 });
    expect(emu.state.activities.size).toBe(3);
  });
});

describe('unauthorized', () => {
  it('stops at 401 and keeps everything pending, without counting an attempt', async () => {
    const clock = createClock();
    const { client } = emulatorClient(emu, { apiKey: 'rtp_revoked_key' });
    const outbox = outboxFor(await freshDb(), clock, client);
    await addCalls(outbox, clock, 80);
    const res = await outbox.flush();
    expect(res).toMatchObject({ status: 'unauthorized', sent: 0, requests: 1, error: { kind: 'unauthorized' } });
    expect(await outbox.totals()).toEqual({ pending: 80, sent: 0, failed: 0 });
    const list = await outbox.list({ limit: 100 });
    expect(list.every((v) => v.state === 'pending' && v.attempts === 0)).toBe(true);
    expect(await outbox.nextDueAt()).toBeLessThanOrEqual(clock.now());
    expect(emu.state.activities.size).toBe(0);
  });
});

describe('forbidden (403)', () => {
  it('fails the batch with "not allowed to log" in rep words, keeps the items and does not stop the key', async () => {
    const clock = createClock();
    const { client } = emulatorClient(emu);
    const outbox = outboxFor(await freshDb(), clock, client);
    await addCalls(outbox, clock, 3);
    emu.setFaults({ pathPrefix: '/sales-activities', errorBurst: { count: 1, status: 403 } });
    const res = await outbox.flush();
    // not 'unauthorized': nothing asks for a new key, and the next flush may send
    expect(res).toMatchObject({ status: 'done', sent: 0, failed: 3, requests: 1 });
    const list = await outbox.list();
    expect(list.every((v) => v.state === 'failed')).toBe(true);
    expect(list[0]?.reason).toBe("Recotap doesn't allow this API key to log calls and e-mails (403). Ask your Recotap admin or account manager to allow it for your key.");
    expect(emu.state.activities.size).toBe(0);
    // once Recotap allows it, a resend under the same id goes through
    expect(await outbox.retry(list[0]!.id)).toEqual({ ok: true });
    expect(await outbox.flush()).toMatchObject({ status: 'done', sent: 1 });
  });
});

describe('offline, then online', () => {
  it('waits while offline and flushes at once when the browser comes back online', async () => {
    const clock = createClock();
    let online = false;
    // a transport fault the emulator cannot produce: no network at all
    const offlineFetch: typeof fetch = (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'));
    const { client } = emulatorClient(emu, { fetch: offlineFetch });
    const outbox = outboxFor(await freshDb(), clock, client, { backoffBaseMs: 60_000 });
    const target = new EventTarget();
    const results: string[] = [];
    const scheduler = createOutboxScheduler({
      outbox, alarms: fakeBrowser.alarms, onlineTarget: target, now: clock.now, onFlushed: (r) => results.push(r.status),
    });
    scheduler.start();
    await waitFor(() => results.length === 1); // the start-up flush: nothing to send yet
    await addCalls(outbox, clock, 4);
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: clock.now() });
    await waitFor(() => results.length >= 2);
    expect(results.at(-1)).toBe('retry-later');
    expect(await outbox.totals()).toEqual({ pending: 4, sent: 0, failed: 0 });
    // backed off a minute, and the alarm points there
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm?.scheduledTime).toBe(await outbox.nextDueAt());
    expect(alarm!.scheduledTime - clock.now()).toBeGreaterThanOrEqual(30_000);

    online = true;
    target.dispatchEvent(new Event('online'));
    await waitFor(() => results.at(-1) === 'done');
    expect(await outbox.totals()).toEqual({ pending: 0, sent: 4, failed: 0 });
    expect(emu.state.activities.size).toBe(4);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });
});

async function waitFor(cond: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('condition not reached');
}
