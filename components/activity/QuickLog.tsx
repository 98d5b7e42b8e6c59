import { useId } from 'react';
import type { PageContact } from '@/utils/view-models';
import { QUICK_KINDS, contactLabel, type QuickKind } from './drafts';

export interface QuickLogProps {
  /** who a one-click log goes to; the rep can switch between the known contacts */
  contacts: PageContact[];
  selected: PageContact | null;
  onSelect(contact: PageContact): void;
  onLog(kind: QuickKind): void;
  onOpenForm(): void;
  busy: boolean;
}

/** One-click logging: a call outcome or "email sent" for the selected contact, plus the full form. */
export function QuickLog({ contacts, selected, onSelect, onLog, onOpenForm, busy }: QuickLogProps) {
  const selectId = `${useId().replace(/:/g, '')}-who`;
  return (
    <div className="rl-activity-quick">
      {contacts.length > 1 && selected ? (
        <div className="rl-activity-who">
          <label htmlFor={selectId}>Log for</label>
          <select
            id={selectId}
            value={selected.email}
            onChange={(e) => {
              const next = contacts.find((c) => c.email === e.target.value);
              if (next) onSelect(next);
            }}
          >
            {contacts.map((c) => (
              <option key={c.email} value={c.email}>
                {c.name ? `${c.name} (${c.email})` : c.email}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="rl-activity-hint">
          {selected ? `Logs for ${contactLabel(selected)}` : 'No contact found on this page: you will be asked for one.'}
        </p>
      )}
      <div className="rl-activity-buttons" role="group" aria-label="Quick log">
        {QUICK_KINDS.map((q) => (
          <button key={q.kind} type="button" disabled={busy} onClick={() => onLog(q.kind)}>
            {q.label}
          </button>
        ))}
        <button type="button" className="rl-activity-link" onClick={onOpenForm}>
          Log with details…
        </button>
      </div>
    </div>
  );
}
