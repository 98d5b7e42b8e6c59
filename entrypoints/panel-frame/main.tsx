/**
 * panel-frame.html: the in-page panel of CRM pages (Chrome and Firefox), rendered in an extension iframe that
 * crm.js places on the page (components/panel-frame/). crm.js sends it the page's records; it
 * runs the panel controller, looks the records up with the background (as the tab's content
 * script, thanks to the secret crm.js registered) and renders them.
 */
import { createRoot } from 'react-dom/client';
import { FramedApp } from '@/components/panel-frame/FramedApp';
import { createFrameClient, listenToHost, waitForHostPort, type FrameClient } from '@/components/panel-frame/frame-client';
import type { HostToFrame } from '@/components/panel-frame/protocol';
import '@/components/styles/content.css';
import './frame.css';

const secret = location.hash.slice(1);
let client: FrameClient | null = null;
/** host messages that arrive before the port (they follow it, but the port resolves a promise first) */
const early: HostToFrame[] = [];
listenToHost(window, secret, (msg) => (client ? client.receive(msg) : early.push(msg)));
void waitForHostPort(window, secret).then((port) => {
  const ready = createFrameClient(port);
  client = ready;
  early.splice(0).forEach(ready.receive);
  createRoot(document.getElementById('root')!).render(<FramedApp client={ready} />);
});
