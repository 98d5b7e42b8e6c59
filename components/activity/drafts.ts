/** Pure helpers for activity drafts: quick-log defaults, local time ↔ ISO, contact suggestions, labels. */
import type { ActivityDraft, ActivityView, PageContact } from '@/utils/view-models';

export interface ActivityAccount {
  domain: string;
  name: string;
  rtpAid?: string;
}

export type QuickKind = 'call-connected' | 'call-voicemail' | 'call-no-answer' | 'email-sent';

/** Button label and call outcome of each one-click log. */
export const QUICK_KINDS: { kind: QuickKind; label: string; outcome?: string }[] = [
  { kind: 'call-connected', label: 'Call: connected', outcome: 'Connected' },
  { kind: 'call-voicemail', label: 'Call: left voicemail', outcome: 'Left voicemail' },
  { kind: 'call-no-answer', label: 'Call: no answer', outcome: 'No answer' },
  { kind: 'email-sent', label: 'E-mail sent' },
];

/** What a rep would call a contact: the name when the page gave one, else the address. */
export function contactLabel(c: { email: string; name?: string }): string {
  return c.name?.trim() || c.email;
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** An instant as ISO 8601 in the rep's local offset (keeps the local wall time readable in Recotap). */
export function toLocalIso(date: Date): string {
  const off = -date.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

/** `<input type="datetime-local">` value → ISO with offset, or null when it is not a real date-time. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value); // no zone in the string: parsed as local time
  return Number.isNaN(date.getTime()) ? null : toLocalIso(date);
}

/** ISO date-time → `<input type="datetime-local">` value in local time ('' when unparseable). */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : toLocalIso(date).slice(0, 16);
}

/** The one-click draft: now, outbound, a readable title, the chosen contact. */
export function quickDraft(kind: QuickKind, account: ActivityAccount, contact: PageContact, now: Date): ActivityDraft {
  const base = {
    domain: account.domain,
    accountName: account.name || undefined,
    rtpAid: account.rtpAid,
    occurredAt: toLocalIso(now),
    contacts: [cleanContact(contact)],
  };
  const who = contactLabel(contact);
  if (kind === 'email-sent') return { ...base, activityType: 'email', subject: `Email to ${who}` };
  const outcome = QUICK_KINDS.find((q) => q.kind === kind)?.outcome;
  return { ...base, activityType: 'call', callTitle: `Call with ${who}`, outcome, direction: 'outbound' };
}

/** Contact without empty optional fields (the API and the schema want absent, not ''). */
export function cleanContact(c: PageContact): PageContact {
  const out: PageContact = { email: c.email.trim() };
  if (c.name?.trim()) out.name = c.name.trim();
  if (c.title?.trim()) out.title = c.title.trim();
  return out;
}

/** Page contacts first, then contacts from recent activity on this account; one per address. */
export function contactSuggestions(pageContacts: PageContact[], recent: ActivityView[]): PageContact[] {
  const seen = new Map<string, PageContact>();
  const all = [...pageContacts, ...recent.flatMap((a) => a.draft.contacts)];
  for (const c of all) {
    const key = c.email.trim().toLowerCase();
    if (key && !seen.has(key)) seen.set(key, cleanContact(c));
  }
  return [...seen.values()];
}

/** Short human title of a logged activity, for the list and the undo toast. */
export function activityTitle(d: ActivityDraft): string {
  const first = d.contacts[0];
  const who = first ? contactLabel(first) : '';
  if (d.activityType === 'call') return d.callTitle || (who ? `Call with ${who}` : 'Call');
  return d.subject || (who ? `Email to ${who}` : 'Email');
}

/** The auto title quickDraft gives (not worth repeating in the list). */
function autoTitle(d: ActivityDraft, who: string): boolean {
  const t = d.activityType === 'call' ? d.callTitle : d.subject;
  return !t || t === `Call with ${who}` || t === `Email to ${who}`;
}

/** One line per activity, as reps read it: "Call · Connected — Dana Whitfield", "E-mail — Dana Whitfield". */
export function activityLine(d: ActivityDraft): string {
  const first = d.contacts[0];
  const who = first ? contactLabel(first) : '';
  const kind = d.activityType === 'call' ? `Call${d.outcome ? ` · ${d.outcome}` : ''}` : 'E-mail';
  return who ? `${kind} — ${who}` : kind;
}

/** The rep's own title or subject, when it says more than the automatic one; else null. */
export function customTitle(d: ActivityDraft): string | null {
  const first = d.contacts[0];
  if (autoTitle(d, first ? contactLabel(first) : '')) return null;
  return (d.activityType === 'call' ? d.callTitle : d.subject) ?? null;
}

/** Where the contact a quick log goes to came from, said next to the name. */
export type TargetSource = 'page' | 'chosen' | 'last-page' | 'last-log';

export const TARGET_SOURCE_TEXT: Record<TargetSource, string> = {
  page: 'on this page',
  chosen: 'your choice',
  'last-page': 'from your last page',
  'last-log': 'from your last log',
};

/** Whether an e-mail address belongs to the account's domain (or one of its subdomains). */
export function ofDomain(email: string, domain: string): boolean {
  const host = email.trim().toLowerCase().split('@')[1] ?? '';
  const d = domain.trim().toLowerCase();
  return d !== '' && (host === d || host.endsWith(`.${d}`));
}
