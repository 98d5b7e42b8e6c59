import { useEffect, useState } from 'react';
import type { MoversView, MoverView } from '@/utils/messaging';
import { MoversList, MOVERS_SHOWN } from './MoversList';
import { TopMovers, type TopMoversBackend } from './TopMovers';

/** What the Movers pane asks the background (sendMessage in the views; fakes in tests). */
export interface MoversBackend {
  /** `limit`: the first rows only (the list's total still counts them all) */
  listMovers(limit?: number): Promise<MoversView>;
  markVisited(): Promise<unknown>;
  unwatch(rtpAid: string): Promise<unknown>;
  /** Top movers of followed segments (absent: not shown) */
  top?: TopMoversBackend;
}

export interface MoversPaneProps {
  backend: MoversBackend;
  /** a list fetched already (the popup asked to pick its default tab) */
  initial?: MoversView | null;
  onOpen(m: Pick<MoverView, 'rtpAid' | 'name' | 'domain'>): void;
  onOpenUrl(url: string): void;
  onEscape?(): void;
  autoFocus?: boolean;
  now?: Date;
}

/**
 * The Movers view: loads the list, then marks it visited (the rows keep their "New" marks for this
 * visit; the badge and the popup's default tab clear).
 */
export function MoversPane({ backend, initial, onOpen, onOpenUrl, onEscape, autoFocus, now }: MoversPaneProps) {
  const [view, setView] = useState<MoversView | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    backend.listMovers(MOVERS_SHOWN).then(
      (v) => {
        if (!live) return;
        setView(v);
        void backend.markVisited().catch(() => undefined);
      },
      () => live && setError('Could not load the movers. Reopen to try again.'),
    );
    return () => {
      live = false;
    };
  }, [backend]);
  if (error && !view) return <p role="alert">{error}</p>;
  return (
    <section aria-labelledby="rl-movers-title" className="rl-movers-pane">
      <h2 id="rl-movers-title" className="rl-sr-only">
        What changed for your accounts
      </h2>
      <MoversList
        movers={view?.movers ?? null}
        total={view?.total ?? 0}
        onShowAll={() => {
          backend.listMovers().then(
            (v) => setView(v),
            () => setError('Could not load the movers. Reopen to try again.'),
          );
        }}
        onOpen={onOpen}
        onOpenUrl={onOpenUrl}
        onUnwatch={(m) => {
          setView((v) => (v ? { ...v, movers: v.movers.filter((x) => x.rtpAid !== m.rtpAid), total: v.total - 1 } : v));
          void backend.unwatch(m.rtpAid).catch(() => undefined);
        }}
        onEscape={onEscape}
        autoFocus={autoFocus}
        now={now}
      />
      {backend.top ? <TopMovers backend={backend.top} onOpen={onOpen} /> : null}
    </section>
  );
}
