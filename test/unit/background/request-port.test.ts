// @vitest-environment node
/** The request port (utils/port-requests.ts ↔ createPortListener in utils/background/register.ts). */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPortListener } from '../../../utils/background/register';
import { createBackgroundServices } from '../../../utils/background/services';
import type { MessageSenderLike } from '../../../utils/background/sender';
import type { Handlers } from '../../../utils/background/handlers';
import { getApiKey } from '../../../utils/recotap/credentials';
import { createPortClient, parsePortReply, REQUEST_PORT, type PortRequest } from '../../../utils/port-requests';
import { DEMO_API_KEY } from '../../emulator/index.ts';
import { EXT, hubspotCtx, hubspotTab, popup, withBackgroundServices } from './services-fixture';

type Listener = (...args: never[]) => unknown;
function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (f: Listener) => void listeners.add(f),
    removeListener: (f: Listener) => void listeners.delete(f),
    hasListener: (f: Listener) => listeners.has(f),
    hasListeners: () => listeners.size > 0,
    fire: (...args: unknown[]) => [...listeners].forEach((f) => (f as (...a: unknown[]) => unknown)(...args)),
  };
}

/**
 * Two ends of a runtime port, as the browser gives them: messages are serialised (JSON, as
 * Chromium does) and delivered asynchronously; disconnect() on one end fires onDisconnect on the
 * other; posting on a closed port throws. `stop()` is the worker going away under the client.
 */
function portPair(sender: MessageSenderLike | undefined, name = REQUEST_PORT) {
  let open = true;
  const toServer = event();
  const toClient = event();
  const clientGone = event();
  const serverGone = event();
  const deliver = (e: ReturnType<typeof event>, m: unknown) => {
    if (!open) throw new Error('Attempting to use a disconnected port object');
    const copy = JSON.parse(JSON.stringify(m)) as unknown;
    queueMicrotask(() => open && e.fire(copy));
  };
  const sent: unknown[] = [];
  const client = {
    name,
    postMessage: (m: unknown) => {
      sent.push(m);
      deliver(toServer, m);
    },
    disconnect: () => {
      open = false;
      queueMicrotask(() => serverGone.fire());
    },
    onMessage: toClient,
    onDisconnect: clientGone,
  };
  const server = { name, sender, postMessage: (m: unknown) => deliver(toClient, m), disconnect: () => undefined, onMessage: toServer, onDisconnect: serverGone };
  return {
    client,
    server,
    sent,
    isOpen: () => open,
    stop: () => {
      open = false;
      clientGone.fire();
    },
  };
}


describe('the request port client', () => {
  afterEach(() => vi.useRealTimers());

  /** a client whose ports are answered by `answer` (or left unanswered), counting connects and fallbacks */
  function setup(answer: ((m: { id: number; type: string; data: unknown }) => unknown) | null, idleMs?: number) {
    const pairs: ReturnType<typeof portPair>[] = [];
    const fallback = vi.fn(async (name: PortRequest, data: unknown) => ({ via: 'message', name, data }) as never);
    const client = createPortClient({
      connect: () => {
        const pair = portPair(popup);
        pair.server.onMessage.addListener(((m: { id: number; type: string; data: unknown }) => {
          if (answer) pair.server.postMessage({ id: m.id, res: answer(m) });
        }) as Listener);
        pairs.push(pair);
        return pair.client as never;
      },
      fallback,
      idleMs,
    });
    return { client, pairs, fallback };
  }

  it('answers each request by its id on one port, whatever order the answers come in', async () => {
    const { client, pairs, fallback } = setup((m) => ({ echo: m.data }));
    const [a, b] = await Promise.all([client.request('searchAccounts', { query: 'ac', limit: 8 }), client.request('searchAccounts', { query: 'acm', limit: 8 })]);
    expect(a).toEqual({ echo: { query: 'ac', limit: 8 } });
    expect(b).toEqual({ echo: { query: 'acm', limit: 8 } });
    await client.request('lookupContext', hubspotCtx);
    expect(pairs).toHaveLength(1);
    expect(fallback).not.toHaveBeenCalled();
    expect(pairs[0]!.sent.map((m) => (m as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it('rejects with the error the background answered', async () => {
    const pair = portPair(popup);
    const client = createPortClient({ connect: () => pair.client as never, fallback: vi.fn() as never });
    pair.server.onMessage.addListener(((m: { id: number }) => pair.server.postMessage({ id: m.id, err: 'Invalid searchAccounts request (query: too long).' })) as Listener);
    await expect(client.request('searchAccounts', { query: 'x', limit: 8 })).rejects.toThrow('Invalid searchAccounts request (query: too long).');
  });

  it('loses nothing when the worker goes away mid-request: what it owed goes again by message, and the next request opens a new port', async () => {
    const { client, pairs, fallback } = setup(null);
    const owed = client.request('lookupContext', hubspotCtx);
    await Promise.resolve();
    pairs[0]!.stop();
    await expect(owed).resolves.toEqual({ via: 'message', name: 'lookupContext', data: hubspotCtx });
    expect(fallback).toHaveBeenCalledTimes(1);
    const next = client.request('searchAccounts', { query: 'a', limit: 8 });
    expect(pairs).toHaveLength(2);
    pairs[1]!.stop();
    await next;
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it('goes by message when no port can be opened, or posting on it throws', async () => {
    const fallback = vi.fn(async () => 'by message' as never);
    const noPort = createPortClient({
      connect: () => {
        throw new Error('Extension context invalidated.');
      },
      fallback,
    });
    await expect(noPort.request('searchAccounts', { query: 'a', limit: 8 })).resolves.toBe('by message');
    const pair = portPair(popup);
    pair.client.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    const broken = createPortClient({ connect: () => pair.client as never, fallback });
    await expect(broken.request('lookupContext', hubspotCtx)).resolves.toBe('by message');
    expect(fallback).toHaveBeenCalledTimes(2);
  });

  it('ignores replies it did not ask for (unknown id, malformed) and still takes the real one', async () => {
    const pair = portPair(popup);
    const client = createPortClient({ connect: () => pair.client as never, fallback: vi.fn() as never });
    pair.server.onMessage.addListener(((m: { id: number }) => {
      pair.server.postMessage({ id: m.id + 100, res: 'not yours' });
      pair.server.postMessage('<img src=x onerror=alert(1)>');
      pair.server.postMessage({ id: String(m.id), res: 'string id' });
      pair.server.postMessage({ id: m.id, res: 'yours' });
    }) as Listener);
    await expect(client.request('searchAccounts', { query: 'a', limit: 8 })).resolves.toBe('yours');
    expect(parsePortReply({ id: 1.5, res: 1 })).toBeNull();
    expect(parsePortReply({ id: 1, err: { message: 'x' } })).toEqual({ id: 1, err: 'The request failed.' });
  });

  it('closes an idle port, and opens a new one for the next request', async () => {
    vi.useFakeTimers();
    const { client, pairs } = setup(() => 'ok', 1_000);
    await client.request('searchAccounts', { query: 'a', limit: 8 });
    await vi.advanceTimersByTimeAsync(999);
    expect(pairs[0]!.isOpen()).toBe(true);
    await client.request('searchAccounts', { query: 'ab', limit: 8 }); // activity keeps it open
    await vi.advanceTimersByTimeAsync(999);
    expect(pairs[0]!.isOpen()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(pairs[0]!.isOpen()).toBe(false);
    await client.request('searchAccounts', { query: 'abc', limit: 8 });
    expect(pairs).toHaveLength(2);
  });
});

describe('the request port in the background: the same handlers, sender check and validation as messages', () => {
  const bg = withBackgroundServices({
    build: () =>
      createBackgroundServices({
        framedCrmPanel: false,
        pushUpdate: () => undefined,
        toolbar: {
          recordTabResult: async () => undefined,
          accountSeen: async () => undefined,
          clearAll: async () => undefined,
          getTabResult: async () => ({ context: null, result: null, query: null }),
          dismissTabQuery: async () => undefined,
        },
      }),
    prepare: async (services) => {
      await services.handlers.clearLocalData({}, popup);
      await services.handlers.saveApiKey({ apiKey: DEMO_API_KEY }, popup);
    },
  });

  function connect(sender: MessageSenderLike | undefined, handlers: Promise<Handlers> = Promise.resolve(bg.services.handlers)) {
    const pair = portPair(sender);
    createPortListener(handlers)(pair.server as never);
    const client = createPortClient({ connect: () => pair.client as never, fallback: vi.fn(async () => Promise.reject(new Error('fell back'))) as never });
    return { pair, client };
  }

  it('answers a content script on a supported site as the message would', async () => {
    const { client } = connect(hubspotTab);
    const byPort = await client.request('lookupContext', hubspotCtx);
    const byMessage = await bg.services.handlers.lookupContext(hubspotCtx, hubspotTab);
    expect(byPort.state === 'found' && byPort.account.name, JSON.stringify(byPort)).toBe('Acme Robotics');
    expect(byPort).toEqual(byMessage);
    const hits = await connect(popup).client.request('searchAccounts', { query: 'acme', limit: 8 });
    expect(hits.map((h) => h.name)).toContain('Acme Robotics');
  });

  it("checks each request's sender as a message's: another extension, a tab on an unsupported site", async () => {
    const other = connect({ id: 'some-other-extension', url: 'chrome-extension://some-other-extension/x.html' });
    await expect(other.client.request('searchAccounts', { query: 'acme', limit: 8 })).rejects.toThrow(/not sent by this extension/);
    const evil = connect({ id: EXT, url: 'https://evil.example/', tab: { id: 9, url: 'https://evil.example/' } });
    await expect(evil.client.request('lookupContext', hubspotCtx)).rejects.toThrow(/not on a supported site/);
    await expect(connect(undefined).client.request('lookupContext', hubspotCtx)).rejects.toThrow(/not sent by this extension/);
  });

  it('validates the payload as a message: an invalid context gets the lookup error state, not an answer', async () => {
    const { client } = connect(hubspotTab);
    const r = await client.request('lookupContext', { site: 'hubspot', url: 'x'.repeat(5000) } as never);
    expect(r.state).toBe('error');
    await expect(client.request('searchAccounts', { query: 42 } as never)).rejects.toThrow(/Invalid searchAccounts request/);
  });

  it('carries only the repeatable reads: anything else is refused and never reaches a handler; messages without an id are dropped', async () => {
    const saveApiKey = vi.fn();
    const handlers = Promise.resolve({ ...bg.services.handlers, saveApiKey } as Handlers);
    const { pair } = connect(popup, handlers);
    const replies: unknown[] = [];
    pair.client.onMessage.addListener(((m: unknown) => replies.push(m)) as Listener);
    pair.client.postMessage({ id: 1, type: 'saveApiKey', data: { apiKey: 'stolen' } });
    pair.client.postMessage({ id: 2, type: 'logActivity', data: {} });
    pair.client.postMessage({ type: 'searchAccounts', data: { query: 'a', limit: 8 } });
    pair.client.postMessage('searchAccounts');
    pair.client.postMessage({ id: 3, type: '<script>'.repeat(50), data: null });
    await vi.waitFor(() => expect(replies).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(replies).toEqual([
      { id: 1, err: 'saveApiKey is not available on this port.' },
      { id: 2, err: 'logActivity is not available on this port.' },
      { id: 3, err: `${'<script>'.repeat(8)} is not available on this port.` },
    ]);
    expect(saveApiKey).not.toHaveBeenCalled();
    expect(await getApiKey()).toBe(DEMO_API_KEY);
  });

  it('ignores ports of another name', async () => {
    const pair = portPair(popup, 'something-else');
    createPortListener(Promise.resolve(bg.services.handlers))(pair.server as never);
    const replies: unknown[] = [];
    pair.client.onMessage.addListener(((m: unknown) => replies.push(m)) as Listener);
    pair.client.postMessage({ id: 1, type: 'searchAccounts', data: { query: 'acme', limit: 8 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(replies).toEqual([]);
  });
});
