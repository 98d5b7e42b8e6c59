import { useEffect, useId, useState } from 'react';
import { followedSegmentsItem, type FollowedSegment } from '@/utils/settings';
import { useSetting } from '../use-setting';

type SegmentsAnswer = { segments: { id: string; name: string }[] } | { error: string };

export interface FollowSegmentsProps {
  /** GET /segments through the background (absent, e.g. not connected yet: only the segments already followed are listed) */
  listSegments?: () => Promise<SegmentsAnswer>;
}

/**
 * Options → "Follow segments": a multi-select (one checkbox per static segment from GET /segments).
 * Every account of a followed segment is watched: the next sync records its moves, and its Top
 * movers show in the Movers view at once (from the cached score history; no re-sync).
 */
export function FollowSegments({ listSegments }: FollowSegmentsProps) {
  const uid = useId();
  const followed = useSetting(followedSegmentsItem);
  const [answer, setAnswer] = useState<SegmentsAnswer | null>(null);
  useEffect(() => {
    let live = true;
    if (!listSegments) return;
    listSegments().then(
      (a) => live && setAnswer(a),
      () => live && setAnswer({ error: 'Could not load the segments.' }),
    );
    return () => {
      live = false;
    };
  }, [listSegments]);

  const chosen = followed ?? [];
  const loading = !!listSegments && !answer;
  const offered = answer && 'segments' in answer ? answer.segments : [];
  // a followed segment the API no longer lists (or an offline page) can still be unfollowed
  const options: FollowedSegment[] = [...offered, ...chosen.filter((c) => !offered.some((o) => o.id === c.id))];
  const toggle = (s: FollowedSegment, on: boolean) => {
    const next = on ? [...chosen.filter((c) => c.id !== s.id), { id: s.id, name: s.name }] : chosen.filter((c) => c.id !== s.id);
    void followedSegmentsItem.setValue(next);
  };

  return (
    <fieldset className="rl-fieldset" aria-describedby={`${uid}-help`}>
      <legend className="rl-label">Follow segments</legend>
      <p id={`${uid}-help`} className="rl-muted">
        Every account of a followed segment is watched, and the Movers view shows the segment&apos;s top movers over 7 and
        30 days.
      </p>
      {loading ? <p className="rl-muted">Loading segments…</p> : null}
      {/* not an alert: before the key is saved this is expected, and the page's one alert is the connection's */}
      {answer && 'error' in answer ? <p className="rl-muted">Segments could not be loaded: {answer.error}</p> : null}
      {!listSegments ? <p className="rl-muted">Your Recotap segments are listed here once Recotap Lens is connected.</p> : null}
      {listSegments && !loading && !options.length && !(answer && 'error' in answer) ? <p className="rl-muted">No static segments to follow yet.</p> : null}
      {options.length ? (
        <ul className="rl-plain-list" aria-label="Segments">
          {options.map((s) => (
            <li key={s.id}>
              <label className="rl-check">
                <input type="checkbox" checked={chosen.some((c) => c.id === s.id)} onChange={(e) => toggle(s, e.target.checked)} />
                {s.name}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
