// @vitest-environment node
/**
 * Fault matrix: every emulator fault × {lookup, sync (full + delta), outbox flush}, over HTTP with
 * the real client, resolver, sync engine and outbox on fake-indexeddb. While the fault lasts the
 * system answers with a clear state; once it is cleared, nothing is missing and nothing is doubled.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setApiKey } from '../../utils/recotap/credentials';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { callDraft } from '../unit/activities/helpers';
import { FAULT_CASES, type Expect, type FaultCase } from './faults';
import { writeSummary } from './summary';
import { contextFor, createSystem, hubspotTab, popup, until, type System } from './system';

type Path = 'lookup' | 'sync' | 'outbox';
interface Row { fault: string; path: Path; outcome: 'ok' | 'failed'; errorKind: string | null; requests: number; faultsInjected: number; clientRetries: number; lost: number; duplicated: number }

const rows: Row[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
let emu: RunningEmulator;
let sys: System;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  emu = await startEmulator({ seed: 'demo' });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await emu.close();
  const by = (o: Row['outcome']) => rows.filter((r) => r.outcome === o).length;
  const sum = (k: 'requests' | 'faultsInjected' | 'clientRetries' | 'lost' | 'duplicated') => rows.reduce((n, r) => n + r[k], 0);
  writeSummary('fault-matrix', {
    cells: rows.length, workedThrough: by('ok'), failedVisibly: by('failed'), requests: sum('requests'),
    faultsInjected: sum('faultsInjected'), clientRetries: sum('clientRetries'), lost: sum('lost'), duplicated: sum('duplicated'),
    unhandledRejections: unhandled.length, rows,
  });
});
beforeEach(async () => {
  fakeBrowser.reset();
  emu.reset('demo');
  emu.clearFaults();
  emu.resetLog();
  await setApiKey(emu.apiKey);
  sys = await createSystem({ baseUrl: emu.url });
});

/** Opens and closes fault windows, counting the requests made and the faults injected inside them. */
function faultWindows(c: FaultCase, path: Path) {
  // these apply to every matching request; the others show up as a non-200 status (0 = hung)
  const always = c.fault.latencyMs !== undefined || c.fault.malformedJsonRate === 1 || (c.fault.schemaDrift !== undefined && path !== 'outbox');
  const counts = { requests: 0, faultsInjected: 0, clientRetries: 0 };
  let from = 0;
  let evFrom = 0;
  return {
    counts,
    open() {
      from = emu.requestLog.length;
      evFrom = sys.events.length;
      emu.setFaults(c.fault);
    },
    close() {
      emu.clearFaults();
      const seen = emu.requestLog.slice(from);
      counts.requests += seen.length;
      counts.faultsInjected += seen.filter((e) => always || e.status !== 200).length;
      counts.clientRetries += sys.events.slice(evFrom).filter((e) => e.attempt > 1).length;
    },
  };
}

function check(expected: Expect, ok: boolean, c: FaultCase, kind: string | null | undefined) {
  if (expected !== 'either') expect(ok ? 'ok' : 'fails').toBe(expected);
  if (!ok) expect(c.kinds).toContain(kind);
}

function record(c: FaultCase, path: Path, ok: boolean, kind: string | null, counts: ReturnType<typeof faultWindows>['counts'], lost = 0, duplicated = 0) {
  rows.push({ fault: c.name, path, outcome: ok ? 'ok' : 'failed', errorKind: kind, ...counts, lost, duplicated });
}

describe.each(FAULT_CASES)('$name', (c) => {
  it('lookup: cached → found + stale with refreshError; uncached → a specific error; then found', async () => {
    const h = sys.handlers;
    const cached = await h.lookupContext(contextFor('globex-analytics.io'), hubspotTab);
    expect(cached).toMatchObject({ state: 'found', stale: false });
    sys.clock.advance(2 * 60 * 60_000); // past the 1 h TTL
    const w = faultWindows(c, 'lookup');
    w.open();

    const stale = await h.lookupContext(contextFor('globex-analytics.io'), hubspotTab);
    expect(stale).toMatchObject({ state: 'found', stale: true, account: { name: 'Globex Analytics' } });
    await until(() => sys.pushes.length > 0, 'the revalidated answer');
    const fresher = sys.pushes[0]!;
    expect(fresher.state).toBe('found');
    if (fresher.state !== 'found') return;
    check(c.lookup, fresher.refreshError === null, c, fresher.refreshError?.kind);
    expect(fresher.stale).toBe(fresher.refreshError !== null);
    w.close();

    w.open(); // bursts start again for the uncached lookup
    const fresh = await h.lookupContext(contextFor('acmerobotics.com'), hubspotTab);
    const ok = fresh.state === 'found';
    const kind = fresh.state === 'error' ? fresh.error.kind : null;
    if (!ok) {
      expect(fresh.state).toBe('error');
      if (fresh.state === 'error') expect(fresh.error.message.length).toBeGreaterThan(10);
    }
    check(c.lookup, ok, c, kind);
    w.close();
    record(c, 'lookup', ok && fresher.refreshError === null, kind ?? fresher.refreshError?.kind ?? null, w.counts);
    expect(await h.lookupContext(contextFor('acmerobotics.com'), hubspotTab)).toMatchObject({ state: 'found', account: { name: 'Acme Robotics' } });
  });

  it('sync: full and delta show backoff + lastError, then complete with every account exactly once', async () => {
    const total = emu.state.store.size;
    const w = faultWindows(c, 'sync');
    w.open();
    const during = await sys.sync.run({ full: true });
    w.close();
    const fullOk = during.phase === 'idle' && during.lastError === null;
    check(c.sync, fullOk, c, during.lastError?.kind);
    if (!fullOk) {
      expect(during.phase).toBe('backoff');
      const status = await sys.handlers.getStatus({}, popup);
      expect(status.sync).toMatchObject({ phase: 'backoff', lastError: { kind: during.lastError!.kind } });
    }
    const after = fullOk ? during : await sys.sync.run({ force: true });
    expect(after).toMatchObject({ phase: 'idle', lastError: null, accounts: total, cachedAccounts: total });
    for (const a of emu.state.store.all()) expect((await sys.store.getById(a.rtp_aid))?.row.rtp_account_score).toBe(a.rtp_account_score);

    // delta: 10 rescored accounts arrive through the fault (or after it), each exactly once
    const changed = emu.rescore({ count: 10, seed: `delta-${c.name}` });
    w.open();
    const delta = await sys.sync.run();
    w.close();
    const deltaOk = delta.phase === 'idle' && delta.lastError === null;
    check(c.sync, deltaOk, c, delta.lastError?.kind);
    if (!deltaOk) expect(delta.phase).toBe('backoff');
    const done = deltaOk ? delta : await sys.sync.run({ force: true });
    expect(done).toMatchObject({ phase: 'idle', lastError: null, accounts: changed.length, cachedAccounts: total });
    for (const id of changed) {
      expect((await sys.store.getById(id))?.row.rtp_account_score).toBe(emu.state.store.get(id)?.rtp_account_score);
    }
    const ok = fullOk && deltaOk;
    record(c, 'sync', ok, during.lastError?.kind ?? delta.lastError?.kind ?? null, w.counts);
  });

  it('outbox: items stay pending through the fault, then each arrives exactly once', async () => {
    const N = 12;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const res = await sys.handlers.logActivity(callDraft(i), hubspotTab);
      if (!res.ok) throw new Error(res.error.message);
      ids.push(res.activity.id);
    }
    sys.clock.advance(10_001); // past the undo window
    const w = faultWindows(c, 'outbox');
    w.open();
    const during = await sys.outbox.flush();
    w.close();
    const ok = during.status === 'done';
    check(c.outbox, ok, c, during.error?.kind);
    const totals = await sys.outbox.totals();
    expect(totals.failed).toBe(0);
    expect(totals.pending + totals.sent).toBe(N);
    if (!ok) {
      expect(during.status).toBe('retry-later');
      const status = await sys.handlers.getStatus({}, popup);
      expect(status.outbox.pending).toBe(totals.pending);
      expect(totals.pending).toBeGreaterThan(0);
    }
    for (let i = 0; i < 5 && (await sys.outbox.totals()).pending > 0; i++) {
      sys.clock.set(Math.max(sys.clock.now(), (await sys.outbox.nextDueAt()) ?? 0));
      await sys.outbox.flush();
    }
    expect(await sys.outbox.totals()).toEqual({ pending: 0, sent: N, failed: 0 });
    const received = [...emu.state.activities.keys()];
    const lost = ids.filter((id) => !received.includes(id)).length;
    // a copy under a new id would be a duplicate the API cannot see: compare the contents too
    const contents = [...emu.state.activities.values()].map((a) => JSON.stringify({ ...a, externalActivityId: null, receivedAt: null }));
    const duplicated = received.filter((id) => !ids.includes(id)).length + contents.length - new Set(contents).size;
    expect({ lost, duplicated, received: received.length }).toEqual({ lost: 0, duplicated: 0, received: N });
    record(c, 'outbox', ok, during.error?.kind ?? null, w.counts, lost, duplicated);
  });
});

describe('no crash', () => {
  it('saw no unhandled rejection during the matrix', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });
});
