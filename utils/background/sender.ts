/**
 * Who may talk to the background (design.md rule 3). Only our own extension: its pages (popup,
 * options, side panel — even when open in a tab) may send anything; a content script may send only
 * the page-facing messages, and only from a tab on a supported site. There is no
 * externally_connectable, so web pages cannot reach us; anything else is rejected here too.
 */
import type { RequestName } from '../messaging';

/** The fields of runtime.MessageSender the check reads. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

export type SenderInfo = { kind: 'extension-page' } | { kind: 'content-script'; tabId: number | null; url: string; siteId: string };

/** Messages a content script may send: page lookups, pins, "Add to Recotap" and activity logging. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<RequestName> = new Set<RequestName>([
  'lookupContext',
  'searchAccounts',
  'pinAccount',
  'unpinAccount',
  'markSeen',
  'addAccount',
  'listSegments',
  'getStatus',
  'logActivity',
  'undoActivity',
  'retryActivity',
  'listActivities',
  'setRepEmail',
  'openOptions',
]);

export class SenderRejectedError extends Error {
  constructor(reason: string) {
    super(`Message rejected: ${reason}`);
    this.name = 'SenderRejectedError';
  }
}

export interface SenderCheckDeps {
  extensionId: string;
  /** e.g. chrome-extension://<id>/ or moz-extension://<uuid>/ */
  extensionOrigin: string;
  /** site adapter id whose hosts cover this URL (supported CRM, LinkedIn, Gmail, extra CRM hosts) or null */
  siteForUrl: (url: string) => Promise<string | null> | string | null;
}

/** Classify a sender or throw SenderRejectedError. */
export async function checkSender(name: RequestName, sender: MessageSenderLike | undefined, deps: SenderCheckDeps): Promise<SenderInfo> {
  if (!sender || sender.id !== deps.extensionId) throw new SenderRejectedError('not sent by this extension');
  const url = sender.url ?? sender.tab?.url ?? '';
  if (url.startsWith(deps.extensionOrigin)) return { kind: 'extension-page' };
  if (!sender.tab) throw new SenderRejectedError('neither an extension page nor a browser tab');
  if (!CONTENT_SCRIPT_MESSAGES.has(name)) throw new SenderRejectedError(`content scripts may not send ${name}`);
  const siteId = url ? await deps.siteForUrl(url) : null;
  if (!siteId) throw new SenderRejectedError('the tab is not on a supported site');
  return { kind: 'content-script', tabId: sender.tab.id ?? null, url, siteId };
}
