/**
 * The hot read requests (a panel's record lookup, a type-ahead keystroke) over one long-lived
 * runtime port instead of a runtime.sendMessage each. Chromium opens, routes and closes a message
 * channel for every sendMessage; a message on an open port skips that: a round trip to a bare
 * listener was ~1.4 ms (p50) by sendMessage against ~0.5 ms by port on this machine
 * (docs/architecture.md, "Where the time goes").
 *
 * Only requests that are safe to repeat go this way: when the port closes before an answer (the
 * worker stopped, the extension reloaded, the page entered the back/forward cache) the request is
 * sent again by sendMessage, which wakes the worker; nothing that writes something the rep did
 * (activities, pins, the key) is ever on the port. The background checks the sender and validates
 * every payload exactly as for a message (utils/background/register.ts).
 */
import type { Runtime } from 'webextension-polyfill';
import { browser } from '#imports';
import { sendMessage, type RequestData, type ResponseMap } from './messaging';
import { parsePortReply, PORT_IDLE_MS, REQUEST_PORT, type PortRequest, type PortRequestMessage } from './port-protocol';

export { PORT_REQUESTS, REQUEST_PORT, isPortRequest, parsePortReply, type PortRequest } from './port-protocol';

type PortLike = Pick<Runtime.Port, 'postMessage' | 'disconnect' | 'onMessage' | 'onDisconnect'>;

export interface PortClientDeps {
  connect: () => PortLike;
  /** the same request by runtime message (when the port cannot carry it) */
  fallback: <N extends PortRequest>(name: N, data: RequestData<N>) => Promise<ResponseMap[N]>;
  idleMs?: number;
}

interface Waiting {
  name: PortRequest;
  data: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** One connection: its port and the requests it still owes an answer. */
interface Connection {
  port: PortLike;
  pending: Map<number, Waiting>;
  idle: ReturnType<typeof setTimeout> | null;
}

export function createPortClient(deps: PortClientDeps) {
  const idleMs = deps.idleMs ?? PORT_IDLE_MS;
  let current: Connection | null = null;
  let nextId = 1;

  const resend = (w: Waiting) => (deps.fallback(w.name, w.data as never) as Promise<unknown>).then(w.resolve, w.reject);

  function close(conn: Connection, retry: boolean): void {
    if (current === conn) current = null;
    if (conn.idle) clearTimeout(conn.idle);
    conn.idle = null;
    const owed = [...conn.pending.values()];
    conn.pending.clear();
    if (retry) owed.forEach(resend);
  }

  function open(): Connection {
    const port = deps.connect();
    const conn: Connection = { port, pending: new Map(), idle: null };
    port.onMessage.addListener((value: unknown) => {
      const reply = parsePortReply(value);
      const w = reply ? conn.pending.get(reply.id) : undefined;
      if (!reply || !w) return;
      conn.pending.delete(reply.id);
      if ('err' in reply) w.reject(new Error(reply.err));
      else w.resolve(reply.res);
      if (!conn.pending.size) idleLater(conn);
    });
    // the worker stopped, the extension reloaded, the page went into the back/forward cache: what
    // was owed goes again by message; the next request opens a new port
    port.onDisconnect.addListener(() => close(conn, true));
    return conn;
  }

  function idleLater(conn: Connection): void {
    if (conn.idle) clearTimeout(conn.idle);
    conn.idle = setTimeout(() => {
      if (conn.pending.size) return;
      close(conn, false);
      try {
        conn.port.disconnect();
      } catch {
        // already gone
      }
    }, idleMs);
  }

  return {
    request<N extends PortRequest>(name: N, data: RequestData<N>): Promise<ResponseMap[N]> {
      return new Promise<ResponseMap[N]>((resolve, reject) => {
        const w: Waiting = { name, data, resolve: resolve as (v: unknown) => void, reject };
        let conn: Connection;
        try {
          conn = current ??= open();
        } catch {
          void resend(w); // no port (context invalidated, API missing): the message path reports why
          return;
        }
        if (conn.idle) clearTimeout(conn.idle);
        conn.idle = null;
        const id = nextId++;
        conn.pending.set(id, w);
        try {
          conn.port.postMessage({ id, type: name, data } satisfies PortRequestMessage);
        } catch {
          // a port that closed under us: this request and the others it owed go by message
          close(conn, true);
        }
      });
    },
  };
}

let shared: ReturnType<typeof createPortClient> | null = null;

/** The page's request port (opened on first use). */
export function portRequest<N extends PortRequest>(name: N, data: RequestData<N>): Promise<ResponseMap[N]> {
  shared ??= createPortClient({ connect: () => browser.runtime.connect({ name: REQUEST_PORT }), fallback: (n, d) => sendMessage(n, d as never) as never });
  return shared.request(name, data);
}
