import type { PageContact } from '@/utils/view-models';
import { Field, invalidProps } from './Field';
import { contactRow, type ContactRow, type FieldErrors } from './form-model';

interface Props {
  idPrefix: string;
  rows: ContactRow[];
  suggestions: PageContact[];
  errors: FieldErrors;
  onChange(rows: ContactRow[]): void;
}

/** Contact rows (email required; name, title optional) with page/recent contacts as suggestions. */
export function ContactRows({ idPrefix, rows, suggestions, errors, onChange }: Props) {
  const listId = `${idPrefix}-suggest`;
  const update = (key: number, patch: Partial<ContactRow>) => {
    onChange(
      rows.map((r) => {
        if (r.key !== key) return r;
        const next = { ...r, ...patch };
        // picking a suggested address fills in what we know about that person
        const known = patch.email !== undefined ? suggestions.find((s) => s.email === patch.email) : undefined;
        if (known && !next.name) next.name = known.name ?? '';
        if (known && !next.title) next.title = known.title ?? '';
        return next;
      }),
    );
  };
  return (
    <fieldset className="rl-activity-contacts">
      <legend>Contacts</legend>
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.email} value={s.email} label={s.name ? `${s.name} (${s.email})` : s.email} />
        ))}
      </datalist>
      {rows.map((r, i) => {
        const id = `${idPrefix}-c${r.key}`;
        const n = i + 1;
        return (
          <div className="rl-activity-contact" key={r.key} role="group" aria-label={`Contact ${n}`}>
            <Field id={`${id}-email`} label={`Contact ${n} email`} error={errors[`contacts.${i}.email`]}>
              <input
                id={`${id}-email`}
                type="email"
                list={listId}
                autoComplete="off"
                value={r.email}
                onChange={(e) => update(r.key, { email: e.target.value })}
                {...invalidProps(errors, `contacts.${i}.email`, `${id}-email`)}
              />
            </Field>
            <Field id={`${id}-name`} label={`Contact ${n} name (optional)`} error={errors[`contacts.${i}.name`]}>
              <input id={`${id}-name`} value={r.name} onChange={(e) => update(r.key, { name: e.target.value })} {...invalidProps(errors, `contacts.${i}.name`, `${id}-name`)} />
            </Field>
            <Field id={`${id}-title`} label={`Contact ${n} title (optional)`} error={errors[`contacts.${i}.title`]}>
              <input id={`${id}-title`} value={r.title} onChange={(e) => update(r.key, { title: e.target.value })} {...invalidProps(errors, `contacts.${i}.title`, `${id}-title`)} />
            </Field>
            <button type="button" className="rl-activity-link" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              Remove contact {n}
            </button>
          </div>
        );
      })}
      {errors.contacts ? (
        <p className="rl-activity-error" id={`${idPrefix}-contacts-error`}>
          {errors.contacts}
        </p>
      ) : null}
      <button
        type="button"
        className="rl-activity-link"
        aria-describedby={errors.contacts ? `${idPrefix}-contacts-error` : undefined}
        onClick={() => onChange([...rows, contactRow()])}
      >
        Add contact
      </button>
    </fieldset>
  );
}
