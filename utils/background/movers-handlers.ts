/**
 * Movers messages (issue #17): the list of watched accounts that moved, "seen" for the Movers view,
 * Top movers of a followed segment, unwatch, and showing a mover in the side panel. Extension pages only (not content scripts).
 */
import type { WatchStore } from '../accounts/watch';
import type { MoverView } from '../messaging';
import type { Body } from './handlers';

export interface MoversHandlerDeps {
  watch?: WatchStore;
  /** record a lookup query for a tab, which its side panel then shows (toolbar tab state) */
  showTabQuery?: (tabId: number, query: string) => Promise<void>;
  /** the unseen count changed (badge) */
  onUnseenChanged?: () => void;
}

const notAvailable = { ok: false as const, error: { kind: 'internal' as const, message: 'Movers are not available.', retryable: false } };

/** The movers message bodies (validation and sender checks happen in createHandlers). */
export function createMoversHandlers(deps: MoversHandlerDeps) {
  const listMovers: Body<'listMovers'> = async ({ limit }) => {
    if (!deps.watch) return { movers: [], total: 0, unseen: 0, visitedAt: null };
    const list = await deps.watch.listMovers();
    // the rows the view shows first: their remembered pages in one transaction
    const rows = limit === undefined ? list.movers : list.movers.slice(0, limit);
    const watched = await deps.watch.getWatchedMany(rows.map((m) => m.rtpAid));
    const movers: MoverView[] = rows.map((m) => ({ ...m, lastUrl: watched.get(m.rtpAid)?.lastUrl ?? null }));
    return { ...list, movers, total: list.movers.length };
  };
  const markMoversVisited: Body<'markMoversVisited'> = async () => {
    if (!deps.watch) return notAvailable;
    await deps.watch.markVisited();
    deps.onUnseenChanged?.();
    return { ok: true };
  };
  const listTopMovers: Body<'listTopMovers'> = async ({ segmentId, days }) => {
    if (!deps.watch) return notAvailable;
    return { ok: true, ...(await deps.watch.topMovers(segmentId, days)) };
  };
  const unwatchAccount: Body<'unwatchAccount'> = async ({ rtpAid }) => {
    if (!deps.watch) return notAvailable;
    await deps.watch.unwatch(rtpAid);
    deps.onUnseenChanged?.();
    return { ok: true };
  };
  const showInSidePanel: Body<'showInSidePanel'> = async ({ tabId, query }) => {
    if (!deps.showTabQuery) return notAvailable;
    await deps.showTabQuery(tabId, query);
    return { ok: true };
  };
  return { listMovers, markMoversVisited, listTopMovers, unwatchAccount, showInSidePanel };
}
