/**
 * Outlook on the web (real-dom-evidence.md §7): an opened conversation or message in the reading
 * pane, /mail/[0/]<folder>/id/<id> (the id is a conversation id with conversation view on, else a
 * message id). Class names are obfuscated and aria-labels are translated, so participants are read
 * from anything shaped like an address inside the reading pane: `title` attributes (OWA puts the
 * address there and the display name in the text), any other attribute, or text ("Name<address>").
 * The message list and the folder pane are never read; neither are message bodies. Free mail and
 * the rep's own domain are dropped by the background, as for Gmail.
 */
import { defineSiteAdapter, type RecordMatch } from '../types';
import { all, clean, contactOf, emailValue, textOf } from '../dom';
import { isShown } from '../query';
import { matchesAny } from '../patterns';

// Selector table: arrays of alternatives, first hit wins. Sources: real-dom-evidence.md §7.
const S = {
  /** the reading pane (split view and full-page view); the id is the most stable of the four */
  pane: ['#ReadingPaneContainerId', '[data-app-section="ConversationContainer"]', '[data-app-section="MailReadCompose"]', 'main[aria-label="Reading Pane"]'],
  /** the conversation subject heading (assumption: OWA renders it as a level-2 heading) */
  subject: ['[role="heading"][aria-level="2"]', 'h2'],
  /** message bodies (quoted mail, signatures), the message list and the folder pane, hover cards */
  exclude: [
    '[role="document"]', 'blockquote', '[aria-label="Message body"]',
    '[role="listbox"]', '[role="tree"]', '[data-app-section="MessageList"]', '[data-app-section="NavigationPane"]',
    '[role="dialog"]', '[role="tooltip"]',
  ].join(', '),
} as const;

const MATCHES = ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'];
// /mail/, /mail/0/ (account index), then a folder path (inbox, sentitems, a folder id, …) and /id/<id>
const PATH_RE = /^\/mail\/(?:\d+\/)?(?:[^/]+\/)*?id\/([^/?#]+)\/?$/;
/** an address anywhere in an attribute value or a text ("Dana Cohen <dana@acme.com>", "From: dana@acme.com") */
const ADDRESS_IN = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** attributes that are URLs or ids, never a participant's address */
const SKIP_ATTR = /^(href|src|srcset|style|class|id|data-convid)$/i;

/** Addresses in a string, as plausible e-mail values. */
function addressesIn(s: string | null | undefined): string[] {
  if (!s || !s.includes('@')) return [];
  return (s.match(ADDRESS_IN) ?? []).map((m) => emailValue(m)).filter((e): e is string => !!e);
}

/** Orders addresses by their domain's frequency (most frequent first), stable within a domain count. */
export function byDomainFrequency(emails: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const e of emails) counts.set(e.split('@')[1]!, (counts.get(e.split('@')[1]!) ?? 0) + 1);
  return emails.map((e, i) => ({ e, i, n: counts.get(e.split('@')[1]!)! })).sort((a, b) => b.n - a.n || a.i - b.i).map((x) => x.e);
}

/** The display name beside an address: the element's text when it is not the address itself. */
function nameFor(el: Element, email: string): string | undefined {
  const t = clean(el.textContent?.replace(/<[^>]*>/g, ''), 200);
  if (!t || t.toLowerCase() === email || t.includes('@')) return undefined;
  return t.replace(/^(from|to|cc|von|an|de|à|para|da|a|van|aan)\s*:\s*/i, '') || undefined;
}

export default defineSiteAdapter<RecordMatch>({
  id: 'outlook',
  label: 'Outlook on the web',
  matches: MATCHES,
  examples: {
    positive: [
      { url: 'https://outlook.office.com/mail/inbox/id/AAQkAGI2TG93AAA%3D', expect: { recordType: 'thread', recordId: 'AAQkAGI2TG93AAA=' } },
      { url: 'https://outlook.live.com/mail/0/inbox/id/AQQkADAwATM0MDAAMS1iNTcwLTk4AAA%3D', expect: { recordType: 'thread', recordId: 'AQQkADAwATM0MDAAMS1iNTcwLTk4AAA=' } },
      { url: 'https://outlook.office365.com/mail/sentitems/id/AAMkAGE1M2IyNGNmAAA%3D', expect: { recordType: 'thread', recordId: 'AAMkAGE1M2IyNGNmAAA=' } },
    ],
    negative: [
      'https://outlook.office.com/mail/',
      'https://outlook.office.com/mail/inbox',
      'https://outlook.live.com/mail/0/',
      'https://outlook.office.com/calendar/view/month',
    ],
  },
  matchUrl(url) {
    if (!matchesAny(MATCHES, url)) return null;
    const raw = PATH_RE.exec(url.pathname)?.[1];
    if (!raw) return null;
    let id: string;
    try {
      id = decodeURIComponent(raw);
    } catch {
      return null;
    }
    return id.length >= 8 ? { recordType: 'thread', recordId: id, url: url.href } : null;
  },
  containerSelector: '#ReadingPaneContainerId, [data-app-section="ConversationContainer"], [data-app-section="MailReadCompose"]',
  kind: () => 'other',
  scope(doc) {
    // only the reading pane: the rest of the page is the message list (other senders) and folders
    for (const sel of S.pane) {
      const shown = all(doc, [sel]).find((el) => isShown(el));
      if (shown) return shown;
    }
    return null;
  },
  // a mail's links and signatures name other companies: participants' addresses only (hooks)
  sharedLayers: [],
  exclude: S.exclude,
  titleSelectors: S.subject,
  hooks(q) {
    const emails: string[] = [];
    const contacts: ReturnType<typeof contactOf>[] = [];
    for (const el of q.all('*')) {
      for (const a of Array.from(el.attributes)) {
        if (SKIP_ATTR.test(a.name)) continue;
        for (const e of addressesIn(a.value)) {
          emails.push(e);
          contacts.push(contactOf(e, nameFor(el, e)));
        }
      }
      // text of a leaf-ish element: "Dana Cohen<dana@acme.com>" in some builds' sender button
      if (el.children.length === 0) {
        for (const e of addressesIn(el.textContent)) {
          emails.push(e);
          const name = clean(el.textContent?.split('<')[0]?.replace(/[":]/g, ''), 200);
          contacts.push(contactOf(e, name && !name.includes('@') ? name : undefined));
        }
      }
    }
    return {
      title: textOf(q.first(S.subject)),
      websites: [],
      emails: [...new Set(byDomainFrequency(emails))],
      contacts,
    };
  },
});
