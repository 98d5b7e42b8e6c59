import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Catches render errors so a bug in the panel never breaks the host page or a whole view. */
export class ErrorBoundary extends Component<{ children: ReactNode; fallback?: ReactNode; onError?: (e: unknown) => void }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo) {
    this.props.onError?.(error);
  }

  override render() {
    if (this.state.failed) return this.props.fallback ?? null;
    return this.props.children;
  }
}
