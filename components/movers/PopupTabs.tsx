import type { KeyboardEvent } from 'react';
import './movers.css';

export type PopupTab = 'search' | 'movers';

/** The popup's tab bar: Search and Movers (with the unseen count). ←/→ switch tabs. */
export function PopupTabs({ active, unseen, onSelect }: { active: PopupTab; unseen: number; onSelect(tab: PopupTab): void }) {
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    // inside the search box the arrows move the caret
    if ((e.target as HTMLElement).getAttribute('role') !== 'tab') return;
    e.preventDefault();
    onSelect(active === 'search' ? 'movers' : 'search');
  }
  const tab = (id: PopupTab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`rl-tab-${id}`}
      className="rl-tab"
      aria-selected={active === id}
      tabIndex={active === id ? 0 : -1}
      onClick={() => onSelect(id)}
    >
      {label}
    </button>
  );
  return (
    <div role="tablist" aria-label="Popup views" className="rl-tabs" onKeyDown={onKeyDown}>
      {tab('search', 'Search')}
      {tab('movers', unseen > 0 ? `Movers (${unseen})` : 'Movers')}
    </div>
  );
}
