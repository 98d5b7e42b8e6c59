/** Shared fixtures for the outbox tests: a fresh fake-indexeddb database, a controllable clock, drafts. */
import 'fake-indexeddb/auto';
import { openOutboxDb, type OutboxDb } from '../../../utils/activities/db';
import type { ActivityDraft } from '../../../utils/view-models';

let dbCounter = 0;

/** A database no other test touches. */
export function freshDb(): Promise<OutboxDb> {
  dbCounter++;
  return openOutboxDb(`outbox-test-${process.pid}-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

/** A clock the test moves by hand (starts at a fixed instant so ISO strings are stable). */
export function createClock(start = Date.parse('2026-11-20T09:00:00.000Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    set: (ms: number) => {
      t = ms;
    },
  };
}

/** A valid call draft; `n` varies the subject so items are distinguishable. */
export function callDraft(n = 0, over: Partial<ActivityDraft> = {}): ActivityDraft {
  return {
    activityType: 'call',
    domain: 'acmerobotics.com',
    accountName: 'Acme Robotics',
    occurredAt: '2026-11-20T08:30:00.000Z',
    subject: `Discovery call #${n}`,
    callTitle: `Call #${n}`,
    outcome: 'Connected',
    direction: 'outbound',
    durationMinutes: 12,
    contacts: [{ email: 'dana.whitfield@acmerobotics.com', name: 'Dana Whitfield' }],
    ...over,
  };
}

/** A valid email draft. */
export function emailDraft(n = 0, over: Partial<ActivityDraft> = {}): ActivityDraft {
  return {
    activityType: 'email',
    domain: 'globex-analytics.io',
    occurredAt: '2026-11-20T08:45:00.000Z',
    subject: `Follow-up #${n}`,
    openCount: 2,
    clickCount: 1,
    contacts: [{ email: 'priya.raman@globex-analytics.io' }],
    ...over,
  };
}

export const REP_EMAIL = 'sam.seller@lens-demo-vendor.com';
