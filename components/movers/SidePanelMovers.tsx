import { useMemo } from 'react';
import { browser } from '#imports';
import { sendMessage } from '@/utils/messaging';
import { LensRoot, type ThemeMode } from '../LensRoot';
import { MoversPane, type MoversBackend } from './MoversPane';
import { topMoversBackend } from './top-movers-backend';

/**
 * The side panel's Movers list, shown while no record is in view: a row opens the account in this
 * side panel (as a tab query, like the context menu's lookup), "Open in CRM" opens its record page.
 */
export function SidePanelMovers({ tabId, theme }: { tabId: number | null; theme: ThemeMode }) {
  const backend = useMemo<MoversBackend>(
    () => ({
      listMovers: (limit) => sendMessage('listMovers', limit === undefined ? {} : { limit }),
      markVisited: () => sendMessage('markMoversVisited', {}),
      unwatch: (rtpAid) => sendMessage('unwatchAccount', { rtpAid }),
      top: topMoversBackend,
    }),
    [],
  );
  return (
    <LensRoot theme={theme} className="rl-sidepanel-movers">
      <h2 className="rl-label">What changed for your accounts</h2>
      <MoversPane
        backend={backend}
        onOpen={(m) => {
          if (tabId !== null) void sendMessage('showInSidePanel', { tabId, query: m.domain }).catch(() => undefined);
        }}
        onOpenUrl={(url) => void browser.tabs.create({ url }).catch(() => undefined)}
      />
    </LensRoot>
  );
}
