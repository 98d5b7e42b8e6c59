import type { ReactNode } from 'react';
import type { ErrorView } from '@/utils/view-models';

/** Loading skeleton: grey blocks shaped like the found state, announced as busy. */
export function PanelSkeleton() {
  return (
    <div className="rl-skeleton" aria-busy="true">
      <p className="rl-visually-hidden">Looking up this account…</p>
      <span className="rl-skel rl-skel-wide" />
      <span className="rl-skel" />
      <span className="rl-skel rl-skel-wide" />
      <span className="rl-skel" />
    </div>
  );
}

/** A plain state: a sentence and an optional action button. */
export function PanelMessage({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <div className="rl-message">
      <p className="rl-message-title">{title}</p>
      {children}
      {action ? (
        <div className="rl-actions">
          <button type="button" className="rl-btn rl-btn-primary" onClick={action.onClick}>
            {action.label}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The error state: what failed, and Retry when retrying can help (or Settings for a bad key). */
export function PanelError({ error, onRetry, onOpenOptions }: { error: ErrorView; onRetry: () => void; onOpenOptions: () => void }) {
  const keyProblem = error.kind === 'unauthorized';
  return (
    <div className="rl-message" role="alert">
      <p className="rl-message-title">Could not load this account</p>
      <p>{error.message}</p>
      <div className="rl-actions">
        {error.retryable || !keyProblem ? (
          <button type="button" className="rl-btn rl-btn-primary" onClick={onRetry}>
            Retry
          </button>
        ) : null}
        {keyProblem ? (
          <button type="button" className="rl-btn" onClick={onOpenOptions}>
            Open settings
          </button>
        ) : null}
      </div>
    </div>
  );
}
