/**
 * The in-page panel rendered by React on the page's own main thread, in an open shadow root
 * (shadow-host.ts), with the panel controller and its lookups in this content script. Used where
 * an extension iframe cannot be: the opt-in panel on LinkedIn (Chrome would need panel-frame.html
 * web-accessible to linkedin.com, which no build exposes anything to; Firefox keeps the same
 * script). CRM pages, in Chrome and Firefox, get panel-frame/mount-frame-panel.ts instead.
 */
import { createRoot } from 'react-dom/client';
import panelCss from '../styles/content.css?inline';
import { messagingBackend } from './backend';
import { ContentPanel } from './ContentPanel';
import { createPanelController } from './panel-controller';
import type { PanelDriver } from './run-content-script';
import { createPanelHost } from './shadow-host';

export function shadowPanel(): PanelDriver {
  const controller = createPanelController(messagingBackend);
  return {
    setContext: (context) => controller.setContext(context),
    receivePush: (push) => void controller.receivePush(push),
    toggleHidden: () => controller.toggleHidden(),
    mount(siteId) {
      const host = createPanelHost(document, { name: 'recotap-lens-panel', css: panelCss });
      host.attach();
      const root = createRoot(host.container);
      root.render(<ContentPanel controller={controller} siteId={siteId} />);
      return {
        remove() {
          root.unmount();
          host.remove();
        },
      };
    },
  };
}
