import { useId, useState } from 'react';
import type { SyncSettings } from '@/utils/settings';
import type { StatusView } from '@/utils/view-models';
import { errorText } from '../panel-actions';
import { StatusSummary } from '../StatusSummary';
import type { OptionsActions } from './options-types';

const INTERVALS = [15, 30, 60, 180, 720, 1440];

function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Background sync (on/off, interval, Sync now with live progress) and local data (size, clear). */
export function SyncSection({
  sync,
  status,
  storageBytes,
  actions,
}: {
  sync: SyncSettings;
  status: StatusView | null;
  storageBytes: number | null;
  actions: Pick<OptionsActions, 'saveSync' | 'syncNow' | 'clearLocalData' | 'confirm'>;
}) {
  const uid = useId();
  const [message, setMessage] = useState<string | null>(null);
  const run = async (fn: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) => {
    setMessage(null);
    try {
      const r = await fn();
      setMessage(r.ok ? done : (r.error?.message ?? 'Failed.'));
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Sync and local data</h2>
      <label className="rl-check">
        <input type="checkbox" checked={sync.enabled} onChange={(e) => void actions.saveSync({ ...sync, enabled: e.target.checked })} />
        Keep a local copy of your team&apos;s accounts up to date (otherwise: look up on demand only)
      </label>
      <label className="rl-label" htmlFor={`${uid}-int`}>
        Check for changes every
      </label>
      <select
        id={`${uid}-int`}
        className="rl-select rl-select-fit"
        value={sync.intervalMinutes}
        disabled={!sync.enabled}
        onChange={(e) => void actions.saveSync({ ...sync, intervalMinutes: Number(e.target.value) })}
      >
        {INTERVALS.map((m) => (
          <option key={m} value={m}>
            {m < 60 ? `${m} minutes` : m === 60 ? '1 hour' : `${m / 60} hours`}
          </option>
        ))}
      </select>
      {status ? <StatusSummary status={status} /> : <p className="rl-muted">Loading status…</p>}
      <p className="rl-muted">Local storage used: {storageBytes === null ? 'unknown' : formatBytes(storageBytes)}</p>
      <div className="rl-row">
        <button type="button" className="rl-btn" disabled={!status?.configured} onClick={() => void run(() => actions.syncNow(), 'Sync started.')}>
          Sync now
        </button>
        <button
          type="button"
          className="rl-btn"
          onClick={() => {
            if (!actions.confirm("Delete Recotap Lens's cached accounts and score history from this browser?")) return;
            void run(() => actions.clearLocalData(), 'Local data cleared.');
          }}
        >
          Clear local data
        </button>
      </div>
      <p role="status">{message ?? ''}</p>
    </section>
  );
}
