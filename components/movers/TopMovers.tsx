import { useEffect, useId, useState } from 'react';
import type { TopMoverView as TopMover, TopMoversView } from '@/utils/messaging';
import { ScoreBadge } from '../ScoreBadge';

export type TopMoversDays = 7 | 30;

/** What Top movers asks for (sendMessage and settings in the views; fakes in tests). */
export interface TopMoversBackend {
  /** the segments the rep follows (options → Follow segments) */
  followedSegments(): Promise<{ id: string; name: string }[]>;
  topMovers(segmentId: string, days: TopMoversDays): Promise<TopMoversView>;
}

export interface TopMoversProps {
  backend: TopMoversBackend;
  /** Enter / click on a row: show the account (side panel) */
  onOpen(m: TopMover): void;
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/**
 * Top movers of a followed segment over 7 or 30 days (score delta, largest rise first), under the
 * Movers list. Nothing is shown when the rep follows no segment.
 */
export function TopMovers({ backend, onOpen }: TopMoversProps) {
  const uid = useId();
  const [segments, setSegments] = useState<{ id: string; name: string }[] | null>(null);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [days, setDays] = useState<TopMoversDays>(7);
  // the answer and what it is for: a stale answer reads as loading, no reset inside the effect
  const [answer, setAnswer] = useState<{ key: string; view: TopMoversView } | null>(null);
  const key = `${segmentId}/${days}`;
  const view = answer?.key === key ? answer.view : null;

  useEffect(() => {
    let live = true;
    backend.followedSegments().then(
      (list) => {
        if (!live) return;
        setSegments(list);
        setSegmentId((id) => id ?? list[0]?.id ?? null);
      },
      () => live && setSegments([]),
    );
    return () => {
      live = false;
    };
  }, [backend]);

  useEffect(() => {
    if (!segmentId) return;
    let live = true;
    const forKey = `${segmentId}/${days}`;
    backend.topMovers(segmentId, days).then(
      (v) => live && setAnswer({ key: forKey, view: v }),
      () =>
        live &&
        setAnswer({ key: forKey, view: { ok: false, error: { kind: 'internal', message: 'Could not load the top movers.', retryable: true } } }),
    );
    return () => {
      live = false;
    };
  }, [backend, segmentId, days]);

  if (!segments?.length || !segmentId) return null;
  const segmentName = segments.find((s) => s.id === segmentId)?.name ?? 'segment';
  return (
    <section className="rl-top-movers" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`} className="rl-label">
        Top movers in followed segments
      </h3>
      <div className="rl-top-movers-controls">
        <label className="rl-sr-only" htmlFor={`${uid}-seg`}>
          Segment
        </label>
        <select id={`${uid}-seg`} className="rl-select rl-select-fit" value={segmentId} onChange={(e) => setSegmentId(e.target.value)}>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <span role="group" aria-label="Period" className="rl-top-movers-days">
          {([7, 30] as const).map((d) => (
            <button key={d} type="button" className="rl-btn" aria-pressed={days === d} onClick={() => setDays(d)}>
              {d} days
            </button>
          ))}
        </span>
      </div>
      {!view ? (
        <p className="rl-muted">Loading top movers…</p>
      ) : !view.ok ? (
        <p role="alert">{view.error.message}</p>
      ) : !view.movers.length ? (
        <p className="rl-muted">No score changes in {segmentName} over the last {days} days.</p>
      ) : (
        <ol className="rl-movers rl-top-movers-list" aria-label={`Top movers in ${segmentName}, last ${days} days`}>
          {view.movers.map((m) => (
            <li key={m.rtpAid} className="rl-mover" data-rtpaid={m.rtpAid}>
              <button
                type="button"
                className="rl-card-btn rl-mover-main"
                onClick={() => onOpen(m)}
              >
                <span className="rl-mover-head">
                  <span className="rl-card-name">{m.name}</span>
                  <span className="rl-top-movers-delta" data-testid="top-mover-delta">
                    {signed(m.delta)}
                  </span>
                </span>
                <span className="rl-muted">{m.domain}</span>
                <span className="rl-mover-scores">
                  <ScoreBadge score={m.scoreBefore} band={m.bandBefore} />
                  <span> → </span>
                  <ScoreBadge score={m.scoreAfter} band={m.bandAfter} />
                </span>
                <span className="rl-sr-only">, open in side panel</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {view?.ok && view.moved > view.movers.length ? (
        <p className="rl-muted">
          {view.movers.length} of {view.moved} accounts that moved
        </p>
      ) : null}
    </section>
  );
}
