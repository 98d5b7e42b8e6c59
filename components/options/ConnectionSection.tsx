import { useId, useState } from 'react';
import type { TestConnectionResult } from '@/utils/messaging';
import type { ApiBase } from '@/utils/settings';
import type { StatusView } from '@/utils/view-models';
import { errorText } from '../panel-actions';
import { AddressChooser } from './AddressChooser';
import { baseUrlProblem, type OptionsActions } from './options-types';

type Feedback = { tone: 'ok' | 'error'; text: string } | null;

/** Where a rep finds the key in Recotap (recotap-api.md §2.2; same words as the README). */
export const KEY_HELP = 'Find it in Recotap: Settings (gear) → Workspace → Tech Settings → API Access Key. It is stored only in this browser.';

function describeConnect(r: TestConnectionResult): Feedback {
  if (!r.ok) return { tone: 'error', text: r.error.message };
  if (r.hasMore) {
    const n = r.accountCount.toLocaleString('en');
    return { tone: 'ok', text: `Connected: your team has more than ${n} accounts in Recotap; the first sync counts them all.` };
  }
  if (r.accountCount === 0) return { tone: 'ok', text: 'Connected: your team has no accounts in Recotap yet.' };
  const noun = r.accountCount === 1 ? 'account' : 'accounts';
  return { tone: 'ok', text: `Connected: your team has ${r.accountCount.toLocaleString('en')} ${noun} in Recotap.` };
}

const sameBase = (a: ApiBase, b: ApiBase) => a.choice === b.choice && (a.choice !== 'custom' || a.customUrl.trim() === b.customUrl.trim());

/**
 * Connect to Recotap: paste the key, press Connect (test, then save only if Recotap accepts it),
 * one result in one place. Connected: the key's last 4 characters and Disconnect. The Recotap
 * address (production, sandbox, custom) sits under Advanced.
 */
export function ConnectionSection({
  apiBase,
  locked,
  status,
  actions,
  onConnected,
}: {
  apiBase: ApiBase;
  locked: boolean;
  status: StatusView | null;
  actions: Pick<OptionsActions, 'connect' | 'disconnect' | 'saveApiBase' | 'confirm'>;
  /** Recotap accepted and saved a key: the page moves focus to the next step */
  onConnected?: () => void;
}) {
  const uid = useId();
  const [key, setKey] = useState('');
  const [base, setBase] = useState<ApiBase>(apiBase);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function guard(fn: () => Promise<Feedback>) {
    setBusy(true);
    setFeedback(null);
    try {
      setFeedback(await fn());
    } catch (e) {
      setFeedback({ tone: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  // called straight from the click handler: a custom address's permission prompt needs the user gesture
  const connect = () =>
    guard(async () => {
      const r = await actions.connect(key.trim(), base, !locked && !sameBase(base, apiBase));
      if (r.ok) {
        setKey('');
        onConnected?.();
      }
      return describeConnect(r);
    });
  const disconnect = () => {
    if (!actions.confirm('Disconnect Recotap Lens from Recotap? The API key is removed from this browser.')) return;
    void guard(async () => {
      const r = await actions.disconnect();
      return r.ok ? { tone: 'ok', text: 'Disconnected. Paste a key and press Connect to connect again.' } : { tone: 'error', text: r.error.message };
    });
  };

  const connected = !!status?.configured && !status.needsNewKey;
  // one result in one place: this page's last result wins over the stored state
  const stateLine = feedback
    ? null
    : status?.needsNewKey
      ? { tone: 'error' as const, text: 'Recotap rejected the saved key. Paste a new one and press Connect.' }
      : null;
  const shown = feedback ?? stateLine;
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Connect to Recotap</h2>
      {connected ? (
        <div className="rl-row rl-connected">
          <p>
            <strong>Connected</strong>
            {status?.keyHint ? <> with the key ending in <code>{status.keyHint}</code></> : null}
          </p>
          <button type="button" className="rl-btn" disabled={busy} onClick={disconnect}>
            Disconnect
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy && key.trim() !== '') void connect();
          }}
        >
          <label className="rl-label" htmlFor={`${uid}-key`}>
            API key
          </label>
          <input
            id={`${uid}-key`}
            className="rl-input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-describedby={`${uid}-keyhelp`}
          />
          <p id={`${uid}-keyhelp`} className="rl-muted">
            {KEY_HELP}
          </p>
          <div className="rl-row">
            <button type="submit" className="rl-btn rl-btn-primary" disabled={busy || key.trim() === '' || (base.choice === 'custom' && !!baseUrlProblem(base.customUrl))}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </form>
      )}
      <p role="status" className={shown?.tone === 'error' ? 'rl-error' : 'rl-ok'}>
        {shown?.text ?? ''}
      </p>
      <AddressChooser base={base} saved={apiBase} locked={locked} connected={connected} onChange={setBase} saveApiBase={actions.saveApiBase} />
    </section>
  );
}
