import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MoversView, MoverView } from '@/utils/messaging';
import { LensRoot } from '../LensRoot';
import { PopupView, type PopupViewProps } from '../popup/PopupView';
import { MOVERS_SHOWN } from './MoversList';
import { MoversPane, type MoversBackend } from './MoversPane';
import { PopupTabs, type PopupTab } from './PopupTabs';
import '../styles/views.css';

export interface PopupWithMoversProps extends Omit<PopupViewProps, 'tabs'> {
  movers: MoversBackend;
  /** Enter/click on a mover: show it in the side panel (must open the panel synchronously) */
  openMover(m: Pick<MoverView, 'rtpAid' | 'name' | 'domain'>): void;
  openUrl(url: string): void;
  /** 'movers': open on the Movers tab (the movers notification's click opens popup.html#movers) */
  initialTab?: PopupTab;
}

/**
 * The popup with its two tabs: Search (PopupView) and Movers. It opens on Movers when there are
 * unseen movers, unless the rep already started typing a search.
 */
export function PopupWithMovers({ movers: backend, openMover, openUrl, initialTab, ...popup }: PopupWithMoversProps) {
  // the popup's first list (unseen count, default tab) is also the Movers pane's first list: one
  // listMovers request when the popup opens on Movers, not two
  const movers = useMemo<MoversBackend>(() => {
    let first: Promise<MoversView> | null = null;
    let taken = 0;
    return {
      ...backend,
      listMovers: (limit) => {
        if (taken++ < 2 && limit === MOVERS_SHOWN) return (first ??= backend.listMovers(limit));
        return backend.listMovers(limit);
      },
    };
  }, [backend]);
  const [tab, setTab] = useState<PopupTab>(initialTab ?? 'search');
  const [list, setList] = useState<MoversView | null>(null);
  const typed = useRef(false);
  const { takeEarlyInput: takeEarly } = popup;
  const takeEarlyInput = useCallback(() => {
    const text = takeEarly?.() ?? '';
    if (text) typed.current = true;
    return text;
  }, [takeEarly]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.length === 1) typed.current = true;
    };
    window.addEventListener('keydown', onKey, true);
    movers.listMovers(MOVERS_SHOWN).then(
      (v) => {
        setList(v);
        if (v.unseen > 0 && !typed.current) setTab('movers');
      },
      () => undefined,
    );
    return () => window.removeEventListener('keydown', onKey, true);
  }, [movers]);

  const tabs = <PopupTabs active={tab} unseen={list?.unseen ?? 0} onSelect={setTab} />;
  if (tab === 'search') return <PopupView {...popup} takeEarlyInput={takeEarlyInput} tabs={tabs} />;
  return (
    <LensRoot theme={popup.theme} className="rl-popup">
      <main aria-label="Recotap Lens">
        <header className="rl-popup-head">
          <span className="rl-logo" aria-hidden="true" />
          <h1 className="rl-popup-title">Recotap Lens</h1>
          <button type="button" className="rl-btn rl-btn-link" onClick={popup.actions.openOptions}>
            Settings
          </button>
        </header>
        {tabs}
        <div className="rl-popup-block">
          <MoversPane
            backend={movers}
            initial={list}
            onOpen={openMover}
            onOpenUrl={openUrl}
            onEscape={() => setTab('search')}
            autoFocus
            now={popup.now}
          />
        </div>
      </main>
    </LensRoot>
  );
}
