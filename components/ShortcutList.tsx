import type { Shortcut } from './shortcuts';

/** The keyboard shortcuts as a compact definition list (popup footer, Settings). */
export function ShortcutList({ shortcuts, className }: { shortcuts: Shortcut[]; className?: string }) {
  return (
    <dl className={className ? `rl-shortcuts ${className}` : 'rl-shortcuts'}>
      {shortcuts.map((s) => (
        <div key={s.action} className="rl-shortcut">
          <dt>{s.keys ? <kbd>{s.keys}</kbd> : <span className="rl-muted">not set</span>}</dt>
          <dd>{s.action}</dd>
        </div>
      ))}
    </dl>
  );
}
