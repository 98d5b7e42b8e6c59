// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameHost, placementStyle, randomSecret } from '@/components/panel-frame/frame-host';
import { createFrameClient, listenToHost, waitForHostPort } from '@/components/panel-frame/frame-client';
import { frameOrigin } from '@/components/panel-frame/mount-frame-panel';
import { parseFrameMessage, parseHostMessage } from '@/components/panel-frame/protocol';
import type { PanelBackend } from '@/components/content-panel/panel-controller';
import type { LookupResult, PageContext } from '@/utils/view-models';
import { found } from './fixtures';

const ORIGIN = 'chrome-extension://abcdefghijklmnop';
const FRAME_URL = `${ORIGIN}/panel-frame.html`;
const SECRET = '0123456789abcdef0123456789abcdef';

afterEach(() => {
  document.body.innerHTML = '';
});

/**
 * A host attached to the page, and the frame's window as the browser would give it (jsdom loads no
 * chrome-extension:// document): what the host posts is dispatched there as a message event from
 * the parent, and recorded.
 */
function connectedHost() {
  const host = createFrameHost({ doc: document, extensionOrigin: ORIGIN, frameUrl: FRAME_URL, secret: SECRET });
  host.attach();
  const frameWindow = new EventTarget() as EventTarget & { parent: Window; postMessage: ReturnType<typeof postMock> };
  frameWindow.parent = window;
  const postMock = () =>
    vi.fn((data: unknown, _targetOrigin: string, transfer: MessagePort[] = []) => {
      const e = new Event('message') as Event & { data: unknown; source: unknown; ports: readonly MessagePort[] };
      Object.assign(e, { data, source: window, ports: transfer });
      frameWindow.dispatchEvent(e);
    });
  frameWindow.postMessage = postMock();
  Object.defineProperty(host.iframe, 'contentWindow', { value: frameWindow });
  const win = frameWindow as unknown as Window;
  const port = waitForHostPort(win, SECRET);
  return { host, posted: frameWindow.postMessage, win, port, load: () => host.iframe.dispatchEvent(new Event('load')) };
}

/** The background as the frame's controller sees it: answers lookups from a table, records calls. */
function backgroundOf(answers: Record<string, LookupResult>) {
  const lookups: string[] = [];
  const backend: PanelBackend = {
    lookup: async (c) => {
      lookups.push(c.url);
      return answers[c.url] ?? { state: 'no-signal' };
    },
    pin: async () => ({ state: 'no-signal' }),
    unpin: async () => ({ state: 'no-signal' }),
    add: async () => ({ state: 'no-signal' }),
    markSeen: async () => ({ ok: true }),
  };
  return { backend, lookups };
}

const ctx = (url: string): PageContext => ({ site: 'hubspot', url, recordId: url.slice(-1), websites: [], emails: [], contacts: [] });
const settle = () => new Promise((r) => setTimeout(r, 30));

describe('framed panel protocol', () => {
  it('accepts only well-formed messages', () => {
    expect(parseFrameMessage({ type: 'place', placement: { side: 'left', top: 10, width: 320, height: 400 } })).toEqual({
      type: 'place',
      placement: { side: 'left', top: 10, width: 320, height: 400, edge: false },
    });
    expect(parseFrameMessage({ type: 'place', placement: { side: 'middle', top: 10, width: 1, height: 1 } })).toBeNull();
    expect(parseFrameMessage({ type: 'place', placement: { side: 'left', top: 'x', width: 1, height: 1 } })).toBeNull();
    expect(parseFrameMessage('<script>')).toBeNull();
    expect(parseHostMessage({ type: 'context', context: 'https://x' })).toBeNull();
    expect(parseHostMessage({ type: 'push', push: { url: 5, result: {} } })).toBeNull();
    expect(parseHostMessage({ type: 'viewport', viewport: { width: Infinity, height: 1 } })).toBeNull();
    expect(parseHostMessage({ type: 'eval', code: 'x' })).toBeNull();
    expect(parseHostMessage(null)).toBeNull();
  });

  it('hides the iframe until the panel has a size, then places it around the box', () => {
    // hidden but laid out (0×0), so the panel inside can measure itself
    expect(placementStyle(null)).toContain('visibility:hidden;top:0;right:0;width:0;height:0;');
    expect(placementStyle(null)).not.toContain('display:none');
    expect(placementStyle({ side: 'right', top: 96, width: 0, height: 0 })).toContain('visibility:hidden');
    expect(placementStyle({ side: 'left', top: 96, width: 320, height: 400 })).toContain('top:84px;left:4px;width:344px;height:424px;');
    // the collapsed pill snaps to the window edge: the frame's padding lies outside the viewport
    expect(placementStyle({ side: 'right', top: 96, width: 80, height: 30, edge: true })).toContain('right:-12px;');
  });
});

describe('frameOrigin', () => {
  it("addresses the port to the origin the frame's document commits at, in each browser", () => {
    // Chrome, use_dynamic_url: the URL's host is the per-session id; the document is at runtime.id
    expect(frameOrigin('chrome-extension://dynamicsessionid/panel-frame.html', 'abcdefghijklmnop')).toBe('chrome-extension://abcdefghijklmnop');
    // Firefox: runtime.id is the add-on id (lens@recotap.com); the document is at the install's UUID
    expect(frameOrigin('moz-extension://a3c1f0de-7b2e-4c55-9d1a-5e0f4b6c2d10/panel-frame.html', 'lens@recotap.com')).toBe(
      'moz-extension://a3c1f0de-7b2e-4c55-9d1a-5e0f4b6c2d10',
    );
  });
});

describe('createFrameHost', () => {
  it('adds one element whose closed shadow root holds the iframe, with a secret the page cannot read', async () => {
    const { host, posted, port, load } = connectedHost();
    load();
    expect(document.body.innerHTML).toBe('<recotap-lens-panel></recotap-lens-panel>');
    expect(host.host.shadowRoot).toBeNull(); // closed
    expect(host.iframe.src).toBe(`${FRAME_URL}#${SECRET}`);
    expect(host.iframe.title).toBe('Recotap Lens account panel');
    // the port goes with the secret, and only to a document of the extension's origin
    const [data, targetOrigin, transfer] = posted.mock.calls[0]!;
    expect(data).toEqual({ lens: SECRET });
    expect(targetOrigin).toBe(ORIGIN);
    await expect(port).resolves.toBe(transfer![0]);
    host.remove();
    expect(document.body.innerHTML).toBe('');
  });

  it('posts each message to the extension origin with the secret, keeping those sent before the frame loaded', () => {
    const { host, posted, load } = connectedHost();
    host.post({ type: 'viewport', viewport: { width: 1000, height: 700 } });
    expect(posted).not.toHaveBeenCalled(); // a loading frame would drop it
    load();
    host.post({ type: 'toggle' });
    expect(posted.mock.calls.map(([data, origin]) => [data, origin])).toEqual([
      [{ lens: SECRET }, ORIGIN],
      [{ lens: SECRET, m: { type: 'viewport', viewport: { width: 1000, height: 700 } } }, ORIGIN],
      [{ lens: SECRET, m: { type: 'toggle' } }, ORIGIN],
    ]);
    host.remove();
  });

  it('makes 128-bit random secrets', () => {
    const a = randomSecret();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomSecret()).not.toBe(a);
  });

  it("drives the frame's controller: contexts and pushes in, lookups from the frame, placement back", async () => {
    const { host, port, win, load } = connectedHost();
    const acme = found();
    const { backend, lookups } = backgroundOf({ 'https://app.hubspot.com/1': acme });
    load();
    const client = createFrameClient(await port, backend);
    listenToHost(win, SECRET, client.receive);
    host.post({ type: 'viewport', viewport: { width: 1000, height: 700 } });
    host.post({ type: 'context', context: ctx('https://app.hubspot.com/1') });
    await settle();
    expect(lookups).toEqual(['https://app.hubspot.com/1']); // the frame looked the record up itself
    expect(client.controller.store.getState().result).toEqual(acme);
    expect(client.viewport.getState()).toEqual({ width: 1000, height: 700 });

    // a push for another page is dropped; one for this page is shown
    const fresher: LookupResult = { ...acme, stale: false } as LookupResult;
    host.post({ type: 'push', push: { url: 'https://app.hubspot.com/other', result: { state: 'no-signal' } } });
    host.post({ type: 'push', push: { url: 'https://app.hubspot.com/1', result: fresher } });
    host.post({ type: 'toggle' });
    await settle();
    expect(client.controller.store.getState()).toMatchObject({ result: fresher, hidden: true });

    client.place({ side: 'left', top: 50, width: 320, height: 200 });
    await settle();
    expect(host.iframe.getAttribute('style')).toContain('top:38px;left:4px;width:344px;height:224px;');
    host.remove();
  });

  it('ignores junk on the channel', async () => {
    const { host, port, load } = connectedHost();
    load();
    (await port).postMessage({ type: 'place', placement: { side: 'left', top: 1, width: 'wide', height: 1 } });
    await settle();
    expect(host.iframe.getAttribute('style')).toContain('visibility:hidden');
    host.remove();
  });
});

describe('waitForHostPort', () => {
  function fakeWindow() {
    const win = new EventTarget() as EventTarget & { parent: object };
    win.parent = {};
    return win;
  }
  const message = (data: unknown, source: object | null, ports: MessagePort[]) => {
    const e = new Event('message') as Event & { data: unknown; source: unknown; ports: readonly MessagePort[] };
    Object.assign(e, { data, source, ports });
    return e;
  };

  it('takes the first port that comes from the parent with the secret, and nothing else', async () => {
    const win = fakeWindow();
    const got = waitForHostPort(win as unknown as Window, SECRET);
    const page = new MessageChannel();
    const ours = new MessageChannel();
    let settled: MessagePort | null = null;
    void got.then((p) => (settled = p));
    win.dispatchEvent(message({ lens: 'guess' }, win.parent, [page.port2])); // wrong secret
    win.dispatchEvent(message({ lens: SECRET }, {}, [page.port2])); // not from the parent
    win.dispatchEvent(message({ lens: SECRET }, win.parent, [])); // no port
    await settle();
    expect(settled).toBeNull();
    win.dispatchEvent(message({ lens: SECRET }, win.parent, [ours.port2]));
    win.dispatchEvent(message({ lens: SECRET }, win.parent, [page.port2])); // too late
    await expect(got).resolves.toBe(ours.port2);
  });

  it('listenToHost passes on only parsed messages from the parent that carry the secret', () => {
    const win = fakeWindow();
    const got: unknown[] = [];
    const stop = listenToHost(win as unknown as Window, SECRET, (m) => got.push(m));
    win.dispatchEvent(message({ lens: 'guess', m: { type: 'toggle' } }, win.parent, [])); // the page, guessing
    win.dispatchEvent(message({ lens: SECRET, m: { type: 'toggle' } }, {}, [])); // not from the parent
    win.dispatchEvent(message({ type: 'toggle' }, win.parent, [])); // no envelope
    win.dispatchEvent(message({ lens: SECRET, m: { type: 'eval', code: 'x' } }, win.parent, [])); // not ours
    win.dispatchEvent(message({ lens: SECRET, m: { type: 'toggle' } }, win.parent, []));
    stop();
    win.dispatchEvent(message({ lens: SECRET, m: { type: 'toggle' } }, win.parent, []));
    expect(got).toEqual([{ type: 'toggle' }]);
    const none: unknown[] = [];
    listenToHost(win as unknown as Window, '', (m) => none.push(m));
    win.dispatchEvent(message({ lens: '', m: { type: 'toggle' } }, win.parent, []));
    expect(none).toEqual([]);
  });

  it('never connects without a secret in its URL', async () => {
    const win = fakeWindow();
    let settled = false;
    void waitForHostPort(win as unknown as Window, '').then(() => (settled = true));
    win.dispatchEvent(message({ lens: '' }, win.parent, [new MessageChannel().port2]));
    await settle();
    expect(settled).toBe(false);
  });
});

describe('frame placement', () => {
  /** The frame's end of the channel, recording what it sends to the host. */
  function recordingPort() {
    const sent: unknown[] = [];
    const port = { postMessage: (m: unknown) => sent.push(m), onmessage: null } as unknown as MessagePort;
    return { port, placed: () => sent.map((m) => (m as { placement: { height: number; width: number } }).placement) };
  }
  const box = (height: number, extra: Partial<{ side: 'left' | 'right'; top: number; width: number }> = {}) => ({
    side: 'right' as const, top: 96, width: 320, ...extra, height,
  });

  it('sends moves, growth and hiding at once, and a smaller box only once it has kept its size', () => {
    vi.useFakeTimers();
    try {
      const { port, placed } = recordingPort();
      const client = createFrameClient(port, backgroundOf({}).backend);
      client.place(box(600));
      expect(placed()).toEqual([box(600)]);
      client.place(box(200)); // the loading state between records
      client.place(box(550)); // the next record, still no taller than the iframe
      vi.advanceTimersByTime(999);
      expect(placed()).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(placed().at(-1)).toEqual(box(550));
      client.place(box(700)); // taller: at once
      client.place(box(700, { top: 40 })); // moved: at once
      client.place(box(0, { width: 0, top: 40 })); // hidden: at once
      expect(placed().slice(-3)).toEqual([box(700), box(700, { top: 40 }), box(0, { width: 0, top: 40 })]);
      client.place(box(300)); // back from 0×0: at once
      client.place(box(250));
      client.place(box(300)); // back to what the host shows: the pending shrink is dropped
      vi.advanceTimersByTime(5000);
      expect(placed().at(-1)).toEqual(box(300));
      expect(placed()).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });
});
