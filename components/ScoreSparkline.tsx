import type { HistoryPoint } from '@/utils/view-models';
import { trendLabel } from './format';

const W = 120;
const H = 28;

/** Score history as a small SVG line; its accessible name summarises the trend in words. */
export function ScoreSparkline({ history }: { history: HistoryPoint[] }) {
  const label = trendLabel(history);
  if (history.length < 2) return <p className="rl-muted rl-trend-empty">{label}</p>;
  const max = Math.max(100, ...history.map((p) => p.score));
  const step = W / (history.length - 1);
  const points = history.map((p, i) => `${(i * step).toFixed(1)},${(H - 2 - (p.score / max) * (H - 4)).toFixed(1)}`);
  return (
    <svg className="rl-sparkline" role="img" aria-label={label} width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <title>{label}</title>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}
