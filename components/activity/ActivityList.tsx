import type { ActivityState, ActivityView } from '@/utils/view-models';
import { formatDateTime } from '../format';
import { activityLine, customTitle } from './drafts';

const CHIP: Record<ActivityState, string> = {
  undoable: 'Pending',
  pending: 'Pending',
  sending: 'Pending',
  sent: 'Sent',
  failed: 'Failed:',
  skipped: 'Skipped',
};

function StateLine({ item }: { item: ActivityView }) {
  const chip = <span className={`rl-activity-chip rl-activity-chip-${item.state}`}>{CHIP[item.state]}</span>;
  if (item.state === 'failed') {
    return (
      <p className="rl-activity-state">
        {chip} <span className="rl-activity-reason">{item.reason ?? 'Recotap did not accept this activity.'}</span>
      </p>
    );
  }
  if (item.state === 'skipped') {
    return (
      <p className="rl-activity-state">
        {chip}{' '}
        <span className="rl-activity-reason">
          Recotap did not record it (it accepts only calls and e-mails){item.reason ? `: ${item.reason}` : '.'}
        </span>
      </p>
    );
  }
  if (item.reason && item.state !== 'sent') {
    return (
      <p className="rl-activity-state">
        {chip} <span className="rl-activity-reason">Will retry: {item.reason}</span>
      </p>
    );
  }
  return <p className="rl-activity-state">{chip}</p>;
}

/** Recent activities for the account, each with its delivery state; failed ones can be edited and resent. */
export function ActivityList({ items, onEdit }: { items: ActivityView[]; onEdit(item: ActivityView): void }) {
  if (items.length === 0) return <p className="rl-activity-hint">No activities logged for this account yet.</p>;
  return (
    <ul className="rl-activity-list" aria-label="Recent activities">
      {items.map((item) => {
        const title = activityLine(item.draft);
        const own = customTitle(item.draft);
        return (
          <li key={item.id} className="rl-activity-item">
            <p className="rl-activity-item-title">{title}</p>
            <p className="rl-activity-meta">
              {own ? (
                <>
                  <span>{own}</span> ·{' '}
                </>
              ) : null}
              <time dateTime={item.draft.occurredAt}>{formatDateTime(item.draft.occurredAt)}</time>
            </p>
            <StateLine item={item} />
            {item.state === 'failed' ? (
              <button type="button" className="rl-activity-link" onClick={() => onEdit(item)} aria-label={`Edit & resend: ${title}`}>
                Edit &amp; resend
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
