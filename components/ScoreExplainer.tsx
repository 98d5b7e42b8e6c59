import { useId, useState } from 'react';
import type { AccountView } from '@/utils/view-models';
import { bandLabel, formatDayMonth, INTENT_SOURCES } from './format';

/**
 * What each intent source measures, from shared/docs/recotap-api.md (the rtp_*_score fields). The
 * docs give no period for any of them, so none is invented: "as scored by Recotap".
 */
export const SOURCE_MEASURES: Record<keyof AccountView['intent'], string> = {
  linkedin: 'the account’s activity on your LinkedIn ads',
  website: 'the account’s visits to your website',
  g2: 'intent signals from G2',
  bombora: 'intent signals from Bombora',
};

/** "Why 87 · Hot?": a disclosure explaining the band, the sources, the top contributors and the history. */
export function ScoreExplainer({ account }: { account: AccountView }) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const unscored = account.band === 'unscored';
  const label = unscored ? 'What is this score?' : `Why ${account.score} · ${bandLabel(account.band)}?`;
  const top = INTENT_SOURCES.map((s) => ({ ...s, value: account.intent[s.key] }))
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, 3);
  const history = account.history.slice(-6);
  return (
    <div className="rl-explain">
      <button
        type="button"
        className="rl-btn rl-btn-link"
        aria-expanded={open}
        aria-controls={`${uid}-why`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        {label}
      </button>
      <div id={`${uid}-why`} className="rl-explain-box" hidden={!open} role="region" aria-label="How this score works">
        <p>
          <strong>Bands</strong> (Recotap Lens’s grouping of Recotap’s 0–100 score): Hot 70 and above, Warm 40–69, Cold below 40.
          A score of 0 with no journey stage means “not scored yet”, not cold.
        </p>
        <p>
          <strong>Top sources for this account:</strong>{' '}
          {top.length > 0 ? top.map((s) => `${s.label} ${s.value}`).join(', ') : 'no source has scored intent yet.'}
        </p>
        <p>
          The overall score is Recotap’s weighted sum of its per-source scores (with its own increase, cap and decay rules).
          Each intent number is 0–100, over a period as scored by Recotap:
        </p>
        <ul className="rl-explain-list">
          {INTENT_SOURCES.map((s) => (
            <li key={s.key}>
              <strong>{s.label}</strong>: {SOURCE_MEASURES[s.key]}.
            </li>
          ))}
        </ul>
        {history.length >= 2 ? (
          <>
            <p>
              <strong>Score history</strong> (as this browser saw it):
            </p>
            <ol className="rl-explain-list" aria-label="Score history">
              {history.map((p) => (
                <li key={p.at}>
                  {formatDayMonth(p.at)}: {p.score}
                  {p.stage ? ` (${p.stage})` : ''}
                </li>
              ))}
            </ol>
          </>
        ) : null}
        <p className="rl-muted">Recotap rescores on a schedule and recalculates journey stages daily.</p>
      </div>
    </div>
  );
}
