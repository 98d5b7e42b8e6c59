import type { ReactNode } from 'react';

/** A titled region of the panel; the id is stable so later features (activity log) can slot in. */
export function PanelSection({ id, title, children }: { id: string; title?: string; children?: ReactNode }) {
  const headingId = `rl-section-${id}`;
  return (
    <section className="rl-section" data-section={id} aria-labelledby={title ? headingId : undefined}>
      {title ? (
        <h3 className="rl-section-title" id={headingId}>
          {title}
        </h3>
      ) : null}
      {children}
    </section>
  );
}
