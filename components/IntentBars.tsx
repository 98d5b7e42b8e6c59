import type { Intent } from '@/utils/view-models';
import { INTENT_SOURCES } from './format';

/** Intent by source as labelled bars (meter role: screen readers hear "LinkedIn advertising 38 of 100"). */
export function IntentBars({ intent }: { intent: Intent }) {
  return (
    <ul className="rl-intent">
      {INTENT_SOURCES.map(({ key, label }) => {
        const value = intent[key];
        // Scores are documented 0-100 but can exceed it: show the value as-is, clamp only the bar.
        const width = Math.max(0, Math.min(100, value));
        const id = `rl-intent-${key}`;
        return (
          <li key={key} className="rl-intent-row">
            <span className="rl-intent-label" id={id}>
              {label}
            </span>
            <span
              className="rl-intent-track"
              role="meter"
              aria-labelledby={id}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={width}
              aria-valuetext={`${value} of 100`}
            >
              <span className="rl-intent-fill" style={{ width: `${width}%` }} />
            </span>
            <span className="rl-intent-value" aria-hidden="true">
              {value}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
