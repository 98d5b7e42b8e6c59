import { useId, useState } from 'react';
import type { TestConnectionResult } from '@/utils/messaging';
import { PRODUCTION_BASE_URL, SANDBOX_BASE_URL, type ApiBase } from '@/utils/settings';
import type { StatusView } from '@/utils/view-models';
import { errorText } from '../panel-actions';
import { baseUrlProblem, type OptionsActions } from './options-types';
import { LockedNote } from './LockedNote';

type Feedback = { tone: 'ok' | 'error'; text: string } | null;

function describeTest(r: TestConnectionResult): Feedback {
  if (!r.ok) return { tone: 'error', text: r.error.message };
  if (r.hasMore) {
    const n = r.accountCount.toLocaleString('en');
    return { tone: 'ok', text: `Connected: your team has more than ${n} accounts in Recotap; the first sync counts them all.` };
  }
  if (r.accountCount === 0) return { tone: 'ok', text: 'Connected: your team has no accounts in Recotap yet.' };
  const noun = r.accountCount === 1 ? 'account' : 'accounts';
  return { tone: 'ok', text: `Connected: your team has ${r.accountCount.toLocaleString('en')} ${noun} in Recotap.` };
}

/** API key onboarding (paste → Test connection → Save) and the API base URL. */
export function ConnectionSection({
  apiBase,
  locked,
  status,
  actions,
}: {
  apiBase: ApiBase;
  locked: boolean;
  status: StatusView | null;
  actions: OptionsActions;
}) {
  const uid = useId();
  const [key, setKey] = useState('');
  const [base, setBase] = useState<ApiBase>(apiBase);
  const [busy, setBusy] = useState(false);
  const [keyFeedback, setKeyFeedback] = useState<Feedback>(null);
  const [baseFeedback, setBaseFeedback] = useState<Feedback>(null);
  const customProblem = base.choice === 'custom' ? baseUrlProblem(base.customUrl) : null;

  async function guard(fn: () => Promise<Feedback>, set: (f: Feedback) => void) {
    setBusy(true);
    set(null);
    try {
      set(await fn());
    } catch (e) {
      set({ tone: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  // Called straight from the click handler: a custom URL's permission prompt needs the user gesture.
  const test = () => guard(async () => describeTest(await actions.testConnection(key.trim(), base)), setKeyFeedback);
  const save = () =>
    guard(async () => {
      const r = await actions.saveApiKey(key.trim());
      if (!r.ok) return { tone: 'error', text: r.error.message };
      setKey('');
      return { tone: 'ok', text: 'API key saved. Recotap Lens is connected.' };
    }, setKeyFeedback);
  const saveBase = () =>
    guard(async () => {
      const err = await actions.saveApiBase(base);
      return err ? { tone: 'error', text: err } : { tone: 'ok', text: 'API address saved.' };
    }, setBaseFeedback);

  const state = !status ? null : status.needsNewKey ? 'Recotap rejected the saved key. Paste a new one.' : status.configured ? 'An API key is saved.' : 'No API key yet.';
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Connect to Recotap</h2>
      {state ? <p className={status?.needsNewKey ? 'rl-error' : 'rl-muted'}>{state}</p> : null}
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
        Find it in Recotap under Settings → Integrations → External API. It is stored only in this browser.
      </p>
      <div className="rl-row">
        <button type="button" className="rl-btn" disabled={busy || key.trim() === '' || !!customProblem} onClick={test}>
          Test connection
        </button>
        <button type="button" className="rl-btn rl-btn-primary" disabled={busy || key.trim() === ''} onClick={save}>
          Save
        </button>
      </div>
      <p role="status" className={keyFeedback?.tone === 'error' ? 'rl-error' : 'rl-ok'}>
        {keyFeedback?.text ?? ''}
      </p>

      <fieldset className="rl-fieldset">
        <legend className="rl-label">API address {locked ? <LockedNote /> : null}</legend>
        {(
          [
            ['production', `Production (${PRODUCTION_BASE_URL})`],
            ['sandbox', `Sandbox (${SANDBOX_BASE_URL})`],
            ['custom', 'Custom'],
          ] as const
        ).map(([choice, label]) => (
          <label key={choice} className="rl-check">
            <input type="radio" name={`${uid}-base`} disabled={locked} checked={base.choice === choice} onChange={() => setBase({ ...base, choice })} />
            {label}
          </label>
        ))}
        {base.choice === 'custom' ? (
          <>
            <label className="rl-label" htmlFor={`${uid}-url`}>
              Custom API URL
            </label>
            <input
              id={`${uid}-url`}
              className="rl-input"
              type="url"
              disabled={locked}
              value={base.customUrl}
              placeholder="https://api.example.com/api/v1"
              onChange={(e) => setBase({ ...base, customUrl: e.target.value })}
            />
            {base.customUrl && customProblem ? <p className="rl-error">{customProblem}</p> : null}
            <p className="rl-muted">The browser will ask you to allow access to this address.</p>
          </>
        ) : null}
        <div className="rl-row">
          <button type="button" className="rl-btn" disabled={locked || busy || !!customProblem} onClick={saveBase}>
            Save API address
          </button>
        </div>
        <p role="status" className={baseFeedback?.tone === 'error' ? 'rl-error' : 'rl-ok'}>
          {baseFeedback?.text ?? ''}
        </p>
      </fieldset>
    </section>
  );
}
