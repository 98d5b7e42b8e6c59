// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { MoveRecord } from '../../../utils/accounts/movers';
import { createBackgroundServices } from '../../../utils/background/services';
import { DEMO_API_KEY } from '../../emulator/index.ts';
import { hubspotCtx, hubspotTab, hubspotUrl, popup, withBackgroundServices } from './services-fixture';

const synced: MoveRecord[][] = [];
const queries: [number, string][] = [];

const bg = withBackgroundServices({
  build: () =>
    createBackgroundServices({
      framedCrmPanel: false,
      pushUpdate: () => undefined,
      onMoves: (moves) => void synced.push(moves),
      showTabQuery: async (tabId, q) => void queries.push([tabId, q]),
    }),
  prepare: async (services) => {
    await services.handlers.clearLocalData({}, popup);
    await services.handlers.saveApiKey({ apiKey: DEMO_API_KEY }, popup);
    await services.sync.run({ force: true });
  },
});

describe('movers messages', () => {
  it('watches a viewed account with its page, and lists it with old → new after a delta sync', async () => {
    const h = bg.services.handlers;
    const found = await h.lookupContext(hubspotCtx, hubspotTab);
    if (found.state !== 'found') throw new Error('acme not found');
    const rtpAid = found.account.rtpAid;
    await vi.waitFor(async () => expect(await bg.services.watch.getWatched(rtpAid)).toMatchObject({ reasons: ['viewed'], lastUrl: hubspotUrl }));
    const before = found.account.score;
    const after = before >= 50 ? 12 : 91;
    bg.emu.setAccount(rtpAid, { rtp_account_score: after });
    synced.length = 0;
    await bg.services.sync.run({ force: true });
    expect(synced.map((m) => m.map((x) => x.rtpAid))).toEqual([[rtpAid]]);
    const list = await h.listMovers({}, popup);
    expect(list.unseen).toBe(1);
    expect(list.movers).toEqual([expect.objectContaining({ rtpAid, scoreBefore: before, scoreAfter: after, lastUrl: hubspotUrl, unseen: true })]);
    expect(list.total).toBe(1);
    expect(await h.markMoversVisited({}, popup)).toEqual({ ok: true });
    expect((await h.listMovers({}, popup)).unseen).toBe(0);
    expect(await h.unwatchAccount({ rtpAid }, popup)).toEqual({ ok: true });
    expect((await h.listMovers({}, popup)).movers).toEqual([]);
  });

  it('watches pinned and added accounts; shows a mover in the side panel by query; content scripts may not ask', async () => {
    const h = bg.services.handlers;
    const globex = await h.lookupQuery({ query: 'globex-analytics.io' }, popup);
    if (globex.state !== 'found') throw new Error('globex not found');
    await h.pinAccount({ context: hubspotCtx, rtpAid: globex.account.rtpAid }, hubspotTab);
    await vi.waitFor(async () => expect((await bg.services.watch.getWatched(globex.account.rtpAid))?.reasons).toContain('pinned'));
    const added = await h.addAccount({ domain: 'movers-new.example', name: 'Movers New' }, popup);
    if (added.state !== 'found') throw new Error(`add failed: ${added.state}`);
    await vi.waitFor(async () => expect((await bg.services.watch.getWatched(added.account.rtpAid))?.reasons).toEqual(['added']));
    expect(await h.showInSidePanel({ tabId: 7, query: 'globex-analytics.io' }, popup)).toEqual({ ok: true });
    expect(queries).toContainEqual([7, 'globex-analytics.io']);
    await expect(h.listMovers({}, hubspotTab)).rejects.toThrow(/may not send/);
  });

  it('listMovers with a limit sends the first rows and the total; Top movers answers for any segment id', async () => {
    const h = bg.services.handlers;
    const all = bg.emu.state.store.all().slice(0, 3);
    for (const a of all) await bg.services.watch.watch(a.rtp_aid, 'pinned');
    for (const a of all) bg.emu.setAccount(a.rtp_aid, { rtp_account_score: (a.rtp_account_score + 40) % 100, segmentIds: ['66a0f3c21b7e4d09a5c31f88'] });
    await bg.services.sync.run({ force: true });
    const first = await h.listMovers({ limit: 2 }, popup);
    expect([first.movers.length, first.total, first.unseen]).toEqual([2, 3, 3]);
    expect((await h.listMovers({}, popup)).movers.map((m) => m.rtpAid).sort()).toEqual(all.map((a) => a.rtp_aid).sort());
    const top = await h.listTopMovers({ segmentId: '66a0f3c21b7e4d09a5c31f88', days: 7 }, popup);
    if (!top.ok) throw new Error(top.error.message);
    expect(top.movers.map((m) => m.rtpAid).sort()).toEqual(all.map((a) => a.rtp_aid).sort());
    await expect(h.listTopMovers({ segmentId: 'x', days: 7 }, hubspotTab)).rejects.toThrow(/may not send/);
  });
});
