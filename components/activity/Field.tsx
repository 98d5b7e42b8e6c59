import type { ReactNode } from 'react';
import type { FieldErrors } from './form-model';

/** ARIA wiring of an input to its error message (aria-invalid + aria-describedby). */
export function invalidProps(errors: FieldErrors, key: string, id: string) {
  return errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

/** A labelled control with its error message right below it; the message names the field. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'rl-activity-field rl-activity-field-invalid' : 'rl-activity-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="rl-activity-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
