import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PageContact } from '@/utils/view-models';
import { EMAIL_PATTERN } from './draft-schema';
import { QUICK_KINDS, TARGET_SOURCE_TEXT, contactLabel, type QuickKind, type TargetSource } from './drafts';

export interface QuickTarget {
  contact: PageContact;
  source: TargetSource;
}

export interface QuickLogProps {
  /** who a one-click log goes to, and where that came from; null = ask first */
  target: QuickTarget | null;
  /** people to offer in "Who did you call?": the page's first, then recent contacts */
  suggestions: PageContact[];
  onSelect(contact: PageContact): void;
  /** `contact`: the one just given in the prompt (else the target) */
  onLog(kind: QuickKind, contact?: PageContact): void;
  onOpenForm(): void;
  busy: boolean;
}

type Asking = { kind: QuickKind | null };

/**
 * One-click logging: a call outcome or "E-mail sent" for the named contact, plus the full form.
 * Who it goes to is always said ("Dana Whitfield (from your last page) · change"); without anyone,
 * a click asks one question ("Who did you call?") with the page's people as suggestions.
 */
export function QuickLog({ target, suggestions, onSelect, onLog, onOpenForm, busy }: QuickLogProps) {
  const [asking, setAsking] = useState<Asking | null>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setAsking(null);
    queueMicrotask(() => changeRef.current?.focus());
  };
  return (
    <div className="rl-activity-quick">
      <p className="rl-activity-target">
        {target ? (
          <>
            Logs for <strong>{contactLabel(target.contact)}</strong>{' '}
            <span className="rl-activity-hint">({TARGET_SOURCE_TEXT[target.source]})</span> ·{' '}
            <button
              ref={changeRef}
              type="button"
              className="rl-activity-link"
              aria-expanded={asking?.kind === null}
              aria-label={`Change who this is logged for (now ${contactLabel(target.contact)})`}
              title="Log for someone else"
              onClick={() => setAsking(asking ? null : { kind: null })}
            >
              change
            </button>
          </>
        ) : (
          <span className="rl-activity-hint">No contact for this account yet: a click asks who.</span>
        )}
      </p>
      <div className="rl-activity-buttons" role="group" aria-label="Quick log">
        {QUICK_KINDS.map((q) => (
          <button
            key={q.kind}
            type="button"
            disabled={busy}
            onClick={() => (target ? onLog(q.kind) : setAsking({ kind: q.kind }))}
          >
            {q.label}
          </button>
        ))}
        <button type="button" className="rl-activity-link" onClick={onOpenForm}>
          Log with details…
        </button>
      </div>
      {asking ? (
        <WhoPrompt
          kind={asking.kind}
          suggestions={suggestions}
          busy={busy}
          onCancel={close}
          onPick={(c) => {
            setAsking(null);
            onSelect(c);
            if (asking.kind) onLog(asking.kind, c);
          }}
        />
      ) : null}
    </div>
  );
}

const QUESTION = (kind: QuickKind | null) =>
  kind === null ? 'Who is this for?' : kind === 'email-sent' ? 'Who did you e-mail?' : 'Who did you call?';

/** The one-field "Who did you call/e-mail?" prompt: an e-mail address, or one of the suggested people. */
function WhoPrompt({ kind, suggestions, busy, onPick, onCancel }: {
  kind: QuickKind | null;
  suggestions: PageContact[];
  busy: boolean;
  onPick(c: PageContact): void;
  onCancel(): void;
}) {
  const id = `${useId().replace(/:/g, '')}-who`;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const submitLabel = kind === null ? 'Use' : kind === 'email-sent' ? 'Log e-mail' : 'Log call';

  function submit(e: FormEvent) {
    e.preventDefault();
    const typed = value.trim();
    const named = suggestions.find((s) => s.name?.toLowerCase() === typed.toLowerCase() || s.email.toLowerCase() === typed.toLowerCase());
    if (named) return onPick(named);
    if (!EMAIL_PATTERN.test(typed)) return setError('Enter their e-mail address, or pick someone below.');
    onPick({ email: typed });
  }

  return (
    <form className="rl-activity-who-prompt" noValidate aria-label={QUESTION(kind)} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label htmlFor={id}>{QUESTION(kind)}</label>
      <div className="rl-activity-actions">
        <input
          ref={inputRef}
          id={id}
          type="email"
          placeholder="name@company.com"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" className="rl-activity-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="rl-activity-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error ? (
        <p className="rl-activity-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {suggestions.length > 0 ? (
        <ul className="rl-activity-suggestions" aria-label="People on this page and recent contacts">
          {suggestions.map((c) => (
            <li key={c.email}>
              <button type="button" disabled={busy} onClick={() => onPick(c)}>
                {contactLabel(c)}
                {c.name ? <span className="rl-activity-hint"> {c.email}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
