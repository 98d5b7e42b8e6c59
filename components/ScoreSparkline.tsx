import type { HistoryPoint } from '@/utils/view-models';
import { trendLabel } from './format';

const W = 120;
const H = 28;

/** Score history as a small SVG line (nothing under two readings); its accessible name summarises the trend. */
export function ScoreSparkline({ history }: { history: HistoryPoint[] }) {
  const label = trendLabel(history);
  // one reading is no trend: say nothing rather than "not enough history" (noise on every new account)
  if (history.length < 2) return null;
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
