import type { AccountView, ErrorView } from '@/utils/view-models';
import { relativeTime } from './format';

/** Freshness footer: when Recotap last updated the account, when we fetched it, and the daily rescoring note. */
export function Freshness({
  account,
  stale,
  refreshError,
  now,
}: {
  account: AccountView;
  stale: boolean;
  refreshError: ErrorView | null;
  now: Date;
}) {
  return (
    <div className="rl-freshness">
      {stale ? (
        <p className="rl-stale" role="status">
          Cached data from {relativeTime(account.fetchedAt, now)}
          {refreshError ? ` — refresh failed: ${refreshError.message}` : ' — refreshing may be delayed'}
        </p>
      ) : null}
      <p className="rl-muted">
        Recotap updated {relativeTime(account.updatedAt, now)} · synced {relativeTime(account.fetchedAt, now)}
      </p>
      <p className="rl-muted rl-note">Recotap rescores accounts on a schedule (journey stages daily), so this is not live data.</p>
    </div>
  );
}
