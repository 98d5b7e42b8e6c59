import type { LookupResult } from '@/utils/view-models';
import { bandLabel } from './format';

/** One sentence per state for the aria-live region, so screen readers hear state changes. */
export function panelSummary(result: LookupResult | null): string {
  if (!result) return 'Looking up this account…';
  switch (result.state) {
    case 'not-configured':
      return 'Recotap Lens is not connected yet.';
    case 'no-signal':
      return 'No company found on this page.';
    case 'site-disabled':
      return 'Recotap Lens is turned off for this site.';
    case 'not-found':
      return `${result.companyName ?? result.domain ?? 'This company'} is not in Recotap.`;
    case 'error':
      return `Could not load this account: ${result.error.message}`;
    case 'found': {
      const a = result.account;
      const score = a.band === 'unscored' ? bandLabel(a.band) : `score ${a.score}, ${bandLabel(a.band)}`;
      return `${a.name}: ${score}${result.stale ? ' (cached)' : ''}.`;
    }
  }
}
