import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { FramedPlacement } from '../AccountPanel';
import { ContentPanel } from '../content-panel/ContentPanel';
import type { FrameClient } from './frame-client';

/** The framed panel: ContentPanel on the frame's own controller, sized to the host page's viewport. */
export function FramedApp({ client }: { client: FrameClient }) {
  const viewport = useStore(client.viewport);
  const site = useStore(client.controller.store, (s) => s.context?.site ?? '');
  const hidden = useStore(client.controller.store, (s) => s.hidden);
  const framed = useMemo<FramedPlacement>(() => ({ viewport, onPlace: client.place }), [viewport, client]);
  // hidden by the toggle command: the panel renders nothing, so the host hides the iframe
  useEffect(() => {
    if (hidden) client.place({ side: 'right', top: 0, width: 0, height: 0 });
  }, [hidden, client]);
  if (!site) return null;
  return <ContentPanel controller={client.controller} siteId={site} framed={framed} />;
}
