/**
 * The in-page panel on CRM pages (Chrome and Firefox): an extension iframe (panel-frame.html) that
 * runs the panel controller, its lookups and its rendering in the extension's process. On the
 * page's main thread this costs site detection and one small message to the frame per record.
 * docs/architecture.md ("The framed panel") has the design and its trade-offs.
 */
import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging';
import type { PageContext } from '@/utils/view-models';
import { contextKey } from '../content-panel/panel-controller';
import type { PanelDriver } from '../content-panel/run-content-script';
import { createFrameHost, randomSecret, type FrameHost } from './frame-host';
import { PANEL_FRAME_PATH, type HostToFrame } from './protocol';

const debug = (e: unknown) => console.debug('[recotap-lens]', e);

/**
 * The origin panel-frame.html's document commits at, where crm.js addresses its messages and the port.
 * Chrome: with use_dynamic_url (wxt.config.ts) getURL gives a per-session host (runtime.dynamicId)
 * that only loads the page; the document commits at chrome-extension://<runtime.id>.
 * Firefox: the host is the install's random UUID (runtime.id is the add-on id, not a host), and the
 * document commits at the URL's own host.
 */
export function frameOrigin(frameUrl: string, runtimeId: string): string {
  const url = new URL(frameUrl);
  return `${url.protocol}//${url.protocol === 'chrome-extension:' ? runtimeId : url.host}`;
}

export function framePanel(): PanelDriver {
  let frame: FrameHost | null = null;
  /** the last context sent (to the frame, or looked up here), so a repeated one is not sent again */
  let sentKey: string | null = null;
  const post = (m: HostToFrame) => frame?.post(m);

  return {
    setContext(context: PageContext | null) {
      const key = context ? contextKey(context) : null;
      if (key === sentKey) return;
      sentKey = key;
      if (frame) post({ type: 'context', context });
      // No panel on this page (its site shows in the browser side panel): look the record up here,
      // so the background still records it for the side panel and the toolbar badge.
      else if (context) sendMessage('lookupContext', context).catch(debug);
    },
    receivePush: (push) => post({ type: 'push', push }),
    toggleHidden: () => post({ type: 'toggle' }),
    mount() {
      const secret = randomSecret();
      const frameUrl = browser.runtime.getURL(PANEL_FRAME_PATH as '/panel-frame.html');
      const extensionOrigin = frameOrigin(frameUrl, browser.runtime.id);
      const mine = createFrameHost({ doc: document, extensionOrigin, frameUrl, secret });
      frame = mine;
      sentKey = null; // the next context goes to the new frame
      const postViewport = () => mine.post({ type: 'viewport', viewport: { width: window.innerWidth, height: window.innerHeight } });
      postViewport();
      window.addEventListener('resize', postViewport, { passive: true });
      // the background accepts the frame's messages only once it knows the secret: register, then add it
      sendMessage('registerPanelFrame', { secret }).then((r) => {
        if (frame === mine && r.ok) mine.attach();
      }, debug);
      return {
        remove() {
          window.removeEventListener('resize', postViewport);
          mine.remove();
          if (frame === mine) frame = null;
          sentKey = null;
        },
      };
    },
  };
}
