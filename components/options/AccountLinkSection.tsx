import { useId, useState } from 'react';
import { accountUrl, accountUrlTemplateProblem } from '@/utils/account-url';
import { accountUrlTemplateItem } from '@/utils/settings';
import { useManagedTemplate } from '../use-managed-template';
import { useSetting } from '../use-setting';
import { LockedNote } from './LockedNote';

const EXAMPLE = { rtpAid: '64f1c0ffee0000000000abcd', domain: 'acme.com' };

/**
 * "Open in Recotap": the address of an account's page in your Recotap, with {rtpAid} (or {domain})
 * where the account goes. Recotap documents no account URL, so the link shows only once one is set
 * here or by IT (managed policy, which wins and is shown read-only).
 */
export function AccountLinkSection() {
  const managed = useManagedTemplate();
  const stored = useSetting(accountUrlTemplateItem);
  const uid = useId();
  // null until the rep edits: the box shows the stored address (once read)
  const [edited, setValue] = useState<string | null>(null);
  const value = edited ?? stored ?? '';
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const locked = managed !== '';
  const shown = locked ? managed : value;
  const problem = accountUrlTemplateProblem(value);
  const showProblem = !locked && touched && !!problem;
  const example = accountUrl(shown, EXAMPLE);

  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Open in Recotap {locked ? <LockedNote /> : null}</h2>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setTouched(true);
          if (locked || problem) return;
          await accountUrlTemplateItem.setValue(value.trim());
          setSaved(value.trim());
        }}
      >
        <label className="rl-label" htmlFor={`${uid}-url`}>
          Account page address in Recotap
        </label>
        <input
          id={`${uid}-url`}
          className="rl-input"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://app.example.com/accounts/{rtpAid}"
          value={shown}
          readOnly={locked}
          aria-invalid={showProblem}
          aria-describedby={`${uid}-help ${uid}-msg`}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(null);
          }}
          onBlur={() => setTouched(true)}
        />
        <p id={`${uid}-help`} className="rl-muted">
          {locked
            ? 'Your IT admin set this address; the panel links each account to it.'
            : 'Open an account in Recotap and copy its address, then put {rtpAid} where the account id is. Recotap Lens never guesses this address: without one, the panel shows no Open in Recotap link.'}
        </p>
        {locked ? null : (
          <div className="rl-row">
            <button type="submit" className="rl-btn rl-btn-primary">
              Save account link
            </button>
          </div>
        )}
        {showProblem ? (
          <p id={`${uid}-msg`} className="rl-error" role="alert">
            {problem}
          </p>
        ) : (
          <p id={`${uid}-msg`} className="rl-ok" role="status">
            {saved !== null ? (saved ? `Saved. Open in Recotap now links each account, e.g. ${example}` : 'Saved. The panel shows no Open in Recotap link.') : ''}
          </p>
        )}
      </form>
    </section>
  );
}
