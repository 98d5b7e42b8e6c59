/**
 * The panel iframe's side of the channel (protocol.ts): takes the host's port after checking the
 * secret, runs the panel controller (its lookups go to the background from here, and the
 * background accepts them as the tab's), feeds it the page's contexts and the background's pushes
 * that crm.js forwards, and reports the panel's placement.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { messagingBackend } from '../content-panel/backend';
import { createPanelController, type FrameScheduler, type PanelBackend, type PanelController } from '../content-panel/panel-controller';
import { parseHostMessage, type FramePlacement, type FrameToHost, type HostToFrame, type HostViewport } from './protocol';

/** How long a smaller panel box must keep its size before the iframe shrinks to it. */
export const SHRINK_AFTER_MS = 1000;

/** Resolves with the first port the host posts with this frame's secret; every other message is ignored. */
export function waitForHostPort(win: Window, secret: string): Promise<MessagePort> {
  return new Promise((resolve) => {
    if (secret.length < 16) return; // no secret in the URL: never connect
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { lens?: unknown } | null;
      const port = e.ports[0];
      if (e.source !== win.parent || typeof data !== 'object' || data === null || data.lens !== secret || !port) return;
      win.removeEventListener('message', onMessage);
      resolve(port);
    };
    win.addEventListener('message', onMessage);
  });
}

/**
 * Calls `onMessage` with every host message: window messages from the parent that carry this
 * frame's secret ({ lens, m }, protocol.ts) and parse as one of ours. The page can post to this
 * window too (window.frames), but without the secret its messages are ignored. Returns a stop.
 */
export function listenToHost(win: Window, secret: string, onMessage: (msg: HostToFrame) => void): () => void {
  if (secret.length < 16) return () => undefined;
  const listener = (e: MessageEvent) => {
    const data = e.data as { lens?: unknown; m?: unknown } | null;
    if (e.source !== win.parent || typeof data !== 'object' || data === null || data.lens !== secret) return;
    const msg = parseHostMessage(data.m);
    if (msg) onMessage(msg);
  };
  win.addEventListener('message', listener);
  return () => win.removeEventListener('message', listener);
}

export interface FrameClient {
  /** a message from the host (listenToHost) */
  receive(msg: HostToFrame): void;
  controller: PanelController;
  viewport: StoreApi<HostViewport>;
  place(placement: FramePlacement): void;
}

/**
 * Binds a connected port: contexts, pushes, toggles and the viewport in (receive); placement out.
 * `frames`: the controller's frame scheduler (animation frames; tests drive it by hand).
 */
export function createFrameClient(port: MessagePort, backend: PanelBackend = messagingBackend, frames?: FrameScheduler): FrameClient {
  const controller = createPanelController(backend, undefined, frames);
  const viewport = createStore<HostViewport>(() => ({ width: 1280, height: 800 }));
  const receive = (msg: HostToFrame) => {
    if (msg.type === 'context') controller.setContext(msg.context);
    else if (msg.type === 'push') controller.receivePush(msg.push);
    else if (msg.type === 'toggle') controller.toggleHidden();
    else viewport.setState(msg.viewport);
  };
  let shown: FramePlacement | null = null;
  let shrink: ReturnType<typeof setTimeout> | undefined;
  const send = (placement: FramePlacement) => {
    clearTimeout(shrink);
    shrink = undefined;
    shown = placement;
    port.postMessage({ type: 'place', placement } satisfies FrameToHost);
  };
  return {
    receive,
    controller,
    viewport,
    /**
     * Moves, growth and hiding go to the host at once. A box that only got smaller (a record with
     * fewer sections, the loading state between records) is sent once it has kept its size for
     * SHRINK_AFTER_MS: a rep moving through records does not restyle the host page's iframe twice
     * per record, at the cost of a transparent strip below the panel for that second.
     */
    place(placement) {
      const same = (a: FramePlacement | null, b: FramePlacement) =>
        !!a && a.side === b.side && a.top === b.top && a.width === b.width && a.height === b.height;
      if (same(shown, placement)) {
        clearTimeout(shrink);
        shrink = undefined;
        return;
      }
      const hidden = placement.width <= 0 || placement.height <= 0;
      const onlySmaller =
        !!shown && !hidden && shown.width > 0 && shown.side === placement.side && shown.top === placement.top &&
        placement.width <= shown.width && placement.height <= shown.height;
      if (!onlySmaller) return send(placement);
      clearTimeout(shrink);
      shrink = setTimeout(() => send(placement), SHRINK_AFTER_MS);
    },
  };
}
