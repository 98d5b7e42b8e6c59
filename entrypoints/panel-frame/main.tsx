/**
 * panel-frame.html: the in-page panel of Chrome's CRM pages, rendered in an extension iframe that
 * crm.js places on the page (components/panel-frame/). crm.js sends it the page's records; it
 * runs the panel controller, looks the records up with the background (as the tab's content
 * script, thanks to the secret crm.js registered) and renders them.
 */
import { createRoot } from 'react-dom/client';
import { FramedApp } from '@/components/panel-frame/FramedApp';
import { createFrameClient, waitForHostPort } from '@/components/panel-frame/frame-client';
import '@/components/styles/content.css';
import './frame.css';

void waitForHostPort(window, location.hash.slice(1)).then((port) => {
  const client = createFrameClient(port);
  createRoot(document.getElementById('root')!).render(<FramedApp client={client} />);
});
