/**
 * Retry policy: which failures may be repeated for which kind of request, and how long to wait.
 * Backoff is exponential with full jitter, never shorter than the server's Retry-After.
 */
import type { RecotapError } from './errors';

/**
 * 'safe': GETs and idempotent or duplicate-tolerant writes, retried on 429, 5xx, network and timeout.
 * 'unsafe': writes that could be applied twice, retried only on 429 (the server refused them unprocessed).
 */
export type RetryMode = 'safe' | 'unsafe';

export interface BackoffOptions {
  retryBaseMs: number;
  maxRetryDelayMs: number;
  random: () => number;
}

/** Whether this failure of a request in `mode` may be retried. */
export function shouldRetry(err: RecotapError, mode: RetryMode): boolean {
  if (err.cancelled) return false;
  if (err.kind === 'rate-limited') return true;
  if (mode === 'unsafe') return false;
  if (err.kind === 'server' || err.kind === 'network' || err.kind === 'offline' || err.kind === 'timeout') return true;
  return err.kind === 'unexpected-response' && err.status !== undefined && err.status >= 500;
}

/** Delay before retry number `attempt` (0-based): full jitter, at least Retry-After. */
export function backoffDelay(attempt: number, opts: BackoffOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(opts.maxRetryDelayMs, opts.retryBaseMs * 2 ** attempt);
  const jittered = Math.floor(ceiling * opts.random());
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Default sleep: a timer that ends early (rejecting) when the signal aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
