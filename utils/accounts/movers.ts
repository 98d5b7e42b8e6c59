/**
 * Movers: what a sync changed about a watched account (score, band, journey stage, intent jumps).
 * Pure functions; the store writes the records in the page's own transaction (store.ts putAccounts)
 * and the watch store (watch.ts) reads them back for the views.
 */
import { scoreBand, type ScoreBand } from '../view-models';
import type { ApiAccountRow, StoredAccount } from './db';

/** A source counts as a jump when it rose by at least this many points in one sync. */
export const INTENT_JUMP = 15;
/** Mover records older than this are dropped when new ones are written. */
export const MOVES_KEEP_MS = 90 * 86_400_000;

export type IntentSource = 'linkedin' | 'website' | 'g2' | 'bombora';
export const SOURCE_FIELDS: [IntentSource, keyof ApiAccountRow][] = [
  ['linkedin', 'rtp_advertising_activity_score'],
  ['website', 'rtp_website_intent_score'],
  ['g2', 'rtp_g2_intent_score'],
  ['bombora', 'rtp_bombora_intent_score'],
];

export interface IntentJump {
  source: IntentSource;
  before: number;
  after: number;
}

/** One change of one watched account, as a sync saw it ('movers' store; id assigned by IndexedDB). */
export interface MoveRecord {
  id?: number;
  rtpAid: string;
  /** ISO time the sync wrote it */
  at: string;
  name: string;
  domain: string;
  scoreBefore: number;
  scoreAfter: number;
  stageBefore: string;
  stageAfter: string;
  intentJumps: IntentJump[];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * The move from the cached copy to the new row, or null when nothing a rep cares about changed.
 * `prev` may be a bulk-ingest copy that only knows score and stage (its history point): then no
 * intent jumps are reported.
 */
export function moveOf(prev: Pick<StoredAccount, 'history'> & { row?: ApiAccountRow }, row: ApiAccountRow, at: string, domain: string): MoveRecord | null {
  const last = prev.history[prev.history.length - 1];
  const scoreBefore = prev.row ? num(prev.row.rtp_account_score) : num(last?.score);
  const stageBefore = prev.row ? (prev.row.rtp_journey_stage ?? '') : (last?.stage ?? '');
  if (!prev.row && !last) return null;
  const scoreAfter = num(row.rtp_account_score);
  const stageAfter = row.rtp_journey_stage ?? '';
  const intentJumps: IntentJump[] = [];
  if (prev.row) {
    for (const [source, field] of SOURCE_FIELDS) {
      const before = num(prev.row[field]);
      const after = num(row[field]);
      if (after - before >= INTENT_JUMP) intentJumps.push({ source, before, after });
    }
  }
  if (scoreBefore === scoreAfter && stageBefore === stageAfter && intentJumps.length === 0) return null;
  return { rtpAid: row.rtp_aid, at, name: row.name ?? '', domain, scoreBefore, scoreAfter, stageBefore, stageAfter, intentJumps };
}

/** A mover as the views show it: one row per account, merged over the moves in view. */
export interface MoverSummary {
  rtpAid: string;
  name: string;
  domain: string;
  scoreBefore: number;
  scoreAfter: number;
  bandBefore: ScoreBand;
  bandAfter: ScoreBand;
  stageBefore: string;
  stageAfter: string;
  /** the largest intent rise among the merged moves, if any reached INTENT_JUMP */
  topIntent: IntentJump | null;
  /** ISO time of the latest move */
  at: string;
  /** moved after the rep last opened the Movers view */
  unseen: boolean;
}

/**
 * Merge moves (oldest first) into one summary per account, newest first. An account with unseen
 * moves is summarised over those only ("since you last looked"); others over every move given.
 */
export function summarizeMoves(moves: readonly MoveRecord[], visitedAt: string | null): MoverSummary[] {
  const byAid = new Map<string, MoveRecord[]>();
  for (const m of moves) {
    const list = byAid.get(m.rtpAid);
    if (list) list.push(m);
    else byAid.set(m.rtpAid, [m]);
  }
  const out: MoverSummary[] = [];
  for (const all of byAid.values()) {
    const fresh = visitedAt === null ? all : all.filter((m) => m.at > visitedAt);
    const list = fresh.length ? fresh : all;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    let topIntent: IntentJump | null = null;
    for (const m of list) {
      for (const j of m.intentJumps) if (!topIntent || j.after - j.before > topIntent.after - topIntent.before) topIntent = j;
    }
    out.push({
      rtpAid: last.rtpAid,
      name: last.name,
      domain: last.domain,
      scoreBefore: first.scoreBefore,
      scoreAfter: last.scoreAfter,
      bandBefore: scoreBand(first.scoreBefore, first.stageBefore),
      bandAfter: scoreBand(last.scoreAfter, last.stageAfter),
      stageBefore: first.stageBefore,
      stageAfter: last.stageAfter,
      topIntent,
      at: last.at,
      unseen: fresh.length > 0,
    });
  }
  // unseen first, then the most recent
  return out.sort((a, b) => Number(b.unseen) - Number(a.unseen) || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** One account of a followed segment and how its score moved over a window (Top movers). */
export interface TopMover {
  rtpAid: string;
  name: string;
  domain: string;
  /** the score at the window's start (the last history point at or before it; else the first) */
  scoreBefore: number;
  scoreAfter: number;
  /** scoreAfter − scoreBefore */
  delta: number;
  bandBefore: ScoreBand;
  bandAfter: ScoreBand;
  stageBefore: string;
  stageAfter: string;
  /** ISO time of the latest change (last history point) */
  at: string;
}

/**
 * How an account's score moved since `cutoffMs`, from its score history (StoredAccount.history,
 * bounded by the store): null when it did not move. An account first cached inside the window is
 * measured from its first point.
 */
export function topMoverOf(a: Pick<StoredAccount, 'rtpAid' | 'row' | 'domain' | 'history'>, cutoffMs: number): TopMover | null {
  const h = a.history;
  if (h.length < 2) return null;
  let base = h[0]!;
  for (const p of h) {
    if (Date.parse(p.at) <= cutoffMs) base = p;
    else break;
  }
  const last = h[h.length - 1]!;
  const scoreAfter = num(a.row.rtp_account_score);
  const stageAfter = a.row.rtp_journey_stage ?? '';
  const delta = scoreAfter - base.score;
  if (delta === 0) return null;
  return {
    rtpAid: a.rtpAid,
    name: a.row.name ?? '',
    domain: a.domain,
    scoreBefore: base.score,
    scoreAfter,
    delta,
    bandBefore: scoreBand(base.score, base.stage),
    bandAfter: scoreBand(scoreAfter, stageAfter),
    stageBefore: base.stage,
    stageAfter,
    at: last.at,
  };
}

/** Largest rise first; equal rises by name, then id (a stable order). */
export function compareTopMovers(a: TopMover, b: TopMover): number {
  return b.delta - a.delta || a.name.localeCompare(b.name) || (a.rtpAid < b.rtpAid ? -1 : a.rtpAid > b.rtpAid ? 1 : 0);
}
