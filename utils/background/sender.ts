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
  'registerPanelFrame',
]);

/**
 * Where crm.js only detects the record and frames the panel (the panel's controls run in
 * panel-frame.html; Chrome and Firefox): what a content script on a CRM host may still send. A
 * bug in crm.js that lets page data run as code then gets no more than a record lookup: no account
 * added, no activity logged, no rep e-mail changed. LinkedIn's opt-in panel (inpage.js) renders in the page, so
 * LinkedIn keeps CONTENT_SCRIPT_MESSAGES (docs/security.md lists this as a residual risk).
 */
export const FRAMED_CRM_SCRIPT_MESSAGES: ReadonlySet<RequestName> = new Set<RequestName>(['lookupContext', 'registerPanelFrame']);

/** The framed in-page panel's page (components/panel-frame/), relative to the extension's origin. */
export const PANEL_FRAME_PAGE = 'panel-frame.html';

/** What crm.js registered for the panel iframe of a tab (panel-frames.ts). */
export interface PanelFrameEntry {
  secret: string;
  /** the registering content script's page and site, which the frame then speaks for */
  url: string;
  siteId: string;
}

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
  /** the panel iframe crm.js registered for a tab (absent: no panel frame is accepted) */
  panelFrame?: (tabId: number) => Promise<PanelFrameEntry | null>;
  /** CRM pages' panel is framed (both builds), so their content script gets FRAMED_CRM_SCRIPT_MESSAGES only */
  framedCrmPanel?: boolean;
}

/** Classify a sender or throw SenderRejectedError. */
export async function checkSender(name: RequestName, sender: MessageSenderLike | undefined, deps: SenderCheckDeps): Promise<SenderInfo> {
  if (!sender || sender.id !== deps.extensionId) throw new SenderRejectedError('not sent by this extension');
  const url = sender.url ?? sender.tab?.url ?? '';
  if (url.startsWith(`${deps.extensionOrigin}${PANEL_FRAME_PAGE}`)) return checkPanelFrame(name, sender, url, deps);
  if (url.startsWith(deps.extensionOrigin)) return { kind: 'extension-page' };
  if (!sender.tab) throw new SenderRejectedError('neither an extension page nor a browser tab');
  if (!CONTENT_SCRIPT_MESSAGES.has(name)) throw new SenderRejectedError(`content scripts may not send ${name}`);
  const siteId = url ? await deps.siteForUrl(url) : null;
  if (!siteId) throw new SenderRejectedError('the tab is not on a supported site');
  if (deps.framedCrmPanel && !siteId.startsWith('linkedin') && !FRAMED_CRM_SCRIPT_MESSAGES.has(name)) {
    throw new SenderRejectedError(`the CRM content script may not send ${name} (its panel is framed)`);
  }
  return { kind: 'content-script', tabId: sender.tab.id ?? null, url, siteId };
}

/**
 * The panel iframe speaks for its tab, as that tab's content script, with the same restrictions;
 * but only the frame crm.js created: its URL must carry the secret crm.js registered for the tab.
 * A page can frame panel-frame.html itself in Chrome (it is web-accessible on CRM hosts), but it
 * cannot know that secret, so such a frame is rejected here. Firefox declares it not web-accessible
 * at all (only crm.js's own iframe loads it).
 */
async function checkPanelFrame(name: RequestName, sender: MessageSenderLike, url: string, deps: SenderCheckDeps): Promise<SenderInfo> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) throw new SenderRejectedError('a panel frame outside a tab');
  if (!CONTENT_SCRIPT_MESSAGES.has(name) || name === 'registerPanelFrame') throw new SenderRejectedError(`the panel frame may not send ${name}`);
  const secret = url.split('#')[1] ?? '';
  const entry = secret ? await deps.panelFrame?.(tabId) : null;
  if (!entry || entry.secret !== secret) throw new SenderRejectedError("a panel frame that the tab's content script did not register");
  return { kind: 'content-script', tabId, url: entry.url, siteId: entry.siteId };
}
