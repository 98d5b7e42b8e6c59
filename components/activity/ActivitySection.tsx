import { kickOutboxTotals } from './use-outbox-totals';
import { useEffect, useMemo, useRef, useState } from 'react';
import { RECENT_ACTIVITY_LIMIT } from '@/utils/panel-limits';
import type { ActivityDraft, ActivityView, PageContact } from '@/utils/view-models';
import { Fold } from '../Fold';
import { ActivityForm } from './ActivityForm';
import { ActivityList } from './ActivityList';
import { QuickLog, type QuickTarget } from './QuickLog';
import { RepEmailPrompt } from './RepEmailPrompt';
import { UndoToast, type ToastState } from './UndoToast';
import { useLastContactStore, type RememberedContact } from './activity-store';
import { activityLine, cleanContact, contactSuggestions, ofDomain, quickDraft, type ActivityAccount, type QuickKind } from './drafts';
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
  /** the rep pinned this account to the page's record: the page's people may belong to another company */
  pinned?: boolean;
  /** the page's URL: a contact chosen here reads "your choice" here, "from your last page" elsewhere */
  pageUrl?: string;
}

type FormMode = { mode: 'new'; initial?: Partial<ActivityDraft> } | { mode: 'edit'; id: string; initial: ActivityDraft };

/** Activity logging for one account: quick log with undo, full form, recent activities, rep-email prompt. */
export function ActivitySection(props: ActivitySectionProps) {
  // a new account (SPA navigation) starts clean: no stale toast, form or list from the previous one
  return <AccountActivity key={props.account.domain} {...props} />;
}

/** "Recent activities (3, 1 failed)": a failure is seen even while the list is folded. */
function recentTitle(items: ActivityView[]): string {
  const failed = items.filter((i) => i.state === 'failed').length;
  return `Recent activities (${items.length}${failed ? `, ${failed} failed` : ''})`;
}

/**
 * Who a one-click log goes to, and why: the rep's last choice when this page shows that person; else
 * the page's own contact (after a pin, only one of the pinned account's domain); else the rep's
 * last choice from another page; else the contact of the last logged activity. Never silent: the
 * source is shown next to the name.
 */
export function quickTarget(
  pageContacts: PageContact[], remembered: RememberedContact | undefined, items: ActivityView[], domain: string, pinned: boolean, pageUrl?: string,
): QuickTarget | null {
  const same = (a: PageContact) => (b: PageContact) => a.email.toLowerCase() === b.email.toLowerCase();
  const own = pinned ? pageContacts.filter((c) => ofDomain(c.email, domain)) : pageContacts;
  if (remembered && own.some(same(remembered))) return { contact: cleanContact(remembered), source: 'page' };
  if (own[0]) return { contact: own[0], source: 'page' };
  if (remembered) return { contact: cleanContact(remembered), source: pageUrl && remembered.chosenOn === pageUrl ? 'chosen' : 'last-page' };
  const last = items[0]?.draft.contacts[0];
  return last ? { contact: last, source: own.some(same(last)) ? 'page' : 'last-log' } : null;
}

function AccountActivity({ account, pageContacts, send = defaultActivitySend, limit = RECENT_ACTIVITY_LIMIT, refreshToken, initialItems, pinned = false, pageUrl }: ActivitySectionProps) {
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
  const target = quickTarget(pageContacts, remembered, items, domain, pinned, pageUrl);
  const selected: PageContact | null = target?.contact ?? null;

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
    if (first) remember(domain, first, pageUrl);
    const until = res.activity.undoUntil ? Date.parse(res.activity.undoUntil) : NaN;
    const open = Number.isFinite(until) && until > Date.now();
    setToast({ message: `Logged ${activityLine(draft)}`, undoId: open ? res.activity.id : undefined });
    setUndoUntil(open ? until : null);
    void refresh();
    kickOutboxTotals();
    return null;
  }

  async function quick(kind: QuickKind, contact: PageContact | null = selected) {
    if (!contact) return;
    setBusy(true);
    const err = await log(quickDraft(kind, account, contact, new Date()));
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
    setToast({ message: `Queued again: ${activityLine(draft)}` });
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
          target={target}
          suggestions={suggestions}
          onSelect={(c) => remember(domain, c, pageUrl)}
          onLog={(k, c) => void quick(k, c)}
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
      {loaded ? (
        <Fold id="recent-activities" title={recentTitle(loaded)} defaultOpen>
          <ActivityList items={loaded} onEdit={(item) => openForm({ mode: 'edit', id: item.id, initial: item.draft })} />
        </Fold>
      ) : null}
    </div>
  );
}
