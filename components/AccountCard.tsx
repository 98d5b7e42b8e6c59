import type { AccountSummary } from '@/utils/view-models';
import { ScoreBadge } from './ScoreBadge';
import './styles/panel.css';
import './styles/card.css';

/** Compact account summary (popup results, current tab): name, domain, score band and stage. */
export function AccountCard({ account, note }: { account: AccountSummary; note?: string }) {
  return (
    <div className="rl-card">
      <div className="rl-card-head">
        <span className="rl-card-name">{account.name}</span>
        <ScoreBadge score={account.score} band={account.band} />
      </div>
      <span className="rl-muted">
        {account.domain}
        {account.stage ? ` · ${account.stage}` : ''}
        {note ? ` · ${note}` : ''}
      </span>
    </div>
  );
}
