import { useEffect, useRef } from 'react';

export interface ToastState {
  message: string;
  /** present while Undo is offered */
  undoId?: string;
}

/**
 * Polite live region for "Logged …" confirmations with an Undo button during the undo window. It sits
 * right under the quick-log buttons, sticks to the bottom of the panel's visible area (CSS), and is
 * scrolled into view when a message appears, so the rep sees it where they clicked.
 */
export function UndoToast({ toast, onUndo }: { toast: ToastState | null; onUndo(id: string): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (toast) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [toast]);
  // the region is always rendered so screen readers pick up the first message too
  return (
    <div ref={ref} className="rl-activity-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className="rl-activity-toast">
          <span>{toast.message}</span>
          {toast.undoId ? (
            <>
              <span aria-hidden="true"> — </span>
              <button type="button" className="rl-activity-link" onClick={() => onUndo(toast.undoId as string)}>
                Undo
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
