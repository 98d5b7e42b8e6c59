/**
 * Thin glue: one @webext-core/messaging listener per request message, delegating to the pure
 * handlers. Registered synchronously at worker start (so a message that woke the worker is
 * delivered) while the handlers themselves wait for the services to be built.
 */
import type { Runtime } from 'webextension-polyfill';
import { onMessage, sendMessage, type RequestName } from '../messaging';
import { requestSchemas } from '../messaging-schemas';
import { isPortRequest, REQUEST_PORT, type PortReplyMessage } from '../port-protocol';
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

type PortLike = Pick<Runtime.Port, 'name' | 'sender' | 'postMessage' | 'onMessage'>;

/**
 * The request port (utils/port-requests.ts): each message is `{id, type, data}` with a type of
 * PORT_REQUESTS, handled by the same handler as the runtime message of that name, with the port's
 * sender (set by the browser, like a message's), so the sender check and the payload validation
 * are the same. Anything else on the port is answered with an error, or dropped when it has no id.
 * Call synchronously at worker start, with registerHandlers, so a connect that woke the worker is heard.
 */
export function createPortListener(handlers: Promise<Handlers>): (port: PortLike) => void {
  return (port) => {
    if (port.name !== REQUEST_PORT) return;
    const post = (reply: PortReplyMessage) => {
      try {
        port.postMessage(reply);
      } catch {
        // the page went away before its answer: nothing to deliver
      }
    };
    port.onMessage.addListener((value: unknown) => {
      const m = value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
      if (!m || typeof m.id !== 'number' || !Number.isInteger(m.id)) return;
      const id = m.id;
      const type = m.type;
      if (!isPortRequest(type)) {
        post({ id, err: `${typeof type === 'string' ? type.slice(0, 64) : 'This request'} is not available on this port.` });
        return;
      }
      void (async () => (await handlers)[type](m.data, port.sender as never))().then(
        (res) => post({ id, res }),
        (err: unknown) => post({ id, err: err instanceof Error ? err.message : 'The request failed.' }),
      );
    });
  };
}

/** Listen for request ports (see createPortListener); returns a function that stops listening. */
export function registerPortHandlers(onConnect: Pick<Runtime.Static['onConnect'], 'addListener' | 'removeListener'>, handlers: Promise<Handlers>): () => void {
  const listener = createPortListener(handlers) as (port: Runtime.Port) => void;
  onConnect.addListener(listener);
  return () => onConnect.removeListener(listener);
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
