import { useId, useState, type Ref } from 'react';
import { emailProblem } from './options-types';

/** The rep's work e-mail: Recotap records it as the owner of every logged call and e-mail. */
export function RepSection({
  email,
  onSave,
  inputRef,
  onSaved,
}: {
  email: string;
  onSave: (email: string) => Promise<void>;
  /** the page moves focus here once Recotap Lens is connected */
  inputRef?: Ref<HTMLInputElement>;
  /** saved: the page can show what comes next */
  onSaved?: () => void;
}) {
  const uid = useId();
  const [value, setValue] = useState(email);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const problem = emailProblem(value);
  const showProblem = touched && !!problem;
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Your work e-mail</h2>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setTouched(true);
          if (problem) return;
          await onSave(value.trim());
          setSaved(value.trim());
          onSaved?.();
        }}
      >
        <label className="rl-label" htmlFor={`${uid}-email`}>
          E-mail (required to log activities)
        </label>
        <input
          id={`${uid}-email`}
          ref={inputRef}
          className="rl-input"
          type="email"
          autoComplete="email"
          value={value}
          aria-invalid={showProblem}
          aria-describedby={`${uid}-help ${uid}-msg`}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(null);
          }}
          onBlur={() => setTouched(true)}
        />
        <p id={`${uid}-help`} className="rl-muted">
          Recotap records this address as the owner of calls and e-mails you log.
        </p>
        <div className="rl-row">
          <button type="submit" className="rl-btn rl-btn-primary">
            Save e-mail
          </button>
        </div>
        {showProblem ? (
          <p id={`${uid}-msg`} className="rl-error" role="alert">
            {problem}
          </p>
        ) : (
          <p id={`${uid}-msg`} className="rl-ok" role="status">
            {saved ? `Saved. Calls and e-mails you log are recorded under ${saved}.` : ''}
          </p>
        )}
      </form>
    </section>
  );
}
