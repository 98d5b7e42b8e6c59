import { useId, useState } from 'react';
import { emailProblem } from './options-types';

/** The rep's work e-mail: Recotap records it as the owner of every logged activity. */
export function RepSection({ email, onSave }: { email: string; onSave: (email: string) => Promise<void> }) {
  const uid = useId();
  const [value, setValue] = useState(email);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const problem = emailProblem(value);
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Your work e-mail</h2>
      <label className="rl-label" htmlFor={`${uid}-email`}>
        E-mail (required to log activities)
      </label>
      <input
        id={`${uid}-email`}
        className="rl-input"
        type="email"
        value={value}
        aria-invalid={touched && !!problem}
        aria-describedby={`${uid}-msg`}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
        onBlur={() => setTouched(true)}
      />
      <p id={`${uid}-msg`} className={touched && problem ? 'rl-error' : 'rl-muted'} role={touched && problem ? 'alert' : undefined}>
        {touched && problem ? problem : saved ? 'Saved.' : 'Recotap records this address as the owner of calls and e-mails you log.'}
      </p>
      <div className="rl-row">
        <button
          type="button"
          className="rl-btn rl-btn-primary"
          onClick={async () => {
            setTouched(true);
            if (problem) return;
            await onSave(value.trim());
            setSaved(true);
          }}
        >
          Save e-mail
        </button>
      </div>
    </section>
  );
}
