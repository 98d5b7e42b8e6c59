import type { StatusView } from '@/utils/view-models';
import { relativeTime } from './format';

const PHASES: Record<StatusView['sync']['phase'], string> = {
  idle: 'Up to date',
  full: 'Downloading your accounts',
  delta: 'Fetching changes',
  'paused-auth': 'Paused: the API key was rejected',
  backoff: 'Waiting to retry',
};

/** Sync and outbox status in a few short lines (popup footer, options sync section). */
export function StatusSummary({ status, now = new Date() }: { status: StatusView; now?: Date }) {
  const { sync, outbox } = status;
  // before any connection there is nothing to be up to date with
  if (!status.configured) {
    return (
      <div className="rl-status" role="status">
        <p>
          <strong>Not connected to Recotap yet</strong>
        </p>
        <p className="rl-muted">Connect in Settings to download your team&apos;s accounts.</p>
      </div>
    );
  }
  const running = sync.phase === 'full' || sync.phase === 'delta';
  return (
    <div className="rl-status" role="status">
      <p>
        <strong>{sync.enabled ? PHASES[sync.phase] : 'Background sync is off'}</strong>
        {running ? ` — ${sync.pages} pages, ${sync.accounts.toLocaleString('en')} accounts so far` : null}
      </p>
      <p className="rl-muted">
        {sync.cachedAccounts.toLocaleString('en')} {sync.cachedAccounts === 1 ? 'account' : 'accounts'} cached ·{' '}
        {sync.lastSuccessAt ? `last sync ${relativeTime(sync.lastSuccessAt, now)}` : 'not synced yet'}
      </p>
      {sync.lastError ? <p className="rl-error">Last sync error: {sync.lastError.message}</p> : null}
      {outbox.pending + outbox.failed > 0 ? (
        <p className="rl-muted">
          Activities: {outbox.pending} waiting to send{outbox.failed > 0 ? `, ${outbox.failed} failed` : ''}
        </p>
      ) : null}
    </div>
  );
}
