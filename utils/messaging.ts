/**
 * The one typed protocol between extension contexts (design.md rule 3).
 * Views and content scripts call the background with `sendMessage(name, data)`; the background
 * validates every payload with `requestSchemas[name]` (utils/messaging-schemas.ts, background-only)
 * and checks the sender before handling it. Nothing here carries the API key to a content script.
 * Only types are imported here, so content scripts and views bundle no zod.
 *
 * The transport is @webext-core/messaging 4's wire format, implemented here in a few lines (the
 * library and its error serialiser cost crm.js ~1 KB gzipped): a request is `{ id, type, data,
 * timestamp }` sent with runtime/tabs.sendMessage, the one listener per type in a context answers
 * `{ res }` or `{ err: { name, message, stack } }`. test/unit/messaging.test.ts checks it against
 * the library both ways, so either end may still be the library.
 */
import { browser, type Browser } from '#imports';
import type { z } from 'zod';
import type { requestSchemas } from './messaging-schemas';
import type { AccountSummary, ActivityView, LookupResult, PageContext, StatusView, ErrorView } from './view-models';

export type RequestName = keyof typeof requestSchemas;
export type RequestData<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export type TestConnectionResult = { ok: true; accountCount: number; hasMore: boolean } | { ok: false; error: ErrorView };
export type SimpleResult = { ok: true } | { ok: false; error: ErrorView };

/** Response type of each message. */
export interface ResponseMap {
  lookupContext: LookupResult;
  lookupQuery: LookupResult;
  searchAccounts: AccountSummary[];
  pinAccount: LookupResult;
  unpinAccount: LookupResult;
  markSeen: SimpleResult;
  addAccount: LookupResult;
  listSegments: { ok: true; segments: { id: string; name: string; status: string }[] } | { ok: false; error: ErrorView };
  getStatus: StatusView;
  syncNow: SimpleResult;
  testConnection: TestConnectionResult;
  saveApiKey: SimpleResult;
  clearLocalData: SimpleResult;
  logActivity: { ok: true; activity: ActivityView } | { ok: false; error: ErrorView };
  undoActivity: SimpleResult;
  retryActivity: SimpleResult;
  listActivities: ActivityView[];
  setRepEmail: SimpleResult;
  getTabResult: TabResultView;
  dismissTabQuery: SimpleResult;
  openOptions: SimpleResult;
}

/** What the side panel shows for a tab. */
export interface TabResultView {
  context: PageContext | null;
  result: LookupResult | null;
  query: string | null;
}

/** Background → views pushes (tabs.sendMessage / runtime broadcast). */
export interface PushMap {
  /** fresher data arrived for the context a tab asked about (stale-while-revalidate); `url` is that page's */
  accountUpdated: { url: string | null; result: LookupResult };
  /** keyboard command / toolbar: show or hide the in-page panel */
  togglePanel: undefined;
  /** status changed (sync progress, outbox totals) */
  statusChanged: StatusView;
  /** a tab's result or context-menu query changed: an open side panel re-reads it */
  tabResultChanged: { tabId: number };
}

type ProtocolMap = {
  [N in RequestName]: (data: RequestData<N>) => ResponseMap[N];
} & {
  [N in keyof PushMap]: (data: PushMap[N]) => void;
};
type MessageName = keyof ProtocolMap;
type DataOf<N extends MessageName> = Parameters<ProtocolMap[N]>[0];
type ReturnOf<N extends MessageName> = ReturnType<ProtocolMap[N]>;

/** What a listener receives (the library's ExtensionMessage shape). */
export interface ProtocolMessage<N extends MessageName> {
  id: number;
  type: N;
  data: DataOf<N>;
  timestamp: number;
  sender: Browser.runtime.MessageSender;
}
type Reply = { res?: unknown; err?: { name?: unknown; message?: unknown; stack?: unknown } | null };
type Listener = (message: ProtocolMessage<MessageName>) => unknown;

let nextId = Math.floor(Math.random() * 1e4);
const listeners = new Map<string, Listener>();
let removeRoot: (() => void) | null = null;

/** A thrown error as the library serialises it (name, message, stack survive the trip). */
const serializeError = (e: unknown) =>
  e instanceof Error ? { name: e.name, message: e.message, stack: e.stack ?? '' } : { name: 'Error', message: String(e), stack: '' };

function toError(err: NonNullable<Reply['err']>): Error {
  const error = new Error(typeof err.message === 'string' ? err.message : String(err.message ?? err));
  if (typeof err.name === 'string') error.name = err.name;
  if (typeof err.stack === 'string') error.stack = err.stack;
  return error;
}

/** Send to the background (or, with a tab id, to that tab's content script); resolves to its answer. */
export async function sendMessage<N extends MessageName>(
  type: N,
  data: DataOf<N>,
  target?: number | { tabId: number; frameId?: number },
): Promise<Awaited<ReturnOf<N>>> {
  const message = { id: nextId++, type, data, timestamp: Date.now() };
  const to = typeof target === 'number' ? { tabId: target } : target;
  const reply = (await (to
    ? browser.tabs.sendMessage(to.tabId, message, to.frameId != null ? { frameId: to.frameId } : undefined)
    : browser.runtime.sendMessage(message))) as Reply | undefined;
  if (reply == null) throw new Error('No response');
  if (reply.err != null) throw toError(reply.err);
  return reply.res as Awaited<ReturnOf<N>>;
}

function rootListener(raw: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined {
  const message = raw as Partial<ProtocolMessage<MessageName>> | null;
  // not ours (another library, a page's spoof that reached us by other means): leave it unanswered
  if (typeof message !== 'object' || message === null || typeof message.type !== 'string' || typeof message.timestamp !== 'number') return undefined;
  const listener = listeners.get(message.type);
  if (!listener) return undefined;
  return (async () => {
    try {
      return { res: await listener({ ...message, sender } as ProtocolMessage<MessageName>) };
    } catch (e) {
      return { err: serializeError(e) };
    }
  })();
}

/** Answer one message type in this context (one listener per type); returns the remove function. */
export function onMessage<N extends MessageName>(
  type: N,
  listener: (message: ProtocolMessage<N>) => ReturnOf<N> | Promise<ReturnOf<N>> | void,
): () => void {
  if (listeners.has(type)) throw new Error(`[messaging] In this JS context, only one listener can be setup for ${type}`);
  if (!removeRoot) {
    const root = rootListener as Parameters<typeof browser.runtime.onMessage.addListener>[0];
    browser.runtime.onMessage.addListener(root);
    removeRoot = () => browser.runtime.onMessage.removeListener(root);
  }
  listeners.set(type, listener as Listener);
  return () => {
    if (listeners.get(type) !== listener) return;
    listeners.delete(type);
    if (listeners.size === 0) {
      removeRoot?.();
      removeRoot = null;
    }
  };
}
