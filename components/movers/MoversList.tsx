import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { MoverView } from '@/utils/messaging';
import { ScoreBadge } from '../ScoreBadge';
import { intentText, isOpenableUrl, shortAgo } from './movers-format';
import './movers.css';

/** Rows asked for and rendered before "Show all" (the view opens fast however many accounts moved). */
export const MOVERS_SHOWN = 50;

export interface MoversListProps {
  /** null while loading */
  movers: MoverView[] | null;
  /** accounts in the whole list; more than movers.length: a "Show all" button calls onShowAll */
  total?: number;
  onShowAll?(): void;
  /** Enter / click on a row: show the account (side panel) */
  onOpen(m: MoverView): void;
  /** "Open in CRM": the remembered record page */
  onOpenUrl(url: string): void;
  onUnwatch(m: MoverView): void;
  /** Escape in the list */
  onEscape?(): void;
  /** focus the first row on mount (the popup's Movers tab) */
  autoFocus?: boolean;
  now?: Date;
}

/**
 * Watched accounts that moved, unseen first. Keyboard: ↑/↓ (Home/End) move between rows, Enter
 * opens the focused row's account, Tab reaches its "Open in CRM" and "Unwatch", Escape leaves.
 */
export function MoversList({ movers, total = 0, onShowAll, onOpen, onOpenUrl, onUnwatch, onEscape, autoFocus, now }: MoversListProps) {
  const rows = useRef<(HTMLButtonElement | null)[]>([]);
  const hasRows = !!movers?.length;
  useEffect(() => {
    if (autoFocus && hasRows) rows.current[0]?.focus();
  }, [autoFocus, hasRows]);

  if (!movers) return <p className="rl-muted">Loading movers…</p>;
  if (!movers.length) {
    return (
      <p className="rl-muted rl-movers-empty">
        No changes for your accounts yet. Accounts you view, pin, log activity for or add are watched; their score and
        stage changes show here after each sync.
      </p>
    );
  }

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const list = rows.current.filter((r): r is HTMLButtonElement => !!r);
    const at = list.findIndex((r) => r === document.activeElement || r.closest('li')?.contains(document.activeElement));
    const go = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at <= 0 ? list.length - 1 : at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape' && onEscape) {
      e.preventDefault();
      onEscape();
    }
  }

  const shown = movers;
  return (
    <>
    <ul className="rl-movers" aria-label="Accounts that changed" onKeyDown={onKeyDown}>
      {shown.map((m, i) => {
        const stageMoved = m.stageBefore !== m.stageAfter;
        return (
          <li key={m.rtpAid} className={m.unseen ? 'rl-mover rl-mover-unseen' : 'rl-mover'} data-rtpaid={m.rtpAid}>
            <button
              type="button"
              className="rl-card-btn rl-mover-main"
              ref={(el) => void (rows.current[i] = el)}
              onClick={() => onOpen(m)}
            >
              <span className="rl-mover-head">
                <span className="rl-card-name">{m.name}</span>
                {m.unseen ? <span className="rl-mover-new">New</span> : null}
                <span className="rl-muted rl-mover-ago">{shortAgo(m.at, now)}</span>
              </span>
              <span className="rl-muted">{m.domain}</span>
              <span className="rl-mover-scores" data-testid="mover-scores">
                <ScoreBadge score={m.scoreBefore} band={m.bandBefore} />
                <span> → </span>
                <ScoreBadge score={m.scoreAfter} band={m.bandAfter} />
              </span>
              {stageMoved ? (
                <span className="rl-mover-stage" data-testid="mover-stage">
                  {m.stageBefore || 'Not staged'} → {m.stageAfter || 'Not staged'}
                </span>
              ) : null}
              {m.topIntent ? <span className="rl-muted">{intentText(m.topIntent)}</span> : null}
              {/* the row's name is its visible text (axe: label-content-name-mismatch) plus what it does */}
              <span className="rl-sr-only">, open in side panel</span>
            </button>
            <span className="rl-mover-actions">
              {isOpenableUrl(m.lastUrl) ? (
                <a
                  className="rl-btn rl-btn-link"
                  href={m.lastUrl}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpenUrl(m.lastUrl!);
                  }}
                >
                  Open in CRM
                </a>
              ) : null}
              <button type="button" className="rl-btn rl-btn-link" onClick={() => onUnwatch(m)}>
                Unwatch
              </button>
            </span>
          </li>
        );
      })}
    </ul>
    {onShowAll && total > movers.length ? (
      <button type="button" className="rl-btn rl-btn-link" onClick={onShowAll}>
        Show all {total} accounts
      </button>
    ) : null}
    </>
  );
}
