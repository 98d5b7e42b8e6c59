/**
 * Thin glue: one @webext-core/messaging listener per request message, delegating to the pure
 * handlers. Registered synchronously at worker start (so a message that woke the worker is
 * delivered) while the handlers themselves wait for the services to be built.
 */
import { onMessage, sendMessage, type RequestName } from '../messaging';
import { requestSchemas } from '../messaging-schemas';
import type { LookupResult, StatusView } from '../view-models';
import type { Handlers } from './handlers';

function listen<N extends RequestName>(name: N, handlers: Promise<Handlers>): () => void {
  const handle = async (data: unknown, sender: unknown) => (await handlers)[name](data, sender as never);
  // ResponseMap[N] is exactly the protocol's return type; TS cannot see it through the generic index
  return onMessage(name, ((message: { data: unknown; sender: unknown }) => handle(message.data, message.sender)) as never);
}

/** Register every request handler; returns a function that removes them all. */
export function registerHandlers(handlers: Promise<Handlers>): () => void {
  const offs = (Object.keys(requestSchemas) as RequestName[]).map((name) => listen(name, handlers));
  return () => offs.forEach((off) => off());
}

/** Push a fresher lookup to a tab's content script, or to extension pages (side panel, popup). */
export function pushAccountUpdated(target: { tabId: number | null; url: string | null }, result: LookupResult): void {
  const push = { url: target.url, result };
  const sent = target.tabId != null ? sendMessage('accountUpdated', push, target.tabId) : sendMessage('accountUpdated', push);
  // nobody listening (tab navigated, panel closed) is normal
  sent.catch(() => undefined);
}

/** Broadcast status to extension pages at most every `ms` (sync writes progress on every page). */
export function createStatusBroadcaster(build: () => Promise<StatusView>, ms = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    timer ??= setTimeout(() => {
      timer = null;
      build()
        .then((view) => sendMessage('statusChanged', view))
        .catch(() => undefined);
    }, ms);
  };
}
