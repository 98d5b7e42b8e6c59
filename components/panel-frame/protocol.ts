/**
 * The framed in-page panel (Chrome and Firefox): crm.js (the frame host, on the page's main
 * thread) and the panel page in an extension iframe (panel-frame.html; in Chrome the extension's
 * process). The frame answers over a MessageChannel whose port only it receives; crm.js posts to
 * the frame's window, to the extension's origin only, each message wrapped with the secret
 * ({ lens, m }). crm.js sends what only the page knows (its record's context, the background's
 * pushes to the tab, the toggle command, the viewport); the frame runs the panel controller, its
 * lookups and the rendering, and answers with where it wants to be placed.
 *
 * Handshake: crm.js registers a random secret with the background (registerPanelFrame), loads
 * panel-frame.html#<secret> in a closed shadow root and, on load, posts { lens: secret } with the
 * port to the extension origin. The frame takes the first port whose secret matches its own URL's,
 * and from then on only window messages from its parent that carry that secret; the background
 * accepts the frame's messages only with the registered secret (utils/background/sender.ts). The
 * page can post to the frame (window.frames) and, in Chrome, can frame panel-frame.html itself,
 * but it never learns the secret.
 *
 * Zod-free (crm.js imports it); every received message is shape-checked here.
 */
import type { LookupResult, PageContext } from '@/utils/view-models';
import type { Dock } from '../use-panel-drag';

/** The host page's viewport, for clamping a drag and capping the panel's height. */
export interface HostViewport {
  width: number;
  height: number;
}

export type HostToFrame =
  | { type: 'context'; context: PageContext | null }
  | { type: 'push'; push: { url: string | null; result: LookupResult } }
  | { type: 'toggle' }
  | { type: 'viewport'; viewport: HostViewport };

/** A host message as posted to the frame's window: the secret proves it comes from crm.js. */
export interface HostEnvelope {
  lens: string;
  m: HostToFrame;
}

/** Where the iframe goes: the panel's box size, its side and its distance from the viewport top. */
export interface FramePlacement {
  side: Dock;
  top: number;
  width: number;
  height: number;
  /** flush against the side (the collapsed pill), instead of the usual gap */
  edge?: boolean;
}

export type FrameToHost = { type: 'place'; placement: FramePlacement };

/** The iframe's page (an unlisted WXT page); crm.js adds `#<secret>` to its URL. */
export const PANEL_FRAME_PATH = '/panel-frame.html';

/** Space around the panel inside the iframe, so its shadow is not clipped. */
export const FRAME_PAD = 12;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A message from the frame, or null when it is not one of ours. */
export function parseFrameMessage(data: unknown): FrameToHost | null {
  if (!isObj(data) || data.type !== 'place' || !isObj(data.placement)) return null;
  const p = data.placement;
  if ((p.side === 'left' || p.side === 'right') && isNum(p.top) && isNum(p.width) && isNum(p.height)) {
    return { type: 'place', placement: { side: p.side, top: p.top, width: p.width, height: p.height, edge: p.edge === true } };
  }
  return null;
}

/**
 * A message from crm.js, or null when it is not one of ours. Contexts and results come from our
 * own content script over a channel only it holds; the background validates every context again.
 */
export function parseHostMessage(data: unknown): HostToFrame | null {
  if (!isObj(data)) return null;
  if (data.type === 'context' && (data.context === null || isObj(data.context))) {
    return { type: 'context', context: data.context as PageContext | null };
  }
  if (data.type === 'push' && isObj(data.push) && isObj(data.push.result) && (data.push.url === null || typeof data.push.url === 'string')) {
    return { type: 'push', push: { url: data.push.url, result: data.push.result as unknown as LookupResult } };
  }
  if (data.type === 'toggle') return { type: 'toggle' };
  if (data.type === 'viewport' && isObj(data.viewport) && isNum(data.viewport.width) && isNum(data.viewport.height)) {
    return { type: 'viewport', viewport: { width: data.viewport.width, height: data.viewport.height } };
  }
  return null;
}
