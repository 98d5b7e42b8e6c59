/**
 * Gmail (crm-detection.md §2.10): hash-routed threads (#inbox/{threadId}, #label/X/{id}, …).
 * Participants carry their address in an `email` attribute (span[email]); the adapter returns
 * every address: free mail and the rep's own domain are filtered by the background, with
 * companyEmailDomains() below as the shared pure rule.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, clean, contactOf, emailValue, textOf } from '../dom';
import { pickShown } from '../query';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. Source: gmail.js (real-dom-evidence.md §6).
const S = {
  /** the subject heading: carries data-thread-perm-id / data-legacy-thread-id (not a container) */
  subject: ['h2.hP', 'h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]'],
  /** the conversation wrapper around the subject and its messages */
  thread: 'div.if, div.iY, div.nH.if',
  /** the thread list (other conversations' senders) */
  listRows: 'tr, [role="row"], [role="listitem"] [role="checkbox"]',
  /** message senders (display name in `name`), then every participant chip */
  sender: ['span.gD[email]', 'h3 span[email]'],
  participant: ['span[email]'],
  /** message bodies: quoted mail, signatures and newsletters name other companies */
  exclude: 'div.a3s, .gmail_quote, blockquote',
} as const;

const MATCHES = ['https://mail.google.com/*'];
const PATH_RE = /^\/mail\/(?:u\/\d+\/)?$/;
// folder or label/search prefix, then a thread id (legacy 16-hex or the newer FMfcg… token)
const HASH_RE = /^#(?:inbox|starred|snoozed|sent|imp|all|spam|trash|drafts|scheduled|label\/[^/]+|category\/\w+|search\/[^/]+|advanced-search\/[^/]+)\/([A-Za-z0-9]{16,})$/;
const ROLE_MAILBOX = /^(info|hello|sales|team|contact|support|noreply|no-reply|news|marketing|office|billing)@/i;

/** Organisation part of a sender display name ("Dana Whitfield | Acme Robotics", "Dana at Acme"). */
function orgFromSender(name: string | undefined, email: string | undefined): string | undefined {
  if (!name) return undefined;
  const m = /(?:\s[|–—-]\s|\s(?:at|from|@)\s|\()([^()|]+)\)?$/i.exec(name);
  if (m?.[1]) return clean(m[1], 300);
  return email && ROLE_MAILBOX.test(email) ? clean(name, 300) : undefined;
}

/**
 * External company domains in a thread, most frequent first: drops the rep's own domain and
 * free-mail domains (the background supplies isFreeMail from its list).
 */
export function companyEmailDomains(emails: readonly string[], opts: { repEmail?: string; isFreeMail: (domain: string) => boolean }): string[] {
  const own = opts.repEmail?.split('@')[1]?.toLowerCase();
  const counts = new Map<string, number>();
  for (const e of emails) {
    const d = e.split('@')[1]?.toLowerCase().replace(/\.$/, '');
    if (!d || d === own || opts.isFreeMail(d)) continue;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([d]) => d);
}

export default defineSiteAdapter<RecordMatch>({
  id: 'gmail',
  label: 'Gmail',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWfGkLrXbTqSmPpVwHnCdKzB', expect: { recordType: 'thread', recordId: 'FMfcgzQXJWfGkLrXbTqSmPpVwHnCdKzB' } },
      { url: 'https://mail.google.com/mail/u/1/#label/Clients/18c2f3a4b5d6e7f8', expect: { recordType: 'thread', recordId: '18c2f3a4b5d6e7f8' } },
      { url: 'https://mail.google.com/mail/u/0/#sent/FMfcgzQXKbbcdDfghJklMnPqRsTvWxYz', expect: { recordType: 'thread', recordId: 'FMfcgzQXKbbcdDfghJklMnPqRsTvWxYz' } },
    ],
    negative: [
      'https://mail.google.com/mail/u/0/#inbox',
      'https://mail.google.com/mail/u/0/#inbox/p2',
      'https://mail.google.com/mail/u/0/#settings/general',
      'https://mail.google.com/chat/u/0/#chat/home',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url) || !PATH_RE.test(url.pathname)) return null;
    const id = HASH_RE.exec(url.hash)?.[1];
    return id ? { recordType: 'thread', recordId: id, url: url.href } : null;
  },
  containerSelector: '[role="main"]',
  kind: () => 'other',
  scope(doc) {
    // the visible subject of the open conversation; hidden, previously opened ones stay mounted
    const subject = pickShown(all(doc, S.subject));
    // without the subject, the main area also holds the thread list (other senders): read nothing
    if (!subject) return null;
    const wrapper = subject.parentElement?.closest(S.thread);
    if (wrapper) return wrapper;
    // class names changed: the nearest ancestor that holds participants, as long as it holds no list
    for (let el = subject.parentElement; el && !el.matches('body, [role="main"]'); el = el.parentElement) {
      if (el.querySelector(S.listRows)) return null;
      if (el.querySelector('span[email]')) return el;
    }
    return null;
  },
  exclude: S.exclude,
  titleSelectors: S.subject,
  renderedIds(q, match) {
    // a legacy hex id in the URL can be compared with the subject's; the newer tokens cannot
    if (!/^[0-9a-f]{16}$/.test(match.recordId)) return [];
    const legacy = q.first(S.subject)?.getAttribute('data-legacy-thread-id');
    return legacy ? [legacy] : [];
  },
  hooks(q) {
    const chips = q.all(S.participant);
    const sender = q.first(S.sender);
    const senderEmail = emailValue(sender?.getAttribute('email'));
    const senderName = clean(sender?.getAttribute('name')) ?? textOf(sender);
    return {
      title: textOf(q.first(S.subject)),
      websites: [],
      emails: chips.map((c) => emailValue(c.getAttribute('email'))),
      companyName: orgFromSender(senderName, senderEmail),
      contacts: chips.map((c) => contactOf(c.getAttribute('email') ?? undefined, clean(c.getAttribute('name')) ?? textOf(c))),
    };
  },
});
