import { kickOutboxTotals } from './use-outbox-totals';
import { useEffect, useMemo, useRef, useState } from 'react';
import { RECENT_ACTIVITY_LIMIT } from '@/utils/panel-limits';
import type { ActivityDraft, ActivityView, PageContact } from '@/utils/view-models';
import { ActivityForm } from './ActivityForm';
import { ActivityList } from './ActivityList';
import { QuickLog } from './QuickLog';
import { RepEmailPrompt } from './RepEmailPrompt';
import { UndoToast, type ToastState } from './UndoToast';
import { useLastContactStore } from './activity-store';
import { activityTitle, contactLabel, contactSuggestions, quickDraft, type ActivityAccount, type QuickKind } from './drafts';
import { defaultActivitySend, type ActivitySend } from './send';
import { unreachable, useActivityData } from './use-activity-data';
import './activity.css';

export interface ActivitySectionProps {
  account: ActivityAccount;
  /** contacts read from the page (CRM contact record, Gmail participants) */
  pageContacts: PageContact[];
  /** the background; tests inject a fake */
  send?: ActivitySend;
  /** how many recent activities to show */
  limit?: number;
  /** the account's recent activities as the lookup delivered them (no listActivities at mount) */
  initialItems?: ActivityView[];
  /** any value that changes when the outbox may have moved on (e.g. StatusView.outbox from the
   *  statusChanged push); each change reloads the list so states go Pending → Sent without a click */
  refreshToken?: unknown;
}

type FormMode = { mode: 'new'; initial?: Partial<ActivityDraft> } | { mode: 'edit'; id: string; initial: ActivityDraft };

/** Activity logging for one account: quick log with undo, full form, recent activities, rep-email prompt. */
export function ActivitySection(props: ActivitySectionProps) {
  // a new account (SPA navigation) starts clean: no stale toast, form or list from the previous one
  return <AccountActivity key={props.account.domain} {...props} />;
}

function AccountActivity({ account, pageContacts, send = defaultActivitySend, limit = RECENT_ACTIVITY_LIMIT, refreshToken, initialItems }: ActivitySectionProps) {
  const { domain } = account;
  const { repEmail, setRepEmail, items: loaded, loadError, refresh } = useActivityData(send, domain, limit, refreshToken, initialItems);
  const items = useMemo(() => loaded ?? [], [loaded]);
  const [toast, setToast] = useState<ToastState | null>(null);
  const [undoUntil, setUndoUntil] = useState<number | null>(null);
  const [form, setForm] = useState<FormMode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remembered = useLastContactStore((s) => s.byDomain[domain]);
  const remember = useLastContactStore((s) => s.remember);
  const opener = useRef<HTMLElement | null>(null);

  // close the undo window on time; the item then moves on to the outbox's normal states
  useEffect(() => {
    if (undoUntil === null) return;
    const timer = setTimeout(() => {
      setUndoUntil(null);
      setToast(null);
      void refresh();
    kickOutboxTotals();
    }, Math.max(0, undoUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [undoUntil, refresh]);

  const suggestions = useMemo(() => contactSuggestions(pageContacts, items), [pageContacts, items]);
  const selected: PageContact | null = remembered ?? items[0]?.draft.contacts[0] ?? pageContacts[0] ?? null;
  const quickContacts = useMemo(
    () => (selected && !suggestions.some((s) => s.email === selected.email) ? [selected, ...suggestions] : suggestions),
    [selected, suggestions],
  );

  /** Queues a draft; resolves to an error sentence or null. */
  async function log(draft: ActivityDraft): Promise<string | null> {
    setError(null);
    let res;
    try {
      res = await send('logActivity', draft);
    } catch (err) {
      return unreachable(err);
    }
    if (!res.ok) return res.error.message;
    const first = draft.contacts[0];
    if (first) remember(domain, first);
    const verb = draft.activityType === 'call' ? 'call with' : 'email to';
    const until = res.activity.undoUntil ? Date.parse(res.activity.undoUntil) : NaN;
    const open = Number.isFinite(until) && until > Date.now();
    setToast({ message: `Logged ${verb} ${first ? contactLabel(first) : account.name}`, undoId: open ? res.activity.id : undefined });
    setUndoUntil(open ? until : null);
    void refresh();
    kickOutboxTotals();
    return null;
  }

  async function quick(kind: QuickKind) {
    opener.current = document.activeElement as HTMLElement | null;
    if (!selected) {
      const d = quickDraft(kind, account, { email: '' }, new Date());
      setForm({ mode: 'new', initial: { ...d, callTitle: undefined, subject: undefined, contacts: [] } });
      return;
    }
    setBusy(true);
    const err = await log(quickDraft(kind, account, selected, new Date()));
    setBusy(false);
    setError(err);
  }

  async function undo(id: string) {
    try {
      const res = await send('undoActivity', { id });
      setToast({ message: res.ok ? 'Undone: nothing was sent to Recotap.' : res.error.message });
    } catch (err) {
      setToast({ message: unreachable(err) });
    }
    setUndoUntil(null);
    void refresh();
    kickOutboxTotals();
  }

  async function submitForm(draft: ActivityDraft): Promise<string | null> {
    if (form?.mode !== 'edit') {
      const err = await log(draft);
      if (!err) closeForm();
      return err;
    }
    try {
      const res = await send('retryActivity', { id: form.id, draft });
      if (!res.ok) return res.error.message;
    } catch (err) {
      return unreachable(err);
    }
    setToast({ message: `Queued again: ${activityTitle(draft)}` });
    closeForm();
    void refresh();
    kickOutboxTotals();
    return null;
  }

  async function saveRepEmail(email: string): Promise<string | null> {
    try {
      const res = await send('setRepEmail', { email });
      if (!res.ok) return res.error.message;
    } catch (err) {
      return unreachable(err);
    }
    setRepEmail(email);
    setToast({ message: 'Saved. You can log activities now.' });
    return null;
  }

  function openForm(mode: FormMode) {
    opener.current = document.activeElement as HTMLElement | null;
    setForm(mode);
  }

  function closeForm() {
    setForm(null);
    // give keyboard users their place back
    queueMicrotask(() => opener.current?.isConnected && opener.current.focus());
  }

  return (
    <div className="rl-activity">
      {repEmail === undefined ? (
        <p className="rl-activity-hint">Loading…</p>
      ) : repEmail === null ? (
        <RepEmailPrompt onSave={saveRepEmail} />
      ) : (
        <QuickLog
          contacts={quickContacts}
          selected={selected}
          onSelect={(c) => remember(domain, c)}
          onLog={(k) => void quick(k)}
          onOpenForm={() => openForm({ mode: 'new', initial: selected ? { contacts: [selected] } : undefined })}
          busy={busy}
        />
      )}
      <UndoToast toast={toast} onUndo={(id) => void undo(id)} />
      {error || loadError ? (
        <p className="rl-activity-error" role="alert">
          {error ?? loadError}
        </p>
      ) : null}
      {form ? (
        <ActivityForm
          key={form.mode === 'edit' ? form.id : 'new'}
          account={account}
          initial={form.initial}
          suggestions={suggestions}
          title={form.mode === 'edit' ? 'Edit and resend activity' : 'Log an activity'}
          submitLabel={form.mode === 'edit' ? 'Resend' : 'Log activity'}
          onSubmit={submitForm}
          onCancel={closeForm}
        />
      ) : null}
      {loaded ? <ActivityList items={loaded} onEdit={(item) => openForm({ mode: 'edit', id: item.id, initial: item.draft })} /> : null}
    </div>
  );
}
