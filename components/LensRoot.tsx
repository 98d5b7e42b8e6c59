import type { CSSProperties, ReactNode, Ref } from 'react';
import './styles/base.css';

export type ThemeMode = 'system' | 'light' | 'dark';

/** Root of every Lens view: scopes the styles (.rl-root) and selects the theme via data-theme. */
export function LensRoot({
  theme, className, style, children, ref,
}: { theme: ThemeMode; className?: string; style?: CSSProperties; children: ReactNode; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className={className ? `rl-root ${className}` : 'rl-root'} data-theme={theme} style={style} ref={ref}>
      {children}
    </div>
  );
}
