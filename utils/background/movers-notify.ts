/**
 * The opt-in movers notification (issue #17): after a sync, at most one notification summarising
 * the watched accounts that turned Hot or moved journey stage ("Acme Robotics → Hot (87), Globex →
 * Opportunity, +2 more"). Off by default; the options page asks for the 'notifications' permission
 * when the rep turns it on; quiet hours silence it. Clicking it opens the Movers view.
 */
import type { MoveRecord } from '../accounts/movers';
import type { MoversSettings } from '../settings';
import { scoreBand } from '../view-models';

/** One id: a new sync's notification replaces the previous one instead of stacking. */
export const MOVERS_NOTIFICATION_ID = 'recotap-movers';
/** Names spelled out before "+N more". */
const NAMED = 2;

export interface MoversNotification {
  title: string;
  message: string;
  /** rtp_aids summarised (tests, and the order the message names them) */
  accounts: string[];
}

/** True when `date`'s local hour falls in [from, to) (wrapping past midnight); from === to: never. */
export function inQuietHours(date: Date, from: number, to: number): boolean {
  if (from === to) return false;
  const h = date.getHours();
  return from < to ? h >= from && h < to : h >= from || h < to;
}

/** The summary of a sync's moves, or null when no watched account turned Hot or changed stage. */
export function summarizeForNotification(moves: readonly MoveRecord[]): MoversNotification | null {
  // one entry per account: its first "before" and last "after" in this sync
  const byAid = new Map<string, { first: MoveRecord; last: MoveRecord }>();
  for (const m of moves) {
    const e = byAid.get(m.rtpAid);
    if (e) e.last = m;
    else byAid.set(m.rtpAid, { first: m, last: m });
  }
  const items: { aid: string; text: string; hot: boolean }[] = [];
  for (const [aid, { first, last }] of byAid) {
    const turnedHot = scoreBand(first.scoreBefore, first.stageBefore) !== 'hot' && scoreBand(last.scoreAfter, last.stageAfter) === 'hot';
    const stageMoved = first.stageBefore !== last.stageAfter && last.stageAfter !== '';
    if (!turnedHot && !stageMoved) continue;
    const parts = [turnedHot ? `Hot (${last.scoreAfter})` : '', stageMoved ? last.stageAfter : ''].filter(Boolean);
    items.push({ aid, text: `${last.name} → ${parts.join(', ')}`, hot: turnedHot });
  }
  if (!items.length) return null;
  // turned Hot first: the most urgent names are the ones spelled out
  items.sort((a, b) => Number(b.hot) - Number(a.hot));
  const named = items.slice(0, NAMED).map((i) => i.text);
  const more = items.length - NAMED;
  return {
    title: items.length === 1 ? 'A watched account moved' : `${items.length} watched accounts moved`,
    message: more > 0 ? `${named.join(', ')}, +${more} more` : named.join(', '),
    accounts: items.map((i) => i.aid),
  };
}

export interface NotificationsLike {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number }): Promise<unknown>;
}

export interface MoversNotifierDeps {
  /** undefined while the 'notifications' permission is not granted */
  notifications: () => NotificationsLike | undefined;
  getSettings: () => Promise<MoversSettings>;
  iconUrl: string;
  now?: () => Date;
}

/** notify(moves): called once per completed sync; shows at most one notification (never rejects). */
export function createMoversNotifier(deps: MoversNotifierDeps) {
  return async function notify(moves: readonly MoveRecord[]): Promise<MoversNotification | null> {
    try {
      const settings = await deps.getSettings();
      if (!settings.notifications) return null;
      if (inQuietHours(deps.now?.() ?? new Date(), settings.quietFromHour, settings.quietToHour)) return null;
      const api = deps.notifications();
      const summary = summarizeForNotification(moves);
      if (!api || !summary) return null;
      await api.create(MOVERS_NOTIFICATION_ID, { type: 'basic', iconUrl: deps.iconUrl, title: summary.title, message: summary.message, priority: 0 });
      return summary;
    } catch {
      return null;
    }
  };
}
