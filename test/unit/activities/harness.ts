/**
 * The outbox against the real emulator over HTTP: one emulator per test file, a real Recotap
 * client pointed at it, and helpers to count the requests the emulator saw.
 */
import { createRecotapClient, type RecotapClientOptions } from '../../../utils/recotap';
import { createOutbox, type OutboxOptions } from '../../../utils/activities';
import type { OutboxDb, OutboxItem } from '../../../utils/activities/db';
import type { OutboxClient } from '../../../utils/activities/payload';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { REP_EMAIL, callDraft, type createClock } from './helpers';

export async function startTestEmulator(): Promise<RunningEmulator> {
  return startEmulator({ seed: 'empty' });
}

/** POST /sales-activities requests the emulator received (every attempt, whatever its answer). */
export function activityPosts(emu: RunningEmulator, status?: number): number {
  return emu.requestLog.filter((e) => e.method === 'POST' && e.path.endsWith('/sales-activities') && (status === undefined || e.status === status)).length;
}

/** A real client for the emulator; retries off unless asked, sleeps recorded instead of waited. */
export function emulatorClient(emu: RunningEmulator, over: Partial<RecotapClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createRecotapClient({
    baseUrl: emu.url,
    apiKey: emu.apiKey,
    retries: 0,
    timeoutMs: 2000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...over,
  });
  return { client, sleeps };
}

type Clock = ReturnType<typeof createClock>;

/** An outbox over `db` sending to the emulator. */
export function outboxFor(db: OutboxDb, clock: Clock, client: OutboxClient, over: Partial<OutboxOptions> = {}) {
  return createOutbox({ db, client: () => client, getOwnerEmail: async () => REP_EMAIL, now: clock.now, random: () => 0.5, backoffBaseMs: 1000, ...over });
}

/** Adds `n` call activities and moves the clock past their undo window; returns their ids. */
export async function addCalls(outbox: ReturnType<typeof createOutbox>, clock: Clock, n: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await outbox.add(callDraft(from + i));
    if (!res.ok) throw new Error(res.error.message);
    ids.push(res.activity.id);
  }
  clock.advance(10_001);
  return ids;
}

/** Stores an item as an older version of the extension might have left it (bypassing add()'s checks). */
export async function putRaw(db: OutboxDb, id: string, over: Omit<Partial<OutboxItem>, 'draft'> & { draft?: Partial<OutboxItem['draft']> }) {
  const item: OutboxItem = {
    id, state: 'pending', reason: null, createdAt: '2026-11-20T08:00:00.000Z', undoUntil: null, attempts: 0, sentAt: null,
    nextAttemptAt: 0, ownerEmail: REP_EMAIL, lastError: null, sendingSince: null,
    ...over,
    draft: { ...callDraft(), ...over.draft } as OutboxItem['draft'],
  };
  await db.put('items', item);
}

type PushClient = Pick<ReturnType<typeof createRecotapClient>, 'pushSalesActivities'>;

/**
 * A client inside a worker that gets killed: on call number `dieOnCall` it either dies before the
 * request leaves (afterDelivery false) or after the server stored the batch but before the answer
 * is read (true). A dead worker never continues, so the call then never settles, and nor does any
 * later one; the outbox object holding it is simply dropped, as the browser would.
 */
export function mortalClient(real: PushClient, dieOnCall: number, afterDelivery: boolean) {
  let calls = 0;
  let markDead = () => undefined as void;
  const died = new Promise<void>((resolve) => {
    markDead = resolve;
  });
  const never = new Promise<never>(() => undefined);
  const client: PushClient = {
    async pushSalesActivities(activities, opts) {
      calls++;
      if (calls < dieOnCall) return real.pushSalesActivities(activities, opts);
      if (calls === dieOnCall && afterDelivery) await real.pushSalesActivities(activities, opts).catch(() => undefined);
      markDead();
      return never;
    },
  };
  return { client, died };
}
