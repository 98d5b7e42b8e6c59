// @vitest-environment node
/**
 * 401 mid-session: after successful syncs and with activities queued, the emulator stops accepting
 * the key (it was rotated). Sync pauses, the status asks for a new key, nothing queued is lost;
 * after saveApiKey with the new key, every queued activity is delivered exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setApiKey } from '../../utils/recotap/credentials';
import { needsNewKeyItem } from '../../utils/settings';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { callDraft } from '../unit/activities/helpers';
import { writeSummary } from './summary';
import { contextFor, createSystem, hubspotTab, popup, until, type System } from './system';

const OLD_KEY = 'rtp_live_old_key_0000000000000000';
const NEW_KEY = 'rtp_live_new_key_1111111111111111';
// the emulator reads this array on every request, so editing it revokes/issues keys live
const validKeys = [OLD_KEY];
let emu: RunningEmulator;
let sys: System;

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', apiKeys: validKeys });
});
afterAll(() => emu.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await setApiKey(OLD_KEY);
  sys = await createSystem({ baseUrl: emu.url });
});

describe('the key is revoked mid-session', () => {
  it('pauses sync, asks for a new key, keeps the queue, then delivers it exactly once', async () => {
    const h = sys.handlers;
    const total = emu.state.store.size;
    expect(await sys.sync.run()).toMatchObject({ phase: 'idle', cachedAccounts: total });
    emu.rescore({ count: 5, seed: 'before-revocation' });
    expect(await sys.sync.run()).toMatchObject({ phase: 'idle', accounts: 5 });

    const N = 8;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await h.logActivity(callDraft(i), hubspotTab);
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.activity.id);
    }
    sys.clock.advance(10_001); // past the undo window

    validKeys.splice(0, validKeys.length, NEW_KEY); // rotated in Recotap
    emu.rescore({ count: 3, seed: 'after-revocation' });
    const paused = await sys.sync.run();
    expect(paused).toMatchObject({ phase: 'paused-auth', lastError: { kind: 'unauthorized' } });
    expect(await needsNewKeyItem.getValue()).toBe(true);
    expect(await h.getStatus({}, popup)).toMatchObject({ configured: true, needsNewKey: true, outbox: { pending: N, sent: 0 } });
    // further runs stay paused without asking the API again
    const before = emu.requestLog.length;
    expect(await sys.sync.run()).toMatchObject({ phase: 'paused-auth' });
    expect(await h.syncNow({}, popup)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(emu.requestLog.length).toBe(before);

    const flush = await sys.outbox.flush();
    expect(flush).toMatchObject({ status: 'unauthorized', sent: 0 });
    expect(await sys.outbox.totals()).toEqual({ pending: N, sent: 0, failed: 0 });
    // a lookup the cache cannot answer (hooli.xyz is not in the seed) says why it cannot answer
    expect(await h.lookupContext(contextFor('hooli.xyz'), hubspotTab)).toMatchObject({ state: 'error', error: { kind: 'unauthorized' } });

    expect(await h.saveApiKey({ apiKey: NEW_KEY }, popup)).toEqual({ ok: true });
    expect(await needsNewKeyItem.getValue()).toBe(false);
    await until(async () => (await h.getStatus({}, popup)).sync.phase === 'idle', 'the sync started by saveApiKey');
    const status = await h.getStatus({}, popup);
    expect(status).toMatchObject({ needsNewKey: false, sync: { lastError: null, cachedAccounts: total } });

    for (let i = 0; i < 3 && (await sys.outbox.totals()).pending > 0; i++) {
      sys.clock.set(Math.max(sys.clock.now(), (await sys.outbox.nextDueAt()) ?? 0));
      await sys.outbox.flush();
    }
    expect(await sys.outbox.totals()).toEqual({ pending: 0, sent: N, failed: 0 });
    const received = [...emu.state.activities.keys()];
    expect(received.sort()).toEqual([...ids].sort());
    const posts = emu.requestLog.filter((e) => e.path.endsWith('/sales-activities'));
    writeSummary('auth-rotation', {
      queued: N, delivered: received.length, lost: N - received.length, duplicated: received.length - new Set(received).size,
      activityPosts: posts.map((p) => p.status), syncRequestsWhilePaused: 0,
    });
  });
});
