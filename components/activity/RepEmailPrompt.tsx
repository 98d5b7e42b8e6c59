import { useId, useState, type FormEvent } from 'react';
import { EMAIL_PATTERN } from './draft-schema';

/** Asks for the rep's work e-mail inline (sent as ownerEmail) instead of failing to log. */
export function RepEmailPrompt({ onSave }: { onSave(email: string): Promise<string | null> }) {
  const id = `${useId().replace(/:/g, '')}-rep-email`;
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = email.trim();
    if (!EMAIL_PATTERN.test(value)) {
      setError('Your work e-mail: enter a valid e-mail address.');
      return;
    }
    setBusy(true);
    const err = await onSave(value);
    setBusy(false);
    setError(err);
  }

  const describedBy = error ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <form className="rl-activity-rep" noValidate onSubmit={submit}>
      <label htmlFor={id}>Your work e-mail (needed to log calls and e-mails)</label>
      <p className="rl-activity-hint" id={`${id}-hint`}>
        Recotap records who logged each call or e-mail: this address is saved as the owner of everything you log.
        You can change it later in Settings.
      </p>
      <input
        id={id}
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p className="rl-activity-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <button type="submit" className="rl-activity-primary" disabled={busy}>
        Save e-mail
      </button>
    </form>
  );
}
