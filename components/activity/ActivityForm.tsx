import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ActivityDraft, PageContact } from '@/utils/view-models';
import { ContactRows } from './ContactRows';
import { Field, invalidProps } from './Field';
import { QUICK_KINDS, type ActivityAccount } from './drafts';
import { formFromDraft, validateForm, type FieldErrors, type FormState } from './form-model';

export interface ActivityFormProps {
  account: ActivityAccount;
  /** prefill ("Edit & resend", or a quick log that still needs a contact) */
  initial?: Partial<ActivityDraft>;
  suggestions: PageContact[];
  title: string;
  submitLabel: string;
  /** resolves to an error sentence to show, or null when done */
  onSubmit(draft: ActivityDraft): Promise<string | null>;
  onCancel(): void;
  now?: () => Date;
}

const OUTCOMES = QUICK_KINDS.flatMap((q) => (q.outcome ? [q.outcome] : []));

/** The full activity form: every field of the sales-activity contract, validated before sending. */
export function ActivityForm({ account, initial, suggestions, title, submitLabel, onSubmit, onCancel, now }: ActivityFormProps) {
  const uid = useId().replace(/:/g, '');
  const [form, setForm] = useState<FormState>(() => formFromDraft(initial, now?.() ?? new Date()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const id = (key: string) => `${uid}-${key}`;
  const inv = (key: string) => invalidProps(errors, key, id(key));

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = validateForm(form, account);
    if (!res.ok) {
      setErrors(res.errors);
      // move focus to the first field that needs attention (after React rendered aria-invalid)
      queueMicrotask(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    const err = await onSubmit(res.draft);
    setBusy(false);
    setServerError(err);
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onCancel();
  };
  const isCall = form.activityType === 'call';

  return (
    <form ref={formRef} className="rl-activity-form" noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby={id('title')}>
      <h4 id={id('title')}>{title}</h4>
      <Field id={id('activityType')} label="Type">
        <select id={id('activityType')} value={form.activityType} onChange={(e) => set('activityType', e.target.value === 'email' ? 'email' : 'call')}>
          <option value="call">Call</option>
          <option value="email">Email</option>
        </select>
      </Field>
      {isCall ? (
        <>
          <Field id={id('callTitle')} label="Call title" error={errors.callTitle}>
            <input id={id('callTitle')} value={form.callTitle} onChange={(e) => set('callTitle', e.target.value)} {...inv('callTitle')} />
          </Field>
          <Field id={id('outcome')} label="Outcome" error={errors.outcome}>
            <input id={id('outcome')} list={id('outcomes')} value={form.outcome} onChange={(e) => set('outcome', e.target.value)} {...inv('outcome')} />
          </Field>
          <datalist id={id('outcomes')}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          <Field id={id('direction')} label="Direction">
            <select id={id('direction')} value={form.direction} onChange={(e) => set('direction', e.target.value === 'inbound' ? 'inbound' : 'outbound')}>
              <option value="outbound">Outbound</option>
              <option value="inbound">Inbound</option>
            </select>
          </Field>
          <Field id={id('durationMinutes')} label="Duration (minutes)" error={errors.durationMinutes}>
            <input id={id('durationMinutes')} type="number" min={0} max={1440} inputMode="decimal" value={form.durationMinutes} onChange={(e) => set('durationMinutes', e.target.value)} {...inv('durationMinutes')} />
          </Field>
        </>
      ) : (
        <>
          <Field id={id('subject')} label="Subject" error={errors.subject}>
            <input id={id('subject')} value={form.subject} onChange={(e) => set('subject', e.target.value)} {...inv('subject')} />
          </Field>
          <Field id={id('openCount')} label="Opens" error={errors.openCount}>
            <input id={id('openCount')} type="number" min={0} step={1} inputMode="numeric" value={form.openCount} onChange={(e) => set('openCount', e.target.value)} {...inv('openCount')} />
          </Field>
          <Field id={id('clickCount')} label="Clicks" error={errors.clickCount}>
            <input id={id('clickCount')} type="number" min={0} step={1} inputMode="numeric" value={form.clickCount} onChange={(e) => set('clickCount', e.target.value)} {...inv('clickCount')} />
          </Field>
        </>
      )}
      <Field id={id('occurredAt')} label="When" error={errors.occurredAt}>
        <input id={id('occurredAt')} type="datetime-local" value={form.occurredAt} onChange={(e) => set('occurredAt', e.target.value)} {...inv('occurredAt')} />
      </Field>
      <ContactRows idPrefix={uid} rows={form.contacts} suggestions={suggestions} errors={errors} onChange={(rows) => set('contacts', rows)} />
      {errors.domain || errors.form ? <p className="rl-activity-error" role="alert">{errors.domain ?? errors.form}</p> : null}
      {serverError ? <p className="rl-activity-error" role="alert">{serverError}</p> : null}
      <div className="rl-activity-actions">
        <button type="submit" className="rl-activity-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
