import { useId, useState } from 'react';
import { PRODUCTION_BASE_URL, SANDBOX_BASE_URL, type ApiBase } from '@/utils/settings';
import { errorText } from '../panel-actions';
import { LockedNote } from './LockedNote';
import { baseUrlProblem, type OptionsActions } from './options-types';

/**
 * "Advanced": which Recotap the extension talks to (production, sandbox, custom). Most reps never
 * open it; Connect uses the choice made here. Locked by IT policy: shown, not editable.
 */
export function AddressChooser({
  base,
  saved,
  locked,
  connected,
  onChange,
  saveApiBase,
}: {
  base: ApiBase;
  saved: ApiBase;
  locked: boolean;
  connected: boolean;
  onChange: (base: ApiBase) => void;
  saveApiBase: OptionsActions['saveApiBase'];
}) {
  const uid = useId();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const customProblem = base.choice === 'custom' ? baseUrlProblem(base.customUrl) : null;

  // straight from the click: a custom address's permission prompt needs the user gesture
  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      const err = await saveApiBase(base);
      setMessage(err ? { tone: 'error', text: err } : { tone: 'ok', text: 'Recotap address saved.' });
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="rl-advanced" open={saved.choice !== 'production' || undefined}>
      <summary>Advanced: Recotap address {locked ? <LockedNote /> : null}</summary>
      <fieldset className="rl-fieldset">
        <legend className="rl-label">Recotap address</legend>
        {(
          [
            ['production', `Production (${PRODUCTION_BASE_URL})`],
            ['sandbox', `Sandbox (${SANDBOX_BASE_URL})`],
            ['custom', 'Custom'],
          ] as const
        ).map(([choice, label]) => (
          <label key={choice} className="rl-check">
            <input type="radio" name={`${uid}-base`} disabled={locked} checked={base.choice === choice} onChange={() => onChange({ ...base, choice })} />
            {label}
          </label>
        ))}
        {base.choice === 'custom' ? (
          <>
            <label className="rl-label" htmlFor={`${uid}-url`}>
              Custom Recotap address
            </label>
            <input
              id={`${uid}-url`}
              className="rl-input"
              type="url"
              disabled={locked}
              value={base.customUrl}
              placeholder="https://api.example.com/api/v1"
              onChange={(e) => onChange({ ...base, customUrl: e.target.value })}
            />
            {base.customUrl && customProblem ? <p className="rl-error">{customProblem}</p> : null}
            <p className="rl-muted">The browser will ask you to allow access to this address.</p>
          </>
        ) : null}
        <p className="rl-muted">{connected ? 'Changing the address starts a fresh download of your accounts.' : 'Connect uses the address chosen here.'}</p>
        <div className="rl-row">
          <button type="button" className="rl-btn" disabled={locked || busy || !!customProblem} onClick={() => void save()}>
            Save address
          </button>
        </div>
        <p role="status" className={message?.tone === 'error' ? 'rl-error' : 'rl-ok'}>
          {message?.text ?? ''}
        </p>
      </fieldset>
    </details>
  );
}
