/**
 * A fake background for the activity container: records every message and answers with canned view
 * models, keeping a tiny in-memory list so refreshes show what was logged. The container is the unit
 * under test; the real outbox is tested in test/unit/activities.
 */
import type { ActivityMessages, ActivitySend } from '@/components/activity/send';
import type { ActivityDraft, ActivityView, StatusView } from '@/utils/view-models';

export interface Call {
  name: keyof ActivityMessages;
  data: unknown;
}

export const ACCOUNT = { domain: 'acme.com', name: 'Acme Corp', rtpAid: 'a1b2c3d4e5f6a1b2c3d4e5f6' };
export const DANA = { email: 'dana@acme.com', name: 'Dana Reyes', title: 'VP Sales' };
export const LEE = { email: 'lee@acme.com', name: 'Lee Park' };
export const HOSTILE = '<img src=x onerror=alert(1)>';

/** A stored activity as the background would list it. */
export function view(over: Omit<Partial<ActivityView>, 'draft'> & { draft?: Partial<ActivityDraft> } = {}): ActivityView {
  const { draft, ...rest } = over;
  return {
    id: 'act-old',
    state: 'sent',
    reason: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    undoUntil: null,
    attempts: 1,
    sentAt: '2026-11-20T09:00:05.000Z',
    ...rest,
    draft: {
      activityType: 'call',
      domain: ACCOUNT.domain,
      occurredAt: '2026-11-20T09:00:00+00:00',
      callTitle: 'Call with Lee Park',
      outcome: 'Connected',
      direction: 'outbound',
      contacts: [LEE],
      ...draft,
    },
  };
}

export function status(repEmail: string | null): StatusView {
  return {
    configured: true,
    needsNewKey: false,
    repEmail,
    sync: { enabled: true, phase: 'idle', pages: 0, accounts: 0, errors: 0, lastError: null, lastSuccessAt: null, cachedAccounts: 0 },
    outbox: { pending: 0, sent: 0, failed: 0 },
  };
}

/** Builds the fake; `undoMs` is the undo window the fake background grants. */
export function fakeSend(opts: { repEmail?: string | null; items?: ActivityView[]; undoMs?: number } = {}) {
  const calls: Call[] = [];
  let items = [...(opts.items ?? [])];
  let repEmail = opts.repEmail === undefined ? 'rep@seller.io' : opts.repEmail;
  let seq = 0;
  const undoMs = opts.undoMs ?? 5000;
  const handlers: { [N in keyof ActivityMessages]: (data: ActivityMessages[N][0]) => ActivityMessages[N][1] } = {
    getStatus: () => status(repEmail),
    listActivities: () => items.map((i) => structuredClone(i)),
    logActivity: (data) => {
      const draft = data as ActivityDraft;
      const now = Date.now();
      const activity = view({ id: `act-${++seq}`, state: 'undoable', createdAt: new Date(now).toISOString(), undoUntil: new Date(now + undoMs).toISOString(), attempts: 0, sentAt: null });
      activity.draft = draft;
      items = [activity, ...items];
      return { ok: true, activity };
    },
    undoActivity: ({ id }) => {
      items = items.filter((i) => i.id !== id);
      return { ok: true };
    },
    retryActivity: ({ id, draft }) => {
      items = items.map((i) => (i.id === id ? { ...i, state: 'pending', reason: null, draft: (draft as ActivityDraft) ?? i.draft } : i));
      return { ok: true };
    },
    setRepEmail: ({ email }) => {
      repEmail = email;
      return { ok: true };
    },
  };
  const send = (async (name: keyof ActivityMessages, data: unknown) => {
    calls.push({ name, data: structuredClone(data) });
    return (handlers[name] as (d: unknown) => unknown)(data);
  }) as ActivitySend;
  const of = (name: keyof ActivityMessages) => calls.filter((c) => c.name === name).map((c) => c.data);
  return { send, calls, of };
}
