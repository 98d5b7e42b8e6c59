/**
 * The framed panel's host element in the page: <recotap-lens-panel> with a closed shadow root
 * holding one iframe of panel-frame.html. The iframe is placed where the panel wants to be (the
 * frame reports its side, top and size) and is hidden while it has nothing to show. Nothing of the
 * panel runs here: React, its CSS, the lookups and the activity UI live in the frame's own
 * document and process.
 */
import { FRAME_PAD, parseFrameMessage, type FramePlacement, type HostEnvelope, type HostToFrame } from './protocol';

/** Distance of the panel from the viewport's side, as the shadow-root panel's CSS has it. */
const SIDE_GAP = 16;

export interface FrameHostOptions {
  doc: Document;
  /** the extension's origin and the URL of panel-frame.html (runtime.getURL) */
  extensionOrigin: string;
  frameUrl: string;
  /** the handshake secret (randomSecret()), registered with the background first */
  secret: string;
}

export interface FrameHost {
  host: HTMLElement;
  iframe: HTMLIFrameElement;
  attach(): void;
  post(message: HostToFrame): void;
  remove(): void;
}

/** 128 random bits as 32 hex digits. */
export function randomSecret(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The iframe's inline style for a placement. With nothing to show (not yet measured, or the panel
 * hidden) it is 0×0 and invisible, not display:none: a display:none frame gets no layout, so the
 * panel inside could not measure the size it needs.
 */
export function placementStyle(p: FramePlacement | null): string {
  const base = 'position:fixed;display:block;border:0;margin:0;padding:0;background:transparent;color-scheme:normal;z-index:2147483000;';
  if (!p || p.width <= 0 || p.height <= 0) return `${base}visibility:hidden;top:0;right:0;width:0;height:0;`;
  const side = p.side === 'left' ? 'left' : 'right';
  return (
    `${base}visibility:visible;top:${Math.round(p.top - FRAME_PAD)}px;${side}:${(p.edge ? 0 : SIDE_GAP) - FRAME_PAD}px;` +
    `width:${Math.ceil(p.width + 2 * FRAME_PAD)}px;height:${Math.ceil(p.height + 2 * FRAME_PAD)}px;`
  );
}

export function createFrameHost(opts: FrameHostOptions): FrameHost {
  const { doc, secret } = opts;
  const host = doc.createElement('recotap-lens-panel');
  // closed: the page cannot reach the iframe element, so it never learns the secret in its URL
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = ':host{all:initial !important;}';
  const iframe = doc.createElement('iframe');
  iframe.title = 'Recotap Lens account panel';
  iframe.setAttribute('style', placementStyle(null));
  iframe.src = `${opts.frameUrl}#${secret}`;
  shadow.append(style, iframe);

  // Frame → host (placement) over a MessageChannel whose port only the frame receives. Host → frame
  // (a context per record) as window messages to the extension's origin, each carrying the secret:
  // measured on the heavy bench page, MessagePort.postMessage to the out-of-process frame cost the
  // page's main thread 5–15× what window.postMessage does (test/bench/profile-content.ts).
  const channel = new MessageChannel();
  channel.port1.onmessage = (e: MessageEvent) => {
    const msg = parseFrameMessage(e.data);
    if (msg) iframe.setAttribute('style', placementStyle(msg.placement));
  };
  const send = (m: HostToFrame) => iframe.contentWindow?.postMessage({ lens: secret, m } satisfies HostEnvelope, opts.extensionOrigin);
  /** messages posted before the frame loaded (a window message to a loading frame would be dropped) */
  let early: HostToFrame[] | null = [];
  // The port and the messages go only to a document of the extension's origin: if the page navigated
  // the frame elsewhere, the browser drops them and the panel simply never shows.
  iframe.addEventListener(
    'load',
    () => {
      iframe.contentWindow?.postMessage({ lens: secret }, opts.extensionOrigin, [channel.port2]);
      const queued = early ?? [];
      early = null;
      queued.forEach(send);
    },
    { once: true },
  );

  return {
    host,
    iframe,
    attach: () => (doc.body ?? doc.documentElement).append(host),
    post: (message) => (early ? early.push(message) : send(message)),
    remove() {
      channel.port1.close();
      host.remove();
    },
  };
}
