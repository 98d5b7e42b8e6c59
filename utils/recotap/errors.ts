/**
 * Typed errors of the Recotap client. Every failure the client raises is a RecotapError whose
 * message is a sentence a rep can act on; it never contains the API key or a request URL.
 */
import type { ErrorKind, ErrorView } from '../view-models';

export type RecotapErrorKind = Extract<
  ErrorKind,
  'unauthorized' | 'validation' | 'not-found' | 'conflict' | 'rate-limited' | 'server' | 'network' | 'timeout' | 'unexpected-response'
>;

export interface FieldError {
  field: string;
  messages: string[];
}

export interface RecotapErrorInit {
  status?: number;
  fieldErrors?: FieldError[];
  retryAfterMs?: number;
  customMessage?: string;
  /** true when the caller's AbortSignal ended the request (never retried) */
  cancelled?: boolean;
  cause?: unknown;
}

/** An API or transport failure, classified by kind. */
export class RecotapError extends Error {
  readonly kind: RecotapErrorKind;
  readonly status?: number;
  readonly fieldErrors?: FieldError[];
  readonly retryAfterMs?: number;
  readonly customMessage?: string;
  readonly cancelled: boolean;

  constructor(kind: RecotapErrorKind, message: string, init: RecotapErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    // a caller abort keeps the standard name so `err.name === 'AbortError'` checks keep working
    this.name = init.cancelled ? 'AbortError' : 'RecotapError';
    this.kind = kind;
    this.status = init.status;
    this.fieldErrors = init.fieldErrors;
    this.retryAfterMs = init.retryAfterMs;
    this.customMessage = init.customMessage;
    this.cancelled = init.cancelled ?? false;
  }
}

/**
 * A bulk write stopped at a failing chunk after earlier chunks succeeded. It carries the kind of
 * the failure plus the merged outcome of the completed chunks, so callers lose nothing.
 */
export class BulkPartialError<T = unknown> extends RecotapError {
  /** merged results and summary of the chunks that completed */
  readonly completed: T;
  /** number of input items covered by `completed` */
  readonly completedItems: number;

  constructor(cause: RecotapError, completed: T, completedItems: number, totalItems: number) {
    super(
      cause.kind,
      `${cause.message} (${completedItems} of ${totalItems} items were sent before the failure.)`,
      { status: cause.status, fieldErrors: cause.fieldErrors, retryAfterMs: cause.retryAfterMs, customMessage: cause.customMessage, cancelled: cause.cancelled, cause },
    );
    this.name = 'BulkPartialError';
    this.completed = completed;
    this.completedItems = completedItems;
  }
}

/** True for the per-item failure Recotap reports when an activity was already created (a retried send). */
export function isDuplicateActivityError(error?: string): boolean {
  return typeof error === 'string' && /already exists/i.test(error);
}

/** Whether repeating the same request later can succeed. */
export function isRetryableError(err: RecotapError): boolean {
  if (err.cancelled) return false;
  switch (err.kind) {
    case 'rate-limited':
    case 'server':
    case 'network':
    case 'timeout':
      return true;
    case 'unexpected-response':
      // an HTML 502 from a proxy is transient; a 200 with a drifted schema is not
      return err.status !== undefined && err.status >= 500;
    default:
      return false;
  }
}

function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

/** Maps any thrown value to the ErrorView that views render. */
export function toErrorView(err: unknown): ErrorView {
  if (err instanceof RecotapError) return { kind: err.kind, message: err.message, retryable: isRetryableError(err) };
  if (isAbortError(err)) return { kind: 'timeout', message: 'The request was cancelled.', retryable: false };
  if (err instanceof TypeError && /fetch|network/i.test(err.message)) {
    return { kind: 'network', message: 'Could not reach the Recotap API. Check your internet connection.', retryable: true };
  }
  const detail = err instanceof Error && err.message ? ` (${err.message})` : '';
  return { kind: 'internal', message: `Something went wrong inside the extension${detail}.`, retryable: false };
}
