// @vitest-environment node
/**
 * Stress: 200 activities through 5xx (20%), 429 bursts, hanging requests, answers lost after the
 * server stored the batch, and workers killed mid-flush. The emulator must end with exactly 200
 * activities: none lost, none duplicated. Prints the figures for docs/reliability.md.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isDuplicateActivityError } from '../../../utils/recotap';
import type { FlushResult } from '../../../utils/activities';
import type { RunningEmulator } from '../../emulator/index.ts';
import { callDraft, createClock, freshDb } from './helpers';
import { activityPosts, emulatorClient, mortalClient, outboxFor, startTestEmulator } from './harness';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

/** Small seeded PRNG so the run is repeatable. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it('delivers 200 activities exactly once through faults and restarts', async () => {
  const rnd = mulberry32(20261127);
  const clock = createClock();
  const db = await freshDb();
  const figures = { clientAttempts: 0, clientRetries: 0, lostAnswers: 0, duplicatesRecognised: 0, kills: 0, flushes: 0, retryLater: 0, busy: 0, timeouts: 0 };

  // transport fault: the server processed the batch, the answer never arrived
  const lossyFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (rnd() < 0.1) {
      figures.lostAnswers++;
      await res.body?.cancel();
      throw new TypeError('fetch failed');
    }
    return res;
  };
  const { client: raw } = emulatorClient(emu, {
    retries: 2, timeoutMs: 300, fetch: lossyFetch, random: rnd,
    onRequest: (e) => {
      figures.clientAttempts++;
      if (e.attempt > 1) figures.clientRetries++;
      if (e.error === 'timeout') figures.timeouts++;
    },
  });
  const client: typeof raw = {
    ...raw,
    async pushSalesActivities(activities, opts) {
      const res = await raw.pushSalesActivities(activities, opts);
      figures.duplicatesRecognised += res.results.filter((r) => r.status === 'failed' && isDuplicateActivityError(r.error)).length;
      return res;
    },
  };
  const leaseMs = 60_000;
  const baseFaults = (round: number) => ({ pathPrefix: '/sales-activities', errorRate: 0.2, hangRate: 0.05, seed: `stress-${round}` });

  const drafts = new Map<string, string>();
  let outbox = outboxFor(db, clock, client, { leaseMs, random: rnd });
  for (let round = 0; round < 400; round++) {
    if (drafts.size < 200) {
      const n = Math.min(200 - drafts.size, 1 + Math.floor(rnd() * 12));
      for (let i = 0; i < n; i++) {
        const res = await outbox.add(callDraft(drafts.size));
        if (!res.ok) throw new Error(res.error.message);
        drafts.set(res.activity.id, res.activity.draft.subject!);
      }
    }
    emu.setFaults(round % 5 === 2
      ? [baseFaults(round), { pathPrefix: '/sales-activities', rate429: { burst: 4, retryAfterSec: 2 } }]
      : baseFaults(round));

    // every third worker gets killed during its flush (before or after the batch reaches the server)
    const mortal = round % 3 === 1 ? mortalClient(client, 1 + Math.floor(rnd() * 2), rnd() < 0.5) : null;
    const worker = mortal ? outboxFor(db, clock, mortal.client, { leaseMs, random: rnd }) : outbox;
    figures.flushes++;
    const outcome: FlushResult | 'died' = await Promise.race([worker.flush(), mortal ? mortal.died.then(() => 'died' as const) : new Promise<never>(() => undefined)]);
    if (outcome === 'died') {
      figures.kills++;
      outbox = outboxFor(db, clock, client, { leaseMs, random: rnd }); // the browser starts a fresh worker
    } else {
      if (outcome.status === 'retry-later') figures.retryLater++;
      if (outcome.status === 'busy') figures.busy++;
      if (mortal) outbox = outboxFor(db, clock, client, { leaseMs, random: rnd }); // idle worker stopped
    }
    const totals = await outbox.totals();
    if (drafts.size === 200 && totals.pending === 0) break;
    // the next alarm: at the next due time (or the lease expiry), at least a few seconds on
    const next = await outbox.nextDueAt();
    clock.set(Math.max(clock.now() + 10_000, next ?? 0));
  }
  emu.clearFaults();

  const stored = emu.state.activities;
  const log = emu.requestLog.filter((e) => e.method === 'POST' && e.path.endsWith('/sales-activities'));
  const table = {
    activities: drafts.size,
    storedInEmulator: stored.size,
    requestsSeenByEmulator: activityPosts(emu),
    answered2xx: log.filter((e) => e.status === 200).length,
    answered5xx: log.filter((e) => e.status >= 500).length,
    answered429: log.filter((e) => e.status === 429).length,
    hung: log.filter((e) => e.status === 0).length,
    ...figures,
    // transient failures the items went through before delivery (sum of attempts)
    itemDeferrals: (await outbox.list({ limit: 500 })).reduce((n, v) => n + v.attempts, 0),
  };
  console.log(`outbox stress figures\n${Object.entries(table).map(([k, v]) => `  ${k.padEnd(24)} ${v}`).join('\n')}`);

  expect(stored.size).toBe(200);
  expect([...stored.keys()].sort()).toEqual([...drafts.keys()].sort());
  for (const [id, subject] of drafts) expect(stored.get(id)?.subject).toBe(subject);
  expect(await outbox.totals()).toEqual({ pending: 0, sent: 200, failed: 0 });
  // every fault kind really happened, or this test would prove nothing
  expect(table.answered5xx).toBeGreaterThan(0);
  expect(table.answered429).toBeGreaterThan(0);
  expect(table.hung).toBeGreaterThan(0);
  expect(figures.lostAnswers).toBeGreaterThan(0);
  expect(figures.kills).toBeGreaterThanOrEqual(3);
  expect(figures.duplicatesRecognised).toBeGreaterThan(0);
});
