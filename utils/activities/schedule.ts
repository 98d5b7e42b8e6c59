/**
 * When the outbox flushes, as glue the background wires once: on the 'outbox-flush' alarm (every
 * minute while anything is open, and at the next due time), when the worker starts, when the
 * browser comes back online, and after each add (at the end of its undo window). Timers go through
 * alarms because the MV3 worker may sleep between them (design.md rule 8). Everything is injected,
 * so tests drive it with wxt's fake browser.
 */
import type { FlushResult } from './flush';

export const OUTBOX_ALARM = 'outbox-flush';

export interface AlarmsLike {
  create(name: string, info: { when?: number; periodInMinutes?: number }): unknown;
  clear(name: string): Promise<unknown>;
  onAlarm: {
    addListener(cb: (alarm: { name: string }) => void): void;
    removeListener(cb: (alarm: { name: string }) => void): void;
  };
}

export interface OnlineTarget {
  addEventListener(type: 'online', cb: () => void): void;
  removeEventListener(type: 'online', cb: () => void): void;
}

export interface SchedulableOutbox {
  flush(o?: { force?: boolean }): Promise<FlushResult>;
  nextDueAt(): Promise<number | null>;
}

export interface OutboxSchedulerOptions {
  outbox: SchedulableOutbox;
  alarms: AlarmsLike;
  /** the worker's global (`self`), for the 'online' event */
  onlineTarget?: OnlineTarget;
  now?: () => number;
  periodMinutes?: number;
  /** alarm period while the key is missing or rejected */
  blockedPeriodMinutes?: number;
  /** every flush result, once the alarm follows it, e.g. to set needsNewKey on 'unauthorized' and push status */
  onFlushed?: (result: FlushResult) => void;
  onError?: (err: unknown) => void;
}

/** Builds the scheduler; call start() synchronously in the background's main(). */
export function createOutboxScheduler(o: OutboxSchedulerOptions) {
  const now = o.now ?? Date.now;
  const period = o.periodMinutes ?? 1;
  const blockedPeriod = o.blockedPeriodMinutes ?? 15;

  /**
   * Points the alarm at the next due time (repeating while items are open) or clears it. Without a
   * usable key (401, not configured) retrying every minute only repeats the refusal, so the alarm
   * slows to a safety-net period; the background calls flushNow() once a key is saved.
   */
  async function reschedule(blocked = false): Promise<number | null> {
    const next = await o.outbox.nextDueAt();
    if (next === null) await o.alarms.clear(OUTBOX_ALARM);
    else if (blocked) await o.alarms.create(OUTBOX_ALARM, { when: now() + blockedPeriod * 60_000, periodInMinutes: blockedPeriod });
    else await o.alarms.create(OUTBOX_ALARM, { when: Math.max(next, now()), periodInMinutes: period });
    return next;
  }

  /** Flushes now (force skips backoff, used when connectivity returns) and reschedules. */
  async function flushNow(force = false): Promise<FlushResult | null> {
    try {
      const result = await o.outbox.flush({ force });
      try {
        await reschedule(result.status === 'unauthorized' || result.status === 'not-configured');
      } finally {
        // after the reschedule: whoever hears of a flush finds its next alarm already set
        o.onFlushed?.(result);
      }
      return result;
    } catch (err) {
      o.onError?.(err);
      return null;
    }
  }

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === OUTBOX_ALARM) void flushNow();
  };
  const onOnline = () => void flushNow(true);

  /** Registers listeners and flushes once (browser or worker start); returns an unsubscribe. */
  function start(): () => void {
    o.alarms.onAlarm.addListener(onAlarm);
    o.onlineTarget?.addEventListener('online', onOnline);
    void flushNow();
    return () => {
      o.alarms.onAlarm.removeListener(onAlarm);
      o.onlineTarget?.removeEventListener('online', onOnline);
    };
  }

  /** After an add (or undo/retry): the alarm must fire when the undo window closes. */
  function afterChange(): Promise<number | null> {
    return reschedule().catch((err: unknown) => {
      o.onError?.(err);
      return null;
    });
  }

  return { start, flushNow, reschedule, afterChange };
}

export type OutboxScheduler = ReturnType<typeof createOutboxScheduler>;
