import type { ScoreBand } from '@/utils/view-models';
import { bandLabel } from './format';

/** Score with its band as a coloured pill; an unscored account shows "Not scored yet", never a number. */
export function ScoreBadge({ score, band, size = 'normal' }: { score: number; band: ScoreBand; size?: 'normal' | 'large' }) {
  const label = bandLabel(band);
  const text = band === 'unscored' ? label : `${score} · ${label}`;
  return (
    <span className={`rl-badge rl-band-${band}${size === 'large' ? ' rl-badge-large' : ''}`} data-band={band}>
      {text}
    </span>
  );
}
